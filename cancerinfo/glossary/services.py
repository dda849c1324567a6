"""Glossary logic as plain functions: the matcher and its version, the A–Z listing and search, where terms are used."""

import random
import re
import threading
import uuid
import zlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Case, Count, Max, Q, When
from django.utils.translation import gettext as _

from .matching import Matcher, TermEntry, build_matcher, normalise, shadow
from .models import LETTERS, GlossaryIndexPage, Term, split_names
from .spelling import name_forms

VERSION_KEY = "glossary:version"
TERMS_PER_PAGE = getattr(settings, "GLOSSARY_TERMS_PER_PAGE", 50)
MAX_QUERY_LENGTH = 100
DEFAULT_BASE_URL = "/glossary/"


# --- Version and matcher -------------------------------------------------------------------------------------------


def _database_version() -> int:
    """A version any process works out the same way when the cache has none (cleared, evicted, dummy cache)."""
    row = Term.objects.aggregate(count=Count("id"), changed=Max("updated_at"))
    changed = row["changed"].isoformat() if row["changed"] else "-"
    return zlib.crc32(f"{row['count']}:{changed}".encode())


def glossary_version() -> int:
    """The glossary's version number, kept in Django's cache (shared by every process) and bumped on each change."""
    version = cache.get(VERSION_KEY)
    if version is None:
        version = _database_version()
        cache.add(VERSION_KEY, version, None)
    return version


def bump_version() -> None:
    """Call after any change to terms (or to the glossary page's address). Every process rebuilds its matcher once."""

    def bump():
        try:
            cache.incr(VERSION_KEY)
        except ValueError:  # no version yet: any new number will do
            cache.set(VERSION_KEY, random.getrandbits(40), None)

    bump()
    transaction.on_commit(bump)  # again once committed, so no process keeps a matcher built from uncommitted rows


_lock = threading.Lock()
_current: Matcher | None = None
_base_url: tuple[str, str] | None = None


def term_entries() -> list[tuple[TermEntry, list[str]]]:
    """Every linkable term, best first: our own definitions, then patient definitions, then the rest."""
    rows = Term.objects.filter(link_in_pages=True).values_list(
        "id", "slug", "term", "definition", "pronunciation", "attribution", "source_id", "editor_override",
        "other_names", "source_audience",
    )  # fmt: skip
    entries = []
    for pk, slug, term, definition, pronunciation, attribution, source_id, override, other_names, audience in rows:
        shown_attribution = "" if override or not source_id else attribution
        rank = (bool(source_id) and not override, audience not in ("", "Patient"), pk)
        entry = TermEntry(pk, slug, term, definition, pronunciation, shown_attribution)
        entries.append((rank, entry, [term, *split_names(other_names)]))
    entries.sort(key=lambda item: item[0])
    return [(entry, names) for _, entry, names in entries]


def get_matcher() -> Matcher:
    """The compiled matcher for the current glossary version: built once per change, then reused."""
    global _current
    version = glossary_version()
    matcher = _current
    if matcher is not None and matcher.version == version:
        return matcher
    with _lock:
        if _current is not None and _current.version == version:
            return _current
        min_length = getattr(settings, "GLOSSARY_MIN_LENGTH", 3)
        _current = build_matcher(term_entries(), min_length=min_length, version=version)
        return _current


def reset_matcher() -> None:
    """Forget the in-process matcher and base URL (tests use this between cases)."""
    global _current, _base_url
    _current = None
    _base_url = None


def glossary_base_url() -> str:
    """The glossary page's URL ("/glossary/"), looked up once per glossary version."""
    global _base_url
    version = glossary_version()
    if _base_url is not None and _base_url[0] == version:
        return _base_url[1]
    page = GlossaryIndexPage.objects.live().first()
    url = (page.url if page is not None else None) or DEFAULT_BASE_URL
    _base_url = (version, url)
    return url


# --- A–Z listing and search ----------------------------------------------------------------------------------------


