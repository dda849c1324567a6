"""The kinds of personal data the site keeps, for the privacy notice. Each app that keeps some registers it from its
AppConfig.ready(), naming the setting its purge job deletes by, so the notice reads the same number the job uses and
stays true when the setting changes. Like core/boxes.py, the registry is where the apps meet: core imports none."""

from dataclasses import dataclass

from django.conf import settings

DAYS = "days"
YEARS = "years"


@dataclass(frozen=True)
class PersonalDataKind:
    key: str  # "<app>.<name>"
    what: str  # "Questions you send our nurses, with your name and e-mail address"
    why: str
    who: str  # who sees it
    setting: str  # the setting the purge job uses: "ENQUIRY_RETENTION_DAYS"
    unit: str = DAYS
    after: str = ""  # from when the period runs: "after the question is closed"; may name other settings in braces
    order: int = 100

    @property
    def period(self) -> int:
        return int(getattr(settings, self.setting))

    @property
    def kept_for(self) -> str:
        number = self.period
        unit = self.unit if number != 1 else self.unit.rstrip("s")
        after = self.after.format_map(_Settings()) if self.after else ""
        return f"{number} {unit}" + (f" {after}" if after else "")


class _Settings(dict):
    """Setting values by name, for the settings an `after` names: "deleted {PRESCRIPTION_RETENTION_DAYS} days later"."""

    def __missing__(self, name: str):
        return getattr(settings, name)


_registry: dict[str, PersonalDataKind] = {}


def register(kind: PersonalDataKind) -> PersonalDataKind:
    """Called from an app's AppConfig.ready(). Registering the same key again replaces the kind."""
    _registry[kind.key] = kind
    return kind


def registered() -> list[PersonalDataKind]:
    return sorted(_registry.values(), key=lambda kind: (kind.order, kind.key))
