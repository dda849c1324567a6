"""What every printed and e-mailed output carries, from one source: the service's name, its helpline number and hours,
and the charity's name, registration number and logo, all read from the live site settings.

Each app registers the outputs it makes (PDFs, e-mails) from its AppConfig.ready(), naming the template that draws
each one, so one test can produce every registered output and check that it carries them, and a new output template
that nobody registered fails that test. Like core/personal_data.py, the registry is where the apps meet: core
imports none of them. The helpline app gives the opening hours (register_hours_source), as core knows no timetable.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

# Who reads an output. Everything the public (or a health professional) receives carries the whole identity; e-mails
# only staff read (a new question has arrived, a page is due for review) are registered too, so none goes unseen.
PUBLIC = "public"
STAFF = "staff"


@dataclass(frozen=True)
class ServiceIdentity:
    service_name: str
    helpline_number: str
    helpline_hours: str
    text_relay_number: str
    charity_name: str
    charity_registration: str
    logo: object = None  # a Wagtail image, or None

    @property
    def helpline_sentence(self) -> str:
        """ "Call our cancer nurses free on 0808 157 0192, Monday to Friday, 9am to 5pm." """
        if not self.helpline_number:
            return ""
        hours = f", {self.helpline_hours}" if self.helpline_hours else ""
        return _("Call our cancer nurses free on %(number)s%(hours)s.") % {
            "number": self.helpline_number,
            "hours": hours,
        }

    @property
    def charity_sentence(self) -> str:
        """ "CancerInfo (sample charity). Registered charity in England and Wales (1234567)." """
        parts = [part.strip().rstrip(".") for part in (self.charity_name, self.charity_registration) if part.strip()]
        return ". ".join(parts) + "." if parts else ""


_hours_source: Callable[[object], str] | None = None


def register_hours_source(source: Callable[[object], str]) -> None:
    """The helpline app hands over its "hours in words" function (from the weekly timetable, else the settings)."""
    global _hours_source
    _hours_source = source


def service_identity(site=None, request=None) -> ServiceIdentity:
    """The identity from the live site settings of `site` (or the request's site, or the default site)."""
    from wagtail.models import Site

    from .models import SiteSettings

    if request is not None:  # both are kept on the request: no query when the page has read them already
        site = Site.find_for_request(request)
        site_settings = SiteSettings.for_request(request)
    else:
        site = site or Site.objects.filter(is_default_site=True).first()
        site_settings = SiteSettings.for_site(site) if site is not None else SiteSettings()
    hours = _hours_source(site_settings) if _hours_source else site_settings.reader_helpline_hours
    return ServiceIdentity(
        service_name=(site.site_name if site is not None and site.site_name else "") or settings.WAGTAIL_SITE_NAME,
        helpline_number=site_settings.helpline_number,
        helpline_hours=hours or "",
        text_relay_number=site_settings.text_relay_number,
        # In the output's language: a Welsh PDF carries the Welsh lines when an editor wrote them (core/wording.py).
        charity_name=site_settings.reader_charity_name,
        charity_registration=site_settings.reader_charity_registration,
        logo=site_settings.logo,
    )


@dataclass(frozen=True)
class Output:
    key: str  # "<app>.<name>": "donations.receipt"
    what: str  # "The receipt e-mailed when a donation is confirmed"
    template: str  # the template that draws it: it includes the identity block of its kind
    audience: str = PUBLIC


_registry: dict[str, Output] = {}


def register_output(output: Output) -> Output:
    """Called from an app's AppConfig.ready(). Registering the same key again replaces the output."""
    _registry[output.key] = output
    return output


def registered_outputs(audience: str | None = None) -> list[Output]:
    outputs = sorted(_registry.values(), key=lambda output: output.key)
    return [output for output in outputs if audience is None or output.audience == audience]
