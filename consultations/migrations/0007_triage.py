"""
Triage: who looks after a request and when to follow it up; the confirmed
minimum age; and staff notes as a list (one row per note, with author and
time) instead of one field each edit overwrote. A request's existing notes
become its first note, dated when the request was last updated.
"""

import clinic_site.fields
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from consultations import get_request_model_string


def notes_to_list(apps, schema_editor):
    Request = apps.get_model("consultations", "ConsultationRequest")
    Note = apps.get_model("consultations", "ConsultationNote")
    for request in Request.objects.only("pk", "staff_notes", "updated_at").iterator():
        if request.staff_notes.strip():
            Note.objects.create(
                request_id=request.pk, text=request.staff_notes, created_at=request.updated_at
            )


def notes_to_field(apps, schema_editor):
    Request = apps.get_model("consultations", "ConsultationRequest")
    Note = apps.get_model("consultations", "ConsultationNote")
    texts = {}
    for note in Note.objects.order_by("created_at", "pk"):
        texts.setdefault(note.request_id, []).append(note.text)
    for pk, notes in texts.items():
        Request.objects.filter(pk=pk).update(staff_notes="\n\n".join(notes))


class Migration(migrations.Migration):

    dependencies = [
        ('consultations', '0006_abstract_request'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        migrations.swappable_dependency(get_request_model_string()),
    ]

    operations = [
        migrations.AddField(
            model_name='consultationrequest',
            name='assignee',
            field=models.ForeignKey(blank=True, help_text='The member of staff who looks after this request.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='assigned to'),
        ),
        migrations.AddField(
            model_name='consultationrequest',
            name='confirmed_minimum_age',
            field=models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='confirmed to be at least this age'),
        ),
        migrations.AddField(
            model_name='consultationrequest',
            name='follow_up_on',
            field=models.DateField(blank=True, db_index=True, help_text='The day to get back to the patient; the person assigned gets a reminder that morning.', null=True, verbose_name='follow up on'),
        ),
        migrations.CreateModel(
            name='ConsultationNote',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='added')),
                ('text', clinic_site.fields.EncryptedTextField(verbose_name='note')),
                ('author', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='author')),
                ('request', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notes', to=get_request_model_string(), verbose_name='request')),
            ],
            options={
                'verbose_name': 'staff note',
                'verbose_name_plural': 'staff notes',
                'ordering': ['created_at', 'pk'],
                'default_permissions': (),
            },
        ),
        migrations.RunPython(notes_to_list, notes_to_field),
        migrations.RemoveField(
            model_name='consultationrequest',
            name='staff_notes',
        ),
    ]
