"""Lookup by clinical code (/api/v1/lookup/?system=icd10&code=C79.5), as MedlinePlus Connect does for its pages: the
booklets, sections and questions about the condition a code names, best first.

Editors keep codes on cancer types and on booklets (taxonomy/codes.py says how codes are written and which are
ancestors). An ICD-10 code matches what is coded with it or with one of its ancestors: C79.51 finds what is coded
C79.5 or C79. SNOMED CT ids hold no hierarchy, so a concept matches only itself.

Best first: a closer code before a more general one (C79.51, then C79.5, then C79); at the same code, booklets coded
themselves before booklets found through their cancer type, then those booklets' sections (in booklet and contents
order), then the questions about the cancer types. Each item says which stored code it was found by. Only what the
other endpoints show is found: published public booklets, their published sections, published questions.

Queries: a fixed number to rank (codes, booklets, sections, questions: ids only), then one per kind of page on the
answer's page (with its booklets for sections), whatever the page's size.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q

from cancerinfo.taxonomy import codes
from cancerinfo.taxonomy.models import CancerTypeCode, codes_by_cancer_type, terms_by_id
from cancerinfo.versions.models import Audience

from . import resources

MAX_RESULTS = 200
KINDS = ("booklet", "section", "question")


class NothingFound(LookupError):
    """The code is well formed, but nothing published is about it."""


@dataclass(frozen=True)
class Match:
    code: str  # the stored code it was found by: the code asked for, or one of its ancestors
    via: str  # "booklet": the booklet is coded itself; "cancer_type": found through a cancer type's codes
    cancer_type_id: int | None = None

    def rank(self) -> tuple[int, int]:
        """Lower is better: the closer code first, then a booklet's own code before its cancer type's."""
        return (-codes.specificity(self.code), 0 if self.via == "booklet" else 1)

    def key(self, kind: str) -> tuple[int, int]:
        """Where a hit of this kind stands: closer code, then own booklets, booklets through their cancer type,
        those booklets' sections (in the same order), questions."""
        depth, via = self.rank()
        return (depth, {"booklet": via, "section": 2 + via, "question": 4}[kind])


def _keep(found: dict, pk: int, match: Match) -> None:
    if pk not in found or match.rank() < found[pk].rank():
        found[pk] = match


@dataclass(frozen=True)
class Hit:
    kind: str
    pk: int
    match: Match
    key: tuple


class Ranked:
    """The hits, best first, as Listing.window pages them."""

    def __init__(self, hits: list[Hit]):
        self.hits = hits

    def count(self) -> int:
        return len(self.hits)

    def __getitem__(self, window):
        return self.hits[window]


def _through(model, name: str):
    field = model._meta.get_field(name)
    return field.remote_field.through, field.m2m_column_name(), field.m2m_reverse_name()


def _booklet_matches(system: str, searched: list[str], type_matches: dict[int, Match]) -> dict[int, Match]:
    from cancerinfo.booklets.interface import BookletCode, BookletPage

    live = resources.live_booklets().values("pk")
    found: dict[int, Match] = {}
    rows = BookletCode.objects.filter(system=system, code__in=searched, booklet__in=live)
    for pk, stored in rows.values_list("booklet_id", "code"):
        _keep(found, pk, Match(stored, "booklet"))
    if type_matches:
        through, own, other = _through(BookletPage, "cancer_types")
        rows = through.objects.filter(**{f"{other}__in": list(type_matches), f"{own}__in": live})
        for pk, type_pk in rows.values_list(own, other):
            _keep(found, pk, type_matches[type_pk])
    return found


def _question_matches(type_matches: dict[int, Match]) -> list[tuple]:
    """(pk, title, match) of the published questions about the matched cancer types, and of their versions for
    professionals (which share their original's subject)."""
    from cancerinfo.questions.interface import QuestionPage

    if not type_matches:
        return []
    tagged = resources.live_questions().filter(cancer_types__in=list(type_matches)).values("path")
    rows = list(
        resources.live_questions()
        .filter(Q(path__in=tagged) | Q(parent_path__in=tagged))
        .values_list("pk", "path", "parent_path", "title", "audience")
    )
    by_path = {path: pk for pk, path, _parent, _title, _audience in rows}
    subject = {
        pk: (by_path.get(parent, pk) if audience != Audience.PATIENTS else pk) for pk, _p, parent, _t, audience in rows
    }
    through, own, other = _through(QuestionPage, "cancer_types")
    best: dict[int, Match] = {}
    pairs = through.objects.filter(**{f"{own}__in": set(subject.values()), f"{other}__in": list(type_matches)})
    for pk, type_pk in pairs.values_list(own, other):
        _keep(best, pk, type_matches[type_pk])
    return [(pk, title, best[subject[pk]]) for pk, _path, _parent, title, _audience in rows if subject[pk] in best]


