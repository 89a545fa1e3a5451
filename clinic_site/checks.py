"""System checks for the shared core's settings, so a typo is reported at start-up."""

from django.apps import apps
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

from ipware import get_client_ip

from . import conf, crypto, get_author_model
from .fields import EncryptedFieldMixin


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


@checks.register()
def check_author_model(app_configs=None, **kwargs):
    """Bylines, reviewers, the API and the JSON-LD read the fields `AbstractAuthor` declares."""
    from .models import AbstractAuthor

    hint = (
        "Set CLINIC_AUTHOR_MODEL to 'clinic_site.Author' or to an installed model that "
        "subclasses clinic_site.models.AbstractAuthor, as 'app_label.ModelName'."
    )
    try:
        model = get_author_model()
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), hint=hint, id="clinic_site.E005")]
    if not issubclass(model, AbstractAuthor):
        return [
            checks.Error(
                f"CLINIC_AUTHOR_MODEL names {model._meta.label}, which does not subclass "
                "AbstractAuthor.",
                hint=hint,
                id="clinic_site.E006",
            )
        ]
    return []


KEY_HINT = (
    'Generate one with `python -c "from cryptography.fernet import Fernet; '
    'print(Fernet.generate_key().decode())"`; docs/privacy.md explains rotation.'
)
BLIND_INDEX_KEY_MIN_LENGTH = 32


def models_with_encrypted_fields():
    return [
        model
        for model in apps.get_models()
        if any(isinstance(field, EncryptedFieldMixin) for field in model._meta.get_fields())
    ]


@checks.register()
def check_encryption_keys(app_configs=None, **kwargs):
    """
    Installed apps that store encrypted personal data need keys: without them
    every read and write of those rows fails. Projects without such models need none.
    """
    if not models_with_encrypted_fields():
        return []
    errors = []
    keys = crypto.encryption_keys()
    if not keys:
        errors.append(
            checks.Error(
                "CLINIC_ENCRYPTION_KEYS is empty, so personal data cannot be encrypted or read.",
                hint=f"Set it to a list of Fernet keys, newest first. {KEY_HINT}",
                id="clinic_site.E010",
            )
        )
    invalid = [str(n) for n, key in enumerate(keys, 1) if not crypto.is_valid_key(key)]
    if invalid:
        errors.append(
            checks.Error(
                "CLINIC_ENCRYPTION_KEYS holds something that is not a Fernet key "
                f"(position {', '.join(invalid)}).",
                hint=f"Each key is 32 url-safe base64-encoded bytes. {KEY_HINT}",
                id="clinic_site.E011",
            )
        )
    blind_index_key = conf.get(crypto.BLIND_INDEX_SETTING) or ""
    if not blind_index_key:
        errors.append(
            checks.Error(
                "CLINIC_BLIND_INDEX_KEY is empty, so encrypted personal data cannot be searched.",
                hint="Set it to a long random value that never changes, e.g. the output of "
                '`python -c "import secrets; print(secrets.token_urlsafe(32))"`.',
                id="clinic_site.E012",
            )
        )
    elif len(blind_index_key) < BLIND_INDEX_KEY_MIN_LENGTH:
        errors.append(
            checks.Error(
                f"CLINIC_BLIND_INDEX_KEY is shorter than {BLIND_INDEX_KEY_MIN_LENGTH} characters, "
                "so its hashes of e-mail addresses and phone numbers could be guessed.",
                hint='Use e.g. the output of `python -c "import secrets; '
                'print(secrets.token_urlsafe(32))"`, then run '
                "`manage.py rotate_consultation_keys` to recompute the indexes.",
                id="clinic_site.E013",
            )
        )
    return errors
