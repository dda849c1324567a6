"""Editorial groups, their page permissions and the "Clinical and lay review" workflow (see governance/roles.py)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for label in ("governance", "wagtailcore", "wagtailimages", "wagtaildocs"):
        config = apps.get_app_config(label)
        config.models_module = True
        create_permissions(config, verbosity=0, apps=apps)
        config.models_module = None

    from cancerinfo.governance.roles import setup_editorial_roles

    setup_editorial_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("enquiries", "0002_nurses_group"),
        ("publications", "0002_fulfilment_group"),
        ("donations", "0002_finance_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
