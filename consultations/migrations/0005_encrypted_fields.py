"""
The columns 0004 encrypted now use the encrypted field classes (no change to
the columns), and the permissions for patients' data requests and the audit log.
"""

import clinic_site.fields
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0004_encrypt_personal_data"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="consultationrequest",
            options={
                "default_permissions": ("change", "delete", "view"),
                "ordering": ["-created_at", "-id"],
                "permissions": [
                    (
                        "manage_subject_rights",
                        "Can find, export and erase all of a patient's consultation requests",
                    ),
                    ("view_audit_log", "Can see who viewed, exported, changed or erased requests"),
                ],
                "verbose_name": "consultation request",
                "verbose_name_plural": "consultation requests",
            },
        ),
        migrations.AlterField(
            model_name="consultationrequest",
            name="name",
            field=clinic_site.fields.EncryptedTextField(verbose_name="name"),
        ),
        migrations.AlterField(
            model_name="consultationrequest",
            name="email",
            field=clinic_site.fields.EncryptedTextField(blank=True, verbose_name="e-mail address"),
        ),
        migrations.AlterField(
            model_name="consultationrequest",
            name="phone",
            field=clinic_site.fields.EncryptedTextField(blank=True, verbose_name="phone number"),
        ),
        migrations.AlterField(
            model_name="consultationrequest",
            name="message",
            field=clinic_site.fields.EncryptedTextField(blank=True, verbose_name="message"),
        ),
        migrations.AlterField(
            model_name="consultationrequest",
            name="staff_notes",
            field=clinic_site.fields.EncryptedTextField(
                blank=True,
                help_text="Only staff see these, e.g. 'Left a voicemail on Tuesday'.",
                verbose_name="staff notes",
            ),
        ),
        migrations.AlterField(
            model_name="consultationrequest",
            name="extra_answers",
            field=clinic_site.fields.EncryptedJSONField(
                blank=True,
                default=dict,
                help_text="Answers to the questions editors added, keyed by question.",
                verbose_name="answers to extra questions",
            ),
        ),
        migrations.AlterField(
            model_name="consultationrequest",
            name="earlier_versions",
            field=clinic_site.fields.EncryptedJSONField(
                blank=True, default=list, editable=False, verbose_name="earlier versions"
            ),
        ),
    ]
