"""Booklet pairs move from prescriptions.ProfessionalVersion to ContentVersion (the patient booklet is the original)."""

from django.db import migrations


def forwards(apps, schema_editor):
    ProfessionalVersion = apps.get_model("prescriptions", "ProfessionalVersion")
    ContentVersion = apps.get_model("versions", "ContentVersion")
    for pair in ProfessionalVersion.objects.all():
        ContentVersion.objects.update_or_create(
            original_id=pair.patient_booklet_id,
            audience="professionals",
            language="",
            defaults={"version_id": pair.professional_booklet_id},
        )


def backwards(apps, schema_editor):
    ProfessionalVersion = apps.get_model("prescriptions", "ProfessionalVersion")
    ContentVersion = apps.get_model("versions", "ContentVersion")
    BookletPage = apps.get_model("booklets", "BookletPage")
    booklet_ids = set(BookletPage.objects.values_list("pk", flat=True))
    for row in ContentVersion.objects.filter(audience="professionals", language=""):
        if row.original_id in booklet_ids and row.version_id in booklet_ids:
            ProfessionalVersion.objects.get_or_create(
                patient_booklet_id=row.original_id, professional_booklet_id=row.version_id
            )


class Migration(migrations.Migration):
    dependencies = [
        ("versions", "0001_initial"),
        ("prescriptions", "0003_professional_notes_and_stored_pdf"),
        ("booklets", "0005_alter_bookletpage_audience"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
