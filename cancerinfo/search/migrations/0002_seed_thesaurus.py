from django.db import migrations


def seed(apps, schema_editor):
    from cancerinfo.search.thesaurus import load_shipped

    load_shipped(apps.get_model("sitesearch", "ThesaurusGroup"))


class Migration(migrations.Migration):
    dependencies = [("sitesearch", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
