"""
The treatments app's part of the staff roles, and its pages and shared questions
under the clinical review.

- "Marketing editor" edits treatment categories and conditions, and writes shared
  questions as drafts: publishing one is for clinical reviewers.
- "Clinical reviewer" writes and publishes shared questions (approving one in
  the clinical review publishes it).
- Every treatment index and question list that exists, and the shared questions,
  get the "Clinical review" workflow, unless they already have one.

Shared questions that exist stay published (the new `live` field defaults to
true). Idempotent and safe on existing databases; undoing it leaves everything
in place.
"""

from django.db import migrations

EDITOR = "Marketing editor"
REVIEWER = "Clinical reviewer"
WORKFLOW = "Clinical review"

PERMISSIONS = {
    EDITOR: [
        ("treatments", "treatmentcategory", "add_treatmentcategory"),
        ("treatments", "treatmentcategory", "change_treatmentcategory"),
        ("treatments", "treatmentcategory", "delete_treatmentcategory"),
        ("treatments", "treatmentcategory", "view_treatmentcategory"),
        ("treatments", "condition", "add_condition"),
        ("treatments", "condition", "change_condition"),
        ("treatments", "condition", "delete_condition"),
        ("treatments", "condition", "view_condition"),
        ("treatments", "question", "add_question"),
        ("treatments", "question", "change_question"),
        ("treatments", "question", "view_question"),
    ],
    REVIEWER: [
        ("treatments", "question", "add_question"),
        ("treatments", "question", "change_question"),
        ("treatments", "question", "view_question"),
        ("treatments", "question", "publish_question"),
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

    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    workflow = Workflow.objects.filter(name=WORKFLOW, active=True).order_by("pk").first()
    if workflow is None:
        return
    for model_name in ("TreatmentIndexPage", "FaqPage"):
        model = apps.get_model("treatments", model_name)
        for page_id in model.objects.values_list("page_ptr_id", flat=True):
            WorkflowPage.objects.get_or_create(page_id=page_id, defaults={"workflow": workflow})
    question_type, _created = ContentType.objects.get_or_create(
        app_label="treatments", model="question"
    )
    WorkflowContentType.objects.get_or_create(
        content_type=question_type, defaults={"workflow": workflow}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("treatments", "0003_shared_question_drafts_and_review"),
        ("clinic_site", "0009_staff_roles_and_clinical_review"),
    ]

    operations = [migrations.RunPython(grant_and_assign, migrations.RunPython.noop)]
