"""
Demo treatments, their question list and before-and-after galleries (their categories,
conditions and shared questions: `treatment_snippets`).

Everything is found again by a natural key (slug, name or question text) and
only created when missing, so a second run changes nothing and editors'
changes are never overwritten.
"""

import datetime
from decimal import Decimal

from clinic_site.models import Author, HomePage, HomePageFeaturedPage
from treatments.models import (
    FaqPage,
    Question,
    TreatmentBeforeAfter,
    TreatmentFaq,
    TreatmentIndexPage,
    TreatmentPage,
)

from . import patient_stories
from .core import child_page, demo_image, health_section, publish_reviewed
from .people import PEOPLE
from .treatment_snippets import ensure_snippets

# The people who review the demo's treatments (their details: `people.PEOPLE`).
REVIEWERS = ("Dr Ana Silva", "Cara Lee")


def ensure_authors():
    return {
        name: Author.objects.get_or_create(name=name, defaults=PEOPLE[name])[0]
        for name in REVIEWERS
    }


def lines(*items):
    return "\n".join(items)


def side_effects(*items):
    return [("side_effect", {"name": name, "detail": detail}) for name, detail in items]


def reasons(*items):
    return [("reason", {"reason": reason, "detail": detail}) for reason, detail in items]


def body(*sections):
    blocks = []
    for heading, text in sections:
        blocks.append(("heading", {"text": heading, "level": "h2", "anchor": ""}))
        blocks.append(("paragraph", text))
    return blocks


def add_treatment(context, index, slug, *, conditions=(), faqs=(), **fields):
    reviewer, reviewed_on = fields.pop("reviewer", None), fields.pop("last_reviewed", None)
    page, created = child_page(index, TreatmentPage, slug, **fields)
    if created:
        page.conditions.set(conditions)
        page.faqs = [
            TreatmentFaq(shared_question=item, sort_order=n)
            if isinstance(item, Question)
            else TreatmentFaq(question=item[0], answer=item[1], sort_order=n)
            for n, item in enumerate(faqs)
        ]
        publish_reviewed(page, reviewer, reviewed_on)
        context.log_created(page)
    return page