def find(system: str, code: str, kind: str | None = None) -> dict:
    """Everything published about the code, ranked: {"lookup": what was asked, "conditions": the cancer types
    found, "hits": [Hit, ...]}. codes.CodeError if the code is not one; NothingFound if nothing is about it."""
    code = codes.normalise(system, code)
    searched = codes.ancestors(system, code)
    type_matches: dict[int, Match] = {}
    for pk, stored in CancerTypeCode.objects.filter(system=system, code__in=searched).values_list(
        "cancer_type_id", "code"
    ):
        _keep(type_matches, pk, Match(stored, "cancer_type", pk))
    booklet_matches = _booklet_matches(system, searched, type_matches)

    hits: list[Hit] = []
    booklets = {}
    if booklet_matches:
        booklets = {
            pk: (path, title)
            for pk, path, title in resources.live_booklets()
            .filter(pk__in=list(booklet_matches))
            .values_list("pk", "path", "title")
        }
    for pk, (_path, title) in booklets.items():
        match = booklet_matches[pk]
        hits.append(Hit("booklet", pk, match, (*match.key("booklet"), title.casefold(), pk)))
    if booklets and kind in (None, "section"):
        of_path = {path: pk for pk, (path, _title) in booklets.items()}
        rows = (
            resources.live_sections().filter(booklet_path__in=list(of_path)).values_list("pk", "booklet_path", "path")
        )
        for pk, booklet_path, path in rows:
            booklet_pk = of_path[booklet_path]
            match = booklet_matches[booklet_pk]
            hits.append(Hit("section", pk, match, (*match.key("section"), booklets[booklet_pk][1].casefold(), path)))
    if kind in (None, "question"):
        for pk, title, match in _question_matches(type_matches):
            hits.append(Hit("question", pk, match, (*match.key("question"), title.casefold(), pk)))
    if kind:
        hits = [hit for hit in hits if hit.kind == kind]
    if not hits:
        raise NothingFound(
            f"Nothing published is about {codes.CODING_SYSTEMS[system]} {code}"
            + (f" or the codes above it ({', '.join(searched[1:])})." if len(searched) > 1 else ".")
        )
    hits.sort(key=lambda hit: hit.key)
    return {
        "lookup": {
            "system": system,
            "coding_system": codes.CODING_SYSTEMS[system],
            "code": code,
            "searched": searched,
            "hierarchy": system == codes.ICD10,
            "found": len(hits),
            "capped": len(hits) > MAX_RESULTS,
        },
        "conditions": _conditions(type_matches),
        "hits": hits[:MAX_RESULTS],
    }


def _conditions(type_matches: dict[int, Match]) -> list[dict]:
    table, all_codes = terms_by_id()["cancer_types"], codes_by_cancer_type()
    found = sorted(
        ((table[pk], match) for pk, match in type_matches.items() if pk in table),
        key=lambda pair: (*pair[1].rank(), pair[0].name),
    )
    return [
        {
            "slug": term.slug,
            "name": term.name,
            "matched_code": match.code,
            "codes": [
                {"system": c.system, "coding_system": c.coding_system, "code": c.code} for c in all_codes[term.pk]
            ],
        }
        for term, match in found
    ]


# --- The answer's page ------------------------------------------------------------------------------------------


def _match(hit: Hit, asked: str) -> dict:
    cancer_type = terms_by_id()["cancer_types"].get(hit.match.cancer_type_id) if hit.match.cancer_type_id else None
    return {
        "code": hit.match.code,
        "exact": hit.match.code == asked,
        "via": hit.match.via,
        "cancer_type": {"slug": cancer_type.slug, "name": cancer_type.name} if cancer_type else None,
    }


def rows(hits: list[Hit], asked: str, request, base: str) -> list[dict]:
    """The items of one page of hits, in their order: one query per kind of page on it (and sections' booklets)."""
    from cancerinfo.booklets.interface import BookletPage

    ids = {kind: [hit.pk for hit in hits if hit.kind == kind] for kind in KINDS}
    pages = {}
    if ids["booklet"]:
        for booklet in resources.live_booklets().filter(pk__in=ids["booklet"]).defer_streamfields():
            pages["booklet", booklet.pk] = _booklet_item(booklet, request, base)
    if ids["section"]:
        sections = list(resources.live_sections().filter(pk__in=ids["section"]).defer_streamfields())
        parents = {
            booklet.path: booklet
            for booklet in BookletPage.objects.filter(path__in={s.booklet_path for s in sections}).defer_streamfields()
        }
        for section in sections:
            pages["section", section.pk] = _section_item(section, parents[section.booklet_path], request, base)
    if ids["question"]:
        for question in resources.live_questions().filter(pk__in=ids["question"]).defer_streamfields():
            pages["question", question.pk] = _question_item(question, request, base)
    return [{**pages[hit.kind, hit.pk], "match": _match(hit, asked)} for hit in hits if (hit.kind, hit.pk) in pages]


def _item(page, kind: str, path: str, request, base: str, **fields) -> dict:
    return {
        **resources._page_fields(page, request, base, kind, path),  # noqa: SLF001 (the app's own helper)
        **fields,
        "licence": fields.get("licence") or resources.licence(),
        "attribution": fields.get("attribution") or settings.API_ATTRIBUTION,
    }


def _booklet_item(booklet, request, base: str) -> dict:
    return _item(
        booklet, "booklet", "booklets", request, base,
        summary=booklet.summary, audience=booklet.audience, last_reviewed=booklet.last_reviewed, booklet=None,
    )  # fmt: skip


def _section_item(section, booklet, request, base: str) -> dict:
    return _item(
        section, "section", "sections", request, base,
        summary=section.search_description, audience=booklet.audience, last_reviewed=booklet.last_reviewed,
        booklet=resources._page_fields(booklet, request, base, "booklet", "booklets"),  # noqa: SLF001
    )  # fmt: skip


def _question_item(question, request, base: str) -> dict:
    imported = question.is_imported
    return _item(
        question, "question", "questions", request, base,
        summary=question.short_answer, audience=question.audience, last_reviewed=question.last_reviewed, booklet=None,
        licence=resources.licence(question.source_licence, question.source_licence_url) if imported else None,
        attribution=f"Adapted from {question.source_name or question.source_url}" if imported else None,
    )  # fmt: skip
