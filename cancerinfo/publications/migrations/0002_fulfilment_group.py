"""The Fulfilment group (sees and fulfils orders in the admin) and catalogue permissions for editors."""

from django.db import migrations

FULFILMENT = "Fulfilment"
FULFILMENT_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("publications", "fulfil_order"),
    ("publications", "view_order"),
    ("publications", "change_order"),
]
CATALOGUE_PERMISSIONS = ["add_publication", "change_publication", "delete_publication", "view_publication"]


def _ensure_permissions(apps):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("publications")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None


def forwards(apps, schema_editor):
    _ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    fulfilment, _ = Group.objects.get_or_create(name=FULFILMENT)
    for app_label, codename in FULFILMENT_PERMISSIONS:
        permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
        if permission is not None:
            fulfilment.permissions.add(permission)

    catalogue = Permission.objects.filter(content_type__app_label="publications", codename__in=CATALOGUE_PERMISSIONS)
    for group in Group.objects.filter(name__in=["Editors", "Moderators"]):
        group.permissions.add(*catalogue)


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name=FULFILMENT).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("publications", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
