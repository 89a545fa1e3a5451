"""
The booking journey: each request gets a short reference the patient quotes
(existing requests are given one here), the clinic location chosen for an
in-person consultation, and the page's "what happens next" text, which the
thank-you page and the confirmation e-mail now share. The confirmation e-mail's
own text becomes that field, so an editor's wording is kept; the old default,
which only said "soon", becomes the new one.
"""

import secrets

import django.db.models.deletion
from django.db import migrations, models

import wagtail.fields

OLD_CONFIRMATION = "We have received your consultation request and will contact you soon."
NEW_DEFAULT = (
    "A member of our team will contact you within one working day, in the way you asked "
    "us to, to arrange your consultation. Please keep your reference: quote it if you "
    "call us about your request."
)
# The same alphabet as `consultations.references`, copied so this migration
# keeps working whatever that module becomes.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def give_references(apps, schema_editor):
    ConsultationRequest = apps.get_model("consultations", "ConsultationRequest")
    taken = set(
        ConsultationRequest.objects.exclude(reference=None).values_list("reference", flat=True)
    )
    for request in ConsultationRequest.objects.filter(reference=None).only("pk"):
        reference = "".join(secrets.choice(ALPHABET) for _ in range(8))
        while reference in taken:
            reference = "".join(secrets.choice(ALPHABET) for _ in range(8))
        taken.add(reference)
        ConsultationRequest.objects.filter(pk=request.pk).update(reference=reference)


def say_when(apps, schema_editor):
    ConsultationPage = apps.get_model("consultations", "ConsultationPage")
    ConsultationPage.objects.filter(what_happens_next=OLD_CONFIRMATION).update(
        what_happens_next=NEW_DEFAULT
    )


def say_soon(apps, schema_editor):
    ConsultationPage = apps.get_model("consultations", "ConsultationPage")
    ConsultationPage.objects.filter(what_happens_next=NEW_DEFAULT).update(
        what_happens_next=OLD_CONFIRMATION
    )


class Migration(migrations.Migration):
    dependencies = [
        ("clinic_site", "0017_patient_authorizations_and_reviews"),
        ("consultations", "0008_country_emergency_notice"),
    ]

    operations = [
        migrations.RenameField(
            model_name="consultationpage",
            old_name="confirmation_text",
            new_name="what_happens_next",
        ),
        migrations.AlterField(
            model_name="consultationpage",
            name="what_happens_next",
            field=models.TextField(
                default=NEW_DEFAULT,
                help_text=(
                    "Shown on the thank-you page and in the patient's confirmation e-mail, in "
                    "the same words, e.g. 'We will contact you within one working day.' "
                    "Promise only what the front desk can keep."
                ),
                max_length=1000,
                verbose_name="what happens next",
            ),
        ),
        migrations.RunPython(say_when, say_soon, elidable=True),
        migrations.AlterField(
            model_name="consultationpage",
            name="send_confirmation",
            field=models.BooleanField(
                default=True,
                help_text=(
                    "Patients who give an e-mail address get a short confirmation with their "
                    "reference and what happens next; it never repeats what they wrote."
                ),
                verbose_name="send patients a confirmation e-mail",
            ),
        ),
        migrations.AlterField(
            model_name="consultationpage",
            name="thank_you_message",
            field=wagtail.fields.RichTextField(
                blank=True,
                help_text=(
                    "Optional. Anything else to say on the thank-you page, below what happens "
                    "next, e.g. how to prepare. Never repeats what the patient wrote."
                ),
                verbose_name="more on the thank-you page",
            ),
        ),
        migrations.AddField(
            model_name="consultationrequest",
            name="location",
            field=models.ForeignKey(
                blank=True,
                help_text="Where the patient would like to come, for an in-person consultation.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="clinic_site.locationpage",
                verbose_name="clinic location",
            ),
        ),
        migrations.AddField(
            model_name="consultationrequest",
            name="location_title",
            field=models.CharField(
                blank=True,
                help_text="The location's name when the request was sent; empty for virtual ones.",
                max_length=255,
                verbose_name="clinic",
            ),
        ),
        migrations.AddField(
            model_name="consultationrequest",
            name="reference",
            field=models.CharField(
                editable=False, max_length=8, null=True, verbose_name="reference"
            ),
        ),
        migrations.RunPython(give_references, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="consultationrequest",
            name="reference",
            field=models.CharField(
                editable=False, max_length=8, unique=True, verbose_name="reference"
            ),
        ),
    ]
