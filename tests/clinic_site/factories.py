"""Factories for the shared core's models."""

import factory
import wagtail_factories
from wagtail.models import Page, Site

from clinic_site.models import ClinicSettings, HomePage, SearchSynonym
from clinic_site.review import record_approval


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Image {n}")
    description = factory.Sequence(lambda n: f"Description of image {n}")
    # Small, so the renditions every new image gets (AVIF among them) cost little; a test of
    # sizes, `srcset` or the sharing image asks for `large=True`, big enough for every
    # rendition the templates and API ask for.
    file = factory.django.ImageField(width=320, height=180, color="teal")

    class Params:
        large = factory.Trait(file=factory.django.ImageField(width=1600, height=900, color="teal"))


def make_home_page(**fields):
    """Replace Wagtail's placeholder page with a `HomePage` and make it the site root."""
    root = Page.get_first_root_node()
    Site.objects.all().update(root_page=root)  # sites cascade with their root page
    for child in root.get_children():
        child.delete()
    fields.setdefault("title", "Riverside Skin Clinic")
    home = HomePage(slug="home", **fields)
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    return home


def make_page(parent, model=Page, publish=True, **fields):
    """
    Add a child page of `model` under `parent`, published unless told otherwise. A
    health page given a `reviewer` is saved as that clinician's approval in the
    clinical review leaves it, dated `last_reviewed` (see `approved`).
    """
    reviewer = fields.pop("reviewer", None)
    reviewed_on = fields.pop("last_reviewed", None) if reviewer else None
    fields.setdefault("live", publish)
    page = model(**fields)
    parent.add_child(instance=page)
    revision = page.save_revision()
    if reviewer is not None:
        revision = approved(page, reviewer, on=reviewed_on)
    if publish:
        revision.publish()
    page.refresh_from_db()
    return page


def approved(page, reviewer, on=None):
    """
    The page's latest revision as the "Clinical review" task's approval stamps it
    (`record_approval`), dated `on` rather than today: for tests of what a reviewed
    page shows. Tests of the review itself go through the workflow.
    """
    return record_approval(page, reviewer, on=on)


def make_clinic_settings():
    """The clinic's details on the default site, as a front desk would fill them in."""
    clinic = ClinicSettings.for_site(Site.objects.get(is_default_site=True))
    clinic.clinic_name = "Riverside Skin Clinic"
    clinic.phone = "+44 161 496 0000"
    clinic.email = "care@riverside.example"
    clinic.address = "4 Mill Lane\nManchester M1 1AA"
    clinic.opening_hours = "Monday to Friday: 8:30 to 18:00"
    clinic.medical_disclaimer = "<p>Information here is not a diagnosis.</p>"
    clinic.save()
    return clinic


def make_synonyms(*groups):
    """The editors' synonym groups, each written as an editor would ("hurt, pain")."""
    return [SearchSynonym.objects.create(words=words) for words in groups]
