"""
The emergency notice follows the clinic's country unless an editor wrote their
own: the field becomes the editor's override, and pages still showing the old
fixed UK wording (999 and NHS 111) are emptied so they follow the country.
"""

from django.db import migrations, models

OLD_DEFAULT = (
    "This form is not for emergencies. If you are seriously unwell or injured, call 999 "
    "or go to your nearest emergency department. For urgent medical advice, call NHS 111."
)


def follow_the_country(apps, schema_editor):
    ConsultationPage = apps.get_model("consultations", "ConsultationPage")
    ConsultationPage.objects.filter(custom_emergency_notice=OLD_DEFAULT).update(
        custom_emergency_notice=""
    )


def fixed_wording(apps, schema_editor):
    ConsultationPage = apps.get_model("consultations", "ConsultationPage")
    ConsultationPage.objects.filter(custom_emergency_notice="").update(
        custom_emergency_notice=OLD_DEFAULT
    )


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0007_triage"),
    ]

    operations = [
        migrations.RenameField(
            model_name="consultationpage",
            old_name="emergency_notice",
            new_name="custom_emergency_notice",
        ),
        migrations.AlterField(
            model_name="consultationpage",
            name="custom_emergency_notice",
            field=models.TextField(
                blank=True,
                help_text=(
                    "Shown above the form. Leave empty for the standard wording with the "
                    "emergency number of the clinic's country (Settings, Clinic details). If "
                    "you write your own, say plainly that the form is not for emergencies and "
                    "whom to call instead; the clinic's phone number is added after it."
                ),
                verbose_name="emergency notice",
            ),
        ),
        migrations.RunPython(follow_the_country, fixed_wording),
    ]
