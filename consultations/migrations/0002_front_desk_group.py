"""
The "Front desk" group: staff who triage consultation requests. It may open the
admin, see requests and change their status and notes; nothing else.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Front desk"
PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("consultations", "consultationrequest", "view_consultationrequest"),
    ("consultations", "consultationrequest", "change_consultationrequest"),
]


def create_group(apps, schema_editor):
    # Permissions are normally created after all migrations have run; make sure
    # this app's exist now so the group can be given them.
    app_config = apps.get_app_config("consultations")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    group, _created = Group.objects.get_or_create(name=GROUP_NAME)
    for app_label, model, codename in PERMISSIONS:
        content_type, _created = ContentType.objects.get_or_create(
            app_label=app_label, model=model
        )
        permission, _created = Permission.objects.get_or_create(
            content_type=content_type,
            codename=codename,
            defaults={"name": codename.replace("_", " ").capitalize()},
        )
        group.permissions.add(permission)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        # These give every admin group "choose document/image" permissions;
        # run them first so the front desk gets only its own.
        ("wagtaildocs", "0011_add_choose_permissions"),
        ("wagtailimages", "0023_add_choose_permissions"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
