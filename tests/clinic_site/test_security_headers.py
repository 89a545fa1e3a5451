"""
The public site's Content-Security-Policy, templates that never need inline code,
and a nonce for the pages that would (only when the policy names one).
"""

import re

from django.http import HttpResponse
from django.test import RequestFactory

import pytest
from csp.constants import NONCE, SELF

from clinic_site.csp import CSPMiddleware
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


def _answer_reading_the_nonce(request):
    """A view whose template puts the request's nonce on an inline script."""
    return HttpResponse(f'<script nonce="{request.csp_nonce}">go()</script>')


def test_a_policy_that_names_a_nonce_gets_one_on_the_page_and_in_the_header(settings):
    policy = settings.CONTENT_SECURITY_POLICY
    settings.CONTENT_SECURITY_POLICY = {
        **policy,
        "DIRECTIVES": {**policy["DIRECTIVES"], "script-src": [SELF, NONCE]},
    }

    response = CSPMiddleware(_answer_reading_the_nonce)(RequestFactory().get("/"))

    nonce = re.search(r'nonce="([^"]+)"', response.content.decode()).group(1)
    assert f"script-src 'self' 'nonce-{nonce}'" in response["Content-Security-Policy"]


def test_without_a_nonce_in_the_policy_no_request_carries_one(client, home_page):
    seen = []
    response = CSPMiddleware(lambda request: seen.append(request) or HttpResponse("ok"))(
        RequestFactory().get("/")
    )

    assert not hasattr(seen[0], "csp_nonce")
    assert "nonce" not in response["Content-Security-Policy"]
    assert "nonce" not in client.get("/")["Content-Security-Policy"]
