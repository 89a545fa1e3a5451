"""System checks for the shared core's settings: misconfiguration is reported at start-up."""

from django.apps import apps
from django.core.checks import Error, register

from . import conf, crypto
from .fields import EncryptedFieldMixin

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


@register()
def check_encryption_keys(app_configs, **kwargs):
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
            Error(
                "CLINIC_ENCRYPTION_KEYS is empty, so personal data cannot be encrypted or read.",
                hint=f"Set it to a list of Fernet keys, newest first. {KEY_HINT}",
                id="clinic_site.E010",
            )
        )
    invalid = [str(n) for n, key in enumerate(keys, 1) if not crypto.is_valid_key(key)]
    if invalid:
        errors.append(
            Error(
                "CLINIC_ENCRYPTION_KEYS holds something that is not a Fernet key "
                f"(position {', '.join(invalid)}).",
                hint=f"Each key is 32 url-safe base64-encoded bytes. {KEY_HINT}",
                id="clinic_site.E011",
            )
        )
    blind_index_key = conf.get(crypto.BLIND_INDEX_SETTING) or ""
    if not blind_index_key:
        errors.append(
            Error(
                "CLINIC_BLIND_INDEX_KEY is empty, so encrypted personal data cannot be searched.",
                hint="Set it to a long random value that never changes, e.g. the output of "
                '`python -c "import secrets; print(secrets.token_urlsafe(32))"`.',
                id="clinic_site.E012",
            )
        )
    elif len(blind_index_key) < BLIND_INDEX_KEY_MIN_LENGTH:
        errors.append(
            Error(
                f"CLINIC_BLIND_INDEX_KEY is shorter than {BLIND_INDEX_KEY_MIN_LENGTH} characters, "
                "so its hashes of e-mail addresses and phone numbers could be guessed.",
                hint='Use e.g. the output of `python -c "import secrets; '
                'print(secrets.token_urlsafe(32))"`, then run '
                "`manage.py rotate_consultation_keys` to recompute the indexes.",
                id="clinic_site.E013",
            )
        )
    return errors
