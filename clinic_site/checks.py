"""System checks for the shared core's settings, so a typo is reported at start-up."""

from django.core import checks
from django.http import HttpRequest

from ipware import get_client_ip

from . import conf


@checks.register()
def check_proxy_settings(app_configs=None, **kwargs):
    """A wrong proxy setting makes every patient share one rate limit, or lets them forge theirs."""
    errors = []
    count = conf.get("CLINIC_PROXY_COUNT")
    if not isinstance(count, int) or isinstance(count, bool) or count < 0:
        errors.append(
            checks.Error(
                f"CLINIC_PROXY_COUNT must be a whole number of zero or more, not {count!r}.",
                hint="The number of reverse proxies in front of the site; 0 when there is none.",
                id="clinic_site.E001",
            )
        )
        count = None
    trusted = conf.get("CLINIC_TRUSTED_PROXIES")
    if not trusted:
        return errors
    try:
        # The library that reads the addresses is the judge of what it accepts
        # (a bare string, an empty entry or a non-address raise ValueError).
        get_client_ip(HttpRequest(), proxy_trusted_ips=trusted)
    except (TypeError, ValueError):
        errors.append(
            checks.Error(
                f"CLINIC_TRUSTED_PROXIES must be a list of IP addresses, CIDR networks or "
                f"prefixes, not {trusted!r}.",
                hint='For example ["10.0.0.5"], ["10.0.0.0/24"] or ["10.0."].',
                id="clinic_site.E002",
            )
        )
        return errors
    if count is not None and len(trusted) != count:
        errors.append(
            checks.Error(
                f"CLINIC_TRUSTED_PROXIES lists {len(trusted)} proxies but CLINIC_PROXY_COUNT "
                f"is {count}.",
                hint="List one entry per proxy, outermost first and the one nearest the site "
                "last; use a CIDR network for a proxy with several addresses.",
                id="clinic_site.E003",
            )
        )
    return errors


@checks.register()
def check_webhook_secret(app_configs=None, **kwargs):
    """Webhooks signed with an empty key prove nothing to the front end that receives them."""
    if conf.get("CLINIC_WEBHOOK_URLS") and not conf.get("CLINIC_WEBHOOK_SECRET"):
        return [
            checks.Error(
                "CLINIC_WEBHOOK_URLS is set but CLINIC_WEBHOOK_SECRET is empty, so publish "
                "webhooks cannot be signed and will not be sent.",
                hint="Set CLINIC_WEBHOOK_SECRET to a long random value shared with the front "
                'end (for example the output of `python -c "import secrets; '
                'print(secrets.token_hex(32))"`), or empty CLINIC_WEBHOOK_URLS.',
                id="clinic_site.E004",
            )
        ]
    return []
