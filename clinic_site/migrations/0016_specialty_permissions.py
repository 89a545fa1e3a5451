"""
The staff roles' permissions on specialties: marketing editors keep the list of
specialties up to date beside the authors; clinical reviewers may see it.
Idempotent; undoing it leaves the permissions in place.
"""

from django.db import migrations

EDITOR = "Marketing editor"
REVIEWER = "Clinical reviewer"

PERMISSIONS = {
    EDITOR: ["add_specialty", "change_specialty", "delete_specialty", "view_specialty"],
    REVIEWER: ["view_specialty"],
}


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _created = ContentType.objects.get_or_create(
        app_label="clinic_site", model="specialty"
    )
    for role, codenames in PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        for codename in codenames:
            permission, _created = Permission.objects.get_or_create(
                content_type=content_type,
                codename=codename,
                defaults={"name": "Can " + codename.replace("_", " ")},
            )
            group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("clinic_site", "0015_legal_link_block_preview"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
