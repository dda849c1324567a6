"""The Nurses group: the only people who can read and answer enquiries (and use the Wagtail admin to do it)."""

from django.db import migrations

GROUP = "Nurses"


def create_group(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    enquiry_type, _ = ContentType.objects.get_or_create(app_label="enquiries", model="enquiry")
    handle, _ = Permission.objects.get_or_create(
        content_type=enquiry_type,
        codename="handle_enquiries",
        defaults={"name": "Read and answer questions to nurses"},
    )
    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_type, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(handle, access_admin)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("enquiries", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
