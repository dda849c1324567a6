"""What the API serves, as plain dictionaries: which rows are public, filters, and each item's fields.

Only published pages outside private areas are read (`live().public()`), and only when the page they belong to is
published too (a booklet's sections, a question's version for professionals). Lists read a constant number of
queries whatever their length: each page's terms come from one query per kind for the whole list, named through the
taxonomy's per-process table. Bodies, references and reviewers are in the single-item answers only.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.db import connection, connections
from django.db.models import Count, Q, Window
from django.db.models.functions import Length, Substr
from django.http import Http404
from wagtail.models import Page, Site

from cancerinfo.delivery import versions
from cancerinfo.delivery.restrictions import VERSION as RESTRICTIONS
from cancerinfo.taxonomy.models import CancerType, Topic, Treatment, terms_by_id
from cancerinfo.versions.models import Audience

from .html import richtext_html, stream_blocks, stream_html

API_ROOT = "/api/v1"
MAX_PAGE_SIZE = 100


class FieldsError(ValueError):
    """?fields= named a field the answer does not have."""


# --- Paging and field selection ---------------------------------------------------------------------------------


# Compiled list queries kept per process (see Listing.window): addresses are varied by callers, so the table is
# emptied when it reaches this size.
MAX_LIST_PLANS = 1000


def _counts_in_one_query(queryset) -> bool:
    query = getattr(queryset, "query", None)  # lookup.Ranked, a ranked list, has none
    return query is not None and not query.distinct and not query.is_sliced


class Listed(SimpleNamespace):
    """A listed row read as plain values: the columns its list selected, by name."""

    @property
    def pk(self):
        return self.id


@dataclass(frozen=True)
class ListPlan:
    """A page of a list as SQL compiled once, with the total in the same query (COUNT(*) OVER ()).

    A list that names its columns (only()) is read as Listed records, through the compiler's own converters: making
    Wagtail page instances (modelcluster looks up every child relation of each) was a third of a list of sections.
    Any other list is read as model instances (a raw query)."""

    queryset: object  # the whole list: counted when the page asked for is past its end
    sql: str
    params: tuple
    compiler: object = None  # the values() query's compiler, for Listed records
    names: tuple = ()

    @classmethod
    def of(cls, queryset, start: int, size: int) -> "ListPlan":
        counted = queryset.annotate(listing_total=Window(Count("pk")))
        only, deferring = queryset.query.deferred_loading
        if only and not deferring:
            values = counted.values(*only, *counted.query.annotations)[start : start + size]
            compiler = values.query.get_compiler(values.db)
            sql, params = compiler.as_sql()
            query = values.query
            names = (*query.extra_select, *query.values_select, *query.annotation_select)
            return cls(queryset, sql, tuple(params), compiler, names)
        sql, params = counted[start : start + size].query.sql_with_params()
        return cls(queryset, sql, tuple(params))

    def rows(self) -> list:
        if self.compiler is None:
            return list(self.queryset.model.objects.raw(self.sql, self.params))
        with connections[self.queryset.db].cursor() as cursor:
            cursor.execute(self.sql, self.params)
            fetched = [row[: len(self.names)] for row in cursor.fetchall()]
        return [Listed(**dict(zip(self.names, row, strict=True))) for row in self.compiler.results_iter([fetched])]


@dataclass(frozen=True)
class Listing:
    request: object
    page: int
    page_size: int
    fields: str | None

    @property
    def base(self) -> str:
        return f"{self.request.scheme}://{self.request.get_host()}"

    def window(self, queryset_of: Callable, same_sql_for_same_address: bool = False) -> tuple[list, dict]:
        """The page of rows that `queryset_of()` gives, and the paging facts.

        same_sql_for_same_address: the queryset's SQL depends only on the request's address (its filters and page)
        and on which areas are private. Then its SQL is compiled once per process and address (Django's ORM took
        1.5 ms to compile a list of sections, a third of the answer) and rerun (ListPlan): the rows are always
        read from the database."""
        start = (self.page - 1) * self.page_size
        if same_sql_for_same_address:
            plans = versions.table("api-list-sql", [RESTRICTIONS], dict)
            address = (self.request.path, *sorted((k, tuple(v)) for k, v in self.request.GET.lists() if k != "fields"))
            plan = plans.get(address)
            if plan is None:
                queryset = queryset_of()
                if _counts_in_one_query(queryset):
                    plan = ListPlan.of(queryset, start, self.page_size)
                    if len(plans) >= MAX_LIST_PLANS:
                        plans.clear()
                    plans[address] = plan
            if plan is not None:
                rows = plan.rows()
                count = rows[0].listing_total if rows else plan.queryset.count()
                return rows, self._meta(count)
        queryset = queryset_of()
        if not _counts_in_one_query(queryset):
            count = queryset.count()
            rows = list(queryset[start : start + self.page_size]) if start < count else []
        else:
            # The page's rows and the total in one query (COUNT(*) OVER ()): a list's SQL is most of its cost.
            rows = list(queryset.annotate(listing_total=Window(Count("pk")))[start : start + self.page_size])
            count = rows[0].listing_total if rows else queryset.count()
        return rows, self._meta(count)

    def _meta(self, count: int) -> dict:
        pages = max(1, math.ceil(count / self.page_size))
        return {
            "count": count,
            "page": self.page,
            "page_size": self.page_size,
            "pages": pages,
            "next": self._page_url(self.page + 1) if self.page < pages else None,
            "previous": self._page_url(min(self.page - 1, pages)) if self.page > 1 else None,
        }

    def _page_url(self, number: int) -> str:
        params = [(k, v) for k, values in self.request.GET.lists() for v in values if k != "page"]
        return f"{self.base}{self.request.path}?{urlencode([*params, ('page', number)])}"


def select(item: dict, fields: str | None) -> dict:
    if not fields:
        return item
    wanted = [name.strip() for name in fields.split(",") if name.strip()]
    unknown = [name for name in wanted if name not in item]
    if unknown:
        raise FieldsError(f"Unknown field(s): {', '.join(unknown)}. Fields: {', '.join(item)}.")
    return {name: item[name] for name in wanted}


def answer_list(listing: Listing, rows: list[dict], meta: dict) -> dict:
    return {"meta": meta, "items": [select(row, listing.fields) for row in rows]}


def answer_item(item: dict, fields: str | None) -> dict:
    return {"item": select(item, fields)}


# --- Shared pieces ------------------------------------------------------------------------------------------------


def _parent_path():
    return Substr("path", 1, Length("path") - Page.steplen)


def _term_refs(terms: list) -> list[dict]:
    return [{"slug": term.slug, "name": term.name} for term in terms]


def terms_of(model, field_name: str, ids) -> dict[int, list[dict]]:
    """{pk: [{slug, name}, ...]} for a many-to-many to cancer types, treatments or topics (see terms_of_many)."""
    return terms_of_many((model, field_name, ids))[0]


def terms_of_many(*wanted: tuple) -> list[dict[int, list[dict]]]:
    """terms_of for several (model, field name, ids) at once, in one query (UNION ALL of the link tables): a list of
    sections needs its booklets' cancer types and treatments and its own topics, and each query is a round trip
    and an SQL compilation. The names come from the taxonomy's per-process table."""
    tables = terms_by_id()
    parts, params, plans = [], [], []
    quote = connection.ops.quote_name
    for number, (model, field_name, ids) in enumerate(wanted):
        field = model._meta.get_field(field_name)
        ids = list(ids)
        kind = {CancerType: "cancer_types", Treatment: "treatments", Topic: "topics"}[field.related_model]
        plans.append(({pk: [] for pk in ids}, tables[kind]))
        if ids:
            own, other = quote(field.m2m_column_name()), quote(field.m2m_reverse_name())
            table = quote(field.remote_field.through._meta.db_table)
            marks = ", ".join(["%s"] * len(ids))
            parts.append(f"SELECT {number}, {own}, {other} FROM {table} WHERE {own} IN ({marks})")  # noqa: S608
            params.extend(ids)
    if parts:
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts), params)
            for number, pk, term_pk in cursor.fetchall():
                found, table = plans[number]
                if term_pk in table:
                    found[pk].append(table[term_pk])
    return [
        {
            pk: _term_refs(sorted(terms, key=lambda term: (getattr(term, "sort_order", 0), term.name)))
            for pk, terms in found.items()
        }
        for found, _table in plans
    ]


