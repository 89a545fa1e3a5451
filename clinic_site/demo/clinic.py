"""
The core's own demo pages: the general pages the footer links (About, Contact,
Prices, Privacy notice, Accessibility statement, Complaints), the locations, and
the team page with a profile for each clinician who writes and reviews content.

Runs after every app's demo module (see the command), so later parts can link
to pages the apps made. Everything is found again by slug and only created
when missing.
"""

import datetime

from django.apps import apps
from django.utils import timezone

from clinic_site import get_author_model
from clinic_site.models import (
    ClinicianPage,
    ClinicianTreatment,
    ClinicSettings,
    LocationIndexPage,
    LocationPage,
    OpeningHours,
    OpeningHoursException,
    Specialty,
    StandardPage,
    TeamPage,
)

from . import patient_stories, search_tuning
from .core import child_page, demo_image, portrait_of


def paragraph(html):
    return ("paragraph", html)


def heading(text):
    return ("heading", {"text": text, "level": "h2", "anchor": ""})


GENERAL_PAGES = [
    (
        "about",
        {
            "title": "About us",
            "kind": "about",
            "show_in_menus": True,
            "intro": (
                "An independent clinic on Bristol's harbourside, run by clinicians who would "
                "rather talk you out of a treatment than sell you one you do not need."
            ),
            "body": [
                heading("How we work"),
                paragraph(
                    "<p>Every treatment starts with a consultation with the clinician who "
                    "will treat you. We explain what the evidence says, what it costs over a "
                    "year, and what could go wrong, before you decide anything.</p>"
                ),
                heading("Who we are"),
                paragraph(
                    "<p>Our team is a consultant neurologist, a consultant dermatologist and "
                    "a nurse prescriber, each registered with their professional regulator. "
                    "You can check their registration on the public register from their "
                    "profile pages.</p>"
                ),
            ],
        },
    ),
    (
        "contact",
        {
            "title": "Contact us",
            "kind": "contact",
            "intro": "Call, write or visit: here is how to reach us and when we are open.",
            "body": [
                paragraph(
                    "<p>The quickest way to reach us is by phone during opening hours. "
                    "E-mails are answered within one working day. Please do not send "
                    "photographs or medical details by e-mail: we will ask for them safely "
                    "when you book.</p>"
                ),
                heading("If something is wrong after a treatment"),
                paragraph(
                    "<p>Call us straight away, even out of hours: the recorded message gives "
                    "the number of the clinician on call. In an emergency, call 999.</p>"
                ),
            ],
        },
    ),
    (
        "prices",
        {
            "title": "Prices",
            "intro": "What treatments cost, what the price includes, and how to pay.",
            "body": [
                paragraph(
                    "<p>Your first consultation is free and you are under no obligation to "
                    "book a treatment. Each treatment page shows its starting price; the "
                    "clinician confirms your exact price in writing before treatment.</p>"
                ),
                heading("What the price includes"),
                paragraph(
                    "<ul><li>the consultation and assessment</li><li>the treatment and any "
                    "product used</li><li>a review appointment two weeks after a first "
                    "treatment</li></ul>"
                ),
                heading("Paying"),
                paragraph(
                    "<p>We take card payments on the day of treatment. We never ask for a "
                    "deposit before you have seen a clinician.</p>"
                ),
            ],
        },
    ),
    (
        "privacy-notice",
        {
            "title": "Privacy notice",
            "intro": "What personal data we collect, why, how long we keep it and your rights.",
            "body": [
                heading("What we collect"),
                paragraph(
                    "<p>When you ask for a consultation we keep your name, contact details, "
                    "the treatment you asked about and your message. When you become a "
                    "patient we keep a clinical record, as the law requires.</p>"
                ),
                heading("Why we use it"),
                paragraph(
                    "<p>To answer your request and to treat you safely. We never sell your "
                    "data or use it for advertising unless you agreed to hear from us.</p>"
                ),
                heading("How long we keep it"),
                paragraph(
                    "<p>Requests that did not lead to an appointment are deleted after the "
                    "retention period set by the clinic. Clinical records are kept for as "
                    "long as professional rules require.</p>"
                ),
                heading("Your rights"),
                paragraph(
                    "<p>You may ask for a copy of your data, for corrections, or for it to "
                    "be deleted. Write to us or call; we answer within one month. You may "
                    "also complain to the Information Commissioner's Office.</p>"
                ),
            ],
        },
    ),
    (
        "accessibility",
        {
            "title": "Accessibility statement",
            "intro": "How accessible this website and our clinic are, and how to tell us.",
            "body": [
                paragraph(
                    "<p>This website aims to meet the Web Content Accessibility Guidelines "
                    "2.2 at level AA. It works with screen readers, keyboard-only use and "
                    "text enlarged to 200%, and every page is tested automatically.</p>"
                ),
                heading("If something does not work for you"),
                paragraph(
                    "<p>Tell us by phone or e-mail and we will give you the information in "
                    "another way, and fix the page.</p>"
                ),
                heading("Visiting us"),
                paragraph(
                    "<p>Each location page says how to get in, where to park and what "
                    "help is available on the day.</p>"
                ),
            ],
        },
    ),
    (
        "complaints",
        {
            "title": "Complaints",
            "intro": "How to complain, what happens next, and who else can help.",
            "body": [
                paragraph(
                    "<p>Tell any member of the team, or write to the clinic manager. We "
                    "acknowledge a complaint within three working days and answer it in full "
                    "within twenty.</p>"
                ),
                heading("If you are not satisfied with our answer"),
                paragraph(
                    "<p>You can ask the clinician's professional regulator to look into it, "
                    "or an independent complaints service for private healthcare.</p>"
                ),
            ],
        },
    ),
]

