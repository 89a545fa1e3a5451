"""
Build the demo clinic: home page, clinic details, the development admin, then
each installed app's demo pages (from `clinic_site.demo.<app label>`'s `load(context)`),
and last the core's own pages (`clinic_site.demo.clinic`), which link to the apps' pages.

Idempotent: what exists is left alone, so a second run changes nothing.
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from clinic_site.demo import clinic
from clinic_site.demo.core import (
    DemoContext,
    ensure_clinic_settings,
    ensure_demo_admin,
    ensure_home_page,
)


def app_demo_modules():
    """
    The demo modules of installed apps other than the core, in INSTALLED_APPS
    order, except that a module runs after the apps its `RUN_AFTER` names (so a
    blog can link to treatments and the consultation page that exist by then).
    """
    modules = {}
    for app_config in apps.get_app_configs():
        if app_config.name == "clinic_site":
            continue
        module_name = f"clinic_site.demo.{app_config.label}"
        if find_spec(module_name) is None:
            continue
        module = import_module(module_name)
        if callable(getattr(module, "load", None)):
            modules[app_config.label] = module

    ordered, placed = [], set()

    def place(label, seen=()):
        if label in placed or label not in modules or label in seen:
            return
        for dependency in getattr(modules[label], "RUN_AFTER", ()):
            place(dependency, (*seen, label))
        placed.add(label)
        ordered.append(modules[label])

    for label in modules:
        place(label)
    return ordered


class Command(BaseCommand):
    help = "Load the demo clinic's pages, images and settings (safe to run again)."

    def add_arguments(self, parser):
        for module in app_demo_modules():
            if hasattr(module, "add_arguments"):
                module.add_arguments(parser)

    def handle(self, *args, **options):
        self.stdout.write("Loading demo content...")
        with transaction.atomic():
            site, home = ensure_home_page(self.stdout)
            ensure_clinic_settings(site, self.stdout)
            context = DemoContext(site=site, home=home, stdout=self.stdout, options=options)
            for module in app_demo_modules():
                module.load(context)
            clinic.load(context)
            admin = ensure_demo_admin(settings.DEMO_ADMIN, self.stdout)

        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
        if admin is not None:
            self.stdout.write(
                f"Demo admin: http://127.0.0.1:8000/admin/  username "
                f"'{settings.DEMO_ADMIN['username']}'  password "
                f"'{settings.DEMO_ADMIN['password']}' (development only)"
            )
