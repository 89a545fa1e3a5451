"""Demo content: the consultation page, wired in, and sample requests only in development."""

from io import StringIO

from django.core.management import call_command
from django.test import override_settings

import pytest
from wagtail.models import Page, Revision

from clinic_site.models import ClinicSettings, HomePage
from consultations.models import ConsultationPage, ConsultationRequest

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        list(Page.objects.order_by("path").values_list("path", "title", "live")),
        Revision.objects.count(),
        ConsultationRequest.objects.count(),
    )


@override_settings(DEBUG=True)
def test_demo_adds_the_consultation_page_links_it_and_runs_twice_cleanly(client):
    call_command("load_demo_content", "--with-sample-requests", stdout=StringIO())
    before = snapshot()

    call_command("load_demo_content", "--with-sample-requests", stdout=StringIO())

    assert snapshot() == before
    page = ConsultationPage.objects.get(slug="book-a-consultation")
    assert page.title == "Book a consultation" and page.show_in_menus and page.live
    assert ClinicSettings.objects.get().consultation_page_id == page.pk
    assert HomePage.objects.get().hero_cta_page_id == page.pk
    statuses = set(ConsultationRequest.objects.values_list("status", flat=True))
    assert statuses == {"new", "contacted", "booked", "closed", "spam"}
    response = client.get(page.url, HTTP_HOST="127.0.0.1:8000")
    assert response.status_code == 200


@override_settings(DEBUG=False)
def test_sample_requests_are_refused_outside_development():
    out = StringIO()

    call_command("load_demo_content", "--with-sample-requests", stdout=out)

    assert not ConsultationRequest.objects.exists()
    assert "only added in development" in out.getvalue()
