"""Words editors type outside pages (site settings, bank holidays, closures), in English and, beside it, in Welsh.

Pages are translated as pages (wagtail-localize); these few lines are not pages, so each has a Welsh field beside
the English one (`footer_notice` and `footer_notice_cy`). A reader on a Welsh page sees the Welsh when an editor has
written it, and the English when the Welsh field is blank. docs/decisions/welsh-settings-text.md
"""

from dataclasses import dataclass

from django.utils.translation import get_language

WELSH = "cy"


def reader_language() -> str:
    """The active language's code without its region: "cy", "en"."""
    return (get_language() or "").split("-")[0].lower()


def in_reader_language(english: str, welsh: str = "") -> str:
    """The Welsh on a Welsh page when there is some, else the English."""
    if reader_language() == WELSH and (welsh or "").strip():
        return welsh
    return english


def field_in_reader_language(instance, name: str) -> str:
    """`instance.<name>` in the reader's language: its `<name>_cy` field on a Welsh page, when filled in."""
    return in_reader_language(getattr(instance, name, "") or "", getattr(instance, f"{name}_{WELSH}", "") or "")


def reader_text(name: str) -> property:
    """A model property giving the field `name` in the reader's language (see field_in_reader_language)."""
    return property(lambda instance: field_in_reader_language(instance, name), doc=f"{name} in the reader's language")


@dataclass(frozen=True)
class Wording:
    """English and Welsh kept together (in a per-process table read in both languages); str() gives the reader's
    language, at the moment it is shown."""

    english: str
    welsh: str = ""

    def __str__(self) -> str:
        return in_reader_language(self.english, self.welsh)
