"""
Encrypt what patients wrote, in place, and build the blind index that finds it.

The columns first become plain text (the ciphertext needs no length limit, and
JSON columns become text holding the JSON), then every row's values are
encrypted with the newest key in CLINIC_ENCRYPTION_KEYS and hashed into
BlindIndexEntry. The stored duplicate fingerprints (SHA-256 of the answers)
are keyed with CLINIC_BLIND_INDEX_KEY, so they can no longer confirm a guess.
0005 then switches the fields to the encrypted field classes, with no change
to the columns. Reversing decrypts the values again.
"""

import json

from django.db import migrations, models
import django.db.models.deletion

from consultations import get_request_model_string

TEXT_FIELDS = ("name", "email", "phone", "message", "staff_notes")
JSON_FIELDS = ("extra_answers", "earlier_versions")
BATCH = 500


def _batches(queryset):
    last = 0
    while True:
        rows = list(queryset.filter(pk__gt=last).order_by("pk")[:BATCH])
        if not rows:
            return
        yield rows
        last = rows[-1][0]


def encrypt_rows(apps, schema_editor):
    from clinic_site import crypto
    from consultations import blind_index

    ConsultationRequest = apps.get_model("consultations", "ConsultationRequest")
    BlindIndexEntry = apps.get_model("consultations", "BlindIndexEntry")
    columns = ("pk", "fingerprint", *TEXT_FIELDS, *JSON_FIELDS)
    for rows in _batches(ConsultationRequest.objects.values_list(*columns)):
        entries = []
        for row in rows:
            values = dict(zip(columns, row))
            # JSON columns read back as text; normalise it so every row decrypts alike.
            for name in JSON_FIELDS:
                values[name] = json.dumps(json.loads(values[name] or "null"))
            found = set()
            for version in [values, *(json.loads(values["earlier_versions"]) or [])]:
                found |= blind_index.entries(
                    name=str(version.get("name") or ""),
                    email=str(version.get("email") or ""),
                    phone=str(version.get("phone") or ""),
                )
            entries += [
                BlindIndexEntry(request_id=values["pk"], kind=kind, digest=digest)
                for kind, digest in sorted(found)
            ]
            ConsultationRequest.objects.filter(pk=values["pk"]).update(
                fingerprint=blind_index.keyed_fingerprint(values["fingerprint"]),
                **{name: crypto.encrypt(values[name]) for name in (*TEXT_FIELDS, *JSON_FIELDS)},
            )
        BlindIndexEntry.objects.bulk_create(entries)


def decrypt_rows(apps, schema_editor):
    from clinic_site import crypto

    ConsultationRequest = apps.get_model("consultations", "ConsultationRequest")
    columns = ("pk", *TEXT_FIELDS, *JSON_FIELDS)
    for rows in _batches(ConsultationRequest.objects.values_list(*columns)):
        for row in rows:
            values = dict(zip(columns, row))
            ConsultationRequest.objects.filter(pk=values["pk"]).update(
                **{name: crypto.decrypt(values[name]) for name in (*TEXT_FIELDS, *JSON_FIELDS)}
            )


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0003_outbox"),
        # A host project's own request model (CONSULTATIONS_REQUEST_MODEL) is created first.
        migrations.swappable_dependency(get_request_model_string()),
    ]

    operations = [
        migrations.AlterField(
            model_name="consultationrequest",
            name="name",
            field=models.TextField(verbose_name="name"),
        ),
        migrations.AlterField(
            model_name="consultationrequest",
            name="email",
            field=models.TextField(blank=True, verbose_name="e-mail address"),
        ),
        migrations.AlterField(
            model_name="consultationrequest",
            name="phone",
            field=models.TextField(blank=True, verbose_name="phone number"),
        ),
        migrations.AlterField(
            model_name="consultationrequest",
            name="extra_answers",
            field=models.TextField(blank=True, default="{}", verbose_name="answers to extra questions"),
        ),
        migrations.AlterField(
            model_name="consultationrequest",
            name="earlier_versions",
            field=models.TextField(blank=True, default="[]", editable=False, verbose_name="earlier versions"),
        ),
        migrations.CreateModel(
            name="BlindIndexEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(choices=[("email", "email"), ("email_local", "email_local"), ("phone", "phone"), ("name", "name")], max_length=20)),
                ("digest", models.CharField(max_length=64)),
                ("request", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="blind_index_entries", to=get_request_model_string())),
            ],
            options={
                "verbose_name": "blind index entry",
                "verbose_name_plural": "blind index entries",
                "indexes": [models.Index(fields=["kind", "digest"], name="consultations_blind_idx")],
                "constraints": [models.UniqueConstraint(fields=("request", "kind", "digest"), name="consultations_blind_unique")],
            },
        ),
        migrations.RunPython(encrypt_rows, decrypt_rows),
    ]
