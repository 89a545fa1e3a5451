import pytest

from tests.blog.factories import make_blog


@pytest.fixture
def blog(home_page):
    return make_blog(home_page, show_in_menus=True)
