"""
Runs inside the temporary host project of `test_wheel.py`, with that project's settings and
interpreter, after `manage.py migrate`: creates one page of every type the apps provide, renders
each and reads it through both content APIs, renders them again with the replacement base
template in the folder given as the argument, and prints what a visitor and a front end get,
as JSON.
"""

import datetime
import io
import json
import sys

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.contrib.staticfiles import finders  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

from wagtail.models import Page, Site  # noqa: E402

import blog  # noqa: E402
import clinic_site  # noqa: E402
import consultations  # noqa: E402
import treatments  # noqa: E402
from blog.models import BlogIndexPage, BlogPostAuthor, BlogPostPage  # noqa: E402
from clinic_site.models import HomePage  # noqa: E402
from consultations.models import ConsultationPage  # noqa: E402
from treatments.models import FaqPage, TreatmentIndexPage, TreatmentPage  # noqa: E402

APPS = (clinic_site, blog, treatments, consultations)
STYLESHEETS = [
    "clinic_site/css/site.css",
    "blog/css/blog.css",
    "treatments/css/treatments.css",
    "consultations/css/consultations.css",
]


def add(parent, page):
    """Add `page` under `parent` and publish it, as an editor would."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def build_pages():
    author_model = clinic_site.get_author_model()  # the project's own, docs/install.md
    writer = author_model.objects.create(name="Dr Mei Tan", credentials="MD", staff_number="17")
    reviewer = author_model.objects.create(name="Dr Omar Haddad", credentials="FRCP")
    home = add(Page.get_first_root_node(), HomePage(title="Harbour Clinic", slug="clinic"))
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    journal = add(home, BlogIndexPage(title="Clinic journal", slug="journal"))
    index = add(home, TreatmentIndexPage(title="Our treatments", slug="treatments"))
    return {
        "home": home,
        "blog index": journal,
        "blog post": add(
            journal,
            BlogPostPage(
                title="What to expect at your first visit",
                slug="first-visit",
                date=datetime.date(2026, 1, 5),
                intro="A first visit, step by step.",
                post_authors=[BlogPostAuthor(author=writer)],
                reviewer=reviewer,
                last_reviewed=datetime.date(2026, 1, 4),
            ),
        ),
        "treatment index": index,
        "treatment": add(index, TreatmentPage(title="Chemical peel", slug="chemical-peel")),
        "FAQ page": add(home, FaqPage(title="Questions before a peel", slug="questions")),
        "consultation page": add(
            home,
            ConsultationPage(
                title="Request a consultation",
                slug="consultation",
                notify_emails="desk@clinic.example",
            ),
        ),
    }


def has_missing_migrations():
    """Whether this project would have to make migrations for the installed apps."""
    try:
        labels = [app.__name__ for app in APPS]
        call_command("makemigrations", *labels, check=True, dry_run=True, stdout=io.StringIO())
    except SystemExit:
        return True
    return False


def get(client, url):
    response = client.get(url)
    content = response.content.decode()
    is_json = response["Content-Type"].startswith("application/json")
    return {"status": response.status_code, "content": json.loads(content) if is_json else content}


def main(own_layout_dir):
    client = Client(raise_request_exception=False)  # a failing page is a 500, not a crash
    missing_migrations = has_missing_migrations()
    pages = build_pages()
    report = {
        kind: {
            "title": page.title,
            "type": page._meta.label,
            "page": get(client, page.url),
            "api_v2": get(client, f"/api/v2/pages/{page.pk}/"),
            "api_v3": get(client, f"/api/v3/pages/{page.pk}/"),
        }
        for kind, page in pages.items()
    }
    templates = settings.TEMPLATES[0]
    with override_settings(TEMPLATES=[{**templates, "DIRS": [own_layout_dir, *templates["DIRS"]]}]):
        in_own_layout = {kind: get(client, page.url) for kind, page in pages.items()}
    json.dump(
        {
            "pages": report,
            "in own layout": in_own_layout,
            "missing migrations": missing_migrations,
            "modules": {app.__name__: app.__file__ for app in APPS},
            "stylesheets": {name: bool(finders.find(name)) for name in STYLESHEETS},
            "author model": clinic_site.get_author_model()._meta.label,
            "groups": sorted(Group.objects.values_list("name", flat=True)),
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main(sys.argv[1])
