import pytest

from tests.consultations.factories import make_consultation_page


@pytest.fixture
def consultation_page(clinic_settings):
    return make_consultation_page(clinic_settings.site.root_page)
