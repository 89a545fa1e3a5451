"""System checks for the shared core's settings: misconfiguration is reported at start-up."""

from django.core.checks import Error, register

from . import conf


@register()
def check_webhook_secret(app_configs, **kwargs):
    """Webhooks signed with an empty key prove nothing to the front end that receives them."""
    if conf.get("CLINIC_WEBHOOK_URLS") and not conf.get("CLINIC_WEBHOOK_SECRET"):
        return [
            Error(
                "CLINIC_WEBHOOK_URLS is set but CLINIC_WEBHOOK_SECRET is empty, so publish "
                "webhooks cannot be signed and will not be sent.",
                hint="Set CLINIC_WEBHOOK_SECRET to a long random value shared with the front "
                'end (for example the output of `python -c "import secrets; '
                'print(secrets.token_hex(32))"`), or empty CLINIC_WEBHOOK_URLS.',
                id="clinic_site.E001",
            )
        ]
    return []
