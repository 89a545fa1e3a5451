"""
The public page types and states the browser, accessibility and Lighthouse
checks visit, found in the demo content by model string so each app's pages
join the list as soon as the app is installed.

`public_pages()` lists what has an address of its own (Lighthouse audits those);
`browser_states()` lists the states a visitor only reaches by doing something in
the browser (the consultation form's error state and its thank-you), each with
the function that gets a Playwright page there.
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
    ("general", "clinic_site.StandardPage"),
    ("locations", "clinic_site.LocationIndexPage"),
    ("location", "clinic_site.LocationPage"),
    ("team", "clinic_site.TeamPage"),
    ("clinician", "clinic_site.ClinicianPage"),
]


def first_live_page(model_string):
    try:
        model = apps.get_model(model_string)
    except LookupError:
        return None
    return model.objects.live().public().order_by("path").first()


def blog_category_path():
    """The list of a blog category that has articles, when the blog app is installed."""
    index = first_live_page("blog.BlogIndexPage")
    if index is None:
        return None
    category = (
        apps.get_model("blog.BlogCategory")
        .objects.filter(posts__live=True)
        .distinct()
        .order_by("name")
        .first()
    )
    if category is None:
        return None
    return index.route_url("category", category.slug)


def gallery_path():
    """A treatment page showing before-and-after photos and reviews, where the demo has one."""
    try:
        pair_model = apps.get_model("treatments.TreatmentBeforeAfter")
    except LookupError:
        return None
    pair = (
        pair_model.objects.filter(pair_model.shown_q(), page__live=True)
        .select_related("page")
        .order_by("page__path")
        .first()
    )
    return pair.page.get_url() if pair is not None else None


def public_pages():
    """(name, path) for every public page type present in the database, plus fixed states."""
    pages = []
    for name, model_string in PAGE_MODELS:
        page = first_live_page(model_string)
        if page is not None:
            pages.append((name, page.get_url()))
        if name == "blog-post" and (category := blog_category_path()):
            pages.append(("blog-category", category))
    if gallery := gallery_path():
        pages.append(("treatment-gallery", gallery))
    pages.append(("search-results", "/search/?q=botox"))
    pages.append(("search-recommended", "/search/?q=price"))  # a promoted page first
    pages.append(("not-found", "/this-page-does-not-exist/"))
    return pages


# The consultation form, driven the way a patient does it -----------------------


def consultation_path():
    page = first_live_page("consultations.ConsultationPage")
    return page.get_url() if page is not None else None


def submit_consultation_form(page):
    """Send the form as it is and wait for the answer page."""
    with page.expect_navigation():
        page.locator("form.consult-form button[type=submit]").click()


def fill_consultation_form(page, *, name="Alex Example", email="alex@example.com", treatment=None):
    """Answer every required question (the treatment as named, as chosen, else "Not sure yet")."""
    page.get_by_label("Your name").fill(name)
    page.get_by_label("E-mail address").fill(email)
    page.get_by_role("radio", name="E-mail", exact=True).check()
    page.get_by_role("radio", name="I am a new patient").check()
    select = page.get_by_label("Treatment you are interested in")
    if treatment or not select.input_value():
        select.select_option(label=treatment or "Not sure yet")
    # A type the link preselected is kept; otherwise in person, at the first clinic.
    if not page.locator("input[name=consultation_type]:checked").count():
        in_person = page.get_by_role("radio", name="In person at the clinic")
        if in_person.count():
            in_person.check()
    locations = page.locator("input[name=location]")
    if locations.count() and not page.locator("input[name=location]:checked").count():
        locations.first.check()
    page.locator("input[name=consent]").check()


def show_consultation_errors(page, base_url):
    """The form's error state: the empty form sent."""
    page.goto(base_url + consultation_path())
    submit_consultation_form(page)
    page.locator(".error-summary").wait_for()


def show_consultation_thank_you(page, base_url):
    """The thank-you state, after a complete request (needs a zero minimum fill time)."""
    page.goto(base_url + consultation_path())
    fill_consultation_form(page)
    submit_consultation_form(page)
    page.wait_for_url("**/thank-you/**")


def browser_states():
    """(name, function(page, base_url)) for the states reached by using the site."""
    if consultation_path() is None:
        return []
    return [
        ("consultation-errors", show_consultation_errors),
        ("consultation-thank-you", show_consultation_thank_you),
    ]
