"""`manage.py load_demo_content`: builds the demo clinic, and a second run changes nothing."""

from django.contrib.auth import get_user_model

import pytest
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

from clinic_site.models import ClinicSettings, HomePage
from tests.demo.conftest import load_again

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "pages": list(Page.objects.order_by("path").values_list("path", "title", "live")),
        "revisions": Revision.objects.count(),
        "images": get_image_model().objects.count(),
        "users": get_user_model().objects.count(),
        "sites": list(Site.objects.values_list("hostname", "port", "root_page_id")),
        "settings": list(ClinicSettings.objects.values_list("clinic_name", "phone")),
    }


def test_demo_builds_the_home_page_clinic_details_and_admin(demo):
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert (site.hostname, site.port) == ("127.0.0.1", 8000)
    clinic = ClinicSettings.for_site(site)
    assert clinic.phone and clinic.address and clinic.medical_disclaimer
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.check_password("clinic-demo")
    assert "username 'admin'  password 'clinic-demo'" in demo


def test_running_the_demo_twice_changes_nothing():
    before = snapshot()

    load_again("--with-sample-requests")

    assert snapshot() == before


def test_demo_keeps_an_editors_changes():
    clinic = ClinicSettings.objects.get()
    clinic.phone = "+44 1 234"
    clinic.save()

    load_again()

    assert ClinicSettings.objects.get().phone == "+44 1 234"


def test_no_admin_account_is_created_without_the_development_setting():
    get_user_model().objects.all().delete()

    out = load_again(DEMO_ADMIN=None)

    assert not get_user_model().objects.exists()
    assert "password" not in out


def test_demo_home_page_is_served(client):
    response = client.get("/", HTTP_HOST="127.0.0.1:8000")

    assert response.status_code == 200
    assert "Harbour Aesthetics &amp; Wellness" in response.content.decode()
