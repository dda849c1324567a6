"""The language on every page: lang and dir for <html>, hreflang alternates, the switch, and the notices."""

from django import template
from django.conf import settings

from .. import languages, services

register = template.Library()


@register.simple_tag
def current_language():
    return languages.current()


@register.filter
def in_reader_language(links):
    """Navigation links for the page's reader: to each page's translation, under its title, where there is one."""
    return services.localized_links(links or [], languages.current().code)


@register.inclusion_tag("translations/alternates.html", takes_context=True)
def language_alternates(context, page=None):
    """<link rel="alternate" hreflang> for each language the page is live in (none when it has no translation)."""
    request = context.get("request")
    found = services.alternates(page) if page is not None else ()
    root = request.build_absolute_uri("/")[:-1] if request is not None and found else ""
    return {"alternates": found, "root": root}


@register.inclusion_tag("translations/switch.html", takes_context=True)
def language_switch(context, page=None):
    request = context.get("request")
    # A page of the site, or a view that exists at the same address in every language (search). Never the other
    # views: their addresses can hold a person's reference (a donation's thank-you page), and have no translation.
    is_page = hasattr(page, "get_url")  # the search page's "page" is its page number
    if request is None or (not is_page and not getattr(request, "in_every_language", False)):
        return {"entries": []}
    entries = services.switch(request, page)
    return {"entries": entries if len(entries) > 1 else []}


@register.inclusion_tag("translations/notices.html", takes_context=True)
def translation_notices(context, page=None):
    """'Not yet in Welsh' on the English page shown in a translation's place; 'English updated since translation'
    on a translation whose English page has changed."""
    request = context.get("request")
    missing = getattr(request, "translation_missing", None)
    found = services.status(page) if page is not None and missing is None else None
    return {
        "missing": missing,
        "english_updated": found is not None and found.english_updated,
        "status": found,
        "english": languages.get(languages.default_code()),
    }


@register.inclusion_tag("translations/interpreters.html")
def interpreter_languages():
    """The helpline's interpreters (settings.HELPLINE_INTERPRETER_LANGUAGES), each name also in its own language."""
    found = []
    for code in settings.HELPLINE_INTERPRETER_LANGUAGES:
        if code in settings.KNOWN_LANGUAGES:
            name, local_name = settings.KNOWN_LANGUAGES[code]
            rtl = code in settings.LANGUAGES_BIDI
            found.append({"code": code, "name": name, "local_name": local_name, "dir": "rtl" if rtl else "ltr"})
    return {"languages": found}
