"""
Demo content: the consultation page (linked from the header and the home
page's main button), and with `--with-sample-requests` a few fictional
requests in different states, in development only.
"""

import datetime

from django.conf import settings
from django.utils import timezone

from clinic_site.models import ClinicSettings
from consultations.models import ConsultationPage, ConsultationRequest

from .core import child_page

SAMPLE_DOMAIN = "example.invalid"
SAMPLES = [
    ("Maya Thornton", "new", "virtual", 0, ["mon", "wed"], ["morning"]),
    ("Oliver Grant", "new", "in_person", 1, ["fri"], ["afternoon"]),
    ("Priya Nair", "contacted", "virtual", 9, ["tue", "thu"], ["evening"]),
    ("Samuel Okafor", "booked", "in_person", 16, ["sat"], ["morning"]),
    ("Hannah Lewis", "closed", "in_person", 30, [], []),
    ("Win Big Prizes", "spam", "virtual", 3, [], []),
]


def add_arguments(parser):
    parser.add_argument(
        "--with-sample-requests",
        action="store_true",
        help="Add a few fictional consultation requests (development only, DEBUG=True).",
    )


def load(context):
    page, created = child_page(
        context.home,
        ConsultationPage,
        "book-a-consultation",
        title="Book a consultation",
        show_in_menus=True,
        intro=(
            "Tell us a little about what you are looking for and when suits you. A clinician "
            "will get back to you to arrange a free, no-obligation consultation."
        ),
        thank_you_message=(
            "<p>Before we speak, it can help to jot down any medicines you take and the "
            "questions you would like to ask. If your plans change, just reply to our "
            "message.</p>"
        ),
        notify_emails="frontdesk@harbour-clinic.example",
    )
    if created:
        context.log_created(page)

    clinic = ClinicSettings.for_site(context.site)
    if clinic.consultation_page_id is None:
        clinic.consultation_page = page
        clinic.save()
        context.stdout.write("  linked the consultation page from the clinic details")

    home = context.home.specific
    if getattr(home, "hero_cta_page_id", False) is None:
        home.hero_cta_page = page
        home.save_revision().publish()
        context.stdout.write("  pointed the home page's main button at the consultation page")

    if context.options.get("with_sample_requests"):
        add_sample_requests(context, page)


def add_sample_requests(context, page):
    if not settings.DEBUG:
        context.stdout.write("  sample requests are only added in development (DEBUG=True)")
        return
    first = SAMPLES[0][0].lower().replace(" ", ".")
    # Looked up through the blind index: the e-mail column is encrypted.
    if ConsultationRequest.objects.matching_email(f"{first}@{SAMPLE_DOMAIN}").exists():
        return
    now = timezone.now()
    for name, status, kind, days_ago, days, times in SAMPLES:
        slug = name.lower().replace(" ", ".")
        created_at = now - datetime.timedelta(days=days_ago, hours=3)
        ConsultationRequest.objects.create(
            page=page,
            created_at=created_at,
            name=name,
            email=f"{slug}@{SAMPLE_DOMAIN}",
            phone="07700 900" + str(100 + days_ago),
            preferred_contact="email" if days_ago % 2 else "phone",
            consultation_type=kind,
            preferred_days=days,
            preferred_times=times,
            message="" if status == "spam" else "I would like to know whether this suits me.",
            patient_status="returning" if days_ago > 10 else "new",
            consent_text=page.consent_text,
            consent_version=page.consent_version,
            consent_given_at=created_at,
            status=status,
            fingerprint=f"sample-{slug}",
        )
    context.stdout.write(f"  added {len(SAMPLES)} fictional consultation requests")
