"""Treatment categories and conditions: the shared term shape, with help that fits each."""

import pytest

from treatments.models import Condition, TreatmentCategory

from .factories import TreatmentCategoryFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("model", "help_texts"),
    [
        (
            "treatmentcategory",
            [
                "Shown as a heading on the treatments page",
                "when patients filter by this category",
                "shown under the heading",
                "Categories with lower numbers are listed first.",
            ],
        ),
        (
            "condition",
            [
                "As patients would say it",
                "when patients filter by this condition",
                "A sentence explaining the condition in plain words.",
            ],
        ),
    ],
)
def test_term_forms_explain_where_each_field_shows(admin_client, model, help_texts):
    html = admin_client.get(f"/admin/snippets/treatments/{model}/add/").content.decode()

    for text in help_texts:
        assert text in html


def test_a_condition_name_may_be_longer_than_a_category_name(admin_client):
    name = "Excessive underarm sweating that does not settle with strong antiperspirants or creams"
    assert len(name) > 80

    admin_client.post(
        "/admin/snippets/treatments/condition/add/",
        {"name": name, "slug": "underarm-sweating", "description": ""},
    )

    assert Condition.objects.get(slug="underarm-sweating").name == name


def test_treatment_categories_keep_the_editors_order_before_their_names():
    TreatmentCategoryFactory(name="Fillers", sort_order=2)
    TreatmentCategoryFactory(name="Skin boosters", sort_order=1)
    TreatmentCategoryFactory(name="Anti-wrinkle", sort_order=2)

    names = [str(category) for category in TreatmentCategory.objects.all()]

    assert names == ["Skin boosters", "Anti-wrinkle", "Fillers"]
