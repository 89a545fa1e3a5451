"""The author extension point: bylines and reviewers follow `CLINIC_AUTHOR_MODEL`."""

from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

import pytest

from blog.models import BlogPostAuthor, BlogPostPage
from clinic_site import get_author_model, get_author_model_string
from clinic_site.models import Author
from treatments.models import TreatmentPage


def test_the_default_author_model_is_the_cores_author():
    assert get_author_model_string() == "clinic_site.Author"
    assert get_author_model() is Author


@pytest.mark.parametrize(
    ("field", "model"),
    [
        ("author", BlogPostAuthor),
        ("reviewer", BlogPostPage),
        ("reviewer", TreatmentPage),
    ],
)
def test_bylines_and_reviewers_point_at_the_author_model_in_use(field, model):
    assert model._meta.get_field(field).related_model is get_author_model()


@override_settings(CLINIC_AUTHOR_MODEL="wagtailimages.Image")
def test_the_setting_names_the_model_returned():
    from wagtail.images.models import Image

    assert get_author_model() is Image


@pytest.mark.parametrize("value", ["Author", "people.Person"])
def test_a_setting_that_names_no_installed_model_is_a_clear_error(value):
    with (
        override_settings(CLINIC_AUTHOR_MODEL=value),
        pytest.raises(ImproperlyConfigured) as raised,
    ):
        get_author_model()

    assert "CLINIC_AUTHOR_MODEL" in str(raised.value)
