"""The finder's per-request parts: its page is kept rendered once (delivery/rendering.py) and these holes fill in
what the query string asks for, the form with the reader's choices and the results, on every request.

So a search from a postcode costs no page routing and no rendering of the header, footer or navigation: one query
for the kept page, the form, and the ranking over the finder's table (finder_table.py). Each result card is rendered
from its template once per trial while the table stands, with stand-ins for what differs per request (the link's
query string, the distance), which are filled in by string replacement.
"""

import secrets
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property
from html import escape  # as django.utils.html.escape writes it, without its lazy-text wrapper: called per card

from django.http import QueryDict
from django.template.defaultfilters import pluralize
from django.template.loader import get_template, render_to_string
from django.utils.safestring import SafeString, mark_safe

from cancerinfo.delivery.context_processors import site_and_settings
from cancerinfo.delivery.page_cache import depends_on
from cancerinfo.delivery.rendering import register_hole

from . import finder_table, services
from .choices import DEFAULT_WHERE_FILTER, PHASE_FILTERS, STATUS_FILTERS, WHERE_FILTERS
from .forms import DISTANCE_CHOICES, TrialFinderForm
from .uk_map import finder_map

# Links from results carry the search with them, so the trial page can measure distances and link back.
FINDER_PARAMETERS = ("q", "cancer", "status", "phase", "age", "postcode", "distance", "where")
CARD_TEMPLATE = "trials/_trial_card.html"
TENTH = Decimal("0.1")
# Selects whose HTML is kept per choice (field_html): only valid choices are kept, so the table cannot grow.
SELECTS = ("cancer", "status", "distance", "where", "phase")
# Stand-ins in a kept card, filled per request; random, so no trial's words can contain them.
_LINK_QUERY = f"link-query-{secrets.token_hex(8)}"
_NEAREST = f"nearest-{secrets.token_hex(8)}"


def one_decimal(number: float) -> str:
    """What `{{ number|floatformat:1 }}` prints (halves rounded up, from the number as Python writes it)."""
    return str(Decimal(repr(number)).quantize(TENTH, ROUND_HALF_UP))


def page_number(raw) -> int:
    try:
        return max(1, min(int(raw), 10_000))
    except (TypeError, ValueError):
        return 1


def search_query_string(request) -> str:
    params = request.GET.copy()
    for key in list(params):
        if key not in FINDER_PARAMETERS:
            del params[key]
        else:
            params.setlist(key, params.getlist(key)[-1:])  # the value the form reads
    return params.urlencode()


@dataclass
class Finder:
    """What the finder shows for one request: worked out once, read by both holes."""

    page: object
    form: TrialFinderForm
    errors: list
    criteria: services.FinderCriteria
    results: services.FinderResults
    query_string: str
    table: finder_table.Table
    finder_url: str
    nothing_near: services.NothingNear | None = None

    def url_with(self, **changes) -> str:
        """This search with some filters changed (None: removed), from its first page."""
        params = QueryDict(self.query_string, mutable=True)
        for name, value in changes.items():
            if value is None or value == "":
                params.pop(name, None)
            else:
                params[name] = str(value)
        query = params.urlencode()
        return f"{self.finder_url}?{query}" if query else self.finder_url

    @property
    def where_label(self) -> str:
        return WHERE_FILTERS["uk" if self.criteria.uk_only else "anywhere"]

    @cached_property
    def other_where_url(self) -> str:
        """One click between UK sites and anywhere in the world."""
        return self.url_with(where="anywhere" if self.criteria.uk_only else None)

    @cached_property
    def wider_links(self) -> list[tuple[str, str]]:
        """When this search finds nothing: (link text, address) for wider distances that would find something."""
        links = []
        for limit, count in self.nothing_near.wider if self.nothing_near else []:
            label = f"Within {limit} miles" if limit else "At any distance"
            links.append((f"{label}: {count} trial{pluralize(count)}", self.url_with(distance=limit)))
        return links

    @cached_property
    def anywhere_link(self) -> tuple[str, str] | None:
        count = self.nothing_near.anywhere if self.nothing_near else 0
        if not count:
            return None
        label = f"Include trials outside the UK: {count} trial{pluralize(count)} at any distance"
        return label, self.url_with(where="anywhere", distance=None)

    @cached_property
    def related_links(self) -> list[tuple[str, str]]:
        return [
            (f"{cancer_type.name}: {count} trial{pluralize(count)}", self.url_with(cancer=cancer_type.slug))
            for cancer_type, count in (self.nothing_near.related if self.nothing_near else [])
        ]

    @cached_property
    def ask_a_nurse_url(self) -> str:
        """The ask-a-nurse form, with what the person was looking for written in."""
        about = "Clinical trials"
        if self.criteria.cancer_type is not None:
            about += f" for {self.criteria.cancer_type.name.lower()}"
        if self.criteria.origin is not None:
            about += f" near {self.criteria.origin.label}"
        return services.ask_a_nurse_url(about, self.criteria.cancer_type)

    @cached_property
    def link_query(self) -> str:
        return escape(f"?{self.query_string}") if self.query_string else ""

    @property
    def status_label(self) -> str:
        return STATUS_FILTERS.get(self.criteria.status, STATUS_FILTERS["recruiting"])[0]

    @property
    def phase_label(self) -> str:
        return PHASE_FILTERS[self.criteria.phase][0] if self.criteria.phase in PHASE_FILTERS else ""


