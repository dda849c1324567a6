"""Load the demo questions (content files in demo/, our own writing, docs/demo-content.md) under the questions area.
Safe to run again."""

from pathlib import Path

from django.utils.text import slugify
from wagtail.models import Page

from cancerinfo.core.content_files import body_blocks, read_content_file
from cancerinfo.core.demo import DEMO_REVIEW_DATE, ensure_child
from cancerinfo.taxonomy.models import CancerType, Topic, Treatment
from cancerinfo.versions.models import Audience

from .models import PROFESSIONAL_SLUG, QuestionBookletSection, QuestionIndexPage, QuestionPage

DEMO_FOLDER = Path(__file__).resolve().parent / "demo"
PROFESSIONALS_SUFFIX = ".professionals.md"


def read_questions(folder: Path = DEMO_FOLDER) -> list[dict]:
    """One Markdown file per question (front matter: the fields; body: the detail), in file-name order. A question's
    version for health professionals, when it has one, is beside it in NN-slug.professionals.md (front matter:
    answer, references; body: the detail)."""
    questions = []
    for path in sorted(folder.glob("[0-9]*.md")):
        if path.name.endswith(PROFESSIONALS_SUFFIX):
            continue
        file = read_content_file(path)
        data = {**file.meta, "detail": body_blocks(file)}
        professionals = path.with_name(path.name.removesuffix(".md") + PROFESSIONALS_SUFFIX)
        if professionals.exists():
            version = read_content_file(professionals)
            data["professional_answer"] = version.meta.get("answer", "")
            data["professional_detail"] = body_blocks(version)
            if "references" in version.meta:
                data["professional_references"] = version.meta["references"]
        questions.append(data)
    return questions


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


def _professional_version(question, data) -> None:
    """The question's version for health professionals: a question page under it (linked by the versions app)."""
    answer = data.get("professional_answer", "")
    version = ensure_child(
        question, QuestionPage, PROFESSIONAL_SLUG, question.title, short_answer=answer, audience=Audience.PROFESSIONALS
    )
    version.title = question.title
    version.audience = Audience.PROFESSIONALS
    version.short_answer = answer
    version.detail = data.get("professional_detail", [])
    version.references = data.get("professional_references", [])
    version.search_description = answer[:250]
    version.last_reviewed = DEMO_REVIEW_DATE
    version.next_review_due = None
    version.save_revision().publish()


def load(areas, stdout) -> None:
    index = areas.get("questions")
    if not isinstance(index, QuestionIndexPage):
        stdout.write("Questions: skipped, the questions area is not a questions index page.")
        return
    sections = _booklet_sections()
    missing: list[str] = []
    questions = read_questions()
    for data in questions:
        slug = data.get("slug") or slugify(data["title"])
        page = ensure_child(index, QuestionPage, slug, data["title"], short_answer=data["short_answer"])
        page.title = data["title"]
        page.short_answer = data["short_answer"]
        page.detail = data["detail"]
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
        if data.get("professional_answer") or data.get("professional_detail"):
            _professional_version(page, data)
    stdout.write(f"Questions: {len(questions)} sample questions and answers.")
    if missing:
        stdout.write(
            f"Questions: skipped links to booklet sections that do not exist: {', '.join(sorted(set(missing)))}"
        )
