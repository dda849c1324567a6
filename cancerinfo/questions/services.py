"""CancerQs logic as plain functions: listings and paging, related questions and booklet sections, structured data.

Every function here runs a fixed number of queries, whatever the number of questions.
"""

import json
import re
from dataclasses import dataclass
from functools import reduce
from html import unescape
from operator import or_

from django.core.paginator import Paginator
from django.db.models import Count, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Length, Substr
from wagtail.models import Page

from cancerinfo.taxonomy.models import CancerType, Topic
from cancerinfo.versions.models import Audience

from .models import QuestionBookletSection, QuestionPage

QUESTIONS_VERSION = "questions"  # moves when any question is published, unpublished, moved or deleted
PAGE_SIZE = 25
RELATED_LIMIT = 5
BOOKLET_LINK_LIMIT = 6


def questions_under(index_page):
    return QuestionPage.objects.child_of(index_page).live().public().order_by("title")


def paginate(queryset, page_number, per_page: int = PAGE_SIZE) -> dict:
    """One page of results. Any page number a stranger sends gives a page: not a number -> 1, too big -> the last."""
    paginator = Paginator(queryset.only("id", "title", "url_path", "short_answer"), per_page)
    page_obj = paginator.get_page(page_number)
    return {"page_obj": page_obj, "questions": list(page_obj.object_list), "paginator": paginator}


def _live_question_filter(index_page, prefix: str = "questions__") -> Q:
    return Q(
        **{f"{prefix}live": True, f"{prefix}path__startswith": index_page.path, f"{prefix}depth": index_page.depth + 1}
    )


def topics_with_counts(index_page) -> list:
    # Explicit order: with an aggregate the database returns rows in whatever order they happen to be stored.
    topics = Topic.objects.annotate(
        question_count=Count("questions", filter=_live_question_filter(index_page))
    ).order_by("sort_order", "name")
    return [topic for topic in topics if topic.question_count]


def cancer_types_with_counts(index_page) -> list:
    cancer_types = (
        CancerType.objects.annotate(question_count=Count("questions", filter=_live_question_filter(index_page)))
        .filter(question_count__gt=0)
        .order_by("name")
    )
    return list(cancer_types)


# ---------------------------------------------------------------------------------------------------------------
# Related questions for a booklet section


def _scored_questions(cancer_type_ids, treatment_ids, topic_ids, exclude_pk=None):
    """Live questions sharing any of the terms, with score = shared cancer types + treatments + topics."""
    matches = Q(pk__in=[])
    subject_score = Value(0)
    if cancer_type_ids:
        matches |= Q(cancer_types__in=cancer_type_ids)
    if treatment_ids:
        matches |= Q(treatments__in=treatment_ids)
    if topic_ids:
        matches |= Q(topics__in=topic_ids)
    questions = QuestionPage.objects.live().public().filter(matches, audience=Audience.PATIENTS)
    if exclude_pk is not None:
        questions = questions.exclude(pk=exclude_pk)
    questions = questions.annotate(
        shared_cancer_types=Count("cancer_types", filter=Q(cancer_types__in=cancer_type_ids or []), distinct=True),
        shared_treatments=Count("treatments", filter=Q(treatments__in=treatment_ids or []), distinct=True),
        shared_topics=Count("topics", filter=Q(topics__in=topic_ids or []), distinct=True),
    )
    subject_score = Coalesce(F("shared_cancer_types"), 0) + Coalesce(F("shared_treatments"), 0)
    return questions.annotate(subject_score=subject_score, score=subject_score + F("shared_topics")).filter(score__gt=0)


def related_questions_for_section(section, booklet=None, cancer_types=None, limit: int = RELATED_LIMIT) -> list:
    """Questions for a booklet section's "Related questions" box, best matches first.

    A question scores one point for each cancer type or treatment it shares with the section's booklet and one for
    each topic it shares with the section. Ties go to questions about the booklet's subject, then by title.
    Four queries at most, whatever the number of questions.
    """
    if booklet is None:
        booklet = section.get_parent().specific
    if cancer_types is None:
        cancer_types = booklet.cancer_types.all() if hasattr(booklet, "cancer_types") else []
    cancer_type_ids = [term.pk for term in cancer_types]
    treatment_ids = [term.pk for term in booklet.treatments.all()] if hasattr(booklet, "treatments") else []
    topic_ids = [topic.pk for topic in section.topics.all()] if hasattr(section, "topics") else []
    if not (cancer_type_ids or treatment_ids or topic_ids):
        return []
    questions = _scored_questions(cancer_type_ids, treatment_ids, topic_ids)
    return list(
        questions.only("id", "title", "url_path", "short_answer").order_by("-score", "-subject_score", "title")[:limit]
    )


