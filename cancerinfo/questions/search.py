"""What CancerQs gives the site search: each question, and its version for health professionals as its own result."""

from cancerinfo.search.registry import Document, names, register_kind, register_source, stream_text
from cancerinfo.search.text import strip_html

from .models import QuestionPage

register_kind("question", "Questions and answers", prior=1.0, order=10)


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
            "professional_answer",
            "professional_detail",
            "last_reviewed",
            "source_qid",
            "search_words",
            "path",
            "depth",
        )
    )
    if pages is not None:
        questions = questions.filter(pk__in=pages)
    for page in questions:
        types_text, slugs = names(page.cancer_types.all())
        topics_text, _ = names(list(page.topics.all()) + list(page.treatments.all()))
        short = strip_html(page.short_answer or "")
        keywords = page.search_words
        yield Document(
            key=f"question:{page.pk}",
            kind="question",
            title=page.title,
            url=page.get_url() or page.url_path,
            body=f"{short} {stream_text(page.detail)}",
            summary=short,
            tags=f"{types_text} {topics_text}",
            keywords=keywords,
            review_date=page.last_reviewed,
            cancer_types=slugs,
            page_id=page.pk,
            source_qid=page.source_qid or "",
        )
        if page.has_professional_version:
            # Its own result, so a nurse searching in clinical words finds the version written for them.
            professional_short = strip_html(page.professional_answer or "")
            yield Document(
                key=f"question-professional:{page.pk}",
                kind="question",
                title=f"{page.title} (for health professionals)",
                url=page.professional_url() or f"{page.url_path}for-health-professionals/",
                body=f"{professional_short} {stream_text(page.professional_detail)}",
                summary=professional_short,
                tags=f"{types_text} {topics_text}",
                keywords=keywords,
                review_date=page.last_reviewed,
                cancer_types=slugs,
                page_id=page.pk,
            )
