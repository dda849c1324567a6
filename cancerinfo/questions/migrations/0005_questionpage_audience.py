from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("questions", "0004_rich_text_h2_headings"),
    ]

    operations = [
        migrations.AddField(
            model_name="questionpage",
            name="audience",
            field=models.CharField(
                choices=[
                    ("patients", "Patients and carers"),
                    ("professionals", "Health professionals"),
                    ("easy_read", "Easy read"),
                ],
                default="patients",
                max_length=20,
            ),
        ),
    ]
