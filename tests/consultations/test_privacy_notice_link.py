"""The consultation form links the clinic's privacy notice beside its consent box."""

import pytest

from clinic_site.models import StandardPage
from tests.clinic_site.factories import make_page

pytestmark = pytest.mark.django_db


def test_consent_box_links_the_privacy_notice_chosen_in_the_clinic_details(
    client, clinic_settings, consultation_page
):
    privacy = make_page(
        clinic_settings.site.root_page, model=StandardPage, title="Privacy notice", slug="privacy"
    )
    before = client.get(consultation_page.url).content.decode()
    clinic_settings.privacy_notice_page = privacy
    clinic_settings.save()

    html = client.get(consultation_page.url).content.decode()

    consent = html[html.index('name="consent"') :]
    assert 'href="/privacy/"' in consent.split("</fieldset>")[0]
    assert 'href="/privacy/"' not in before