@dataclass
class Letter:
    letter: str
    count: int
    current: bool

    @property
    def label(self) -> str:
        return _("0–9 and symbols") if self.letter == "#" else self.letter

    @property
    def param(self) -> str:
        return "0-9" if self.letter == "#" else self.letter


def letter_counts() -> dict[str, int]:
    return dict(Term.objects.values_list("letter").annotate(n=Count("id")).order_by())


def clean_query(raw: str) -> str:
    cleaned = "".join(ch if ch.isprintable() else " " for ch in raw[: MAX_QUERY_LENGTH * 4])
    return " ".join(cleaned.split())


def search_terms(query: str):
    """Terms whose name or other names contain the query, in any spelling; exact and starting matches first."""
    words = normalise(query).lower()
    spellings = {form for form in name_forms(words)} | {words}
    condition = Q()
    for form in spellings:
        condition |= Q(sort_name__contains=form) | Q(other_names__icontains=form)
    results = list(Term.objects.filter(condition).order_by("sort_name", "id")[:500])

    def rank(term: Term) -> tuple:
        names = [shadow(name) for name in (term.sort_name, *term.other_names_list)]
        exact = any(name in spellings for name in names)
        starts = any(name.startswith(form) for name in names for form in spellings)
        return (not exact, not starts, term.sort_name)

    results.sort(key=rank)
    return results


def _letter_param(value: str) -> str | None:
    value = value.strip().upper()
    if value in ("0-9", "#"):
        return "#"
    if len(value) == 1 and value in LETTERS:
        return value
    return None


def index_context(params) -> dict:
    """Everything the A–Z page shows for its query string: ?q=…, ?letter=…, ?page=…. Bad input gets a message."""
    errors: list[dict] = []
    raw_query = params.get("q")
    query = clean_query(raw_query or "")
    letter = None
    if raw_query is not None and not query:
        errors.append({"field": "glossary-q", "message": _("Enter a word to search for")})
    elif len(query) > MAX_QUERY_LENGTH:
        errors.append(
            {"field": "glossary-q", "message": _("Enter %(max)s characters or fewer") % {"max": MAX_QUERY_LENGTH}}
        )
        query = ""
    raw_letter = params.get("letter")
    if raw_letter is not None and not query:
        letter = _letter_param(raw_letter)
        if letter is None:
            errors.append({"field": "glossary-letters", "message": _("Choose a letter from A to Z")})

    counts = letter_counts()
    if query:
        terms = search_terms(query)
        heading = _("Words matching “%(query)s”") % {"query": query}
    elif letter:
        terms = Term.objects.filter(letter=letter).order_by("sort_name", "id")
        heading = (
            _("Words starting with a number or symbol")
            if letter == "#"
            else _("Words starting with %(letter)s") % {"letter": letter}
        )
    else:
        # Words starting with a letter first; numbers and symbols (chemical names, mostly) at the end.
        terms = Term.objects.order_by(Case(When(letter="#", then=1), default=0), "sort_name", "id")
        heading = _("All words")
    paginator = Paginator(terms, TERMS_PER_PAGE)
    page_number = params.get("page") or 1
    try:
        number = int(page_number)
    except (TypeError, ValueError):
        number = 1
    number = min(max(number, 1), paginator.num_pages)
    page_obj = paginator.page(number)
    query_string = {"q": query} if query else ({"letter": Letter(letter, 0, True).param} if letter else {})
    return {
        "query": query,
        "letter": letter,
        "letters": [Letter(item, counts.get(item, 0), item == letter) for item in LETTERS],
        "terms": page_obj,
        "heading": heading,
        "errors": errors,
        "query_string": query_string,
        "total_terms": sum(counts.values()),
    }


def neighbours(term: Term) -> tuple[Term | None, Term | None]:
    """The terms before and after this one in A–Z order."""
    earlier = (
        Term.objects.filter(Q(sort_name__lt=term.sort_name) | Q(sort_name=term.sort_name, id__lt=term.id))
        .order_by("-sort_name", "-id")
        .first()
    )
    later = (
        Term.objects.filter(Q(sort_name__gt=term.sort_name) | Q(sort_name=term.sort_name, id__gt=term.id))
        .order_by("sort_name", "id")
        .first()
    )
    return earlier, later