def licence(name: str = "", url: str = "") -> dict:
    return {"name": name or settings.API_LICENCE_NAME, "url": url or (settings.API_LICENCE_URL if not name else "")}


def references(stream) -> list[dict]:
    found = []
    for child in stream or []:
        value = child.value
        found.append(
            {
                "title": value.get("title") or "",
                "source": value.get("source") or "",
                "year": value.get("year"),
                "url": value.get("url") or "",
            }
        )
    return found


def reviewers(*pages) -> list[dict]:
    """Who approved the page's latest finished workflow (governance), else its booklet's."""
    from cancerinfo.governance.interface import approvals

    for page in pages:
        found = approvals(page)
        if found:
            return [{"name": a.name, "role": a.role, "date": a.date} for a in found]
    return []


# What a list reads of each page (model instances are built with these columns only).
LISTED_PAGE_FIELDS = ("id", "title", "url_path", "first_published_at", "last_published_at")


def full_url(url_path: str, request) -> str:
    """A page's address on its site, as Page.get_full_url gives it, from its url_path and the sites' root paths
    (kept by Wagtail): a list of 20 sections asked Wagtail's routing 40 times for them, a fifth of its time."""
    roots = getattr(request, "site_root_paths", None)
    if roots is None:  # read once per request (Wagtail keeps them in the cache)
        roots = Site.get_site_root_paths()
        if request is not None:
            request.site_root_paths = roots
    found = [
        (root_url, url_path[len(root_path) - 1 :])
        for _site_id, root_path, root_url, _language in roots
        if url_path.startswith(root_path)
    ]
    if not found:
        return ""
    if len(found) == 1:  # the usual case: no need to ask which host was asked for (a list asks for 40 addresses)
        return "".join(found[0])
    host = request.get_host() if request is not None else ""
    root_url, path = next((pair for pair in found if urlsplit(pair[0]).netloc == host), found[0])
    return f"{root_url}{path}"