def load_treatments(context, index, authors, categories, conditions, questions):
    ana, cara = authors["Dr Ana Silva"], authors["Cara Lee"]
    botox = add_treatment(
        context,
        index,
        "botox-for-migraines",
        title="Botox for migraines",
        intro=(
            "Small injections of botulinum toxin around the head and neck, repeated every "
            "12 weeks or so, can cut the number of headache days for people with chronic "
            "migraine."
        ),
        hero_image=demo_image(
            "Botox for migraines",
            "Flat illustration of a head and shoulders, with coral dots on the forehead, "
            "temples, neck and shoulders where the injections go",
            scene="head_map",
        ),
        category=categories["neurotoxins"],
        conditions=[conditions["chronic-migraine"]],
        prescription_only=True,
        brand_names="Botox",
        procedure_type="percutaneous",
        session_minutes_min=15,
        session_minutes_max=30,
        numbing="Numbing cream or ice, if you want it",
        downtime="None: most people go back to work the same day",
        results_onset="Often within 2 to 3 weeks; for some people only after a second round",
        results_weeks_min=12,
        price_from=Decimal("350"),
        how_performed=(
            "Around 30 to 40 very small injections into muscles of the forehead, temples, "
            "back of the head, neck and upper shoulders, using a very fine needle."
        ),
        body_location="Forehead, temples, back of the head, neck and upper shoulders",
        preparation=lines(
            "Keep a headache diary for a month beforehand, so we can see what changes.",
            "Bring a list of every medicine you take, including migraine preventers.",
            "Avoid alcohol for a day before, as it can make bruising more likely.",
        ),
        aftercare=lines(
            "Do not rub or massage the injected areas for the rest of the day.",
            "Avoid hard exercise, saunas and lying flat for about four hours.",
            "Keep your headache diary going, so the next review is based on facts.",
        ),
        body=body(
            (
                "How it works",
                "<p>Botulinum toxin blocks the release of chemicals from nerve endings that "
                "are thought to be involved in migraine pain. It does not cure migraine, but "
                "for many people with chronic migraine it means fewer and milder headache "
                "days.</p><p>It is usually offered when at least three preventive medicines "
                "have not helped or caused side effects. We judge whether it works for you "
                "after two or three rounds of treatment.</p>",
            ),
            (
                "What happens on the day",
                "<p>Your clinician checks your headache diary and health, then marks the "
                "injection points. You sit upright while the injections are given; the whole "
                "appointment takes less than an hour. You can drive home afterwards.</p>",
            ),
        ),
        common_side_effects=side_effects(
            ("Neck pain or stiffness", "Usually mild, easing within a week or two."),
            ("Headache", "Can happen in the first few days, before the benefit starts."),
            ("Tenderness or a small bruise", "Where the needle went in; fades in a few days."),
        ),
        rare_side_effects=side_effects(
            ("Drooping eyelid or eyebrow", "Temporary; call us so we can adjust next time."),
            ("Allergic reaction", "Rash, itching or swelling: contact us the same day."),
            (
                "Trouble swallowing, speaking or breathing",
                "Very rare. Seek urgent medical help straight away.",
            ),
        ),
        contraindications=reasons(
            ("People who are pregnant or breastfeeding", "Wait until you have finished."),
            (
                "People with myasthenia gravis or another nerve-muscle condition",
                "The toxin could make muscle weakness worse.",
            ),
            ("Anyone with an infection where the injections would go", "Wait until it heals."),
            ("Anyone allergic to botulinum toxin or to ingredients in the product", ""),
        ),
        faqs=[
            questions["hurt"],
            (
                "How soon will I have fewer migraines?",
                "<p>Some people notice a change within two or three weeks; for others it "
                "takes two rounds. That is why we review after the second or third "
                "treatment.</p>",
            ),
            questions["how_long"],
            questions["side_effects"],
        ],
        reviewer=ana,
        last_reviewed=datetime.date(2026, 9, 14),
    )
    wrinkles = add_treatment(
        context,
        index,
        "anti-wrinkle-injections",
        title="Anti-wrinkle injections",
        intro=(
            "Relaxes the muscles that crease the skin between the brows, across the forehead "
            "and around the eyes, for a smoother, still natural look."
        ),
        hero_image=demo_image(
            "Anti-wrinkle injections",
            "Line drawing of a calm face in profile, with a few faint lines on the forehead",
            scene="face_profile",
        ),
        category=categories["neurotoxins"],
        conditions=[conditions["frown-lines"]],
        prescription_only=True,
        brand_names="Botox, Azzalure, Bocouture",
        procedure_type="percutaneous",
        session_minutes_min=10,
        session_minutes_max=20,
        numbing="Ice on request; usually not needed",
        downtime="None; small bumps settle within an hour",
        results_onset="Starts after 3 to 5 days; full effect at two weeks",
        results_weeks_min=12,
        results_weeks_max=16,
        price_from=Decimal("200"),
        how_performed="A few tiny injections into the muscles that cause the lines.",
        body_location="Forehead, between the eyebrows and around the eyes",
        common_side_effects=side_effects(
            ("Redness or small bumps", "Settle within an hour."),
            ("Mild headache", "For a day or two."),
        ),
        rare_side_effects=side_effects(
            ("Drooping eyelid or eyebrow", "Temporary; contact us."),
        ),
        contraindications=reasons(("People who are pregnant or breastfeeding", "")),
        faqs=[questions["how_long"], questions["qualified"]],
        reviewer=cara,
        last_reviewed=datetime.date(2025, 6, 2),
    )
    filler = add_treatment(
        context,
        index,
        "lip-filler",
        title="Lip filler",
        intro=(
            "A soft hyaluronic acid gel adds shape, definition or a little volume to the "
            "lips. It is broken down naturally over months, and can be dissolved if needed."
        ),
        hero_image=demo_image(
            "Lip filler",
            "Flat illustration of a syringe with coral gel beside a small medicine vial",
            scene="syringe_and_vial",
            variant=1,
        ),
        category=categories["fillers"],
        conditions=[conditions["thin-lips"]],
        procedure_type="percutaneous",
        session_minutes_min=30,
        session_minutes_max=45,
        numbing="Numbing cream, plus a local anaesthetic mixed into the filler",
        downtime="Swelling and tenderness for 1 to 3 days",
        results_onset="Straight away; settles over two weeks",
        results_weeks_min=26,
        results_weeks_max=52,
        sessions_min=1,
        price_from=Decimal("280"),
        how_performed="Small amounts of gel placed with a fine needle or blunt cannula.",
        body_location="Lips",
        common_side_effects=side_effects(
            ("Swelling", "Most noticeable the next morning; settles in a few days."),
            ("Bruising", "Can be covered with make-up after a day."),
        ),
        rare_side_effects=side_effects(
            ("Lumps", "Usually massaged out at your review."),
            (
                "Blocked blood vessel",
                "Pale or dusky skin and increasing pain: call us at once, day or night.",
            ),
        ),
        contraindications=reasons(
            ("People with a cold sore or infection on the lips", "Wait until it has healed."),
            ("People who are pregnant or breastfeeding", ""),
        ),
        faqs=[
            questions["hurt"],
            (
                "Can filler be dissolved?",
                "<p>Yes. Hyaluronic acid filler can be dissolved with an enzyme if you do "
                "not like the result or there is a problem.</p>",
            ),
        ],
    )
    peel = add_treatment(
        context,
        index,
        "chemical-peel",
        title="Chemical peel",
        intro=(
            "A light peel removes the dull outer layer of skin to improve texture and tone. "
            "A course of a few peels works best."
        ),
        hero_image=demo_image(
            "Chemical peel",
            "Diagram of skin in cross-section: the thin outer layer lifting at one corner, "
            "the dermis with fibres and a hair, and a layer of fat below",
            scene="skin_layers",
        ),
        category=categories["skin"],
        conditions=[conditions["dull-uneven-skin"]],
        procedure_type="noninvasive",
        session_minutes_min=30,
        numbing="Not needed; a cool fan keeps you comfortable",
        downtime="Mild redness and flaking for 3 to 7 days",
        results_onset="Brighter skin once the flaking has finished",
        sessions_min=3,
        sessions_max=6,
        price_from=Decimal("90"),
        how_performed="A fruit or salicylic acid solution is painted on, then neutralised.",
        body_location="Face",
        aftercare=lines(
            "Use a gentle cleanser and moisturiser for a week.",
            "Wear sunscreen of SPF 30 or more every day.",
        ),
        common_side_effects=side_effects(
            ("Tingling or stinging", "During the peel only."),
            ("Redness and flaking", "For up to a week."),
        ),
        rare_side_effects=side_effects(("Darker or lighter patches", "Tell us if you notice any.")),
        contraindications=reasons(
            ("People using isotretinoin, or who stopped in the last six months", ""),
        ),
    )
    return [botox, wrinkles, filler, peel]


