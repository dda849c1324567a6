"""Load the demo questions (demo_content.py, our own writing) under the questions area. Safe to run again."""

from django.utils.text import slugify
from wagtail.models import Page

from cancerinfo.core.demo import DEMO_REVIEW_DATE, ensure_child
from cancerinfo.taxonomy.models import CancerType, Topic, Treatment

from .demo_content import QUESTIONS
from .models import QuestionBookletSection, QuestionIndexPage, QuestionPage


def _terms(model, names: list[str]) -> list:
    """Terms by name, created when missing (so the demo does not depend on another app's list)."""
    terms = []
    for name in names:
        term = model.objects.filter(name__iexact=name).first() or model.objects.filter(slug=slugify(name)).first()
        if term is None:
            term = model.objects.create(name=name, slug=slugify(name))
        terms.append(term)
    return terms


def _booklet_sections() -> dict[str, Page]:
    """Live booklet sections keyed "booklet-slug/section-slug", in two queries."""
    from cancerinfo.booklets.interface import BookletPage, BookletSectionPage

    booklets = {booklet.path: booklet.slug for booklet in BookletPage.objects.all().only("path", "slug")}
    sections = {}
    for section in BookletSectionPage.objects.all().only("path", "slug", "title"):
        booklet_slug = booklets.get(section.path[: -Page.steplen])
        if booklet_slug:
            sections[f"{booklet_slug}/{section.slug}"] = section
    return sections


def load(areas, stdout) -> None:
    index = areas.get("questions")
    if not isinstance(index, QuestionIndexPage):
        stdout.write("Questions: skipped, the questions area is not a questions index page.")
        return
    sections = _booklet_sections()
    missing: list[str] = []
    for data in QUESTIONS:
        slug = data.get("slug") or slugify(data["title"])
        page = ensure_child(index, QuestionPage, slug, data["title"], short_answer=data["short_answer"])
        page.title = data["title"]
        page.short_answer = data["short_answer"]
        page.detail = data["detail"]
        page.professional_answer = data.get("professional_answer", "")
        page.professional_detail = data.get("professional_detail", [])
        page.professional_references = data.get("professional_references", [])
        page.search_description = data["short_answer"][:250]
        page.last_reviewed = DEMO_REVIEW_DATE
        page.next_review_due = None
        page.cancer_types.set(_terms(CancerType, data.get("cancer_types", [])))
        page.treatments.set(_terms(Treatment, data.get("treatments", [])))
        page.topics.set(Topic.objects.filter(slug__in=data.get("topics", [])))
        links = []
        for target in data.get("sections", []):
            if target in sections:
                links.append(QuestionBookletSection(section=sections[target]))
            else:
                missing.append(target)
        page.booklet_sections = links
        page.save_revision().publish()
    stdout.write(f"Questions: {len(QUESTIONS)} sample questions and answers.")
    if missing:
        stdout.write(
            f"Questions: skipped links to booklet sections that do not exist: {', '.join(sorted(set(missing)))}"
        )
