"""Pages render in a number of queries that does not grow with their content."""

import datetime

import pytest

from clinic_site.models import Author
from tests.clinic_site.factories import ImageFactory, approved
from treatments.models import TreatmentFaq

from .factories import (
    ConditionFactory,
    QuestionFactory,
    TreatmentCategoryFactory,
    faq_list_block,
    inline_question,
    make_faq_page,
    make_index,
    make_treatment,
    section,
    shared_question,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("size", [2, 12])
def test_treatment_page_query_count_does_not_grow_with_its_content(
    client, clinic_settings, django_assert_num_queries, size
):
    index = make_index(clinic_settings.site.root_page)
    effects = [("side_effect", {"name": f"Effect {n}", "detail": ""}) for n in range(size)]
    reviewer = Author.objects.create(name="Dr Ana Silva")
    page = make_treatment(
        index,
        hero_image=ImageFactory(),
        category=TreatmentCategoryFactory(),
        common_side_effects=effects,
        rare_side_effects=effects,
        body=[faq_list_block(*QuestionFactory.create_batch(size))],
    )
    page.conditions.add(*ConditionFactory.create_batch(size))
    for n in range(size):
        TreatmentFaq.objects.create(page=page, question=f"Q{n}?", answer="<p>A.</p>", sort_order=n)
        TreatmentFaq.objects.create(page=page, shared_question=QuestionFactory(), sort_order=n)
    page.save_revision()
    approved(page, reviewer, on=datetime.date(2026, 1, 1)).publish()  # shows the reviewer
    client.get(page.url)  # first view generates image renditions
    assert "Medically reviewed by Dr Ana Silva" in client.get(page.url).content.decode()

    with django_assert_num_queries(TREATMENT_PAGE_QUERIES):
        response = client.get(page.url)

    assert response.status_code == 200
    assert response.content.decode().count('<details class="faq"') == 3 * size


@pytest.mark.parametrize("size", [3, 30])
def test_faq_page_query_count_does_not_grow_with_questions(
    client, clinic_settings, django_assert_num_queries, size
):
    home = clinic_settings.site.root_page
    shared = QuestionFactory.create_batch(size // 3)
    inline = [inline_question(f"Inline question {n}?", "<p>Answer.</p>") for n in range(size // 3)]
    page = make_faq_page(
        home,
        sections=[
            section("Shared", *[shared_question(q) for q in shared]),
            section("Written here", *inline),
        ],
        body=[faq_list_block(*QuestionFactory.create_batch(size // 3))],
    )

    client.get(page.url)  # the first view fills the caches

    client.get(page.url)  # the first view fills the caches

    with django_assert_num_queries(FAQ_PAGE_QUERIES):
        response = client.get(page.url)

    assert response.content.decode().count('<details class="faq"') == size


def test_faq_page_medical_reviewer_costs_no_query_of_its_own(
    client, clinic_settings, django_assert_num_queries
):
    home = clinic_settings.site.root_page
    profile = make_index(home)  # the reviewer's profile page: any live page
    reviewer = Author.objects.create(
        name="Dr Ana Silva", photo=ImageFactory(), profile_page=profile
    )
    page = make_faq_page(
        home,
        sections=[section("Shared", shared_question(QuestionFactory()))],
        body=[faq_list_block(QuestionFactory())],
    )
    page.save_revision()
    approved(page, reviewer, on=datetime.date(2026, 1, 1)).publish()
    client.get(page.url)  # the first view fills the caches and makes the portrait

    with django_assert_num_queries(FAQ_PAGE_QUERIES):
        response = client.get(page.url)

    html = response.content.decode()
    assert f'Medically reviewed by <a href="{profile.url}">Dr Ana Silva</a>' in html
    assert 'class="author-card__photo"' in html  # their portrait


@pytest.mark.parametrize("size", [1, 8])
def test_treatment_index_query_count_does_not_grow_with_treatments(
    client, clinic_settings, django_assert_num_queries, size
):
    index = make_index(clinic_settings.site.root_page)
    categories = TreatmentCategoryFactory.create_batch(2)
    for n in range(size):
        page = make_treatment(
            index,
            title=f"T{n}",
            slug=f"t{n}",
            category=categories[n % 2],
            hero_image=ImageFactory(),
            session_minutes_min=20,
        )
        page.conditions.add(ConditionFactory())
    client.get(index.url)  # first view generates image renditions

    with django_assert_num_queries(INDEX_PAGE_QUERIES):
        response = client.get(index.url, {"category": categories[0].slug})

    assert response.status_code == 200


# The body's chosen questions (one query). The site, the pages on the address, the
# treatment with its images, category and reviewer, its FAQ entries and
# conditions, the clinic's details, the menu, the footer's locations and the
# private sections come from the content cache.
TREATMENT_PAGE_QUERIES = 1
# The sections' shared questions (one query), the body's chosen questions (one
# query); the FAQ page with its images and its reviewer's name, photo and profile
# page comes from the content cache.
FAQ_PAGE_QUERIES = 2
# The categories and conditions offered as filters, the treatments with their
# categories and images; the index comes from the content cache.
INDEX_PAGE_QUERIES = 3