LEGAL_SLUGS = ["privacy-notice", "accessibility", "complaints"]


def load_general_pages(context):
    pages = {}
    for slug, fields in GENERAL_PAGES:
        page, created = child_page(context.home, StandardPage, slug, **fields)
        if created:
            context.log_created(page)
        pages[slug] = page

    clinic = ClinicSettings.for_site(context.site)
    if not clinic.legal_links and clinic.privacy_notice_page_id is None:
        clinic.legal_links = [("page", pages[slug]) for slug in LEGAL_SLUGS]
        clinic.privacy_notice_page = pages["privacy-notice"]
        clinic.save()
        context.stdout.write("  linked the legal pages from the footer and the consent box")
    return pages


def hours(*rows):
    """OpeningHours rows from (weekdays, "09:00", "18:00")."""
    return [
        OpeningHours(
            weekday=day,
            opens=datetime.time.fromisoformat(opens),
            closes=datetime.time.fromisoformat(closes),
        )
        for days, opens, closes in rows
        for day in days
    ]


def next_date(month, day):
    """The next `month`/`day` from today, so the demo's holidays are always upcoming."""
    today = timezone.localdate()
    date = datetime.date(today.year, month, day)
    return date if date >= today else date.replace(year=today.year + 1)


def holidays():
    christmas = next_date(12, 25)
    return [
        OpeningHoursException(
            starts=next_date(12, 24),
            reason="Christmas Eve",
            opens=datetime.time(9),
            closes=datetime.time(13),
        ),
        OpeningHoursException(
            starts=christmas, ends=christmas + datetime.timedelta(days=1), reason="Christmas"
        ),
        OpeningHoursException(starts=next_date(1, 1), reason="New Year's Day"),
    ]


WEEKDAYS, SATURDAY = range(5), [5]

LOCATIONS = [
    (
        "harbourside",
        {
            "title": "Harbourside, Bristol",
            "intro": "Our main clinic, on the ground floor beside the harbour.",
            "street_address": "12 Quay Street",
            "address_locality": "Bristol",
            "postal_code": "BS1 4XX",
            "address_country": "GB",
            "latitude": "51.454513",
            "longitude": "-2.597420",
            "accessibility": (
                "Step-free entrance from Quay Street and every treatment room on the ground "
                "floor. An accessible toilet and a hearing loop at reception."
            ),
            "parking": (
                "Two blue-badge spaces behind the building; ask at reception. The nearest "
                "public car park is Queen Charlotte Street (5 minutes' walk). Buses 8 and 9 "
                "stop on Baldwin Street."
            ),
        },
        [(WEEKDAYS, "09:00", "19:00"), (SATURDAY, "10:00", "16:00")],
        "Flat illustration of a clinic's front with a teal sign, a door between two "
        "windows, and a small sailing boat at the quay",
    ),
    (
        "clifton",
        {
            "title": "Clifton Village",
            "intro": "A smaller, quieter clinic for consultations and skin treatments.",
            "street_address": "3 The Mall",
            "address_locality": "Bristol",
            "postal_code": "BS8 4DP",
            "address_country": "GB",
            "latitude": "51.455911",
            "longitude": "-2.619210",
            "phone": "+44 20 7946 0388",
            "accessibility": (
                "The clinic is on the first floor, reached by a lift from the street "
                "entrance. Let us know if you would prefer to be seen at Harbourside, "
                "which is all on one level."
            ),
            "parking": (
                "Pay-and-display parking on The Mall and nearby streets. Bus 8 stops at "
                "Clifton Village."
            ),
        },
        [([1, 3], "10:00", "13:00"), ([1, 3], "14:00", "18:00"), (SATURDAY, "09:00", "13:00")],
        "Flat illustration of a clinic's front under a pitched roof, with a teal sign, "
        "a door between two windows and a potted plant",
    ),
]


def load_locations(context):
    index, created = child_page(
        context.home,
        LocationIndexPage,
        "locations",
        title="Our locations",
        show_in_menus=True,
        intro="Two clinics in Bristol: where they are, when they are open, how to get in.",
    )
    if created:
        context.log_created(index)
    for variant, (slug, fields, rows, alt_text) in enumerate(LOCATIONS):
        page, created = child_page(
            index,
            LocationPage,
            slug,
            hero_image=demo_image(fields["title"], alt_text, scene="clinic_front", variant=variant),
            opening_hours=hours(*rows),
            hours_exceptions=holidays(),
            **fields,
        )
        if created:
            context.log_created(page)

    clinic = ClinicSettings.for_site(context.site)
    if not clinic.price_range:
        clinic.price_range = "££"
        clinic.logo = demo_image(
            "Clinic logo",
            "Harbour Aesthetics & Wellness logo",
            scene="clinic_logo",
            size=(512, 512),
        )
        clinic.save()