def _page_fields(page, request, base: str, kind: str, path: str) -> dict:
    return {
        "id": page.pk,
        "type": kind,
        "title": page.title,
        "url": full_url(page.url_path, request),
        "api_url": f"{base}{API_ROOT}/{path}/{page.pk}/",
    }


def _dates(page, reviewed) -> dict:
    return {
        "last_reviewed": getattr(reviewed, "last_reviewed", None),
        "next_review_due": getattr(reviewed, "next_review_due", None),
        "first_published_at": page.first_published_at,
        "last_published_at": page.last_published_at,
    }


def _get(queryset, **lookup):
    found = queryset.filter(**lookup).first()
    if found is None:
        raise Http404("Not found")
    return found


# --- Booklets and sections ----------------------------------------------------------------------------------------


def _booklet_models():
    from cancerinfo.booklets.interface import BookletPage, BookletSectionPage

    return BookletPage, BookletSectionPage


def live_booklets():
    BookletPage, _ = _booklet_models()
    return BookletPage.objects.live().public()


def live_sections():
    """Published public sections of published public booklets."""
    _, BookletSectionPage = _booklet_models()
    return (
        BookletSectionPage.objects.live()
        .public()
        .annotate(booklet_path=_parent_path())
        .filter(booklet_path__in=live_booklets().values("path"))
    )


def booklets(cancer_type=None, treatment=None, topic=None, audience=None):
    queryset = live_booklets()
    if cancer_type:
        queryset = queryset.filter(cancer_types__slug=cancer_type)
    if treatment:
        queryset = queryset.filter(treatments__slug=treatment)
    if topic:
        queryset = queryset.filter(path__in=live_sections().filter(topics__slug=topic).values("booklet_path"))
    if audience:
        queryset = queryset.filter(audience=audience)
    return queryset.defer_streamfields().order_by("title", "pk")


def sections(booklet=None, cancer_type=None, treatment=None, topic=None):
    queryset = live_sections()
    if booklet:
        queryset = queryset.filter(booklet_path__in=live_booklets().filter(pk=booklet).values("path"))
    if cancer_type or treatment:
        chosen = booklets(cancer_type=cancer_type, treatment=treatment).values("path")
        queryset = queryset.filter(booklet_path__in=chosen)
    if topic:
        queryset = queryset.filter(topics__slug=topic)
    return queryset.only(*LISTED_PAGE_FIELDS).order_by("path")


