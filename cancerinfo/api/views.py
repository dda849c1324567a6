"""The read-only content API (/api/v1/, django-ninja: docs/decisions/content-api.md) and its docs page (/api/).

Thin views: each reads its parameters, and hands resources.py's answer to conditional.respond, which adds the terms
of reuse, ETag and Last-Modified, and keeps the answer until the content changes.
"""

from typing import Literal

from django.http import Http404
from django.template.response import TemplateResponse
from ninja import Path, Query
from ninja.errors import HttpError, ValidationError

from cancerinfo.taxonomy import codes

from . import access, conditional, resources, schemas
from . import lookup as code_lookup
from .reuse import terms_of_reuse

DESCRIPTION = """Read-only, anonymous access to CancerInfo's published content: booklets and their sections,
questions and answers, glossary terms, cancer types, treatments, topics, clinical trials and support organisations;
and what is about a clinical code (`/lookup/?system=icd10&code=C79.5`, ICD-10 or SNOMED CT), best first.

* Lists take `page` and `page_size` (at most 100) and answer `{"meta": ..., "items": [...], "terms": ...}`.
* `fields=title,url` returns only those fields of each item.
* Every answer has an `ETag` and a `Last-Modified` header: send `If-None-Match` or `If-Modified-Since` to get
  `304 Not Modified` while nothing has changed.
* Every answer carries the terms of reuse (`terms`, and a `Link` header with `rel="license"`).

Human documentation and the terms of reuse: /api/."""

api = access.ContentAPI(  # NinjaAPI, with the key and the limits in its description (access.py)
    title="CancerInfo content API",
    version="1",
    description=DESCRIPTION,
    docs_url=None,  # the docs page is ours (/api/): Swagger UI loads scripts from a CDN our CSP refuses
    openapi_url="/openapi.json",
    urls_namespace="api-v1",
)

SLUG_PATTERN = r"^[-a-zA-Z0-9_]{1,255}$"
MAX_ID = 2_147_483_647

Page = Query(1, ge=1, le=100_000, description="Which page of results, from 1.")
PageSize = Query(20, ge=1, le=resources.MAX_PAGE_SIZE, description="Items a page, at most 100.")


def FieldsOf(schema):  # noqa: N802 (a parameter declaration, read like Query)
    """?fields=: some of the item's fields, comma-separated; the pattern names them, so the description says which."""
    names = "|".join(schema.model_fields)
    return Query(
        None, pattern=rf"^({names})(,({names}))*$", max_length=1000, description="Comma-separated fields of each item."
    )


def Slug(description: str):  # noqa: N802 (a parameter declaration, read like Query)
    return Query(None, pattern=SLUG_PATTERN, description=description)


CancerTypeFilter = Slug("Only those about this cancer type (its slug, see /cancer-types/).")
TreatmentFilter = Slug("Only those about this treatment (its slug, see /treatments/).")
TopicFilter = Slug("Only those about this topic (its slug, see /topics/).")
AudienceChoice = Literal["patients", "professionals", "easy_read"]
PageId = Path(..., ge=1, le=MAX_ID)
SlugPath = Path(..., pattern=SLUG_PATTERN)


# What a parameter looks like, added to a refusal's message when the validator's own says only "should match pattern".
PARAMETER_HINTS = {"code": "Give an ICD-10 code (as C79.5) or a SNOMED CT concept id (as 254837009)."}


def _message(error: dict) -> str:
    hint = PARAMETER_HINTS.get(str((error.get("loc") or ("",))[-1]))
    message = str(error.get("msg", ""))
    return f"{message}. {hint}" if hint and error.get("type") == "string_pattern_mismatch" else message


@api.exception_handler(ValidationError)
def invalid_parameters(request, exc):
    details = [{"where": [str(part) for part in e.get("loc", ())], "message": _message(e)} for e in exc.errors]
    return conditional.error(request, 400, "Some parameters are not valid.", details)


@api.exception_handler(Http404)
def not_found(request, exc):
    return conditional.error(request, 404, "Not found: it does not exist or is not published.")


@api.exception_handler(HttpError)
def http_error(request, exc):
    return conditional.error(request, exc.status_code, str(exc))


def _check_fields(fields: str | None, schema) -> None:
    if fields:
        unknown = [name for name in fields.split(",") if name not in schema.model_fields]
        if unknown:
            raise HttpError(400, f"Unknown field(s): {', '.join(unknown)}. Fields: {', '.join(schema.model_fields)}.")


def _list(request, page, page_size, fields, schema, queryset_of, rows_of, same_sql_for_same_address=False):
    _check_fields(fields, schema)
    listing = resources.Listing(request, page, page_size, fields)

    def build():
        rows, meta = listing.window(queryset_of, same_sql_for_same_address)
        return resources.answer_list(listing, rows_of(rows, listing.base), meta)

    return conditional.respond(request, build)