def load_faq_page(context, home, botox, questions, reviewer):
    sections = [
        (
            "Before you book",
            [
                ("shared_question", questions["qualified"]),
                ("shared_question", questions["product"]),
                ("shared_question", questions["not_suitable"]),
                ("shared_question", questions["cost"]),
            ],
        ),
        (
            "On the day",
            [
                ("shared_question", questions["hurt"]),
                (
                    "question",
                    {
                        "question": "How many units will you use, and where?",
                        "answer": "<p>Your clinician should explain the dose and the places "
                        "they will inject, and write them in your notes so the next treatment "
                        "can be compared.</p>",
                    },
                ),
            ],
        ),
        (
            "Afterwards",
            [
                ("shared_question", questions["side_effects"]),
                ("shared_question", questions["how_long"]),
                ("shared_question", questions["review"]),
            ],
        ),
    ]
    page, created = child_page(
        home,
        FaqPage,
        "questions-to-ask-before-botox",
        title="Questions",
        heading="Questions to ask before Botox treatment",
        seo_title="Questions to ask before Botox treatment",
        show_in_menus=True,
        intro=(
            "A good clinic is glad to answer all of these. Bring them to your consultation, "
            "and do not go ahead until you are happy with the answers."
        ),
        sections=[
            ("section", {"heading": heading, "questions": items}) for heading, items in sections
        ],
        body=[("treatment_card", {"page": botox})],
        reviewer=reviewer,
        last_reviewed=datetime.date(2026, 9, 14),
    )
    if created:
        context.log_created(page)
    health_section(page)
    return page


