"""
The demo's treatment categories, conditions and shared questions (with their answers), found
again by slug, name or question text and created only when missing, so a second load changes
nothing and editors' changes are never overwritten.
"""

import datetime

from treatments.models import Condition, Question, TreatmentCategory

CATEGORIES = [
    ("Neurotoxins", "neurotoxins", 1, "Injections that relax chosen muscles for a few months."),
    ("Fillers", "fillers", 2, "Gels that restore volume or shape, mostly hyaluronic acid."),
    ("Skin", "skin", 3, "Treatments for the skin's surface: texture, tone and glow."),
]

CONDITIONS = [
    ("Chronic migraine", "chronic-migraine", "Headache on 15 or more days a month."),
    ("Frown lines", "frown-lines", "Vertical lines between the eyebrows."),
    ("Thin lips", "thin-lips", "Lips that have lost volume or were always thin."),
    ("Dull or uneven skin", "dull-uneven-skin", "Rough texture, patches or a tired look."),
]

# Shared questions: (question, answer, topics). Used on the FAQ page and on treatments.
QUESTIONS = {
    "qualified": (
        "Who will give my treatment, and what are their qualifications?",
        "<p>Every treatment is given by a doctor, dentist or registered nurse prescriber "
        "trained in it. Ask to see their registration: you can check it on the public "
        "register of their professional body.</p>",
        ["safety", "before booking"],
    ),
    "product": (
        "Which product will you use, and is it licensed?",
        "<p>Ask for the brand name. Botulinum toxin is a prescription-only medicine, so it "
        "should come from a UK pharmacy and be prescribed after a face-to-face "
        "assessment.</p>",
        ["botox", "safety"],
    ),
    "how_long": (
        "How long does Botox last?",
        "<p>For most people the effect wears off gradually over about three months, which "
        "is why treatment is usually repeated around every 12 weeks.</p>",
        ["botox", "results"],
    ),
    "side_effects": (
        "What side effects should I expect, and what should I do about them?",
        "<p>Mild headache, tenderness and small bruises are common and settle within days. "
        "Call us if an eyelid or eyebrow droops. Seek urgent help if you have any trouble "
        "swallowing, speaking or breathing.</p>",
        ["botox", "safety", "side effects"],
    ),
    "not_suitable": (
        "Is there any reason I should not have Botox?",
        "<p>It is not given during pregnancy or breastfeeding, to people with some muscle "
        "or nerve conditions such as myasthenia gravis, or where the skin to be treated is "
        "infected. Tell us about every medicine you take.</p>",
        ["botox", "safety"],
    ),
    "cost": (
        "What will it cost in total?",
        "<p>Ask for the full price, including the consultation and any review appointment. "
        "Remember that treatment is repeated, so think about the cost over a year.</p>",
        ["cost", "before booking"],
    ),
    "review": (
        "Will I have a follow-up appointment?",
        "<p>We offer a review two weeks after a first treatment, to check how you are and "
        "whether the dose suits you.</p>",
        ["aftercare"],
    ),
    "hurt": (
        "Does it hurt?",
        "<p>Most people describe a quick scratch with each injection. Numbing cream or an "
        "ice pack beforehand makes it more comfortable.</p>",
        ["comfort"],
    ),
}


# The demo's shared answers were last approved by a clinician on this date.
QUESTIONS_REVIEWED_ON = datetime.date(2026, 6, 1)


def ensure_snippets(reviewer=None):
    categories = {
        slug: TreatmentCategory.objects.get_or_create(
            slug=slug, defaults={"name": name, "sort_order": order, "description": text}
        )[0]
        for name, slug, order, text in CATEGORIES
    }
    conditions = {
        slug: Condition.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": text}
        )[0]
        for name, slug, text in CONDITIONS
    }
    questions = {}
    for key, (question, answer, topics) in QUESTIONS.items():
        obj = Question.objects.filter(question=question).first()
        if obj is None:
            obj = Question(
                question=question,
                answer=answer,
                reviewer=reviewer,
                last_reviewed=QUESTIONS_REVIEWED_ON if reviewer else None,
            )
            obj.topics.add(*topics)
            obj.save()
        questions[key] = obj
    return categories, conditions, questions
