"""
The fixed answers of a consultation request, in one place so that the form,
the models, the admin and the exports share them without importing each other.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    NEW = "new", _("New")
    CONTACTED = "contacted", _("Contacted")
    BOOKED = "booked", _("Booked")
    CLOSED = "closed", _("Closed")
    SPAM = "spam", _("Spam")


class ContactMethod(models.TextChoices):
    EMAIL = "email", _("E-mail")
    PHONE = "phone", _("Phone call")
    TEXT = "text", _("Text message")


class ConsultationType(models.TextChoices):
    VIRTUAL = "virtual", _("Virtual (video or phone)")
    IN_PERSON = "in_person", _("In person at the clinic")


class PatientStatus(models.TextChoices):
    NEW = "new", _("I am a new patient")
    RETURNING = "returning", _("I have been to the clinic before")


class HeardAbout(models.TextChoices):
    SEARCH = "search", _("Search engine")
    SOCIAL = "social", _("Social media")
    FRIEND = "friend", _("Friend or family")
    DOCTOR = "doctor", _("My doctor")
    ADVERT = "advert", _("Advertisement")
    OTHER = "other", _("Other")


PREFERRED_DAY_CHOICES = [
    ("mon", _("Monday")),
    ("tue", _("Tuesday")),
    ("wed", _("Wednesday")),
    ("thu", _("Thursday")),
    ("fri", _("Friday")),
    ("sat", _("Saturday")),
]
PREFERRED_TIME_CHOICES = [
    ("morning", _("Morning (9:00 to 12:00)")),
    ("afternoon", _("Afternoon (12:00 to 17:00)")),
    ("evening", _("Evening (after 17:00)")),
]

# Requests someone is still working on; the others are finished.
OPEN_STATUSES = (Status.NEW, Status.CONTACTED, Status.BOOKED)
