"""The Health professionals area page moves from prescriptions to versions: same page (id, address, tree place),
new type. Its row in the old type's table is copied to the new one, and the page and its revisions take the new
content type. The old table goes in prescriptions' next migration."""

from django.db import migrations


def _move(apps, source: tuple, target: tuple):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Revision = apps.get_model("wagtailcore", "Revision")
    Old = apps.get_model(*source)
    New = apps.get_model(*target)
    old_type = ContentType.objects.get_for_model(Old)
    new_type = ContentType.objects.get_for_model(New)
    for old in Old.objects.all():
        # raw: only the type's own table, the page row (wagtailcore_page) stays as it is
        New(page_ptr_id=old.pk, introduction=old.introduction, search_words=old.search_words).save_base(raw=True)
        Page.objects.filter(pk=old.pk).update(content_type=new_type)
        for revision in Revision.objects.filter(object_id=str(old.pk), content_type=old_type):
            if isinstance(revision.content, dict):
                revision.content["content_type"] = new_type.pk
            revision.content_type = new_type
            revision.save(update_fields=["content", "content_type"])
        Old.objects.filter(pk=old.pk)._raw_delete(Old.objects.db)  # the old type's row only


def forwards(apps, schema_editor):
    _move(apps, ("prescriptions", "HealthProfessionalsPage"), ("versions", "HealthProfessionalsPage"))


def backwards(apps, schema_editor):
    _move(apps, ("versions", "HealthProfessionalsPage"), ("prescriptions", "HealthProfessionalsPage"))


class Migration(migrations.Migration):
    dependencies = [
        ("versions", "0003_health_professionals_page"),
        ("prescriptions", "0004_delete_professionalversion"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
