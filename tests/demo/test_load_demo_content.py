"""`manage.py load_demo_content`: builds the demo clinic, and a second run changes nothing."""

from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings

import pytest
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

from clinic_site.models import ClinicSettings, HomePage

pytestmark = pytest.mark.django_db

DEMO_ADMIN = {"username": "admin", "password": "clinic-demo", "email": "admin@localhost"}


def snapshot():
    return {
        "pages": list(Page.objects.order_by("path").values_list("path", "title", "live")),
        "revisions": Revision.objects.count(),
        "images": get_image_model().objects.count(),
        "users": get_user_model().objects.count(),
        "sites": list(Site.objects.values_list("hostname", "port", "root_page_id")),
        "settings": list(ClinicSettings.objects.values_list("clinic_name", "phone")),
    }


@override_settings(DEMO_ADMIN=DEMO_ADMIN)
def test_demo_builds_the_home_page_clinic_details_and_admin():
    out = StringIO()
    call_command("load_demo_content", stdout=out)

    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert (site.hostname, site.port) == ("127.0.0.1", 8000)
    clinic = ClinicSettings.for_site(site)
    assert clinic.phone and clinic.address and clinic.medical_disclaimer
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.check_password("clinic-demo")
    assert "username 'admin'  password 'clinic-demo'" in out.getvalue()


@override_settings(DEMO_ADMIN=DEMO_ADMIN)
def test_running_the_demo_twice_changes_nothing():
    call_command("load_demo_content", stdout=StringIO())
    before = snapshot()

    call_command("load_demo_content", stdout=StringIO())

    assert snapshot() == before


@override_settings(DEMO_ADMIN=DEMO_ADMIN)
def test_demo_keeps_an_editors_changes():
    call_command("load_demo_content", stdout=StringIO())
    clinic = ClinicSettings.objects.get()
    clinic.phone = "+44 1 234"
    clinic.save()

    call_command("load_demo_content", stdout=StringIO())

    assert ClinicSettings.objects.get().phone == "+44 1 234"


@override_settings(DEMO_ADMIN=None)
def test_no_admin_account_is_created_without_the_development_setting():
    out = StringIO()
    call_command("load_demo_content", stdout=out)

    assert not get_user_model().objects.exists()
    assert "password" not in out.getvalue()


@override_settings(DEMO_ADMIN=DEMO_ADMIN)
def test_demo_home_page_is_served(client):
    call_command("load_demo_content", stdout=StringIO())

    response = client.get("/", HTTP_HOST="127.0.0.1:8000")

    assert response.status_code == 200
    assert "Harbour Aesthetics &amp; Wellness" in response.content.decode()
