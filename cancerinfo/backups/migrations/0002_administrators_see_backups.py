"""Administrators (the people who run the service) see backups and restore drills; so do superusers."""

from django.db import migrations


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="backups", model="backuprun")
    view, _ = Permission.objects.get_or_create(
        content_type=content_type, codename="view_backuprun", defaults={"name": "Can view backup run"}
    )
    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_type, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    group, _ = Group.objects.get_or_create(name="Administrators")
    group.permissions.add(view, access_admin)


class Migration(migrations.Migration):
    dependencies = [("backups", "0001_initial"), ("wagtailadmin", "0001_create_admin_access_permissions")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
