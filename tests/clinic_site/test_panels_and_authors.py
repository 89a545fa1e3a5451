"""Shared admin pieces: the page-type chooser that tolerates missing apps, and authors."""

import datetime

import pytest

from clinic_site import seo
from clinic_site.models import Author, HomePage
from clinic_site.panels import PageTypeChooserPanel

pytestmark = pytest.mark.django_db


def chooser_widget(page_type):
    panel = PageTypeChooserPanel("hero_cta_page", page_type=page_type).bind_to_model(HomePage)
    return panel.get_form_options().get("widgets", {}).get("hero_cta_page")


def test_chooser_is_restricted_to_an_installed_page_type():
    widget = chooser_widget("clinic_site.HomePage")

    assert [m.__name__ for m in widget.target_models] == ["HomePage"]


def test_chooser_for_a_type_from_an_app_not_installed_falls_back_to_any_page():
    assert chooser_widget("nonexistent.SomePage") is None  # Wagtail's default page chooser


def test_clinic_settings_editor_opens_without_the_consultations_app(admin_client, home_page):
    response = admin_client.get(
        f"/admin/settings/clinic_site/clinicsettings/{home_page.get_site().pk}/"
    )

    assert response.status_code == 200
    assert "Consultation page" in response.content.decode()


def test_author_structured_data_names_credentials_and_role():
    author = Author.objects.create(
        name="Dr Ana Silva",
        credentials="MD",
        job_title="Dermatologist",
        profile_url="https://register.example/ana",
    )

    assert author.to_json_ld() == {
        "@type": "Person",
        "name": "Dr Ana Silva",
        "honorificSuffix": "MD",
        "jobTitle": "Dermatologist",
        # No page here is about her: her register entry is the same person elsewhere.
        "sameAs": ["https://register.example/ana"],
    }
    assert str(author) == "Dr Ana Silva, MD"


def test_medical_web_page_carries_reviewer_and_date_of_a_current_review(home_page):
    reviewer = Author.objects.create(name="Dr Ben Okafor", credentials="MBBS")
    home_page.reviewer = reviewer
    home_page.last_reviewed = datetime.date(2026, 3, 1)
    # What MedicalReviewMixin says of a page whose content a clinician approved.
    home_page.review_is_current = True

    data = seo.medical_web_page(home_page)

    assert data["@type"] == "MedicalWebPage"
    assert data["lastReviewed"] == "2026-03-01"
    assert data["reviewedBy"]["name"] == "Dr Ben Okafor"

    home_page.review_is_current = False  # changed since the approval
    data = seo.medical_web_page(home_page)
    assert "lastReviewed" not in data and "reviewedBy" not in data


def test_author_snippet_is_listed_in_the_admin(admin_client):
    Author.objects.create(name="Nurse Cara Lee", credentials="RN")

    response = admin_client.get("/admin/snippets/clinic_site/author/")

    assert response.status_code == 200
    assert "Nurse Cara Lee" in response.content.decode()
