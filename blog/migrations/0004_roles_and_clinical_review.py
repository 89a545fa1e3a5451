"""
The blog's part of the staff roles, and its articles under the clinical review.

- "Comment moderator" (new): approves, rejects and marks readers' comments as
  spam, and reads each whole comment; nothing else.
- "Marketing editor" (from the shared core) also edits blog categories.
- Every blog index that exists gets the "Clinical review" workflow, unless it
  already has one, so its articles go live after a clinician approves them.

Idempotent and safe on existing databases; undoing it leaves everything in place.
"""

from django.db import migrations

MODERATOR = "Comment moderator"
EDITOR = "Marketing editor"
WORKFLOW = "Clinical review"

PERMISSIONS = {
    MODERATOR: [
        ("wagtailadmin", "admin", "access_admin"),
        ("blog", "blogcomment", "view_blogcomment"),
        ("blog", "blogcomment", "change_blogcomment"),
    ],
    EDITOR: [
        ("blog", "blogcategory", "add_blogcategory"),
        ("blog", "blogcategory", "change_blogcategory"),
        ("blog", "blogcategory", "delete_blogcategory"),
        ("blog", "blogcategory", "view_blogcategory"),
    ],
}


def get_permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": "Can " + codename.replace("_", " ")},
    )
    return permission


def grant_and_assign(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for role, permissions in PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        for app_label, model, codename in permissions:
            group.permissions.add(get_permission(apps, app_label, model, codename))

    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    BlogIndexPage = apps.get_model("blog", "BlogIndexPage")
    workflow = Workflow.objects.filter(name=WORKFLOW, active=True).order_by("pk").first()
    if workflow is None:
        return
    for page_id in BlogIndexPage.objects.values_list("page_ptr_id", flat=True):
        WorkflowPage.objects.get_or_create(page_id=page_id, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0003_clinical_review"),
        ("clinic_site", "0009_staff_roles_and_clinical_review"),
    ]

    operations = [migrations.RunPython(grant_and_assign, migrations.RunPython.noop)]