def _finder_page(context):
    page = context.get("page")
    if page is not None:
        return page
    page = services.finder_page()
    page_id = context.get("page_id")
    if page is None or page.pk != page_id:
        from .models import TrialFinderPage

        page = TrialFinderPage.objects.get(pk=page_id)
    return page


def finder_for(context) -> Finder:
    request = context.get("request")
    found = getattr(request, "trial_finder", None)
    if found is not None:
        return found
    # A response showing these results may be kept by the page cache only while the trials are unchanged.
    depends_on(request, finder_table.VERSION)
    table = finder_table.table()
    form = TrialFinderForm(request.GET, cancer_types=table.cancer_type_list)
    form.is_valid()
    criteria = services.FinderCriteria(
        cancer_type=form.value("cancer"),
        status=form.value("status", "recruiting") or "recruiting",
        phase=form.value("phase", "") or "",
        age=form.value("age"),
        origin=form.value("postcode"),
        within_miles=form.value("distance"),
        query=form.value("q", "") or "",
        where=form.value("where", DEFAULT_WHERE_FILTER) or DEFAULT_WHERE_FILTER,
    )
    results = services.find_trials(criteria, page_number(request.GET.get("page")), table=table)
    nothing_near = None
    if not results.total:
        distances = [int(value) for value, _ in DISTANCE_CHOICES if value]
        nothing_near = services.nothing_near(table, criteria, distances)
    errors = [(form[name].id_for_label, message) for name, messages in form.errors.items() for message in messages]
    page = _finder_page(context)
    found = Finder(page, form, errors, criteria, results, search_query_string(request), table, page.url, nothing_near)
    request.trial_finder = found
    return found


def field_html(field, table: finder_table.Table) -> str:
    """What trials/_field.html renders for one of the form's fields, written directly: the finder shows seven on
    every request (a test compares the two byte for byte). A select's own HTML is kept in the table for each choice
    it can show, so its options are not built again per request."""
    name, errors = field.name, field.errors
    widget = None
    if name in SELECTS and not errors:
        key = (name, field.value(), tuple(field.field.widget.attrs.items()))
        widget = table.widgets.get(key)
        if widget is None:
            widget = table.widgets[key] = str(field)
    if widget is None:
        widget = str(field)
    field_id = escape(field.id_for_label)
    hint = error = ""
    if field.help_text:
        hint = f'<p class="trial-field__hint" id="{field_id}-hint">{escape(field.help_text)}</p>'
    if errors:
        messages = ". ".join(escape(message) for message in errors)
        error = (
            f'<p class="trial-field__error" id="{field_id}-error"><span class="visually-hidden">Error:</span> '
            f"{messages}</p>"
        )
    return (
        f'<div class="trial-field{" trial-field--error" if errors else ""}">\n'
        f'  <label class="trial-field__label" for="{field_id}">{escape(field.label)}</label>\n'
        f"  {hint}\n  {error}\n  {widget}\n</div>\n"
    )


def _card(finder: Finder, item: services.FinderResult) -> str:
    """One result: the trial's card kept in the table, with this request's link and distance filled in."""
    finder_url = finder.finder_url
    key = (finder_url, item.position, item.unconfirmed)  # a status goes unconfirmed with the date, not the table
    kept = finder.table.cards.get(key)
    if kept is None:
        stand_ins = {"link_query": mark_safe(_LINK_QUERY), "nearest": mark_safe(_NEAREST)}  # noqa: S308 - hex digits
        context = {"trial": item.trial, "unconfirmed": item.unconfirmed, "finder_url": finder_url, **stand_ins}
        kept = finder.table.cards[key] = get_template(CARD_TEMPLATE).render(context)
    link_query = finder.link_query
    nearest = ""
    if finder.criteria.origin is not None:
        if item.distance is None:
            nearest = "<div><dt>Nearest site</dt><dd>Not known</dd></div>"
        else:
            place = f": {escape(item.nearest_site)}" if item.nearest_site else ""
            nearest = (
                f"<div><dt>Nearest site</dt><dd><strong>{one_decimal(item.distance)} miles</strong>{place}</dd></div>"
            )
    return kept.replace(_LINK_QUERY, link_query).replace(_NEAREST, nearest)


def title_hole(context) -> str:
    finder = finder_for(context)
    found = f" ({finder.results.total} found)" if finder.results.total else ""
    return escape(f"{'Error: ' if finder.errors else ''}{finder.page.title}{found}")


def finder_hole(context) -> str:
    finder = finder_for(context)
    request = context.get("request")
    cards = [_card(finder, item) for item in finder.results.items]
    return render_to_string(
        "trials/_finder.html",
        {
            "finder": finder,
            "form": finder.form,
            "fields": {name: SafeString(field_html(finder.form[name], finder.table)) for name in finder.form.fields},
            "errors": finder.errors,
            "criteria": finder.criteria,
            "results": finder.results,
            "query_string": finder.query_string,
            "finder_url": finder.finder_url,
            "cards": SafeString("".join(cards)),
            "map": finder_map(finder),  # with a postcode: where the trials on this page take place
            "site_settings": site_and_settings(request)[1],
        },
    )


def register_holes() -> None:
    register_hole("trial_finder_title", title_hole)
    register_hole("trial_finder", finder_hole)