# ---------------------------------------------------------------------------------------------------------------
# The question page


@dataclass(frozen=True)
class BookletLink:
    title: str
    url: str
    booklet_title: str = ""


def _with_parent_title(pages):
    """Each page with its parent's title (a section's booklet) read in the same query."""
    parent = Page.objects.filter(path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen))
    return pages.annotate(parent_title=Subquery(parent.values("title")[:1]))


# What a link needs: its title and address (url_path, path and depth for get_url), and its type. Not the bodies:
# reading a section's StreamField and grouping by it was most of the question page's time.
LINK_FIELDS = ("id", "title", "url_path", "path", "depth", "content_type_id", "live")


def booklet_links(question, cancer_type_ids, treatment_ids, topic_ids, request=None) -> list[BookletLink]:
    """ "More about this in our booklets": the editor's choices, then sections of booklets on the same cancer type
    or treatment that share a topic (or those booklets themselves). Four queries at most."""
    from cancerinfo.booklets.interface import BookletPage, BookletSectionPage

    if getattr(request, "is_preview", False):  # the draft's own choices, as the editor arranged them
        order = [link.section_id for link in question.booklet_sections.all()]
        chosen_pages = Page.objects.filter(pk__in=order)
    else:  # the published choices, in the editor's order, read with the pages themselves
        links = QuestionBookletSection.objects.filter(question_id=question.pk, section_id=OuterRef("pk"))
        chosen_pages = Page.objects.filter(pk__in=links.values("section_id")).annotate(
            choice_order=Subquery(links.values("sort_order")[:1])
        )
        order = []
    chosen = list(_with_parent_title(chosen_pages.live().public().only(*LINK_FIELDS)))
    chosen.sort(key=lambda page: order.index(page.pk) if order else (page.choice_order or 0))

    automatic: list[Page] = []
    if cancer_type_ids or treatment_ids:
        booklets = list(
            BookletPage.objects.live()
            .public()
            .filter(Q(cancer_types__in=cancer_type_ids) | Q(treatments__in=treatment_ids))
            .distinct()
            .only(*LINK_FIELDS)
            .order_by("title")[:20]
        )
        if booklets and topic_ids:
            in_booklets = reduce(or_, [Q(path__startswith=booklet.path) for booklet in booklets])
            automatic = list(
                _with_parent_title(BookletSectionPage.objects.live())
                .public()
                .filter(in_booklets, topics__in=topic_ids)
                .annotate(shared=Count("topics", distinct=True))
                .only(*LINK_FIELDS)
                .order_by("-shared", "path")[:BOOKLET_LINK_LIMIT]
            )
        if not automatic:
            automatic = booklets[:BOOKLET_LINK_LIMIT]

    seen: set[int] = set()
    pages = []
    for page in [*chosen, *automatic]:
        if page.pk not in seen:
            seen.add(page.pk)
            pages.append(page)
    pages = pages[:BOOKLET_LINK_LIMIT]
    return [
        BookletLink(
            page.title,
            page.get_url(request=request),
            page.parent_title if page.specific_class is BookletSectionPage else "",
        )
        for page in pages
    ]


def other_questions(question, cancer_type_ids, topic_ids, limit: int = RELATED_LIMIT) -> list:
    """ "Other questions on this topic": same topic, those about the same cancer type first. One query."""
    if not topic_ids:
        return []
    return list(
        QuestionPage.objects.live()
        .public()
        .filter(topics__in=topic_ids, audience=Audience.PATIENTS)
        .exclude(pk=question.pk)
        .annotate(
            shared_cancer_types=Count("cancer_types", filter=Q(cancer_types__in=cancer_type_ids), distinct=True),
            shared_topics=Count("topics", distinct=True),
        )
        .only("id", "title", "url_path", "short_answer")
        .order_by("-shared_cancer_types", "-shared_topics", "title")[:limit]
    )


def original_question(question, request=None):
    """The question whose subject a page shares: its parent for a version (professionals, easy read), else itself."""
    if question.audience == Audience.PATIENTS:
        return question
    found = getattr(request, "page_ancestors", None)  # the routing read them (core/routing.py)
    parent_id = found[-1].pk if found else question.get_parent().pk
    return QuestionPage.objects.get(pk=parent_id)


