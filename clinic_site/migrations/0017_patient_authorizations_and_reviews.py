"""
Patient authorizations and patients' reviews, and who may use them: the front
desk records and withdraws authorizations (view, add, change; never delete, the
record is the clinic's proof); marketing editors keep the reviews. Neither gets
the other's permissions. Idempotent; undoing it leaves the groups as they are.
"""

import datetime

import django.db.models.deletion
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

import clinic_site.models.authorizations

GRANTS = {
    "Front desk": [
        ("patientauthorization", "view_patientauthorization"),
        ("patientauthorization", "add_patientauthorization"),
        ("patientauthorization", "change_patientauthorization"),
    ],
    "Marketing editor": [
        ("testimonial", "view_testimonial"),
        ("testimonial", "add_testimonial"),
        ("testimonial", "change_testimonial"),
        ("testimonial", "delete_testimonial"),
    ],
}


def grant_permissions(apps, schema_editor):
    # Permissions are normally created after all migrations have run.
    app_config = apps.get_app_config("clinic_site")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group_name, grants in GRANTS.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        for model, codename in grants:
            content_type, _created = ContentType.objects.get_or_create(
                app_label="clinic_site", model=model
            )
            permission, _created = Permission.objects.get_or_create(
                content_type=content_type,
                codename=codename,
                defaults={"name": "Can " + codename.replace("_", " ")},
            )
            group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("clinic_site", "0016_specialty_permissions"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="homepage",
            name="testimonials_count",
            field=models.PositiveSmallIntegerField(
                default=3,
                help_text="How many of the newest patient reviews (those marked for the home page) to show; 0 hides the section. Reviews are added under Snippets, Patient reviews.",
                verbose_name="number of reviews",
            ),
        ),
        migrations.AddField(
            model_name="homepage",
            name="testimonials_heading",
            field=models.CharField(
                default="What our patients say",
                help_text="The heading above the patients' reviews.",
                max_length=120,
                verbose_name="reviews heading",
            ),
        ),
        migrations.CreateModel(
            name="PatientAuthorization",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "reference",
                    models.CharField(
                        default=clinic_site.models.authorizations.new_reference,
                        editable=False,
                        help_text="Made for you. Give this code to the editor who adds the photos or review; it says nothing about the patient.",
                        max_length=12,
                        unique=True,
                        verbose_name="reference",
                    ),
                ),
                (
                    "patient_record",
                    models.CharField(
                        blank=True,
                        help_text="The clinic's own record number for the patient, so staff can find the signed form. Only staff who manage authorizations see it; never a name.",
                        max_length=60,
                        verbose_name="patient record number",
                    ),
                ),
                (
                    "given_on",
                    models.DateField(
                        default=datetime.date.today,
                        help_text="The date the patient signed the authorization.",
                        verbose_name="given on",
                    ),
                ),
                (
                    "covers_website",
                    models.BooleanField(
                        default=True,
                        help_text="The patient agreed to be shown on this website.",
                        verbose_name="website",
                    ),
                ),
                (
                    "covers_social",
                    models.BooleanField(
                        default=False,
                        help_text="The patient agreed to be shown on the clinic's social media accounts.",
                        verbose_name="social media",
                    ),
                ),
                (
                    "expires_on",
                    models.DateField(
                        blank=True,
                        help_text="The last day the patient agreed to. Everything linked to it is taken down the day after. Leave empty if the form sets no end date.",
                        null=True,
                        verbose_name="expires on",
                    ),
                ),
                (
                    "notes",
                    models.TextField(
                        blank=True,
                        help_text="Anything staff need to know, e.g. where the signed form is kept. Never shown on the site or in the content API.",
                        max_length=1000,
                        verbose_name="staff notes",
                    ),
                ),
                (
                    "recorded_at",
                    models.DateTimeField(auto_now_add=True, verbose_name="recorded at"),
                ),
                (
                    "withdrawn_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="withdrawn at"
                    ),
                ),
                (
                    "withdrawal_reason",
                    models.CharField(
                        blank=True,
                        editable=False,
                        max_length=200,
                        verbose_name="reason for withdrawal",
                    ),
                ),
                (
                    "recorded_by",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="recorded by",
                    ),
                ),
                (
                    "withdrawn_by",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="withdrawn by",
                    ),
                ),
            ],
            options={
                "verbose_name": "patient authorization",
                "verbose_name_plural": "patient authorizations",
                "ordering": ["-given_on", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="Testimonial",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "quote",
                    models.TextField(
                        help_text="The patient's words, as they wrote them; shorten with '…' but never change their meaning. No health details beyond what the patient chose to share.",
                        max_length=600,
                        verbose_name="quote",
                    ),
                ),
                (
                    "shown_name",
                    models.CharField(
                        help_text="First name or initials only, e.g. 'Sarah K.' or 'S. K.'; never a full name.",
                        max_length=30,
                        verbose_name="shown as",
                    ),
                ),
                (
                    "given_on",
                    models.DateField(
                        default=datetime.date.today,
                        help_text="When the patient wrote or gave the review.",
                        verbose_name="date",
                    ),
                ),
                (
                    "source",
                    models.CharField(
                        choices=[
                            ("clinic", "In the clinic"),
                            ("google", "Google"),
                            ("email", "By e-mail or letter"),
                            ("survey", "Patient survey"),
                        ],
                        default="clinic",
                        help_text="Where the review was given.",
                        max_length=20,
                        verbose_name="source",
                    ),
                ),
                (
                    "on_home_page",
                    models.BooleanField(
                        default=True,
                        help_text="The home page shows the newest reviews that have this ticked.",
                        verbose_name="show on the home page",
                    ),
                ),
                (
                    "authorization",
                    clinic_site.models.authorizations.AuthorizationReferenceField(
                        blank=True,
                        help_text="The reference of the patient's signed authorization (e.g. PA-7K3MZQ), from the front desk. Without a valid one for the website, nothing is shown.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="%(app_label)s_%(class)s_items",
                        verbose_name="patient authorization",
                    ),
                ),
                (
                    "treatment",
                    models.ForeignKey(
                        blank=True,
                        help_text="The treatment the review is about; it is also shown on that page.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.WAGTAIL_PAGE_MODEL,
                        verbose_name="treatment",
                    ),
                ),
            ],
            options={
                "verbose_name": "patient review",
                "verbose_name_plural": "patient reviews",
                "ordering": ["-given_on", "-pk"],
            },
        ),
        migrations.RunPython(grant_permissions, migrations.RunPython.noop),
    ]
