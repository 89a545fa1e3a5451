"""
Staff roles that work out of the box, and the clinical review workflow.

- "Marketing editor": every page (create, edit, publish, schedule, lock), images
  and documents, authors, the clinic's details and redirects. The blog and
  treatments apps add their own snippets' permissions to it.
- "Clinical reviewer": every page, images and documents to choose and add, and
  approving in the "Clinical review" task below.
- the "Clinical review" workflow with its one task, approved by clinical reviewers.

Idempotent and safe on a database that already has content: existing groups of
these names keep what they have and gain what is missing; Wagtail's own Editors
and Moderators groups are not touched. Undoing it leaves everything in place,
since staff may have been given these groups meanwhile.
"""

from django.apps import apps as global_apps
from django.db import migrations

EDITOR = "Marketing editor"
REVIEWER = "Clinical reviewer"
WORKFLOW = "Clinical review"

PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
COLLECTION_PERMISSIONS = {
    EDITOR: [
        ("wagtailimages", "image", "add_image"),
        ("wagtailimages", "image", "change_image"),
        ("wagtailimages", "image", "choose_image"),
        ("wagtaildocs", "document", "add_document"),
        ("wagtaildocs", "document", "change_document"),
        ("wagtaildocs", "document", "choose_document"),
    ],
    REVIEWER: [
        ("wagtailimages", "image", "add_image"),
        ("wagtailimages", "image", "choose_image"),
        ("wagtaildocs", "document", "add_document"),
        ("wagtaildocs", "document", "choose_document"),
    ],
}
MODEL_PERMISSIONS = {
    EDITOR: [
        ("wagtailadmin", "admin", "access_admin"),
        ("clinic_site", "author", "add_author"),
        ("clinic_site", "author", "change_author"),
        ("clinic_site", "author", "delete_author"),
        ("clinic_site", "author", "view_author"),
        ("clinic_site", "clinicsettings", "change_clinicsettings"),
    ],
    REVIEWER: [
        ("wagtailadmin", "admin", "access_admin"),
        ("clinic_site", "author", "view_author"),
    ],
}
# Redirects are optional in a host project: granted only where installed.
REDIRECT_PERMISSIONS = [
    ("wagtailredirects", "redirect", "add_redirect"),
    ("wagtailredirects", "redirect", "change_redirect"),
    ("wagtailredirects", "redirect", "delete_redirect"),
]


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


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    root_page = Page.objects.filter(depth=1).order_by("path").first()
    root_collection = Collection.objects.filter(depth=1).order_by("path").first()
    model_permissions = {role: list(perms) for role, perms in MODEL_PERMISSIONS.items()}
    if global_apps.is_installed("wagtail.contrib.redirects"):
        model_permissions[EDITOR] += REDIRECT_PERMISSIONS

    groups = {}
    for role in (EDITOR, REVIEWER):
        group, _created = Group.objects.get_or_create(name=role)
        groups[role] = group
        for app_label, model, codename in model_permissions[role]:
            group.permissions.add(get_permission(apps, app_label, model, codename))
        if root_page is not None:
            for codename in PAGE_PERMISSIONS:
                GroupPagePermission.objects.get_or_create(
                    group=group,
                    page=root_page,
                    permission=get_permission(apps, "wagtailcore", "page", codename),
                )
        if root_collection is not None:
            for app_label, model, codename in COLLECTION_PERMISSIONS[role]:
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=get_permission(apps, app_label, model, codename),
                )
    create_workflow(apps, groups[REVIEWER])


def create_workflow(apps, reviewers):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ClinicalReviewTask = apps.get_model("clinic_site", "ClinicalReviewTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")

    task_type, _created = ContentType.objects.get_or_create(
        app_label="clinic_site", model="clinicalreviewtask"
    )
    task = ClinicalReviewTask.objects.filter(name=WORKFLOW).first()
    if task is None:
        task = ClinicalReviewTask.objects.create(name=WORKFLOW, content_type=task_type)
    task.groups.add(reviewers)
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW)
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(
            workflow=workflow, task=task, sort_order=workflow.workflow_tasks.count()
        )


class Migration(migrations.Migration):
    dependencies = [
        ("clinic_site", "0008_clinical_review"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        # These give every admin group "choose" permissions; run them first so
        # each role gets exactly its own.
        ("wagtaildocs", "0011_add_choose_permissions"),
        ("wagtailimages", "0023_add_choose_permissions"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
