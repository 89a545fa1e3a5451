"""
SQLite under concurrent admin use: an autosave and a Publish that arrive together
must both be stored, never answer "database is locked" (settings/base.py,
`SQLITE_OPTIONS`).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def write_concurrently(database, *args):
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "clinic_site.settings.dev",
        "DATABASE_URL": f"sqlite:///{database}",
    }
    result = subprocess.run(  # noqa: S603 - our own script, fixed arguments
        [sys.executable, "-m", "tests.clinic_site.sqlite_writers", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_two_writers_at_once_are_both_stored(tmp_path):
    outcome = write_concurrently(tmp_path / "db.sqlite3")

    assert outcome["errors"] == []
    assert sorted(outcome["stored"]) == ["autosave", "publish"]
    assert outcome["journal_mode"] == "wal"


def test_without_the_settings_one_writer_is_refused(tmp_path):
    """The scenario above reproduces the fault when Django's defaults are used."""
    outcome = write_concurrently(tmp_path / "db.sqlite3", "--django-defaults")

    assert len(outcome["stored"]) == 1
    assert len(outcome["errors"]) == 1
    assert "database is locked" in outcome["errors"][0]
