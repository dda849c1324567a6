"""The people who run the service (Administrators) see trial alerts and delete them when someone asks; so do
superusers. Nobody adds or changes one in the admin (wagtail_hooks.ViewAndDeletePolicy)."""

from django.db import migrations

ACTIONS = {"view": "Can view clinical trial alert", "delete": "Can delete clinical trial alert"}


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="trialalerts", model="trialalert")
    permissions = [
        Permission.objects.get_or_create(
            content_type=content_type, codename=f"{action}_trialalert", defaults={"name": name}
        )[0]
        for action, name in ACTIONS.items()
    ]
    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_type, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    group, _ = Group.objects.get_or_create(name="Administrators")
    group.permissions.add(*permissions, access_admin)


class Migration(migrations.Migration):
    dependencies = [("trialalerts", "0001_initial"), ("wagtailadmin", "0001_create_admin_access_permissions")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