def booklet_rows(listing_booklets: list, request, base: str) -> list[dict]:
    BookletPage, _ = _booklet_models()
    ids = [booklet.pk for booklet in listing_booklets]
    cancer_types, treatments = terms_of_many((BookletPage, "cancer_types", ids), (BookletPage, "treatments", ids))
    return [
        {
            **_page_fields(booklet, request, base, "booklet", "booklets"),
            "series": booklet.series,
            "summary": booklet.summary,
            "audience": booklet.audience,
            "cancer_types": cancer_types[booklet.pk],
            "treatments": treatments[booklet.pk],
            **_dates(booklet, booklet),
            "licence": licence(),
            "attribution": settings.API_ATTRIBUTION,
        }
        for booklet in listing_booklets
    ]


def booklet_detail(pk: int, request, base: str) -> dict:
    booklet = _get(live_booklets(), pk=pk)
    item = booklet_rows([booklet], request, base)[0]
    blocks = stream_blocks(booklet.introduction, base)
    contents = list(sections(booklet=booklet.pk))
    item.update(
        {
            "introduction_html": stream_html(blocks),
            "introduction_blocks": blocks,
            "references": references(booklet.references),
            "reviewers": reviewers(booklet),
            "sections": [_page_fields(section, request, base, "section", "sections") for section in contents],
        }
    )
    return item


def section_rows(listing_sections: list, request, base: str) -> list[dict]:
    BookletPage, BookletSectionPage = _booklet_models()
    parents = {
        booklet.path: booklet
        for booklet in BookletPage.objects.filter(path__in={s.booklet_path for s in listing_sections}).only(
            *LISTED_PAGE_FIELDS, "path", "audience", "last_reviewed", "next_review_due"
        )
    }
    booklet_ids = [booklet.pk for booklet in parents.values()]
    cancer_types, treatments, topics = terms_of_many(
        (BookletPage, "cancer_types", booklet_ids),
        (BookletPage, "treatments", booklet_ids),
        (BookletSectionPage, "topics", [section.pk for section in listing_sections]),
    )
    rows = []
    for section in listing_sections:
        booklet = parents[section.booklet_path]
        rows.append(
            {
                **_page_fields(section, request, base, "section", "sections"),
                "booklet": _page_fields(booklet, request, base, "booklet", "booklets"),
                "audience": booklet.audience,
                "cancer_types": cancer_types[booklet.pk],
                "treatments": treatments[booklet.pk],
                "topics": topics[section.pk],
                **_dates(section, booklet),
                "licence": licence(),
                "attribution": settings.API_ATTRIBUTION,
            }
        )
    return rows


def section_detail(pk: int, request, base: str) -> dict:
    BookletPage, _ = _booklet_models()
    section = _get(live_sections(), pk=pk)
    item = section_rows([section], request, base)[0]
    booklet = BookletPage.objects.get(path=section.booklet_path)
    blocks = stream_blocks(section.body, base)
    item.update(
        {
            "body_html": stream_html(blocks),
            "body_blocks": blocks,
            "references": references(booklet.references),
            "reviewers": reviewers(section, booklet),
        }
    )
    return item


# --- Questions ------------------------------------------------------------------------------------------------------


def _question_model():
    from cancerinfo.questions.interface import QuestionPage

    return QuestionPage


def live_questions():
    """Published public questions, and their versions for other audiences while the original is published too."""
    QuestionPage = _question_model()
    originals = QuestionPage.objects.live().public().filter(audience=Audience.PATIENTS)
    return (
        QuestionPage.objects.live()
        .public()
        .annotate(parent_path=_parent_path())
        .filter(Q(audience=Audience.PATIENTS) | Q(parent_path__in=originals.values("path")))
    )


def questions(cancer_type=None, treatment=None, topic=None, audience=None):
    """A version for professionals shares its original's subject (questions/models.py), so filters read both."""
    queryset = live_questions()
    for name, slug in (("cancer_types", cancer_type), ("treatments", treatment), ("topics", topic)):
        if slug:
            tagged = live_questions().filter(**{f"{name}__slug": slug}).values("path")
            queryset = queryset.filter(Q(path__in=tagged) | Q(parent_path__in=tagged))
    if audience:
        queryset = queryset.filter(audience=audience)
    return queryset.defer_streamfields().order_by("path")


