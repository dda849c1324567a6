"""Publishers see the background jobs page: they publish booklets and need to know when a PDF or an e-mail failed."""

from django.db import migrations


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="jobs", model="scheduledjob")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="view_job_status",
        defaults={"name": "Can see background jobs, their last runs and failures"},
    )
    for group in Group.objects.filter(name="Publishers"):
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [("jobs", "0001_initial"), ("governance", "0002_editorial_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