def _single(request, fields, schema, item_of):
    _check_fields(fields, schema)
    return conditional.respond(request, lambda: resources.answer_item(item_of(conditional.base_url(request)), fields))


LIST_ERRORS = {304: None, 400: schemas.Error}
ITEM_ERRORS = {304: None, 400: schemas.Error, 404: schemas.Error}


@api.get(
    "/booklets/", response={200: schemas.listing(schemas.Booklet, "BookletList"), **LIST_ERRORS}, tags=["Booklets"]
)
def booklet_list(
    request,
    page: int = Page,
    page_size: int = PageSize,
    fields: str | None = FieldsOf(schemas.Booklet),
    cancer_type: str | None = CancerTypeFilter,
    treatment: str | None = TreatmentFilter,
    topic: str | None = TopicFilter,
    audience: AudienceChoice | None = None,
):
    """Published booklets, by title."""
    return _list(
        request, page, page_size, fields, schemas.Booklet,
        lambda: resources.booklets(cancer_type, treatment, topic, audience),
        lambda rows, base: resources.booklet_rows(rows, request, base), same_sql_for_same_address=True,
    )  # fmt: skip


@api.get(
    "/booklets/{id}/", response={200: schemas.single(schemas.BookletDetail, "BookletAnswer"), **ITEM_ERRORS},
    tags=["Booklets"],
)  # fmt: skip
def booklet_detail(request, id: int = PageId, fields: str | None = FieldsOf(schemas.BookletDetail)):  # noqa: A002 (the OpenAPI name)
    """One booklet: introduction, references, reviewers and its sections in order."""
    return _single(request, fields, schemas.BookletDetail, lambda base: resources.booklet_detail(id, request, base))


@api.get(
    "/sections/", response={200: schemas.listing(schemas.Section, "SectionList"), **LIST_ERRORS}, tags=["Booklets"]
)
def section_list(
    request,
    page: int = Page,
    page_size: int = PageSize,
    fields: str | None = FieldsOf(schemas.Section),
    booklet: int | None = Query(None, ge=1, le=MAX_ID, description="Only this booklet's sections (its id)."),
    cancer_type: str | None = CancerTypeFilter,
    treatment: str | None = TreatmentFilter,
    topic: str | None = TopicFilter,
):
    """Published sections of published booklets, in booklet and contents order."""
    return _list(
        request, page, page_size, fields, schemas.Section,
        lambda: resources.sections(booklet, cancer_type, treatment, topic),
        lambda rows, base: resources.section_rows(rows, request, base), same_sql_for_same_address=True,
    )  # fmt: skip


@api.get(
    "/sections/{id}/", response={200: schemas.single(schemas.SectionDetail, "SectionAnswer"), **ITEM_ERRORS},
    tags=["Booklets"],
)  # fmt: skip
def section_detail(request, id: int = PageId, fields: str | None = FieldsOf(schemas.SectionDetail)):  # noqa: A002
    """One section: its body as clean HTML and as blocks, with its booklet's review dates and references."""
    return _single(request, fields, schemas.SectionDetail, lambda base: resources.section_detail(id, request, base))


@api.get(
    "/questions/", response={200: schemas.listing(schemas.Question, "QuestionList"), **LIST_ERRORS},
    tags=["Questions"],
)  # fmt: skip
def question_list(
    request,
    page: int = Page,
    page_size: int = PageSize,
    fields: str | None = FieldsOf(schemas.Question),
    cancer_type: str | None = CancerTypeFilter,
    treatment: str | None = TreatmentFilter,
    topic: str | None = TopicFilter,
    audience: AudienceChoice | None = None,
):
    """Published questions and answers, and their versions for health professionals."""
    return _list(
        request, page, page_size, fields, schemas.Question,
        lambda: resources.questions(cancer_type, treatment, topic, audience),
        lambda rows, base: resources.question_rows(rows, request, base), same_sql_for_same_address=True,
    )  # fmt: skip


@api.get(
    "/questions/{id}/", response={200: schemas.single(schemas.QuestionDetail, "QuestionAnswer"), **ITEM_ERRORS},
    tags=["Questions"],
)  # fmt: skip
def question_detail(request, id: int = PageId, fields: str | None = FieldsOf(schemas.QuestionDetail)):  # noqa: A002
    """One question: the short answer, the detail as clean HTML and as blocks, references and source."""
    return _single(request, fields, schemas.QuestionDetail, lambda base: resources.question_detail(id, request, base))


