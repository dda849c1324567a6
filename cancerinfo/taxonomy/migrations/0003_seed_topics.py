from django.db import migrations

TOPICS = [
    ("About the cancer", "about", "What it is and how it behaves."),
    ("Symptoms", "symptoms", "Signs to look out for."),
    ("Tests and diagnosis", "tests", "How doctors find out what is wrong."),
    ("Stages", "stages", "How big the cancer is and whether it has spread."),
    ("Treatment", "treatment", "Ways of treating the cancer and their side effects."),
    ("Outlook", "outlook", "What is likely to happen (prognosis)."),
    ("Risk and causes", "risk", "What makes the cancer more likely, including genes."),
    ("Prevention", "prevention", "Lowering the chance of getting cancer."),
    ("Research", "research", "Clinical trials and new treatments."),
    ("Living with cancer", "living-with-cancer", "Day-to-day life during and after treatment."),
    ("Feelings", "feelings", "Coping with emotions, for you and the people close to you."),
    ("Practical and money matters", "practical-and-money", "Work, benefits, travel and other practical help."),
]


def seed(apps, schema_editor):
    Topic = apps.get_model("taxonomy", "Topic")
    for order, (name, slug, description) in enumerate(TOPICS):
        Topic.objects.update_or_create(slug=slug, defaults={"name": name, "description": description,
                                                            "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0002_topic")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
