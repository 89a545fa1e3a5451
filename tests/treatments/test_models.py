"""Treatment facts, validation and the page tree rules."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.test import override_settings

import pytest
from wagtail.test.utils import WagtailPageTestCase

from clinic_site.models import HomePage
from treatments.models import FaqPage, TreatmentIndexPage, TreatmentPage

pytestmark = pytest.mark.django_db


def facts_of(**fields):
    return dict(TreatmentPage(title="T", slug="t", **fields).facts)


def test_facts_render_ranges_and_single_values_with_units():
    facts = facts_of(
        session_minutes_min=15,
        session_minutes_max=30,
        results_weeks_min=12,
        sessions_min=1,
        sessions_max=1,
        numbing="Numbing cream or ice",
        downtime="None",
        results_onset="A few days to a week",
        price_from=Decimal("250.00"),
        price_currency="GBP",
    )

    assert facts == {
        "Session length": "15\u201330 minutes",
        "Numbing": "Numbing cream or ice",
        "Downtime": "None",
        "Results show": "A few days to a week",
        "Results last": "12 weeks",
        "Sessions needed": "1 session",
        "Price": "From £250",
    }


def test_single_minute_and_a_price_with_pence_and_an_unknown_currency():
    facts = facts_of(session_minutes_min=1, price_from=Decimal("1250.50"), price_currency="CHF")

    assert facts["Session length"] == "1 minute"
    assert facts["Price"] == "From 1,250.50 CHF"


def test_rows_without_a_value_are_hidden():
    facts = facts_of(session_minutes_min=20)

    assert list(facts) == ["Session length"]
    assert facts["Session length"] == "20 minutes"


@override_settings(TREATMENTS_DEFAULT_CURRENCY="EUR")
def test_new_treatments_take_the_default_currency_from_settings():
    assert TreatmentPage(title="T", slug="t").price_currency == "EUR"


def test_an_upper_end_smaller_than_the_lower_is_refused():
    page = TreatmentPage(title="T", slug="t", session_minutes_min=30, session_minutes_max=15)

    with pytest.raises(ValidationError) as error:
        page.clean()

    assert "session_minutes_max" in error.value.message_dict


def test_an_upper_end_alone_is_refused():
    page = TreatmentPage(title="T", slug="t", results_weeks_max=12)

    with pytest.raises(ValidationError) as error:
        page.clean()

    assert "results_weeks_min" in error.value.message_dict


class TreeRulesTests(WagtailPageTestCase):
    """Editors add treatments only under the treatments page; question lists under home."""

    def test_treatments_go_under_the_treatments_page_only(self):
        self.assertAllowedParentPageTypes(TreatmentPage, {TreatmentIndexPage})
        self.assertAllowedSubpageTypes(TreatmentPage, set())
        self.assertCanCreateAt(TreatmentIndexPage, TreatmentPage)
        self.assertCanNotCreateAt(HomePage, TreatmentPage)

    def test_the_treatments_page_goes_under_home_and_holds_only_treatments(self):
        self.assertAllowedParentPageTypes(TreatmentIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(TreatmentIndexPage, {TreatmentPage})
        self.assertCanCreateAt(HomePage, TreatmentIndexPage)

    def test_a_question_list_goes_under_home_and_holds_no_pages(self):
        self.assertAllowedParentPageTypes(FaqPage, {HomePage})
        self.assertAllowedSubpageTypes(FaqPage, set())
        self.assertCanCreateAt(HomePage, FaqPage)
        self.assertCanNotCreateAt(TreatmentIndexPage, FaqPage)


@override_settings(TREATMENTS_DEFAULT_CURRENCY="pounds")
def test_a_default_currency_that_is_not_an_iso_code_fails_the_system_check():
    from treatments.checks import check_default_currency

    (error,) = check_default_currency(None)

    assert error.id == "treatments.E001"
    assert "'pounds'" in error.msg and "GBP" in error.hint


def test_the_default_currency_passes_the_system_check():
    from treatments.checks import check_default_currency

    assert check_default_currency(None) == []
