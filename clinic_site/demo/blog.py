"""
The blog's demo content: a blog under the home page with four articles, their
authors and medical reviewer, categories, tags, illustrations and a few approved
comments. Idempotent: people are found by name, categories by slug, articles by
slug, comments by article and name; what exists is left as it is.
"""

import datetime

from django.apps import apps

from wagtail.models import Page

from blog.models import (
    BlogCategory,
    BlogComment,
    BlogIndexPage,
    BlogPostAuthor,
    BlogPostPage,
    BlogPostRelatedTreatment,
)
from clinic_site.models import Author, ClinicSettings

from .core import child_page, demo_image, health_section, portrait_of, publish_reviewed
from .people import PEOPLE

CATEGORIES = [
    ("Treatments explained", "treatments-explained", "How our treatments work, step by step."),
    ("Headaches and migraine", "headaches-and-migraine", "Living with and treating migraine."),
    ("Skin health", "skin-health", "Everyday care for healthy skin."),
    ("Before and after treatment", "before-and-after", "Preparing for and recovering well."),
]


# The articles link to treatment pages and the consultation page, so build
# those apps' demo pages first when they are installed.
RUN_AFTER = ("treatments", "consultations")


def load(context):
    blog, created = child_page(
        context.home,
        BlogIndexPage,
        "blog",
        title="Blog",
        show_in_menus=True,
        intro=(
            "Plain-language articles from our clinicians: how treatments work, what to "
            "expect, and the questions worth asking first."
        ),
        hero_image=demo_image(
            "Blog hero",
            "Flat illustration of an open notebook and a pen beside a cup of tea",
            scene="notebook_and_tea",
        ),
    )
    if created:
        context.log_created(blog)
    health_section(blog)

    people = {name: _person(context, name, **fields) for name, fields in PEOPLE.items()}
    categories = {slug: _category(name, slug, text) for name, slug, text in CATEGORIES}
    cta_page = _consultation_page(context)
    for spec in _articles(people, categories, cta_page):
        _article(context, blog, **spec)


def _person(context, name, **fields):
    person = Author.objects.filter(name=name).first()
    if person is None:
        person = Author.objects.create(name=name, photo=portrait_of(name), **fields)
        context.log_created(person)
    return person


def _category(name, slug, description):
    category, _created = BlogCategory.objects.get_or_create(
        slug=slug, defaults={"name": name, "description": description}
    )
    return category


def _consultation_page(context):
    """The clinic's consultation page when it is set; the home page (with its button) if not."""
    clinic = ClinicSettings.for_site(context.site)
    page = clinic.consultation_page
    return page if page and page.live else context.home


def _treatment_pages(slugs):
    """Live treatment pages with these slugs, when the treatments app is installed."""
    try:
        model = apps.get_model("treatments.TreatmentPage")
    except LookupError:
        return []
    return list(model.objects.live().filter(slug__in=slugs))


def _article(context, blog, *, slug, authors, categories, tags, comments, treatments=(), **fields):
    if blog.get_children().filter(slug=slug).exists():
        return
    reviewer, reviewed_on = fields.pop("reviewer", None), fields.pop("last_reviewed", None)
    post = BlogPostPage(
        slug=slug,
        post_authors=[BlogPostAuthor(author=author) for author in authors],
        categories=categories,
        related_treatments=[
            BlogPostRelatedTreatment(page=page) for page in _treatment_pages(treatments)
        ],
        **fields,
    )
    post.tags.add(*tags)
    blog.add_child(instance=post)
    publish_reviewed(post, reviewer, reviewed_on)
    for name, body, when in comments:
        BlogComment.objects.get_or_create(
            post=post,
            name=name,
            defaults={
                "email": f"{name.split()[0].lower()}@example.org",
                "body": body,
                "status": BlogComment.Status.APPROVED,
                "created_at": datetime.datetime.combine(
                    when, datetime.time(12), tzinfo=datetime.UTC
                ),
            },
        )
    context.log_created(post)


def _h(text, anchor=""):
    return ("heading", {"text": text, "level": "h2", "anchor": anchor})


def _p(*paragraphs):
    return ("paragraph", "".join(f"<p>{text}</p>" for text in paragraphs))


