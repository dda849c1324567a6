"""The shapes of the API's answers, for the OpenAPI description. Every field of an item may be left out (?fields=
chooses them), so none is required; a field that is sent has the type given here."""

import datetime

from ninja import Schema
from pydantic import ConfigDict, create_model


class Item(Schema):
    # Items may grow fields: clients ignore those they do not know.
    model_config = ConfigDict(extra="allow")


class Licence(Schema):
    name: str
    url: str


class Terms(Schema):
    licence: Licence
    attribution: str
    terms_url: str
    summary: str


class Meta(Schema):
    count: int
    page: int
    page_size: int
    pages: int
    next: str | None
    previous: str | None


class ErrorBody(Schema):
    status: int
    message: str
    details: list[dict]


class Error(Schema):
    error: ErrorBody
    terms: Terms


class TermRef(Schema):
    slug: str
    name: str


class PageRef(Schema):
    id: int
    type: str
    title: str
    url: str
    api_url: str


class Reference(Schema):
    title: str
    source: str
    year: int | None
    url: str


class Reviewer(Schema):
    name: str
    role: str
    date: datetime.date


class Block(Schema):
    type: str
    id: str
    html: str
    text: str


class PageItem(Item):
    id: int = None
    type: str = None
    title: str = None
    url: str = None
    api_url: str = None
    audience: str = None
    cancer_types: list[TermRef] = None
    treatments: list[TermRef] = None
    last_reviewed: datetime.date | None = None
    next_review_due: datetime.date | None = None
    first_published_at: datetime.datetime | None = None
    last_published_at: datetime.datetime | None = None
    licence: Licence = None
    attribution: str = None


class Booklet(PageItem):
    series: str = None
    summary: str = None


class BookletDetail(Booklet):
    introduction_html: str = None
    introduction_blocks: list[Block] = None
    references: list[Reference] = None
    reviewers: list[Reviewer] = None
    sections: list[PageRef] = None


class Section(PageItem):
    booklet: PageRef = None
    topics: list[TermRef] = None


class SectionDetail(Section):
    body_html: str = None
    body_blocks: list[Block] = None
    references: list[Reference] = None
    reviewers: list[Reviewer] = None


class Question(PageItem):
    short_answer: str = None
    original_id: int | None = None
    topics: list[TermRef] = None


class QuestionSource(Schema):
    name: str
    url: str
    licence: str
    licence_url: str


class QuestionDetail(Question):
    detail_html: str = None
    detail_blocks: list[Block] = None
    references: list[Reference] = None
    reviewers: list[Reviewer] = None
    source: QuestionSource = None


class GlossaryTerm(Item):
    slug: str = None
    term: str = None
    url: str = None
    api_url: str = None
    definition: str = None
    pronunciation: str = None
    other_names: list[str] = None
    letter: str = None
    updated_at: datetime.datetime = None
    licence: Licence = None
    attribution: str = None


class GlossaryTermDetail(GlossaryTerm):
    explanation_html: str = None


class TaxonomyTerm(Item):
    slug: str = None
    name: str = None
    summary: str = None
    other_names: list[str] = None
    api_url: str = None
    booklets_api_url: str = None
    sections_api_url: str = None
    questions_api_url: str = None


class TrialSite(Schema):
    name: str
    city: str
    postcode: str
    country: str
    recruiting_status: str


class Trial(Item):
    registry_id: str = None
    registry: str = None
    registry_url: str = None
    title: str = None
    official_title: str = None
    summary: str = None
    summary_from_registry: bool = None
    phase: str = None
    status: str = None
    age_range: str = None
    sex: str = None
    conditions: list[str] = None
    interventions: list[str] = None
    cancer_types: list[TermRef] = None
    sponsor: str = None
    last_updated: datetime.date | None = None
    is_demonstration: bool = None
    url: str = None
    api_url: str = None
    licence: Licence = None
    attribution: str = None


class TrialDetail(Trial):
    what_it_involves: str = None
    key_eligibility: list[str] = None
    who_can_refer: str = None
    how_to_take_part: str = None
    sites: list[TrialSite] = None


class Organisation(Item):
    slug: str = None
    name: str = None
    summary: str = None
    phone: str = None
    phone_note: str = None
    website: str = None
    region: str = None
    cancer_types: list[TermRef] = None
    topics: list[TermRef] = None
    is_demonstration: bool = None
    api_url: str = None
    licence: Licence = None
    attribution: str = None


class LookupMatch(Schema):
    code: str
    exact: bool
    via: str
    cancer_type: TermRef | None


class LookupItem(Item):
    id: int = None
    type: str = None
    title: str = None
    url: str = None
    api_url: str = None
    summary: str = None
    audience: str = None
    last_reviewed: datetime.date | None = None
    booklet: PageRef | None = None
    match: LookupMatch = None
    licence: Licence = None
    attribution: str = None


class ClinicalCode(Schema):
    system: str
    coding_system: str
    code: str


class LookupCondition(Schema):
    slug: str
    name: str
    matched_code: str
    codes: list[ClinicalCode]


class LookupQuery(Schema):
    system: str
    coding_system: str
    code: str
    searched: list[str]
    hierarchy: bool
    found: int
    capped: bool


class LookupList(Schema):
    meta: Meta
    lookup: LookupQuery
    conditions: list[LookupCondition]
    items: list[LookupItem]
    terms: Terms


def listing(item_schema: type, name: str) -> type:
    """{"meta": paging, "items": [...], "terms": terms of reuse}."""
    return create_model(name, __base__=Schema, meta=(Meta, ...), items=(list[item_schema], ...), terms=(Terms, ...))


def single(item_schema: type, name: str) -> type:
    """{"item": {...}, "terms": terms of reuse}."""
    return create_model(name, __base__=Schema, item=(item_schema, ...), terms=(Terms, ...))
