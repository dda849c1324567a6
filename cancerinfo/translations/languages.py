"""The site's languages, from settings: English (the default, at the root of the site) and CONTENT_LANGUAGES, each
under its own prefix (/cy/...). Plain functions, no database."""

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation


@dataclass(frozen=True)
class Language:
    code: str  # Django's and Wagtail's: "en-gb", "cy", "ur"
    name: str  # in English: "Welsh"
    local_name: str  # in the language itself: "Cymraeg"
    rtl: bool

    @property
    def html_lang(self) -> str:
        """The BCP 47 tag for lang="": "en-GB", "cy", "ur"."""
        language, _, region = self.code.partition("-")
        return f"{language}-{region.upper()}" if region else language

    @property
    def direction(self) -> str:
        return "rtl" if self.rtl else "ltr"

    @property
    def prefix(self) -> str:
        """The start of this language's addresses: "" for English, "/cy" for Welsh."""
        return "" if self.code == default_code() else f"/{self.code}"


def default_code() -> str:
    return settings.LANGUAGE_CODE


def codes() -> list[str]:
    return [code for code, _ in settings.LANGUAGES]


def get(code: str | None) -> Language:
    """The language of this code (English for a code the site does not have)."""
    if code not in codes():
        code = default_code()
    if code == default_code():
        return Language(code, "English", "English", False)
    name, local_name = settings.KNOWN_LANGUAGES[code]
    return Language(code, name, local_name, code.split("-")[0] in settings.LANGUAGES_BIDI)


def all_languages() -> list[Language]:
    return [get(code) for code in codes()]


def from_path(path: str) -> str | None:
    """The language a path's prefix names ("/cy/..." -> "cy"), or None for English (no prefix)."""
    first = path.lstrip("/").split("/", 1)[0]
    if first and first != default_code() and first in codes():
        return first
    return None


def current() -> Language:
    return get(translation.get_language())


def is_default(code: str | None) -> bool:
    return (code or default_code()) == default_code()
