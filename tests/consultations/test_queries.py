"""The consultation page renders in a number of queries that does not grow with its form."""

import pytest

from consultations.models import ConsultationFormField

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("extra_fields", [0, 6])
def test_consultation_page_query_count_does_not_grow_with_its_questions(
    client, consultation_page, django_assert_num_queries, extra_fields
):
    for n in range(extra_fields):
        ConsultationFormField.objects.create(
            page=consultation_page, label=f"Question {n}", field_type="singleline", sort_order=n
        )
    client.get(consultation_page.url)  # the first view fills the caches

    with django_assert_num_queries(CONSULTATION_PAGE_QUERIES):
        response = client.get(consultation_page.url)

    assert response.status_code == 200
    assert response.content.decode().count("Question ") >= extra_fields


# The treatments it offers (links, then the pages), its extra questions. The site,
# the pages on the address, the consultation page itself, the clinic's details,
# menu and footer come from the content cache.
CONSULTATION_PAGE_QUERIES = 3
