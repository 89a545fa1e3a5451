"""Demo content: the consultation page, wired in, and sample requests only in development."""

import pytest
from wagtail.models import Page, Revision

from clinic_site.models import ClinicSettings, HomePage
from consultations.models import ConsultationPage, ConsultationRequest
from tests.demo.conftest import load_again

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        list(Page.objects.order_by("path").values_list("path", "title", "live")),
        Revision.objects.count(),
        ConsultationRequest.objects.count(),
    )


def test_demo_adds_the_consultation_page_links_it_and_runs_twice_cleanly(client):
    before = snapshot()

    load_again("--with-sample-requests")

    assert snapshot() == before
    page = ConsultationPage.objects.get(slug="book-a-consultation")
    assert page.title == "Book a consultation" and page.show_in_menus and page.live
    assert ClinicSettings.objects.get().consultation_page_id == page.pk
    assert HomePage.objects.get().hero_cta_page_id == page.pk
    statuses = set(ConsultationRequest.objects.values_list("status", flat=True))
    assert statuses == {"new", "contacted", "booked", "closed", "spam"}
    response = client.get(page.url, HTTP_HOST="127.0.0.1:8000")
    assert response.status_code == 200


def test_sample_requests_are_refused_outside_development():
    ConsultationRequest.objects.all().delete()

    out = load_again("--with-sample-requests", DEBUG=False)

    assert not ConsultationRequest.objects.exists()
    assert "only added in development" in out
