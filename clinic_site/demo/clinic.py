"""
The core's own demo pages: the general pages the footer links (About, Contact,
Prices, Privacy notice, Accessibility statement, Complaints).

Runs after every app's demo module (see the command), so later parts can link
to pages the apps made. Everything is found again by slug and only created
when missing.
"""

from clinic_site.models import ClinicSettings, StandardPage

from .core import child_page


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


def load(context):
    load_general_pages(context)
