"""The consultation page's rules for editors, and its structured data."""

import json
import re

from django.core.exceptions import ValidationError

import pytest
from wagtail.models import get_page_models

from clinic_site.models import HomePage
from consultations.models import ConsultationPage, ConsultationRequest
from tests.consultations.factories import make_consultation_page

pytestmark = pytest.mark.django_db


def test_editors_can_add_one_consultation_page_under_the_home_page(home_page):
    assert ConsultationPage.allowed_parent_page_models() == [HomePage]
    assert ConsultationPage.can_create_at(home_page)

    make_consultation_page(home_page)

    assert not ConsultationPage.can_create_at(home_page)


def test_a_consultation_page_holds_no_other_pages(consultation_page):
    assert ConsultationPage.allowed_subpage_models() == []
    assert not any(model.can_create_at(consultation_page) for model in get_page_models())


def test_editors_must_offer_a_consultation_type_and_valid_staff_addresses(consultation_page):
    consultation_page.offer_virtual = consultation_page.offer_in_person = False
    consultation_page.notify_emails = "desk@riverside.example\nnot an address"

    with pytest.raises(ValidationError) as error:
        consultation_page.full_clean()

    assert set(error.value.message_dict) >= {"offer_in_person", "notify_emails"}


def test_consent_version_changes_when_the_wording_changes(consultation_page):
    before = consultation_page.consent_version
    consultation_page.consent_text += " I can withdraw this at any time."

    assert consultation_page.consent_version != before


def test_request_label_carries_no_personal_data():
    request = ConsultationRequest(
        pk=7, reference="K7QM3XPA", name="Secret Name", email="s@example.com"
    )

    assert str(request) == "Request K7QM3XPA"


def test_page_describes_itself_as_a_contact_page(client, consultation_page):
    html = client.get(consultation_page.url).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    types = [json.loads(block)["@type"] for block in blocks]

    assert "ContactPage" in types and "BreadcrumbList" in types