def question_page_context(question, request) -> dict:
    """A version reads its cancer types, topics, booklet links and other questions from the original."""
    from cancerinfo.delivery.page_cache import depends_on

    depends_on(request, QUESTIONS_VERSION, "booklets")  # other questions, sections of booklets on the subject
    subject = original_question(question, request)
    if not getattr(request, "is_preview", False):  # a preview shows the draft's own terms
        from cancerinfo.taxonomy.models import attach_terms

        attach_terms((subject, "cancer_types"), (subject, "treatments"), (subject, "topics"))
    cancer_types = list(subject.cancer_types.all())
    treatments = list(subject.treatments.all())
    topics = list(subject.topics.all())
    cancer_type_ids = [term.pk for term in cancer_types]
    topic_ids = [topic.pk for topic in topics]
    found = getattr(request, "page_ancestors", None) or []
    parent_path = subject.path[: -Page.steplen]
    index_page = next((page for page in found if page.path == parent_path), None) or subject.get_parent()
    index_url = index_page.get_url(request=request) or ""
    return {
        "question_index": index_page,
        "cancer_types": [(term, f"{index_url}cancer-type/{term.slug}/") for term in cancer_types],
        "treatments": treatments,
        "topics": [(topic, f"{index_url}topic/{topic.slug}/") for topic in topics],
        "booklet_links": booklet_links(subject, cancer_type_ids, [t.pk for t in treatments], topic_ids, request),
        "other_questions": other_questions(subject, cancer_type_ids, topic_ids),
        "for_professionals": question.audience == Audience.PROFESSIONALS,
        "contact_links": _contact_links(),
    }


def _contact_links():
    """Ask a nurse online and the other ways to reach the nurses, where the site takes enquiries."""
    from django.apps import apps

    if not apps.is_installed("cancerinfo.enquiries"):
        return None
    from cancerinfo.enquiries.interface import contact_links

    return contact_links()


# ---------------------------------------------------------------------------------------------------------------
# The versions for health professionals


def professional_questions():
    """Every live public question written for health professionals, by title: one query."""
    return (
        QuestionPage.objects.live()
        .public()
        .filter(audience=Audience.PROFESSIONALS)
        .only("id", "title", "url_path", "short_answer")
        .order_by("title")
    )


# ---------------------------------------------------------------------------------------------------------------
# Structured data

TAG = re.compile(r"<[^>]*>")
JSON_LD_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def citations(question, booklets: list[BookletLink], request=None) -> list[dict]:
    items = []
    for block in question.references:
        value = block.value
        item = {"@type": "CreativeWork", "name": value.get("title")}
        if value.get("url"):
            item["url"] = value["url"]
        if value.get("source"):
            item["publisher"] = value["source"]
        if value.get("year"):
            item["datePublished"] = str(value["year"])
        items.append(item)
    if question.source_url or question.source_name:
        name = question.source_name or question.source_url
        item = {"@type": "CreativeWork", "name": name[:1].upper() + name[1:]}
        if question.source_url:
            item["url"] = question.source_url
        if question.source_licence_url or question.source_licence:
            item["license"] = question.source_licence_url or question.source_licence
        items.append(item)
    for link in booklets:
        url = request.build_absolute_uri(link.url) if request is not None else link.url
        name = f"{link.booklet_title}: {link.title}" if link.booklet_title else link.title
        items.append({"@type": "CreativeWork", "name": name, "url": url})
    return items


def html_to_text(markup: str) -> str:
    """Plain text of rendered HTML, with a space wherever an element starts or ends."""
    return " ".join(unescape(TAG.sub(" ", str(markup))).split())


def question_json_ld(question, detail_html: str, booklets: list[BookletLink], request=None) -> dict:
    """schema.org FAQPage with one Question and its accepted Answer, review date and citations."""
    url = question.get_full_url(request=request)
    answer_text = " ".join(part for part in [question.short_answer, html_to_text(detail_html)] if part)
    cited = citations(question, booklets, request)
    data = {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "name": question.title,
        "url": url,
        "inLanguage": "en-GB",
        "mainEntity": [
            {
                "@type": "Question",
                "name": question.title,
                "text": question.title,
                "answerCount": 1,
                "acceptedAnswer": {"@type": "Answer", "text": answer_text, "url": url},
            }
        ],
    }
    if question.last_reviewed:
        data["lastReviewed"] = question.last_reviewed.isoformat()
        data["mainEntity"][0]["acceptedAnswer"]["dateModified"] = question.last_reviewed.isoformat()
    if cited:
        data["citation"] = cited
        data["mainEntity"][0]["acceptedAnswer"]["citation"] = cited
    return data


def json_ld_script(data: dict) -> str:
    """JSON for a <script type="application/ld+json"> element, safe against </script> in the text."""
    return json.dumps(data, ensure_ascii=False).translate(JSON_LD_ESCAPES)
