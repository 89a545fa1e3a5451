"""Links to the consultation form carry what the page they are on is about."""

from types import SimpleNamespace

import pytest

from clinic_site import booking
from clinic_site.blocks import CallToActionBlock
from tests.clinic_site.factories import make_page
from tests.consultations.factories import make_consultation_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation_page(home_page):
    return make_consultation_page(home_page)


def cta(page, consultation_type=""):
    block = CallToActionBlock()
    return block.to_python(
        {
            "heading": "Book a virtual consultation",
            "button_label": "Book",
            "page": page.pk,
            "consultation_type": consultation_type,
        }
    )


def test_a_call_to_action_to_the_form_carries_the_treatment_and_the_type(
    consultation_page, home_page
):
    article = SimpleNamespace(booking_treatment=SimpleNamespace(slug="botox-for-migraines"))

    url = cta(consultation_page, "virtual").url_from(article)

    assert url == f"{consultation_page.url}?treatment=botox-for-migraines&type=virtual"
    assert cta(consultation_page).url_from(None) == consultation_page.url


def test_a_call_to_action_to_another_page_is_left_as_it_is(home_page):
    other = make_page(home_page, title="Prices", slug="prices")
    article = SimpleNamespace(booking_treatment=SimpleNamespace(slug="peel"))

    assert cta(other, "virtual").url_from(article) == other.url


def test_an_unknown_consultation_type_is_not_put_in_the_link(consultation_page):
    assert booking.booking_url(consultation_page, consultation_type="teleport") == (
        consultation_page.url
    )
