"""Blog categories: the shared term shape, with help that speaks of categories."""

import pytest

from tests.blog.factories import CategoryFactory

pytestmark = pytest.mark.django_db


def test_category_form_explains_where_each_field_shows(admin_client):
    html = admin_client.get("/admin/snippets/blog/blogcategory/add/").content.decode()

    assert "Shown on articles and as the heading of the category&#x27;s list" in html
    assert "The last part of the category&#x27;s web address" in html
    assert "shown at the top of the category&#x27;s list" in html


def test_categories_are_listed_by_name_in_the_admin(admin_client):
    CategoryFactory(name="Skin", slug="skin")
    CategoryFactory(name="Injectables", slug="injectables")

    html = admin_client.get("/admin/snippets/blog/blogcategory/").content.decode()

    assert html.index("Injectables") < html.index("Skin")
