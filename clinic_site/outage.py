"""
What the site can still tell a patient while its database is down: the clinic's
name, phone number and e-mail address.

A copy is kept in Django's default cache, written whenever the clinic details
(`ClinicSettings`) are saved, one per site host name plus one for the default
site. With a per-process memory cache the copy lives only as long as the worker
process, so production also sets CLINIC_FALLBACK_PHONE as the last resort.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http.request import split_domain_port

from . import conf

logger = logging.getLogger(__name__)

CACHE_KEY = "clinic_site:contact:{}"
DEFAULT_SITE = "*"


def remember_contact(clinic):
    """Copy one site's clinic details into the cache (never expires; replaced on save)."""
    contact = {"clinic_name": clinic.clinic_name, "phone": clinic.phone, "email": clinic.email}
    site = clinic.site
    keys = [CACHE_KEY.format(site.hostname.lower())]
    if site.is_default_site:
        keys.append(CACHE_KEY.format(DEFAULT_SITE))
    try:
        cache.set_many(dict.fromkeys(keys, contact), timeout=None)
    except Exception:  # a cache outage must not stop editors saving the clinic's details
        logger.warning("Could not copy the clinic's details into the cache.", exc_info=True)


def on_clinic_settings_saved(sender, instance, raw=False, **kwargs):
    """Signal receiver; a fixture's raw save may come before its site exists, so it waits."""
    if not raw:
        remember_contact(instance)


def request_host(request):
    try:
        return split_domain_port(request.get_host())[0]
    except DisallowedHost:
        return ""


def contact_for(request):
    """
    The clinic's details for this request's site, without touching the database:
    the cached copy for its host name, else the default site's, else
    CLINIC_FALLBACK_PHONE and WAGTAIL_SITE_NAME.
    """
    keys = [CACHE_KEY.format(request_host(request)), CACHE_KEY.format(DEFAULT_SITE)]
    try:
        found = cache.get_many(keys)
    except Exception:  # the cache may be down too; the fallback setting still answers
        logger.warning("Could not read the clinic's details from the cache.", exc_info=True)
        found = {}
    contact = next((found[key] for key in keys if key in found), {})
    return {
        "clinic_name": contact.get("clinic_name") or getattr(settings, "WAGTAIL_SITE_NAME", ""),
        "phone": contact.get("phone") or conf.get("CLINIC_FALLBACK_PHONE"),
        "email": contact.get("email", ""),
    }