# (treatment slug, drawing subject, caption, sessions, weeks between, demo record)
GALLERY = [
    ("anti-wrinkle-injections", "forehead", "Forehead and frown lines", 1, 3, "DEMO-P01"),
    ("lip-filler", "lips", "Lip shape and volume, one syringe", 1, 2, "DEMO-P02"),
]


def load_before_after(context, treatments):
    """
    A before-and-after pair (drawn illustrations) on two treatments, each under a
    demo authorization, unless the page has pairs already or an editor's draft.
    """
    pages = {page.slug: page for page in treatments}
    for slug, subject, caption, sessions, weeks, record in GALLERY:
        page = TreatmentPage.objects.get(pk=pages[slug].pk)
        if page.before_after_pairs.exists() or page.has_unpublished_changes:
            continue
        given_on = datetime.date.today() - datetime.timedelta(days=60)
        authorization = patient_stories.demo_authorization(
            record, given_on=given_on, expires_on=given_on + datetime.timedelta(days=3 * 365)
        )
        alt = {
            "forehead": (
                "Drawing of a face with four deep forehead lines and two frown lines",
                "The same face with one faint forehead line and no frown lines",
            ),
            "lips": (
                "Drawing of a face with thin lips",
                "The same face with fuller, evenly shaped lips",
            ),
        }[subject]
        page.before_after_pairs = [
            TreatmentBeforeAfter(
                before_image=patient_stories.illustration(
                    f"{caption}: before", alt[0], subject=subject, stage="before"
                ),
                before_alt=alt[0],
                after_image=patient_stories.illustration(
                    f"{caption}: after", alt[1], subject=subject, stage="after"
                ),
                after_alt=alt[1],
                caption=caption,
                sessions=sessions,
                weeks_between=weeks,
                authorization=authorization,
            )
        ]
        publish_reviewed(page, page.reviewer, page.last_reviewed)
        context.log_created(page.before_after_pairs.first())


def feature_on_home_page(home, treatments):
    """Show the treatments on the home page, unless an editor has chosen pages (or has a draft)."""
    if home.featured_pages.exists() or home.has_unpublished_changes:
        return
    home.featured_pages = [
        HomePageFeaturedPage(page=page, sort_order=n) for n, page in enumerate(treatments[:3])
    ]
    home.save_revision().publish()


def load(context):
    # A fresh copy: other apps' demos may have added pages under it since it was loaded.
    home = HomePage.objects.get(pk=context.home.pk)
    authors = ensure_authors()
    categories, conditions, questions = ensure_snippets(reviewer=authors["Dr Ana Silva"])
    index, created = child_page(
        home,
        TreatmentIndexPage,
        "treatments",
        title="Treatments",
        show_in_menus=True,
        intro=(
            "What each treatment involves, how long it takes, what it costs and its side "
            "effects, so you can decide what to ask at your consultation."
        ),
        hero_image=demo_image(
            "Treatments",
            "Flat illustration of a treatment room: a reclining chair beside a window, a "
            "trolley and a plant",
            scene="treatment_room",
            variant=1,
        ),
    )
    if created:
        context.log_created(index)
    health_section(index)
    treatments = load_treatments(context, index, authors, categories, conditions, questions)
    load_faq_page(context, home, treatments[0], questions, authors["Dr Ana Silva"])
    feature_on_home_page(home, treatments)
    load_before_after(context, treatments)
