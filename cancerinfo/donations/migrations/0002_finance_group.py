"""The Finance group: the only people who see donations and export Gift Aid claims."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

FINANCE_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("donations", "view_donation"),
    ("donations", "view_giftaidclaim"),
    ("donations", "export_giftaidclaim"),
]


def create_finance_group(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure ours exist now.
    # (Wagtail's access_admin permission is created by wagtailadmin's own first migration.)
    app_config = apps.get_app_config("donations")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Finance")
    for app_label, codename in FINANCE_PERMISSIONS:
        permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
        if permission is not None:
            group.permissions.add(permission)


def remove_finance_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Finance").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("donations", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_finance_group, remove_finance_group)]
