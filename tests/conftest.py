"""Fixtures every app's tests share: the site's home page and the clinic's details."""

import pytest

from tests.clinic_site.factories import make_home_page


@pytest.fixture(autouse=True)
def _empty_caches():
    """Each test starts with empty caches: renditions, site roots, rate limits."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield


@pytest.fixture
def home_page(db):
    """A published `HomePage` at the root of the default site, as the demo builds it."""
    return make_home_page()


@pytest.fixture
def clinic_settings(home_page):
    from wagtail.models import Site

    from clinic_site.models import ClinicSettings

    clinic = ClinicSettings.for_site(Site.objects.get(is_default_site=True))
    clinic.clinic_name = "Riverside Skin Clinic"
    clinic.phone = "+44 161 496 0000"
    clinic.email = "care@riverside.example"
    clinic.address = "4 Mill Lane\nManchester M1 1AA"
    clinic.opening_hours = "Monday to Friday: 8:30 to 18:00"
    clinic.medical_disclaimer = "<p>Information here is not a diagnosis.</p>"
    clinic.save()
    return clinic