# --- Where a term is used ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Usage:
    title: str
    url: str
    context: str  # the booklet's title, for a section


def _content_page_models() -> list[tuple[type, list[str]]]:
    """Page types whose text is linked (those with the link_glossary_terms switch) and their own text fields:
    booklet sections, answers (questions app, if installed) and any later content type, without importing them."""
    from django.apps import apps
    from django.db import models
    from wagtail.fields import RichTextField, StreamField
    from wagtail.models import Page

    from cancerinfo.core.models import ContentOptionsMixin

    page_fields = {field.name for field in Page._meta.get_fields()}
    found = []
    for model in apps.get_models():
        if not (issubclass(model, Page) and issubclass(model, ContentOptionsMixin)) or model._meta.abstract:
            continue
        fields = [
            field.name
            for field in model._meta.get_fields()
            if isinstance(field, StreamField | RichTextField | models.TextField)
            and field.name not in page_fields
            and field.name != "references"
        ]
        if fields:
            found.append((model, fields))
    return found


_TAGS = re.compile(r"<[^>]*>")


def _text_of(value) -> str:
    text = str(value) if not hasattr(value, "raw_data") else " ".join(_strings(list(value.raw_data)))
    return _TAGS.sub(" ", text)


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in ("type", "id"):
                yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def term_usage(term: Term) -> dict[str, list[Usage]]:
    """Live booklet sections and answers that use the term (in any of its spellings or plural forms).

    Candidates come from a database text search; each is then checked with a matcher for this term alone.
    A constant number of queries: one per content page type, plus one for the booklets' titles."""
    key = f"glossary:usage:{term.pk}:{glossary_version()}:{_content_version()}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    entry = TermEntry(term.pk, term.slug, term.term, term.definition)
    single = build_matcher([(entry, term.names)], min_length=1)
    stems = {normalise(name).lower() for name in term.names if name.strip()}
    forms = set()
    for stem in stems:
        forms |= {form.lower() for form in name_forms(stem)}
    # Each form's longest word must appear in a page that uses it: a cheap, selective database filter. The matcher
    # then checks each candidate properly (word boundaries, skipped headings and links aside).
    probes = sorted({max(form.split(" "), key=len) for form in forms if form}, key=len)[:16]
    result: dict[str, list[Usage]] = {"booklets": [], "questions": []}
    for model, fields in _content_page_models():
        condition = Q()
        for field in fields:
            for probe in probes:
                condition |= Q(**{f"{field}__icontains": probe})
        pages = model.objects.live().public().filter(condition).order_by("path")[:200]
        for page in pages:
            text = " ".join(_text_of(getattr(page, field)) for field in fields)
            if any(True for _ in single.find(text)):
                group = "questions" if model._meta.app_label == "questions" else "booklets"
                result[group].append((page, model))
    usages: dict[str, list[Usage]] = {}
    section_parents = {}
    parent_paths = {page.path[: -page.steplen] for page, _ in result["booklets"]}
    if parent_paths:
        from wagtail.models import Page

        section_parents = {page.path: page.title for page in Page.objects.filter(path__in=parent_paths)}
    for group, items in result.items():
        usages[group] = [
            Usage(
                page.title, page.url, section_parents.get(page.path[: -page.steplen], "") if group == "booklets" else ""
            )
            for page, _ in items
        ]
    cache.set(key, usages, 60 * 60)
    return usages


CONTENT_VERSION_KEY = "glossary:content-version"


def _content_version() -> str:
    version = cache.get(CONTENT_VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.set(CONTENT_VERSION_KEY, version, None)
    return version


def content_changed() -> None:
    cache.set(CONTENT_VERSION_KEY, uuid.uuid4().hex, None)
