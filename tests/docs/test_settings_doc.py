"""docs/settings.md names every app setting and every system check id the code can report."""

import re
from pathlib import Path

import pytest

import blog.conf
import clinic_site.conf
import consultations.conf
import treatments.conf

ROOT = Path(__file__).resolve().parents[2]
SETTINGS_DOC = (ROOT / "docs" / "settings.md").read_text()
APPS = ("clinic_site", "blog", "treatments", "consultations")
CHECK_ID = re.compile(r"""["']((?:clinic_site|blog|treatments|consultations)\.[EW]\d{3})["']""")


def check_ids_in_code():
    return {
        check_id
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts
        for check_id in CHECK_ID.findall(path.read_text())
    }


@pytest.mark.parametrize("conf", [clinic_site.conf, blog.conf, treatments.conf, consultations.conf])
def test_every_app_setting_is_documented(conf):
    missing = [name for name in conf.DEFAULTS if f"`{name}`" not in SETTINGS_DOC]

    assert not missing


def test_every_check_id_is_documented_once_in_the_check_table():
    table = dict(re.findall(r"^\| `([a-z_]+\.[EW]\d{3})` \| (.+) \|$", SETTINGS_DOC, flags=re.M))
    in_code = check_ids_in_code()

    assert len(in_code) > 30
    assert sorted(in_code - table.keys()) == []
    assert sorted(table.keys() - in_code) == []
