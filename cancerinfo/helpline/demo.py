"""The bank holidays' Welsh names, for Welsh pages ("Ar gau ar gyfer Dydd Nadolig"), where an editor has not written
them. Written for this project (sample content). Safe to run again: a Welsh name already there is kept."""

from .models import BankHoliday

WELSH_NAMES = {
    "New Year's Day": "Dydd Calan",
    "Good Friday": "Dydd Gwener y Groglith",
    "Easter Monday": "Dydd Llun y Pasg",
    "Early May bank holiday": "Gŵyl banc dechrau mis Mai",
    "Spring bank holiday": "Gŵyl banc y gwanwyn",
    "Summer bank holiday": "Gŵyl banc yr haf",
    "Christmas Day": "Dydd Nadolig",
    "Boxing Day": "Gŵyl San Steffan",
    "Christmas Day (substitute day)": "Dydd Nadolig (diwrnod yn lle)",
    "Boxing Day (substitute day)": "Gŵyl San Steffan (diwrnod yn lle)",
}


def load(areas, stdout) -> None:
    named = 0
    for holiday in BankHoliday.objects.filter(name__in=WELSH_NAMES, name_cy=""):
        holiday.name_cy = WELSH_NAMES[holiday.name]
        holiday.save(update_fields=["name_cy"])
        named += 1
    if named:
        stdout.write(f"Helpline: Welsh names for {named} bank holidays (sample Welsh).")
