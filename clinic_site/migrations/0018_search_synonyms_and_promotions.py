"""
Search synonyms editors keep, and the marketing editors' permissions on them and
on promoted search results (wagtail.contrib.search_promotions, when installed),
so editors tune the site search without a developer. Idempotent; undoing it
leaves the permissions in place.
"""

from django.apps import apps as global_apps
from django.db import migrations, models

EDITOR = "Marketing editor"
ACTIONS = ["add", "change", "delete", "view"]


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    models_to_manage = [("clinic_site", "searchsynonym", "search synonym")]
    if global_apps.is_installed("wagtail.contrib.search_promotions"):
        models_to_manage.append(("wagtailsearchpromotions", "searchpromotion", "search promotion"))
    group, _created = Group.objects.get_or_create(name=EDITOR)
    for app_label, model, name in models_to_manage:
        content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
        for action in ACTIONS:
            permission, _created = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {name}"},
            )
            group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("clinic_site", "0017_patient_authorizations_and_reviews"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchSynonym",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "words",
                    models.CharField(
                        help_text="Two or more words or short phrases, separated by commas, that patients use for the same thing, e.g. 'hurt, pain, painful, discomfort, sore'. A search for any of them finds pages that use the others.",
                        max_length=255,
                        unique=True,
                        verbose_name="words that mean the same",
                    ),
                ),
                (
                    "note",
                    models.CharField(
                        blank=True,
                        help_text="Optional. Why this group exists, e.g. 'Patients ask about pain'.",
                        max_length=200,
                        verbose_name="note for editors",
                    ),
                ),
            ],
            options={
                "verbose_name": "search synonym",
                "verbose_name_plural": "search synonyms",
                "ordering": ["words"],
            },
        ),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
