"""The public site's Content-Security-Policy, and templates that never need inline code."""

import re

import pytest

from tests import shared_demo
from tests.e2e.site_pages import public_pages

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(ld\+)?json)[^>]*>", re.I)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=\"", re.I)


def test_public_pages_send_a_strict_content_security_policy(client, home_page):
    policy = client.get("/")["Content-Security-Policy"]

    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "object-src 'none'" in policy
    assert "unsafe-inline" not in policy


def test_the_admin_manages_its_own_policy(admin_client, home_page):
    assert "Content-Security-Policy" not in admin_client.get("/admin/")


def test_no_public_page_of_the_demo_has_inline_scripts_or_styles(client, run_folder):
    shared_demo.load(run_folder)

    offenders = {}
    for name, path in public_pages():
        html = client.get(path).content.decode()
        found = INLINE_SCRIPT.findall(html) + INLINE_STYLE.findall(html)
        if found:
            offenders[name] = found

    assert not offenders
