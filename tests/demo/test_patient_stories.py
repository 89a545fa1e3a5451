"""The demo's before-and-after galleries and patients' reviews, each under a demo authorization."""

import pytest

from clinic_site.models import HomePage, PatientAuthorization
from clinic_site.models import Testimonial as PatientReview  # not a test class for pytest
from tests.demo.conftest import load_again
from treatments.models import TreatmentBeforeAfter, TreatmentPage

pytestmark = pytest.mark.django_db

HOST = {"HTTP_HOST": "127.0.0.1:8000"}


def test_demo_has_a_gallery_of_drawn_illustrations_on_two_treatments(client):
    pages = TreatmentPage.objects.filter(before_after_pairs__isnull=False).distinct()

    assert pages.count() == 2
    for page in pages:
        html = client.get(page.url, **HOST).content.decode()
        assert '<h2 id="treatment-before-after">Before and after</h2>' in html, page.slug
        (pair,) = page.shown_before_after
        assert pair.before_alt in html and pair.after_alt in html
        assert pair.authorization.covers("website")
        assert pair.before_image.file.name.endswith(".png")  # drawn, not a photo


def test_demo_home_page_shows_three_authorized_reviews(client):
    html = client.get("/", **HOST).content.decode()

    assert html.count('class="testimonial"') == 3
    assert "What our patients say" in html
    assert all(review.is_authorized for review in PatientReview.objects.all())
    assert HomePage.objects.get().get_testimonials()


def test_demo_authorizations_name_no_patient():
    for authorization in PatientAuthorization.objects.all():
        assert authorization.patient_record.startswith("DEMO-")


def test_loading_the_demo_again_adds_no_pairs_reviews_or_authorizations():
    before = (
        TreatmentBeforeAfter.objects.count(),
        PatientReview.objects.count(),
        PatientAuthorization.objects.count(),
    )

    load_again()

    assert before == (
        TreatmentBeforeAfter.objects.count(),
        PatientReview.objects.count(),
        PatientAuthorization.objects.count(),
    )
