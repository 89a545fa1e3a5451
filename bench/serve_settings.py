"""
Settings for the benchmark's gunicorn: production's, with a constant-response
view beside the site (bench/serve_urls.py) and plain static file names (the run
does not collect static files).
"""

from clinic_site.settings.production import *  # noqa: F403
from clinic_site.settings.production import STORAGES

ROOT_URLCONF = "serve_urls"
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