def question_rows(listing_questions: list, request, base: str) -> list[dict]:
    QuestionPage = _question_model()
    originals = {}
    versions = [q for q in listing_questions if q.audience != Audience.PATIENTS]
    if versions:
        originals = {
            page.path: page.pk
            for page in Page.objects.filter(path__in={q.parent_path for q in versions}).only("pk", "path")
        }
    subject = {
        q.pk: originals.get(q.parent_path, q.pk) if q.audience != Audience.PATIENTS else q.pk for q in listing_questions
    }
    ids = set(subject.values())
    cancer_types, treatments, topics = terms_of_many(
        (QuestionPage, "cancer_types", ids), (QuestionPage, "treatments", ids), (QuestionPage, "topics", ids)
    )
    rows = []
    for question in listing_questions:
        of = subject[question.pk]
        imported = question.is_imported
        rows.append(
            {
                **_page_fields(question, request, base, "question", "questions"),
                "short_answer": question.short_answer,
                "audience": question.audience,
                "original_id": of if of != question.pk else None,
                "cancer_types": cancer_types[of],
                "treatments": treatments[of],
                "topics": topics[of],
                **_dates(question, question),
                "licence": licence(question.source_licence, question.source_licence_url) if imported else licence(),
                "attribution": (
                    f"Adapted from {question.source_name or question.source_url}"
                    if imported
                    else settings.API_ATTRIBUTION
                ),
            }
        )
    return rows


def question_detail(pk: int, request, base: str) -> dict:
    question = _get(live_questions(), pk=pk)
    item = question_rows([question], request, base)[0]
    blocks = stream_blocks(question.detail, base)
    item.update(
        {
            "detail_html": stream_html(blocks),
            "detail_blocks": blocks,
            "references": references(question.references),
            "reviewers": reviewers(question),
            "source": {
                "name": question.source_name,
                "url": question.source_url,
                "licence": question.source_licence,
                "licence_url": question.source_licence_url,
            },
        }
    )
    return item


# --- Glossary -------------------------------------------------------------------------------------------------------


def glossary_terms(letter=None):
    from cancerinfo.glossary.interface import Term

    queryset = Term.objects.all()
    if letter:
        queryset = queryset.filter(letter=letter.upper())
    return queryset.order_by("sort_name", "pk")


def _glossary_url(request) -> str:
    from cancerinfo.glossary.interface import GlossaryIndexPage

    page = GlossaryIndexPage.objects.live().public().first()
    return (page.get_full_url(request=request) or "") if page else ""


def glossary_rows(terms: list, request, base: str) -> list[dict]:
    glossary_url = _glossary_url(request)
    return [
        {
            "slug": term.slug,
            "term": term.term,
            "url": f"{glossary_url}{term.slug}/" if glossary_url else "",
            "api_url": f"{base}{API_ROOT}/glossary/{term.slug}/",
            "definition": term.definition,
            "pronunciation": term.pronunciation,
            "other_names": term.other_names_list,
            "letter": term.letter,
            "updated_at": term.updated_at,
            "licence": licence("The source's terms (see attribution)") if term.shown_attribution else licence(),
            "attribution": term.shown_attribution or settings.API_ATTRIBUTION,
        }
        for term in terms
    ]


def glossary_detail(slug: str, request, base: str) -> dict:
    term = _get(glossary_terms(), slug=slug)
    item = glossary_rows([term], request, base)[0]
    item["explanation_html"] = richtext_html(term.explanation, base)
    return item


# --- Cancer types, treatments, topics ------------------------------------------------------------------------------

TAXONOMY = {
    "cancer-types": (CancerType, "cancer_type"),
    "treatments": (Treatment, "treatment"),
    "topics": (Topic, "topic"),
}


def taxonomy(kind: str):
    return TAXONOMY[kind][0].objects.all()


def taxonomy_rows(kind: str, terms: list, base: str) -> list[dict]:
    parameter = TAXONOMY[kind][1]
    rows = []
    for term in terms:
        row = {
            "slug": term.slug,
            "name": term.name,
            "summary": getattr(term, "summary", "") or getattr(term, "description", ""),
            "other_names": term.other_names_list if hasattr(term, "other_names_list") else [],
            "api_url": f"{base}{API_ROOT}/{kind}/{term.slug}/",
            "booklets_api_url": f"{base}{API_ROOT}/booklets/?{parameter}={term.slug}",
            "sections_api_url": f"{base}{API_ROOT}/sections/?{parameter}={term.slug}",
            "questions_api_url": f"{base}{API_ROOT}/questions/?{parameter}={term.slug}",
        }
        rows.append(row)
    return rows


def taxonomy_detail(kind: str, slug: str, base: str) -> dict:
    return taxonomy_rows(kind, [_get(taxonomy(kind), slug=slug)], base)[0]


