"""Administrators (the people who run the service) manage partners' webhook subscriptions and see the deliveries."""

from django.db import migrations

SUBSCRIPTION = ["add_subscription", "change_subscription", "delete_subscription", "view_subscription"]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    wanted = [("subscription", codename) for codename in SUBSCRIPTION] + [("delivery", "view_delivery")]
    permissions = []
    for model, codename in wanted:
        content_type, _ = ContentType.objects.get_or_create(app_label="webhooks", model=model)
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": codename.replace("_", " ").capitalize()}
        )
        permissions.append(permission)
    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_type, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    group, _ = Group.objects.get_or_create(name="Administrators")
    group.permissions.add(access_admin, *permissions)


class Migration(migrations.Migration):
    dependencies = [("webhooks", "0001_initial"), ("wagtailadmin", "0001_create_admin_access_permissions")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