@api.get(
    "/glossary/", response={200: schemas.listing(schemas.GlossaryTerm, "GlossaryList"), **LIST_ERRORS},
    tags=["Glossary"],
)  # fmt: skip
def glossary_list(
    request,
    page: int = Page,
    page_size: int = PageSize,
    fields: str | None = FieldsOf(schemas.GlossaryTerm),
    letter: str | None = Query(None, pattern=r"^[A-Za-z#]$", description="Only terms filed under this letter."),
):
    """Glossary terms, A to Z."""
    return _list(
        request, page, page_size, fields, schemas.GlossaryTerm,
        lambda: resources.glossary_terms(letter),
        lambda rows, base: resources.glossary_rows(rows, request, base),
    )  # fmt: skip


@api.get(
    "/glossary/{slug}/", response={200: schemas.single(schemas.GlossaryTermDetail, "GlossaryAnswer"), **ITEM_ERRORS},
    tags=["Glossary"],
)  # fmt: skip
def glossary_detail(request, slug: str = SlugPath, fields: str | None = FieldsOf(schemas.GlossaryTermDetail)):
    """One glossary term, with its longer explanation."""
    return _single(
        request, fields, schemas.GlossaryTermDetail, lambda base: resources.glossary_detail(slug, request, base)
    )


def _taxonomy_endpoints(kind: str, label: str, name: str) -> None:
    list_schema = schemas.listing(schemas.TaxonomyTerm, f"{name}List")
    item_schema = schemas.single(schemas.TaxonomyTerm, f"{name}Answer")

    def taxonomy_list(
        request, page: int = Page, page_size: int = PageSize, fields: str | None = FieldsOf(schemas.TaxonomyTerm)
    ):
        return _list(
            request, page, page_size, fields, schemas.TaxonomyTerm,
            lambda: resources.taxonomy(kind), lambda rows, base: resources.taxonomy_rows(kind, rows, base),
        )  # fmt: skip

    def taxonomy_detail(request, slug: str = SlugPath, fields: str | None = FieldsOf(schemas.TaxonomyTerm)):
        return _single(request, fields, schemas.TaxonomyTerm, lambda base: resources.taxonomy_detail(kind, slug, base))

    api.get(
        f"/{kind}/", response={200: list_schema, **LIST_ERRORS}, tags=["Vocabulary"], summary=f"{label} (list)",
        operation_id=f"{name.lower()}_list", description=f"All {label.lower()}, with links to what is about each.",
    )(taxonomy_list)  # fmt: skip
    api.get(
        f"/{kind}/{{slug}}/", response={200: item_schema, **ITEM_ERRORS}, tags=["Vocabulary"], summary=f"{label} (one)",
        operation_id=f"{name.lower()}_detail", description=f"One of the {label.lower()}.",
    )(taxonomy_detail)  # fmt: skip


_taxonomy_endpoints("cancer-types", "Cancer types", "CancerType")
_taxonomy_endpoints("treatments", "Treatments", "Treatment")
_taxonomy_endpoints("topics", "Topics", "Topic")

TrialStatus = Literal[
    "recruiting", "not_yet_recruiting", "by_invitation", "active_not_recruiting", "suspended", "completed",
    "terminated", "withdrawn", "unknown",
]  # fmt: skip


@api.get("/trials/", response={200: schemas.listing(schemas.Trial, "TrialList"), **LIST_ERRORS}, tags=["Trials"])
def trial_list(
    request,
    page: int = Page,
    page_size: int = PageSize,
    fields: str | None = FieldsOf(schemas.Trial),
    cancer_type: str | None = CancerTypeFilter,
    status: TrialStatus | None = None,
):
    """Clinical trials about cancer, by title."""
    return _list(
        request, page, page_size, fields, schemas.Trial,
        lambda: resources.trials(cancer_type, status), lambda rows, base: resources.trial_rows(rows, request, base),
    )  # fmt: skip


@api.get(
    "/trials/{registry_id}/", response={200: schemas.single(schemas.TrialDetail, "TrialAnswer"), **ITEM_ERRORS},
    tags=["Trials"],
)  # fmt: skip
def trial_detail(
    request,
    registry_id: str = Path(..., pattern=r"^[A-Za-z]{2,10}-?[0-9]{3,12}$"),
    fields: str | None = FieldsOf(schemas.TrialDetail),
):
    """One trial, with where it runs."""
    return _single(
        request, fields, schemas.TrialDetail, lambda base: resources.trial_detail(registry_id, request, base)
    )


RegionChoice = Literal["uk", "england", "scotland", "wales", "northern-ireland"]


