"""What CancerQs gives the site search: each question, and its version for health professionals as its own result."""

from django.db.models import Q
from wagtail.models import Page

from cancerinfo.search.registry import Document, names, register_kind, register_source, stream_text
from cancerinfo.search.text import strip_html
from cancerinfo.versions.models import SWITCH_LABELS, Audience

from .models import QuestionPage

register_kind("question", "Questions and answers", prior=1.0, order=10, named_by_questions=True)


@register_source("questions", page_types=["questions.QuestionPage"], incremental=True)
def documents(pages=None):
    questions = (
        QuestionPage.objects.live()
        .public()
        .prefetch_related("cancer_types", "topics", "treatments")
        .only(
            "id",
            "title",
            "url_path",
            "short_answer",
            "detail",
            "audience",
            "last_reviewed",
            "source_qid",
            "search_words",
            "path",
            "depth",
        )
    )
    if pages is not None:  # the pages, and the versions of those among them that are originals (they share terms)
        questions = questions.filter(Q(pk__in=pages) | Q(version_of__original_id__in=pages))
    questions = list(questions)
    # A version (for health professionals) is found by the original's terms: read the originals missing here.
    by_path = {page.path: page for page in questions}
    missing = {page.path[: -Page.steplen] for page in questions if page.audience != Audience.PATIENTS} - set(by_path)
    if missing:
        originals = QuestionPage.objects.filter(path__in=missing).prefetch_related(
            "cancer_types", "topics", "treatments"
        )
        by_path.update({page.path: page for page in originals.only("id", "path", "depth", "url_path")})
    for page in questions:
        subject = page if page.audience == Audience.PATIENTS else by_path.get(page.path[: -Page.steplen], page)
        types_text, slugs = names(subject.cancer_types.all())
        topics_text, _ = names(list(subject.topics.all()) + list(subject.treatments.all()))
        short = strip_html(page.short_answer or "")
        # A version is its own result, so a nurse searching in clinical words finds the version written for them.
        suffix = "" if page.audience == Audience.PATIENTS else f" ({SWITCH_LABELS[page.audience].lower()})"
        yield Document(
            key=f"question:{page.pk}",
            kind="question",
            title=f"{page.title}{suffix}",
            url=page.get_url() or page.url_path,
            body=f"{short} {stream_text(page.detail)}",
            summary=short,
            tags=f"{types_text} {topics_text}",
            keywords=page.search_words,
            review_date=page.last_reviewed,
            cancer_types=slugs,
            page_id=page.pk,
            source_qid=page.source_qid or "",
        )
