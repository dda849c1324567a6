"""Sample Welsh: the chemotherapy booklet and its first two sections, translated the way a translator's file is
(export the English page's PO file, fill it in, import it). Sample content, not medical advice. Safe to run again."""

from pathlib import Path

import polib
from wagtail.models import Page

from cancerinfo.core.models import SiteSettings

from . import languages, services

MEMORY = Path(__file__).parent / "demo" / "cy.po"
BOOKLET_URL_PATH_END = "/treatments/chemotherapy/"
SECTIONS = 2


def memory() -> dict[str, str]:
    return {entry.msgid: entry.msgstr for entry in polib.pofile(str(MEMORY)) if entry.msgstr}


def fill(po_text: str, strings: dict[str, str]) -> str:
    """The exported file with every string the memory knows translated: what a translator hands back."""
    po = polib.pofile(po_text)
    for entry in po:
        if entry.msgid in strings:
            entry.msgstr = strings[entry.msgid]
    return str(po)


# The site settings' Welsh (written for this project: sample content), filled in only where the Welsh is blank and
# the English is still the sample English it translates.
SETTINGS_IN_WELSH = {
    "footer_notice": "Cynnwys arddangos: nid cyngor meddygol.",
    "charity_name": "CancerInfo (elusen enghreifftiol)",
    "charity_registration": "Elusen gofrestredig yng Nghymru a Lloegr (1234567, rhif enghreifftiol)",
    "helpline_hours": "Dydd Llun i ddydd Gwener, 9yb i 5yh",
    "helpline_note": "Mae galwadau am ddim o ffonau llinell dir a ffonau symudol.",
}


def load(areas, stdout) -> None:
    if "cy" not in languages.codes():
        return
    filled = []
    for site_settings in SiteSettings.objects.all():
        filled_here = []
        for name, welsh in SETTINGS_IN_WELSH.items():
            english_is_the_sample = getattr(site_settings, name) == SiteSettings._meta.get_field(name).default
            if english_is_the_sample and not getattr(site_settings, f"{name}_cy").strip():
                setattr(site_settings, f"{name}_cy", welsh)
                filled_here.append(name)
        if filled_here:
            site_settings.save(update_fields=[f"{name}_cy" for name in filled_here])
            filled += filled_here
    if filled:
        stdout.write(f"Welsh: sample Welsh for the site settings ({', '.join(sorted(set(filled)))}).")


def finish(areas, stdout) -> None:
    if "cy" not in languages.codes():
        stdout.write("Welsh: not one of CONTENT_LANGUAGES, no sample Welsh.")
        return
    booklet = (
        Page.objects.live()
        .filter(url_path__endswith=BOOKLET_URL_PATH_END, locale__language_code=languages.default_code())
        .first()
    )
    if booklet is None:
        stdout.write("Welsh: no chemotherapy booklet to translate.")
        return
    strings = memory()
    pages = [booklet, *booklet.get_children().live().specific()[:SECTIONS]]
    for page in pages:
        services.import_po(page, "cy", fill(services.export_po(page, "cy"), strings))
    stdout.write(f"Welsh: {len(pages)} sample pages of '{booklet.title}' (sample Welsh, not medical advice).")
