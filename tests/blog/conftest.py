import pytest

from tests.blog.factories import make_blog


@pytest.fixture(autouse=True)
def _clear_cache():
    """The comment rate limit lives in the cache; each test starts with a clean one."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def blog(home_page):
    return make_blog(home_page, show_in_menus=True)