SPECIALTIES = {
    "neurology": ("Neurology", "Conditions of the brain and nerves, migraine among them."),
    "dermatology": ("Dermatology", "The skin, hair and nails: rashes, lesions, acne and ageing."),
    "aesthetic-medicine": (
        "Aesthetic medicine",
        "Non-surgical treatments that change how skin and features look.",
    ),
}

# The demo's registration numbers are made up: the GMC has not issued numbers starting
# with 9999, and no NMC PIN has a Z in third place, so no link finds a real person.
CLINICIANS = [
    (
        "ana-silva",
        "Dr Ana Silva",
        {
            "credentials": "MD, MRCP",
            "job_title": "Consultant neurologist",
            "intro": "Leads the clinic's headache service and its migraine treatments.",
            "regulator": "gmc",
            "registration_number": "9999104",
            "languages": "English, Portuguese, Spanish",
            "bio": (
                "Ana qualified in Lisbon and finished her neurology training in London, where "
                "she ran a hospital headache clinic before joining us.\n\n"
                "Most of the people she sees have tried several medicines for migraine "
                "already. She spends the first appointment on the pattern of their "
                "headaches, because the right treatment depends on it, and she is just as "
                "likely to suggest a change of medicine as an injection.\n\n"
                "She checks every page on this site that talks about headaches before it is "
                "published."
            ),
        },
        ["neurology"],
        ["botox-for-migraines"],
    ),
    (
        "ben-okafor",
        "Dr Ben Okafor",
        {
            "credentials": "MBBS, FRCP",
            "job_title": "Consultant dermatologist and medical director",
            "intro": "Looks after skin conditions and the medical accuracy of our content.",
            "regulator": "gmc",
            "registration_number": "9999217",
            "languages": "English, Yoruba",
            "bio": (
                "Ben has worked in dermatology for over twenty years, in NHS hospitals and "
                "in private practice, with a particular interest in acne scarring and "
                "pigment changes.\n\n"
                "As medical director he sets the clinic's treatment protocols and reviews "
                "our articles, so that what you read here matches what happens in the "
                "treatment room."
            ),
        },
        ["dermatology"],
        ["chemical-peel"],
    ),
    (
        "cara-lee",
        "Cara Lee",
        {
            "credentials": "RN, MSc",
            "job_title": "Aesthetic nurse practitioner and independent prescriber",
            "intro": "Plans and gives most of our injectable and skin treatments.",
            "regulator": "nmc",
            "registration_number": "14Z9021E",
            "languages": "English, Cantonese",
            "bio": (
                "Cara is a registered nurse who moved into aesthetic medicine in 2014 after "
                "eight years in plastic surgery wards. She holds a master's degree in "
                "aesthetic practice and is an independent prescriber.\n\n"
                "She believes a good result is one nobody can point to, and will tell you "
                "when a treatment is unlikely to give you what you hope for."
            ),
        },
        ["aesthetic-medicine", "dermatology"],
        ["anti-wrinkle-injections", "lip-filler", "chemical-peel"],
    ),
]


def _treatments(slugs):
    """The demo's treatment pages by slug, when the treatments app is installed."""
    try:
        model = apps.get_model("treatments.TreatmentPage")
    except LookupError:
        return []
    by_slug = {page.slug: page for page in model.objects.filter(slug__in=slugs)}
    return [by_slug[slug] for slug in slugs if slug in by_slug]


def load_team(context):
    """The team page, a profile per clinician, and their author records linked to them."""
    team, created = child_page(
        context.home,
        TeamPage,
        "team",
        title="Our team",
        show_in_menus=True,
        intro=(
            "The clinicians who will see you, each registered with their regulator: "
            "check any of them on the public register from their profile."
        ),
    )
    if created:
        context.log_created(team)
    specialties = {}
    for slug, (name, description) in SPECIALTIES.items():
        specialties[slug], _created = Specialty.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )
    Author = get_author_model()
    for slug, name, fields, specialty_slugs, treatment_slugs in CLINICIANS:
        page, created = child_page(
            team,
            ClinicianPage,
            slug,
            title=name,
            photo=portrait_of(name),
            specialties=[specialties[s] for s in specialty_slugs],
            offered_treatments=[
                ClinicianTreatment(page=page) for page in _treatments(treatment_slugs)
            ],
            **fields,
        )
        if created:
            context.log_created(page)
        # Bylines and review lines link to the profile; an editor's own link is kept.
        for author in Author.objects.filter(name=name, profile_page__isnull=True):
            author.profile_page = page
            author.save(update_fields=["profile_page"])
        # Bylines show the same avatar as the profile, whichever app made the author.
        Author.objects.filter(name=name, photo__isnull=True).update(photo=page.photo)


def load(context):
    pages = load_general_pages(context)
    load_locations(context)
    load_team(context)
    patient_stories.load_reviews(context)
    search_tuning.load(context, pages)
