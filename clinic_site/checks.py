"""System checks for the shared core's settings, so a typo is reported at start-up."""

from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
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


def is_web_address(value):
    """An absolute http(s) address, as a front end or a webhook needs."""
    if not isinstance(value, str):
        return False
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def is_number(value, *, minimum, whole=True):
    kinds = int if whole else (int, float)
    return isinstance(value, kinds) and not isinstance(value, bool) and value >= minimum


@checks.register()
def check_webhook_settings(app_configs=None, **kwargs):
    """A webhook that can never be sent fails quietly, long after the deploy."""
    errors = []
    urls = conf.get("CLINIC_WEBHOOK_URLS")
    if not isinstance(urls, list | tuple) or not all(is_web_address(url) for url in urls):
        errors.append(
            checks.Error(
                f"CLINIC_WEBHOOK_URLS must be a list of http(s) addresses, not {urls!r}.",
                hint='For example ["https://front.example.com/hooks/publish"]; [] sends none.',
                id="clinic_site.E007",
            )
        )
    timeout = conf.get("CLINIC_WEBHOOK_TIMEOUT")
    if not is_number(timeout, minimum=0.1, whole=False):
        errors.append(
            checks.Error(
                "CLINIC_WEBHOOK_TIMEOUT must be a number of seconds of at least 0.1, "
                f"not {timeout!r}.",
                hint="How long to wait for the front end's answer, e.g. 5.",
                id="clinic_site.E008",
            )
        )
    return errors


REMOVED_SETTINGS = {
    "CLINIC_WEBHOOK_MAX_ATTEMPTS": ("CLINIC_OUTBOX_MAX_ATTEMPTS", "clinic_site.W001"),
    "CLINIC_WEBHOOK_RETRY_BASE_SECONDS": ("CLINIC_OUTBOX_RETRY_BASE_SECONDS", "clinic_site.W002"),
}


@checks.register()
def check_removed_settings(app_configs=None, **kwargs):
    """Webhooks are outbox messages now: their own retry settings would silently do nothing."""
    return [
        checks.Warning(
            f"{name} is no longer used: webhooks are retried like every outbox message.",
            hint=f"Remove it; {replacement} sets the retries of e-mails and webhooks alike.",
            id=warning_id,
        )
        for name, (replacement, warning_id) in REMOVED_SETTINGS.items()
        if hasattr(settings, name)
    ]


@checks.register()
def check_review_interval_setting(app_configs=None, **kwargs):
    """The review interval moved to the clinic's details, where editors can change it."""
    if not hasattr(settings, "CLINIC_REVIEW_INTERVAL_DAYS"):
        return []
    return [
        checks.Warning(
            "CLINIC_REVIEW_INTERVAL_DAYS is no longer used: the medical review interval "
            "is a site setting now.",
            hint="Remove it, and set 'Medical review interval (months)' under Settings \u2192 "
            "Clinic details in the admin (12 months unless changed).",
            id="clinic_site.W003",
        )
    ]


@checks.register()
def check_headless_settings(app_configs=None, **kwargs):
    """Previews and the sitemap build addresses on the front end's URL."""
    errors = []
    url = conf.get("CLINIC_HEADLESS_FRONTEND_URL")
    if url and not is_web_address(url):
        errors.append(
            checks.Error(
                f"CLINIC_HEADLESS_FRONTEND_URL must be an http(s) address, not {url!r}.",
                hint='The front end\'s base address, e.g. "https://www.clinic.example", or "" '
                "when the site renders its own pages.",
                id="clinic_site.E020",
            )
        )
    ttl = conf.get("CLINIC_HEADLESS_PREVIEW_TTL")
    if not is_number(ttl, minimum=1):
        errors.append(
            checks.Error(
                "CLINIC_HEADLESS_PREVIEW_TTL must be a whole number of seconds of at least 1, "
                f"not {ttl!r}.",
                hint=f"e.g. {conf.DEFAULTS['CLINIC_HEADLESS_PREVIEW_TTL']} (five minutes).",
                id="clinic_site.E021",
            )
        )
    return errors


# Each outbox setting has its own id, which stays when settings are added or
# removed, and its smallest sensible value.
OUTBOX_WHOLE_NUMBERS = {
    "CLINIC_OUTBOX_RETRY_BASE_SECONDS": ("clinic_site.E030", 1),
    "CLINIC_OUTBOX_RETRY_MAX_SECONDS": ("clinic_site.E031", 1),
    "CLINIC_OUTBOX_MAX_ATTEMPTS": ("clinic_site.E032", 1),
    "CLINIC_OUTBOX_CLAIM_SECONDS": ("clinic_site.E033", 1),
    "CLINIC_OUTBOX_OVERDUE_SECONDS": ("clinic_site.E034", 0),
}


@checks.register()
def check_outbox_settings(app_configs=None, **kwargs):
    """A wrong retry setting would fail every e-mail and webhook at its first send."""
    errors = []
    for name, (error_id, minimum) in OUTBOX_WHOLE_NUMBERS.items():
        value = conf.get(name)
        if not is_number(value, minimum=minimum):
            errors.append(
                checks.Error(
                    f"{name} must be a whole number of at least {minimum}, not {value!r}.",
                    hint=f"e.g. {conf.DEFAULTS[name]}, the default; docs/settings.md says what "
                    "it sets.",
                    id=error_id,
                )
            )
    return errors


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
