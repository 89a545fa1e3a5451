"""
The demo's search tuning, as a clinic's editors would set it up: synonym groups
for the words patients use ("hurt", "pregnant", "price") beside the words the
pages use ("discomfort", "pregnancy", "cost"), and the Prices page promoted for
the searches about money. Runs last (from `clinic`), once the pages exist; only
adds what is missing.
"""

from django.apps import apps

from clinic_site.models import SearchSynonym
from clinic_site.models.synonyms import split_words

# (words, why): written as an editor would, in patients' words first.
SYNONYMS = [
    (
        "hurt, hurts, pain, painful, discomfort, sore, uncomfortable",
        "Patients ask whether it hurts; our pages speak of discomfort and numbing.",
    ),
    (
        "pregnant, pregnancy, expecting a baby",
        "Stemming keeps 'pregnant' and 'pregnancy' apart.",
    ),
    (
        "price, prices, cost, costs, fee, fees",
        "Patients ask about price; some pages say cost.",
    ),
    (
        "botox, botulinum toxin, anti-wrinkle injections",
        "The advertising rules make us write 'anti-wrinkle injections'; patients type Botox.",
    ),
    (
        "filler, fillers, dermal filler",
        "One or many, with or without 'dermal'.",
    ),
]

# (what patients type, slug of the promoted page, the line shown under it)
PROMOTIONS = [
    ("price", "prices", "What each treatment costs, what the price includes and how to pay."),
    ("cost", "prices", "What each treatment costs, what the price includes and how to pay."),
]


def load_synonyms(context):
    known = {
        word
        for words in SearchSynonym.objects.values_list("words", flat=True)
        for word in split_words(words)
    }
    for words, note in SYNONYMS:
        if known & set(split_words(words)):
            continue  # an editor has a group for these words already
        context.log_created(SearchSynonym.objects.create(words=words, note=note))


def load_promotions(context, pages):
    if not apps.is_installed("wagtail.contrib.search_promotions"):
        return
    from wagtail.contrib.search_promotions.models import Query

    for query_string, slug, description in PROMOTIONS:
        query = Query.get(query_string)
        if query.editors_picks.exists() or slug not in pages:
            continue
        promotion = query.editors_picks.create(
            page=pages[slug], description=description, sort_order=0
        )
        context.log_created(promotion)


def load(context, pages):
    load_synonyms(context)
    load_promotions(context, pages)
