"""
The public page types and states the browser, accessibility and Lighthouse
checks visit, found in the demo content by model string so each app's pages
join the list as soon as the app is installed.
"""

from django.apps import apps

# (name, page model) in the order a patient meets them.
PAGE_MODELS = [
    ("home", "clinic_site.HomePage"),
    ("blog-index", "blog.BlogIndexPage"),
    ("blog-post", "blog.BlogPostPage"),
    ("treatment-index", "treatments.TreatmentIndexPage"),
    ("treatment", "treatments.TreatmentPage"),
    ("faq", "treatments.FaqPage"),
    ("consultation", "consultations.ConsultationPage"),
]


def first_live_page(model_string):
    try:
        model = apps.get_model(model_string)
    except LookupError:
        return None
    return model.objects.live().public().order_by("path").first()


def public_pages():
    """(name, path) for every public page type present in the database, plus fixed states."""
    pages = []
    for name, model_string in PAGE_MODELS:
        page = first_live_page(model_string)
        if page is not None:
            pages.append((name, page.get_url()))
    pages.append(("search-results", "/search/?q=botox"))
    pages.append(("not-found", "/this-page-does-not-exist/"))
    return pages
