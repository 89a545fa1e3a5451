"""Staff find encrypted requests by an e-mail address, a phone number or a word of the name."""

from django.urls import reverse

import pytest

from consultations import blind_index
from tests.consultations.factories import ConsultationRequestFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("07700 900123", "07700900123"),
        ("+44 7700 900123", "07700900123"),
        ("+44 (0)7700 900123", "07700900123"),
        ("0044 7700-900-123", "07700900123"),
        ("447700900123", "07700900123"),
        ("(0161) 496 0000", "01614960000"),
        ("+33 1 23 45 67 89", "0033123456789"),
        ("0033 1 23 45 67 89", "0033123456789"),
        ("", ""),
    ],
)
def test_a_phone_number_has_one_spelling_however_it_was_written(written, normalised):
    assert blind_index.normalise_phone(written) == normalised


def test_name_words_ignore_case_accents_and_punctuation():
    assert blind_index.name_words("Zoë  O'NEILL-Smith") == ["neill", "o", "smith", "zoe"]


@pytest.fixture
def requests():
    return {
        "jamie": ConsultationRequestFactory(
            name="Jamie Quinlan", email="Jamie.Quinlan@Example.com", phone="07700 900123"
        ),
        "ruth": ConsultationRequestFactory(
            name="Ruth Quinlan-Ellison", email="ruth@example.com", phone="+44 161 496 0000"
        ),
        "zoe": ConsultationRequestFactory(name="Zoë Marsh", email="", phone="07700 900999"),
    }


def listed(client, query):
    html = client.get(reverse("consultationrequest:index"), {"q": query}).content.decode()
    return {name for name in ("Jamie Quinlan", "Ruth Quinlan-Ellison", "Zoë Marsh") if name in html}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Quinlan", {"Jamie Quinlan", "Ruth Quinlan-Ellison"}),
        ("jamie quinlan", {"Jamie Quinlan"}),
        ("zoe", {"Zoë Marsh"}),
        ("jamie.quinlan@example.com", {"Jamie Quinlan"}),
        ("  RUTH@EXAMPLE.COM ", {"Ruth Quinlan-Ellison"}),
        ("jamie.quinlan@", {"Jamie Quinlan"}),
        ("07700900123", {"Jamie Quinlan"}),
        ("+44 7700 900123", {"Jamie Quinlan"}),
        ("0161 496 0000", {"Ruth Quinlan-Ellison"}),
        ("Quin", set()),
        ("900123", set()),
        ("example.com", set()),
    ],
)
def test_the_listing_search_finds_whole_values_through_the_blind_index(
    admin_client, requests, query, expected
):
    assert listed(admin_client, query) == expected


def test_an_earlier_version_s_contact_details_still_find_the_request(admin_client):
    ConsultationRequestFactory(
        name="Jamie Quinlan",
        email="new@example.com",
        earlier_versions=[{"name": "J Quinlan", "email": "old@example.com", "phone": ""}],
    )

    assert listed(admin_client, "old@example.com") == {"Jamie Quinlan"}
    assert listed(admin_client, "new@example.com") == {"Jamie Quinlan"}


def test_changing_who_sent_it_updates_what_finds_it(admin_client):
    request = ConsultationRequestFactory(name="Jamie Quinlan", email="a@example.com")

    request.name, request.email = "Ruth Quinlan-Ellison", "b@example.com"
    request.save()

    assert listed(admin_client, "jamie") == set()
    assert listed(admin_client, "a@example.com") == set()
    assert listed(admin_client, "b@example.com") == {"Ruth Quinlan-Ellison"}


def test_names_are_not_offered_for_sorting(admin_client, requests):
    html = admin_client.get(reverse("consultationrequest:index")).content.decode()

    assert "ordering=name" not in html and "ordering=-name" not in html
    assert "ordering=status" in html or "ordering=-status" in html


def test_a_patients_words_never_reach_the_site_search_or_its_suggestions(client, home_page):
    from django.contrib.contenttypes.models import ContentType

    from wagtail.search.models import IndexEntry

    from clinic_site.search import suggestions
    from consultations.models import ConsultationRequest

    ConsultationRequestFactory(
        name="Philippa Quennell", email="philippa@example.com", message="Rosacea flares."
    )

    html = client.get("/search/", {"q": "Quennell rosacea"}).content.decode()

    assert "No pages match" in html
    assert "Did you mean" not in html
    assert not IndexEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(ConsultationRequest)
    ).exists()
    assert not {"philippa", "quennell", "rosacea"} & set(suggestions.vocabulary())
