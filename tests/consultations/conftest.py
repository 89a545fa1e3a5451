import pytest

from tests.consultations.factories import make_consultation_page


@pytest.fixture(autouse=True)
def fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def consultation_page(clinic_settings):
    return make_consultation_page(clinic_settings.site.root_page)
