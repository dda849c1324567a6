"""Administrators (the people who run the service) make, change and revoke API keys; so do superusers. Deleting a key
(and its usage history) is left to superusers."""

from django.db import migrations

ACTIONS = {"add": "Can add API key", "change": "Can change API key", "view": "Can view API key"}


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="partners", model="partnerkey")
    permissions = [
        Permission.objects.get_or_create(content_type=content_type, codename=f"{action}_partnerkey", defaults={"name": name})[0]
        for action, name in ACTIONS.items()
    ]
    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_type, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    group, _ = Group.objects.get_or_create(name="Administrators")
    group.permissions.add(*permissions, access_admin)


class Migration(migrations.Migration):
    dependencies = [("partners", "0001_initial"), ("wagtailadmin", "0001_create_admin_access_permissions")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
