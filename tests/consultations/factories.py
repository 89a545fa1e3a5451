"""Factories for the consultations app's tests."""

import time
import uuid

from django.core import signing
from django.utils import timezone

import factory

from consultations.models import ConsultationPage, ConsultationRequest
from consultations.services import FORM_TOKEN_SALT
from tests.clinic_site.factories import make_page


def make_consultation_page(home, **fields):
    fields.setdefault("title", "Book a consultation")
    fields.setdefault("slug", "book")
    fields.setdefault("notify_emails", "desk@riverside.example\nmanager@riverside.example")
    fields.setdefault("thank_you_message", "<p>We will call you within a day.</p>")
    return make_page(home, model=ConsultationPage, **fields)


def form_token(seconds_ago=60, key=None, **extra):
    """A form token as the page would have shown it `seconds_ago`."""
    payload = {"t": int(time.time()) - seconds_ago, "k": key or uuid.uuid4().hex, **extra}
    return signing.dumps(payload, salt=FORM_TOKEN_SALT, compress=True)


def valid_data(**overrides):
    data = {
        "name": "Jamie Quinlan",
        "email": "jamie@example.com",
        "phone": "07700 900123",
        "preferred_contact": "email",
        "treatment": "not-sure",
        "consultation_type": "virtual",
        "preferred_days": ["mon", "thu"],
        "preferred_times": ["morning"],
        "message": "Wondering about options for frown lines.",
        "patient_status": "new",
        "heard_about": "friend",
        "consent": "on",
        "form_token": form_token(),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


class ConsultationRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsultationRequest

    name = factory.Sequence(lambda n: f"Patient {n}")
    email = factory.Sequence(lambda n: f"patient{n}@example.com")
    phone = "07700 900000"
    preferred_contact = "email"
    consultation_type = "virtual"
    patient_status = "new"
    consent_text = "I agree."
    consent_version = "abc"
    consent_given_at = factory.LazyFunction(timezone.now)
    fingerprint = factory.Sequence(lambda n: f"fp{n}")


def make_user(username, group=None, permissions=(), **fields):
    """A staff user in `group` and/or with `permissions` (codenames of any app)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission

    user = get_user_model().objects.create_user(username, password="pw", **fields)
    if group:
        user.groups.add(Group.objects.get(name=group))
    for codename in permissions:
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return user