def _ul(*items):
    return ("paragraph", "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")


def _img(title, alt, caption="", *, scene, variant=0):
    image = demo_image(title, alt, scene=scene, variant=variant)
    return (
        "image",
        {
            "image": {"image": image, "alt_text": alt, "decorative": False},
            "caption": caption,
            "attribution": "",
        },
    )


def _cta(heading, text, label, page, consultation_type=""):
    return (
        "call_to_action",
        {
            "heading": heading,
            "text": text,
            "button_label": label,
            "page": page,
            "external_url": "",
            "consultation_type": consultation_type,
        },
    )


def _about_treatment(slug):
    """An "About this treatment" box for the treatment page with this slug, if there is one."""
    pages = _treatment_pages([slug])
    if not pages:
        return []
    return [("about_treatment", {"page": pages[0], "heading": ""})]


def _questions_link():
    """A call to action to the treatments app's Botox question list, found by its slug."""
    page = Page.objects.live().filter(slug="questions-to-ask-before-botox").first()
    if page is None:
        return []
    return [
        _cta(
            "Questions to ask before Botox treatment",
            "Our list of questions helps you get clear answers before you decide.",
            "Read the questions",
            page,
        )
    ]


def _articles(people, categories, cta_page):
    ana, cara, ben = people["Dr Ana Silva"], people["Cara Lee"], people["Dr Ben Okafor"]
    booking = _cta(
        "Schedule a free virtual consultation",
        "Talk through your symptoms and options with one of our clinicians, with no "
        "obligation to book a treatment.",
        "Book a virtual consultation",
        cta_page,
        consultation_type="virtual",
    )
    return [
        {
            "slug": "botox-for-migraines-how-it-works",
            "title": "Botox for migraines: how it works",
            "intro": (
                "Botulinum toxin injections can reduce how often chronic migraine strikes. "
                "Here is how the treatment works, what a session involves, and what to "
                "expect over the months that follow."
            ),
            "date": datetime.date(2026, 3, 2),
            "hero_image": demo_image(
                "Botox for migraines hero",
                "Flat illustration of a head and shoulders with dots marking injection sites",
                scene="head_map",
                variant=1,
            ),
            "hero_image_alt": (
                "Flat illustration of a head and shoulders, with coral dots on the forehead, "
                "temples, neck and shoulders where the injections go"
            ),
            "authors": [ana, cara],
            "reviewer": ben,
            "last_reviewed": datetime.date(2026, 3, 1),
            "categories": [
                categories["treatments-explained"],
                categories["headaches-and-migraine"],
            ],
            "tags": ["migraine", "botox", "headache"],
            "treatments": ["botox-for-migraines"],
            "body": [
                _p(
                    "Chronic migraine means headaches on fifteen or more days a month, at "
                    "least eight of them with migraine features, for three months or more. "
                    "For many people it shapes work, sleep and family life. When preventive "
                    "tablets have not helped or have caused side effects, injections of "
                    "botulinum toxin type A are a licensed option worth discussing."
                ),
                _h("How it works"),
                _p(
                    "Botulinum toxin is best known for relaxing muscles, but its effect on "
                    "migraine is thought to come mainly from the nerves. It reduces the "
                    "release of chemical messengers that carry pain signals, such as CGRP "
                    "and substance P, from nerve endings in the head and neck. With fewer "
                    "of these messengers released, the pain pathways become less easily "
                    "switched on, so attacks come less often.",
                    "It is a preventive treatment: it does not stop an attack that has "
                    "already started, and you keep your usual rescue medicines.",
                ),
                _img(
                    "Migraine injection sites",
                    "A simple drawing of a head and shoulders with dots on the forehead, "
                    "temples, neck and shoulders",
                    "Injections are spread across seven areas of the head, neck and shoulders.",
                    scene="head_map",
                ),
                _h("The treatment process"),
                _p(
                    "Your first appointment is a consultation. We ask about your headache "
                    "pattern, the treatments you have tried and your general health, and we "
                    "ask you to keep a headache diary so that we can measure the effect."
                ),
                _ul(
                    "A session takes fifteen to thirty minutes; with the checks beforehand, "
                    "the whole appointment takes less than an hour.",
                    "A very fine needle is used for thirty to forty small injections into "
                    "the forehead, temples, back of the head, neck and shoulders.",
                    "Numbing cream or ice is there if you want it, though most people "
                    "describe only a brief sting.",
                    "You can drive and go back to work straight afterwards.",
                ),
                _p(
                    "Treatment is repeated every twelve weeks. Many people notice fewer "
                    "headache days within two or three weeks, but some only respond after "
                    "a second round, so we review your diary after the second or third "
                    "session before deciding whether to carry on."
                ),
                *_about_treatment("botox-for-migraines"),
                _h("Long-term effects"),
                _p(
                    "In people who respond, the number of headache days usually falls "
                    "gradually over the first six months. Many also find that the attacks "
                    "they still have are milder or shorter. Treatment is normally continued "
                    "while it helps, and we review every few sessions whether a break is "
                    "worth trying: for some, migraine settles into a less frequent pattern "
                    "that no longer needs it.",
                    "Studies following patients for several years have not found new "
                    "safety problems with repeated treatment at migraine doses.",
                ),
                _h("Side effects"),
                _p(
                    "Most side effects are mild and pass within days or a few weeks. The "
                    "commonest are:"
                ),
                _ul(
                    "soreness or a small bruise where the needle went in;",
                    "neck pain or stiffness, or a feeling of weakness in the neck;",
                    "a headache in the day or two after treatment;",
                    "a drooping eyelid or brow, which is uncommon and temporary.",
                ),
                _p(
                    "Serious reactions are rare. Tell us straight away if you have trouble "
                    "swallowing, speaking or breathing. The treatment is not used in "
                    "pregnancy or while breastfeeding, or in some nerve and muscle "
                    "conditions, which is one reason the consultation matters."
                ),
                _h("Questions to ask before treatment", "questions-to-ask"),
                _p(
                    "Before agreeing to any treatment, it helps to ask who will inject you "
                    "and how often they do it, how the effect will be measured, what "
                    "happens if it does not work, and what the full cost of a year's "
                    "treatment will be."
                ),
                *_questions_link(),
                booking,
            ],
            "comments": [
                (
                    "Helen",
                    "I kept a diary like you suggest and it made the review so much easier. "
                    "Thanks for explaining why the second session matters.",
                    datetime.date(2026, 3, 5),
                ),
                (
                    "Tom",
                    "Clear and honest about side effects. The neck stiffness was exactly as "
                    "described for me and gone within a week.",
                    datetime.date(2026, 3, 9),
                ),
            ],
        },
        {
            "slug": "preparing-for-your-first-injectable-treatment",
            "title": "Preparing for your first injectable treatment",
            "intro": (
                "A little preparation makes a first appointment calmer and safer. What to "
                "tell us, what to avoid beforehand and what to plan for afterwards."
            ),
            "date": datetime.date(2026, 2, 12),
            "hero_image": demo_image(
                "Preparing for treatment hero",
                "Flat illustration of a waiting area with two armchairs and a plant",
                scene="waiting_area",
            ),
            "hero_image_alt": (
                "Flat illustration of a quiet waiting area: two teal armchairs, a low table "
                "with a glass of water, a framed print and a plant"
            ),
            "authors": [cara],
            "reviewer": ben,
            "last_reviewed": datetime.date(2026, 2, 10),
            "categories": [categories["before-and-after"]],
            "tags": ["aftercare", "first visit", "botox"],
            "body": [
                _p(
                    "Whether you are coming for wrinkle-relaxing injections, dermal filler "
                    "or migraine treatment, the steps before a first session are similar."
                ),
                _h("Tell us about your health"),
                _p(
                    "Bring a list of your medicines, including supplements. Blood thinners, "
                    "some painkillers and fish oil can make bruising more likely; do not "
                    "stop a prescribed medicine without asking the doctor who prescribed it."
                ),
                _h("The days before"),
                _ul(
                    "Avoid alcohol for a day beforehand, as it can increase bruising.",
                    "Reschedule if you have a cold sore or skin infection in the area.",
                    "Plan treatments at least two weeks before an important event.",
                ),
                _img(
                    "Consultation notes",
                    "Flat illustration of a clipboard with a checklist, three items ticked",
                    scene="clipboard",
                ),
                _h("Afterwards"),
                _p(
                    "Keep the area clean, avoid rubbing or massaging it for the rest of the "
                    "day, and skip hot baths, saunas and hard exercise for as long as your "
                    "treatment's aftercare says: a few hours after anti-wrinkle or migraine "
                    "injections, a day or two after filler. Call us if anything worries you."
                ),
                booking,
            ],
            "comments": [
                (
                    "Priya",
                    "The tip about planning two weeks before an event saved me before my "
                    "sister's wedding.",
                    datetime.date(2026, 2, 15),
                ),
            ],
        },
        {
            "slug": "sun-protection-all-year-round",
            "title": "Sun protection all year round",
            "intro": (
                "Ultraviolet light ages the skin even on cloudy winter days. How to choose "
                "and use a sunscreen you will actually wear."
            ),
            "date": datetime.date(2026, 1, 20),
            "hero_image": demo_image(
                "Sun protection hero",
                "Flat illustration of a sunscreen tube and a sun hat under a bright sun",
                scene="sunscreen",
            ),
            "hero_image_alt": (
                "Flat illustration of a tube of sunscreen and a coral sun hat under a bright sun"
            ),
            "authors": [ben],
            "categories": [categories["skin-health"]],
            "tags": ["sunscreen", "skin care"],
            "body": [
                _p(
                    "Most visible skin ageing, such as fine lines, uneven colour and loss "
                    "of firmness, comes from years of ultraviolet exposure rather than age "
                    "alone. The good news is that it is largely preventable."
                ),
                _h("Choosing a sunscreen"),
                _ul(
                    "Broad spectrum, protecting against both UVA and UVB.",
                    "SPF 30 or higher for daily use.",
                    "A texture you like: the best sunscreen is the one you use every day.",
                ),
                _h("Using it well"),
                _p(
                    "Most people apply about half the amount tested in the laboratory. For "
                    "the face and neck, two finger-lengths is a good guide. Reapply every "
                    "two hours outdoors and after swimming or sweating."
                ),
                _h("After a treatment"),
                _p(
                    "Skin is more sensitive after peels, laser and some injectable "
                    "treatments. Protect it carefully for the weeks your clinician advises."
                ),
            ],
            "comments": [],
        },
        {
            "slug": "living-well-with-migraine",
            "title": "Living well with migraine: everyday steps that help",
            "intro": (
                "Treatment works best alongside habits that make attacks less likely. "
                "Practical changes our patients find useful."
            ),
            "date": datetime.date(2025, 12, 8),
            "hero_image": demo_image(
                "Living with migraine hero",
                "Flat illustration of a calendar with some days ticked, beside a glass of water",
                scene="calendar_and_water",
            ),
            "hero_image_alt": (
                "Flat illustration of a calendar with a few days ticked off, beside a glass "
                "of water"
            ),
            "authors": [ana],
            "reviewer": ben,
            "last_reviewed": datetime.date(2025, 12, 1),
            "categories": [categories["headaches-and-migraine"]],
            "tags": ["migraine", "headache", "lifestyle"],
            "body": [
                _p(
                    "Migraine is a neurological condition, not a lifestyle failing. Still, "
                    "the brain of someone with migraine likes routine, and small, steady "
                    "habits can lower the number of attacks."
                ),
                _h("Keep a diary"),
                _p(
                    "Note headache days, how bad they were, the medicines you took and "
                    "anything that stood out. Patterns such as missed meals, poor sleep or "
                    "the menstrual cycle often appear within a couple of months."
                ),
                _h("Regular rhythms"),
                _ul(
                    "Go to bed and get up at similar times, weekends included.",
                    "Eat regular meals and drink water through the day.",
                    "Keep caffeine moderate and consistent.",
                ),
                _h("Watch your painkiller days"),
                _p(
                    "Taking painkillers on more than ten to fifteen days a month can itself "
                    "cause more headaches. If you are near that number, it is a good time "
                    "to talk about preventive treatment."
                ),
                booking,
            ],
            "comments": [
                (
                    "Sam",
                    "The point about painkiller days was news to me. Booking a review with my GP.",
                    datetime.date(2025, 12, 12),
                ),
            ],
        },
    ]
