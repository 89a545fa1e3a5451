"""
Patients' reviews: shown on the home page and their treatment's page while the
patient's authorization covers the website, never marked up as self-serving
schema.org reviews, and gone everywhere in one step when it is withdrawn.
"""

import datetime

from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

import pytest

from clinic_site.models import PatientAuthorization
from clinic_site.models import Testimonial as PatientReview  # not a test class for pytest
from clinic_site.withdrawal import withdraw
from tests.treatments.factories import make_index, make_treatment
from tests.treatments.helpers import json_ld, main_of

from .test_home_page import HOME_PAGE_QUERIES

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


def authorization(**fields):
    fields.setdefault("given_on", TODAY - datetime.timedelta(days=10))
    return PatientAuthorization.objects.create(**fields)


def review(quote, auth=None, **fields):
    fields.setdefault("shown_name", "Sarah K.")
    fields.setdefault("given_on", TODAY - datetime.timedelta(days=5))
    fields["authorization"] = auth or authorization()
    return PatientReview.objects.create(quote=quote, **fields)


@pytest.fixture
def treatment(clinic_settings):
    return make_treatment(make_index(clinic_settings.site.root_page), title="Lip filler")


def test_the_home_page_shows_authorized_reviews_with_name_treatment_source_and_date(
    client, treatment
):
    review("Calm, careful and honest about what to expect.", treatment=treatment, source="google")
    review("Hidden: withdrawn.", authorization(withdrawn_at=timezone.now()))
    review("Hidden: expired.", authorization(expires_on=TODAY - datetime.timedelta(days=1)))
    review("Hidden: social media only.", authorization(covers_website=False, covers_social=True))
    review("Hidden: not for the home page.", on_home_page=False)

    main = main_of(client.get("/").content.decode())

    assert '<h2 id="testimonials-heading">What our patients say</h2>' in main
    assert "Calm, careful and honest about what to expect." in main
    assert "Sarah K." in main
    assert f'<a href="{treatment.url}">Lip filler</a>' in main
    assert "Google, <time datetime=" in main
    assert "Hidden" not in main


def test_no_page_marks_the_clinics_own_reviews_up_as_review_or_rating(client, treatment):
    review("Lovely team.", treatment=treatment)

    for url in ("/", treatment.url):
        html = client.get(url).content.decode()
        assert "Lovely team." in html
        text = str(json_ld(html))
        assert "Review" not in text and "aggregateRating" not in text.lower(), url
        assert "itemprop" not in html, url


def test_the_home_page_shows_the_newest_reviews_up_to_its_number(client, home_page):
    for day in range(5):
        review(f"Review from day {day}.", given_on=TODAY - datetime.timedelta(days=day))
    home_page.testimonials_count = 2
    home_page.save_revision().publish()

    main = main_of(client.get("/").content.decode())

    assert "Review from day 0." in main and "Review from day 1." in main
    assert "Review from day 2." not in main


def test_a_treatment_page_shows_only_its_own_reviews(client, treatment, clinic_settings):
    other = make_treatment(treatment.get_parent(), title="Peels", slug="peels")
    review("About lips.", treatment=treatment)
    review("About peels.", treatment=other)

    main = main_of(client.get(treatment.url).content.decode())

    assert "About lips." in main and "About peels." not in main


def test_withdrawing_takes_a_review_off_both_pages_and_both_apis(
    client, treatment, home_page, admin_user
):
    consent = authorization()
    review("Withdrawn words.", consent, treatment=treatment)
    review("Words that stay.", treatment=treatment)
    pages = ["/", treatment.url]
    apis = [f"/api/{v}/pages/{p.pk}/" for v in ("v2", "v3") for p in (home_page, treatment)]
    assert all("Withdrawn words." in client.get(url).content.decode() for url in pages + apis)

    withdraw(consent, admin_user)

    for url in pages + apis:
        content = client.get(url).content.decode()
        assert "Withdrawn words." not in content, url
        assert "Words that stay." in content, url


def test_the_api_gives_typed_reviews_without_the_authorization(client, treatment, home_page):
    review("Kind and clear.", authorization(patient_record="RX-77"), treatment=treatment)

    for version in ("v2", "v3"):
        data = client.get(f"/api/{version}/pages/{home_page.pk}/").json()
        (item,) = data["testimonials"]
        assert item["quote"] == "Kind and clear."
        assert item["shown_name"] == "Sarah K."
        assert item["source_label"] == "In the clinic"
        assert item["treatment"]["title"] == "Lip filler"
        assert "RX-77" not in str(data) and "PA-" not in str(data)


@pytest.mark.parametrize("name", ["Sarah", "Sarah K.", "S. K.", "SK", "Anne-Marie", "Zoë"])
def test_a_first_name_or_initials_is_accepted(name):
    PatientReview(quote="Good.", shown_name=name, authorization=authorization()).full_clean()


@pytest.mark.parametrize("name", ["Sarah Kowalski", "Mary Ann Smith", "sarah@example.org"])
def test_a_full_name_is_refused_with_a_clear_message(name):
    with pytest.raises(ValidationError) as error:
        PatientReview(quote="Good.", shown_name=name, authorization=authorization()).full_clean()

    assert "first name or initials" in str(error.value.message_dict["shown_name"])


def test_a_review_without_an_authorization_cannot_be_saved_in_the_admin(admin_client):
    response = admin_client.post(
        "/admin/snippets/clinic_site/testimonial/add/",
        {
            "quote": "Great.",
            "shown_name": "Ben",
            "given_on": TODAY.isoformat(),
            "source": "clinic",
            "on_home_page": "on",
            "authorization": "",
        },
    )

    assert response.status_code == 200
    assert "Enter the reference of the patient&#x27;s signed authorization" in (
        response.content.decode()
    )
    assert not PatientReview.objects.exists()


def test_the_reviews_listing_costs_the_same_queries_for_any_number_of_rows(admin_client, treatment):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    review("The only one.", treatment=treatment)
    admin_client.get("/admin/snippets/clinic_site/testimonial/")  # the admin's caches filled
    with CaptureQueriesContext(connection) as one:
        admin_client.get("/admin/snippets/clinic_site/testimonial/")
    expired = authorization(expires_on=TODAY - datetime.timedelta(days=1))
    for n in range(7):
        review(f"Review {n}.", auth=expired if n % 2 else None, treatment=treatment)
    with CaptureQueriesContext(connection) as eight:
        response = admin_client.get("/admin/snippets/clinic_site/testimonial/")

    html = response.content.decode()
    assert html.count("Review ") >= 7
    assert len(eight.captured_queries) == len(one.captured_queries)


@pytest.mark.parametrize("count", [1, 8])
@override_settings(CLINIC_LATEST_POSTS_MODEL="nonexistent.Model")
def test_home_page_query_count_does_not_grow_with_reviews(
    client, home_page, clinic_settings, django_assert_num_queries, count, treatment
):
    home_page.testimonials_count = count
    home_page.save_revision().publish()
    for n in range(count):
        review(f"Review {n}.", treatment=treatment)
    client.get("/")

    with django_assert_num_queries(HOME_WITH_REVIEWS_QUERIES):
        response = client.get("/")

    assert response.content.decode().count('class="testimonial"') == count


# The home page's (empty) featured pages: the site with its home page, and the
# reviews with their treatments, come from the content cache. Within the home
# page's budget.
HOME_WITH_REVIEWS_QUERIES = 1
assert HOME_WITH_REVIEWS_QUERIES <= HOME_PAGE_QUERIES