@api.get(
    "/organisations/", response={200: schemas.listing(schemas.Organisation, "OrganisationList"), **LIST_ERRORS},
    tags=["Support organisations"],
)  # fmt: skip
def organisation_list(
    request,
    page: int = Page,
    page_size: int = PageSize,
    fields: str | None = FieldsOf(schemas.Organisation),
    cancer_type: str | None = CancerTypeFilter,
    topic: str | None = TopicFilter,
    region: RegionChoice | None = None,
):
    """Organisations that help people with cancer. With cancer_type, those that help with any cancer are included."""
    return _list(
        request, page, page_size, fields, schemas.Organisation,
        lambda: resources.organisations(cancer_type, topic, region),
        lambda rows, base: resources.organisation_rows(rows, base),
    )  # fmt: skip


@api.get(
    "/organisations/{slug}/",
    response={200: schemas.single(schemas.Organisation, "OrganisationAnswer"), **ITEM_ERRORS},
    tags=["Support organisations"],
)
def organisation_detail(request, slug: str = SlugPath, fields: str | None = FieldsOf(schemas.Organisation)):
    """One support organisation."""
    return _single(request, fields, schemas.Organisation, lambda base: resources.organisation_detail(slug, base))


CodeSystem = Literal["icd10", "snomed"]
LookupType = Literal["booklet", "section", "question"]
SystemParam = Query(..., description="icd10 (ICD-10) or snomed (SNOMED CT).", examples=["icd10"])
# The shapes of an ICD-10 code or a SNOMED CT concept id: the rest (the check digit, which system) is checked by
# taxonomy/codes.py, and a code that is not one of the system asked for is not found (404, saying why).
CODE_PATTERN = r"^ *([A-Za-z][0-9]{2}(\.?[0-9A-Za-z]{1,2})?|[1-9][0-9]{5,17}) *$"
CodeParam = Query(
    ..., max_length=30, pattern=CODE_PATTERN, examples=["C79.5"],
    description="The code: ICD-10 as C79.5 or c795; SNOMED CT as a concept id, as 254837009. An ICD-10 code also "
    "finds what is coded with the codes above it (C79.51 finds C79.5 and C79).",
)  # fmt: skip
LookupTypeParam = Query(None, description="Only booklets, sections or questions.")


@api.get(
    "/lookup/", response={200: schemas.LookupList, **ITEM_ERRORS}, tags=["Lookup by clinical code"],
    summary="Lookup by clinical code", operation_id="lookup",
)  # fmt: skip
def lookup_by_code(
    request,
    system: CodeSystem = SystemParam,
    code: str = CodeParam,
    type: LookupType | None = LookupTypeParam,  # noqa: A002 (the API's name)
    page: int = Page,
    page_size: int = PageSize,
    fields: str | None = FieldsOf(schemas.LookupItem),
):  # fmt: skip
    """The booklets, sections and questions about the condition a code names, best first, like MedlinePlus Connect:
    the closer code first, a booklet's own code before its cancer type's, then sections, then questions. Each item
    says which stored code it was found by. 400 if the code has neither shape; 404 if it is not a code of that system
    (a wrong check digit, an ICD-10 code given as SNOMED CT) or if nothing is about it, with a message saying which."""
    _check_fields(fields, schemas.LookupItem)
    try:
        codes.normalise(system, code)
    except codes.CodeError as error:
        raise HttpError(404, str(error)) from error
    listing = resources.Listing(request, page, page_size, fields)

    def build():
        try:
            found = code_lookup.find(system, code, type)
        except code_lookup.NothingFound as error:
            raise HttpError(404, str(error)) from error
        hits, meta = listing.window(lambda: code_lookup.Ranked(found["hits"]))
        items = code_lookup.rows(hits, found["lookup"]["code"], request, listing.base)
        return {
            "meta": meta, "lookup": found["lookup"], "conditions": found["conditions"],
            "items": [resources.select(item, fields) for item in items],
        }  # fmt: skip

    return conditional.respond(request, build)


# The address as the issue writes it, without the final slash (not in the description: the same operation).
api.get("/lookup", response={200: schemas.LookupList, **ITEM_ERRORS}, include_in_schema=False)(lookup_by_code)


def docs(request):
    """/api/: how to use the API, every endpoint (read from the OpenAPI description) and the terms of reuse."""
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    endpoints = [
        {"path": path, "summary": operation.get("summary", ""), "description": operation.get("description", "")}
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if method == "get"
    ]
    base = conditional.base_url(request)
    return TemplateResponse(
        request,
        "api/docs.html",
        {
            "endpoints": endpoints,
            "terms": terms_of_reuse(base),
            "base": base,
            "openapi_url": "/api/v1/openapi.json",
            "lookup_max": code_lookup.MAX_RESULTS,
            "access": access.docs_context(),
        },  # fmt: skip
    )
