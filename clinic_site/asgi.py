"""ASGI entry point; production servers set DJANGO_SETTINGS_MODULE to the production settings."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic_site.settings.dev")

application = get_asgi_application()
