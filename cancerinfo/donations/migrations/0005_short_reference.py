"""Donations get a short reference ("DN-7KQM-X3PA") like orders and enquiries: added empty, filled for every
existing donation, then (0006, its own transaction: PostgreSQL alters no table with updates pending) required and
unique."""

import secrets

from django.db import migrations, models

# A copy of core/short_references.py as it is today: a migration must not change when the code does.
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _reference() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"DN-{body[:4]}-{body[4:]}"


def fill_short_references(apps, schema_editor):
    Donation = apps.get_model("donations", "Donation")
    taken = set(Donation.objects.exclude(short_reference=None).values_list("short_reference", flat=True))
    for donation in Donation.objects.filter(short_reference=None).only("pk").iterator():
        reference = _reference()
        while reference in taken:
            reference = _reference()
        taken.add(reference)
        Donation.objects.filter(pk=donation.pk).update(short_reference=reference)


class Migration(migrations.Migration):
    dependencies = [("donations", "0004_rich_text_h2_headings")]

    operations = [
        migrations.AddField(
            model_name="donation",
            name="short_reference",
            field=models.CharField(editable=False, max_length=20, null=True),
        ),
        migrations.RunPython(fill_short_references, migrations.RunPython.noop),
    ]
