from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("donations", "0005_short_reference")]

    operations = [
        migrations.AlterField(
            model_name="donation",
            name="short_reference",
            field=models.CharField(editable=False, max_length=20, unique=True),
        ),
    ]