# --- Trials ---------------------------------------------------------------------------------------------------------


def trials(cancer_type=None, status=None):
    from cancerinfo.trials.interface import Trial

    queryset = Trial.objects.filter(is_cancer_trial__in=[True])
    if cancer_type:
        queryset = queryset.filter(cancer_types__slug=cancer_type)
    if status:
        queryset = queryset.filter(status=status)
    return queryset.order_by("title", "pk")


def _trial_base_url(request) -> str:
    from cancerinfo.trials.interface import TrialFinderPage

    finder = TrialFinderPage.objects.live().public().first()
    return (finder.get_full_url(request=request) or "") if finder else ""


def trial_rows(listing_trials: list, request, base: str) -> list[dict]:
    from cancerinfo.trials.interface import Trial

    finder_url = _trial_base_url(request)
    cancer_types = terms_of(Trial, "cancer_types", [trial.pk for trial in listing_trials])
    return [
        {
            "registry_id": trial.registry_id,
            "registry": trial.get_registry_display(),
            "registry_url": trial.registry_url,
            "title": trial.display_title,
            "official_title": trial.official_title,
            "summary": trial.summary,
            "summary_from_registry": trial.summary_from_registry,
            "phase": trial.phase,
            "status": trial.status,
            "age_range": trial.age_range,
            "sex": trial.sex,
            "conditions": trial.condition_list,
            "interventions": trial.intervention_list,
            "cancer_types": cancer_types[trial.pk],
            "sponsor": trial.sponsor,
            "last_updated": trial.last_updated,
            "is_demonstration": trial.is_demo,
            "url": f"{finder_url}{trial.registry_id}/" if finder_url else "",
            "api_url": f"{base}{API_ROOT}/trials/{trial.registry_id}/",
            "licence": licence("The registry's terms (see registry_url)"),
            "attribution": f"Registry record from {trial.get_registry_display()}; plain-English text by CancerInfo",
        }
        for trial in listing_trials
    ]


def trial_detail(registry_id: str, request, base: str) -> dict:
    trial = _get(trials(), registry_id=registry_id)
    item = trial_rows([trial], request, base)[0]
    item.update(
        {
            "what_it_involves": trial.what_it_involves,
            "key_eligibility": trial.key_eligibility_list,
            "who_can_refer": trial.who_can_refer,
            "how_to_take_part": trial.how_to_take_part,
            # Where it runs. The sites' contact people are left out: the trial page and the registry list them.
            "sites": [
                {
                    "name": site.name,
                    "city": site.city,
                    "postcode": site.postcode,
                    "country": site.country,
                    "recruiting_status": site.recruiting_status,
                }
                for site in trial.sites.all()
            ],
        }
    )
    return item


# --- Support organisations -----------------------------------------------------------------------------------------


def organisations(cancer_type=None, topic=None, region=None):
    from cancerinfo.organisations.interface import Organisation

    queryset = Organisation.objects.filter(live=True)
    if cancer_type:  # those who help with any cancer name none
        helps = Organisation.objects.filter(Q(cancer_types__slug=cancer_type) | Q(cancer_types=None)).values("pk")
        queryset = queryset.filter(pk__in=helps)
    if topic:
        queryset = queryset.filter(topics__slug=topic)
    if region:
        queryset = queryset.filter(region=region)
    return queryset.order_by("name", "pk")


def organisation_rows(listing: list, base: str) -> list[dict]:
    from cancerinfo.organisations.interface import Organisation

    ids = [organisation.pk for organisation in listing]
    cancer_types, topics = terms_of_many((Organisation, "cancer_types", ids), (Organisation, "topics", ids))
    return [
        {
            "slug": organisation.slug,
            "name": organisation.name,
            "summary": organisation.summary,
            "phone": organisation.phone,
            "phone_note": organisation.phone_note,
            "website": organisation.website,
            "region": organisation.region,
            "cancer_types": cancer_types[organisation.pk],
            "topics": topics[organisation.pk],
            "is_demonstration": organisation.is_demonstration,
            "api_url": f"{base}{API_ROOT}/organisations/{organisation.slug}/",
            "licence": licence(),
            "attribution": settings.API_ATTRIBUTION,
        }
        for organisation in listing
    ]


def organisation_detail(slug: str, base: str) -> dict:
    return organisation_rows([_get(organisations(), slug=slug)], base)[0]
