"""Import MedQuAD-format XML (cancer.gov questions and answers) as question pages.

Each file is read and checked in full before anything is written; a malformed file is reported and skipped. Each file
is written in one transaction. Pages are keyed on the source qid, so a re-run updates changed answers in place and
creates nothing twice. Search indexing is done once, in bulk, at the end; each created or changed page gets one
revision, written in bulk too.
"""

import datetime
import hashlib
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.models import Page, ReferenceIndex, Revision
from wagtail.signal_handlers import disable_reference_index_auto_update

from cancerinfo.taxonomy.models import CancerType, Topic

from .answers import parse_answer
from .mapping import cancer_type_name, clean_question, topic_slug_for
from .models import QuestionIndexPage, QuestionPage

# Bump when the conversion of answers changes, so a re-import rewrites every page.
CONVERTER_VERSION = "2"
SOURCE_NAME = "the National Cancer Institute (cancer.gov), via the MedQuAD collection"
SOURCE_LICENCE = "CC BY 4.0"
SOURCE_LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
SLUG_MAX_LENGTH = 80
KEY_POINT_MAX_LENGTH = 300  # KeyPointsBlock's limit


class MalformedFile(Exception):
    """A file that cannot be imported; the message says why."""


def source_qid(file_stem: str, qid: str) -> str:
    """MedQuAD reuses qids in split files (0000013_2_1.xml holds 0000013_2-1 again, with the same document id):
    make them unique by writing them with the split file's name, in the same scheme (0000013_2_1-1)."""
    prefix, _, number = qid.rpartition("-")
    if prefix and number and file_stem.startswith(f"{prefix}_"):
        return f"{file_stem}-{number}"
    return qid


@dataclass(frozen=True)
class SourceQuestion:
    qid: str
    qtype: str
    question: str
    answer: str
    focus: str
    url: str

    @property
    def fingerprint(self) -> str:
        parts = [CONVERTER_VERSION, self.qid, self.qtype, self.question, self.answer, self.focus, self.url]
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


@dataclass
class ImportReport:
    files: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    cancer_types_created: int = 0
    skipped_files: list[tuple[str, str]] = field(default_factory=list)
    unknown_qtypes: set[str] = field(default_factory=set)

    @property
    def questions(self) -> int:
        return self.created + self.updated + self.unchanged

    def summary(self) -> str:
        lines = [
            f"Files read: {self.files}, skipped: {len(self.skipped_files)}.",
            f"Questions: {self.created} created, {self.updated} updated, {self.unchanged} unchanged.",
            f"Cancer types created: {self.cancer_types_created}.",
        ]
        if self.unknown_qtypes:
            lines.append(f"Question types with no matching topic: {', '.join(sorted(self.unknown_qtypes))}.")
        return "\n".join(lines)


def _text(element) -> str:
    return "".join(element.itertext()).strip() if element is not None else ""


def parse_file(path: Path) -> list[SourceQuestion]:
    """Every question in one MedQuAD file, or MalformedFile saying what is wrong. Nothing is written."""
    try:
        root = ET.parse(path).getroot()  # noqa: S314 - local, trusted data files; no entity expansion in stdlib ET
    except ET.ParseError as exc:
        raise MalformedFile(f"not well-formed XML ({exc})") from exc
    except OSError as exc:
        raise MalformedFile(f"cannot be read ({exc.strerror or exc})") from exc
    if root.tag != "Document":
        raise MalformedFile(f"expected a <Document> root element, found <{root.tag}>")
    focus = _text(root.find("Focus"))
    if not focus:
        raise MalformedFile("the document has no <Focus> (the cancer type)")
    url = (root.get("url") or "").strip()
    if url and not url.startswith(("https://", "http://")):
        raise MalformedFile(f"the document url {url!r} is not a web address")
    pairs = root.findall("./QAPairs/QAPair")
    if not pairs:
        raise MalformedFile("no <QAPairs>/<QAPair> elements")
    questions: list[SourceQuestion] = []
    seen: set[str] = set()
    for number, pair in enumerate(pairs, start=1):
        question = pair.find("Question")
        where = f"question {number}"
        if question is None:
            raise MalformedFile(f"{where} has no <Question>")
        qid = (question.get("qid") or "").strip()
        if not qid:
            raise MalformedFile(f"{where} has no qid")
        qid = source_qid(path.stem, qid)
        if len(qid) > 40:
            raise MalformedFile(f"{where}: qid {qid[:50]!r} is longer than 40 characters")
        if qid in seen:
            raise MalformedFile(f"qid {qid} appears twice")
        seen.add(qid)
        text = _text(question)
        if not text:
            raise MalformedFile(f"question {qid} has no text")
        answer = _text(pair.find("Answer"))
        if not answer:
            raise MalformedFile(f"question {qid} has no answer")
        questions.append(SourceQuestion(qid, (question.get("qtype") or "").strip().lower(), text, answer, focus, url))
    return questions


def xml_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix.lower() == ".xml" and p.is_file())
    return [path]


class CancerTypes:
    """Find the cancer type for a MedQuAD Focus by UK name, slug or other name; create it if there is none."""

    def __init__(self, report: ImportReport):
        self.report = report
        self.by_key: dict[str, CancerType] = {}
        for cancer_type in CancerType.objects.all():
            self._remember(cancer_type)

    def _remember(self, cancer_type: CancerType) -> None:
        self.by_key.setdefault(cancer_type.name.lower(), cancer_type)
        self.by_key.setdefault(f"slug:{cancer_type.slug}", cancer_type)
        for other in cancer_type.other_names_list:
            self.by_key.setdefault(other.lower(), cancer_type)

    def get(self, focus: str) -> CancerType:
        name = cancer_type_name(focus)
        us_name = " ".join(focus.split())
        for key in (name.lower(), us_name.lower(), f"slug:{slugify(name)}"):
            if key in self.by_key:
                return self.by_key[key]
        other_names = us_name if us_name != name else ""
        slug = slugify(name)[:120]
        if CancerType.objects.filter(slug=slug).exists():
            slug = f"{slug[:110]}-{hashlib.sha1(name.encode()).hexdigest()[:6]}"  # noqa: S324 - not security
        cancer_type = CancerType.objects.create(name=name, slug=slug, other_names=other_names)
        self.report.cancer_types_created += 1
        self._remember(cancer_type)
        return cancer_type


class QuestionImporter:
    def __init__(self, index_page: QuestionIndexPage | None = None, reviewed_on: datetime.date | None = None):
        index_page = index_page or QuestionIndexPage.objects.first()
        if index_page is None:
            raise ValueError("There is no questions area (QuestionIndexPage). Run manage.py load_demo_content first.")
        self.index_page = index_page
        self.reviewed_on = reviewed_on or timezone.localdate()
        self.report = ImportReport()
        self.cancer_types = CancerTypes(self.report)
        self.topics = {topic.slug: topic for topic in Topic.objects.all()}
        self.existing = dict(
            QuestionPage.objects.filter(source_qid__isnull=False).values_list("source_qid", "source_hash")
        )
        self.slugs = set(Page.objects.child_of(index_page).values_list("slug", flat=True))
        self.changed_ids: list[int] = []

    # -- one file ------------------------------------------------------------------------------------------------

    def import_file(self, path: Path) -> None:
        self.report.files += 1
        try:
            questions = parse_file(path)
        except MalformedFile as exc:
            self.report.skipped_files.append((str(path), str(exc)))
            return
        slugs_before = set(self.slugs)
        changed_before = len(self.changed_ids)
        counts_before = (self.report.created, self.report.updated, self.report.unchanged)
        try:
            with transaction.atomic():
                for question in questions:
                    self._import_question(question)
        except Exception as exc:  # a database error part-way: nothing from this file stays
            self.slugs = slugs_before
            del self.changed_ids[changed_before:]
            self.report.created, self.report.updated, self.report.unchanged = counts_before
            self.report.skipped_files.append((str(path), f"could not be saved ({exc})"))
            self.existing = dict(
                QuestionPage.objects.filter(source_qid__isnull=False).values_list("source_qid", "source_hash")
            )
            self.cancer_types = CancerTypes(self.report)

    def _unique_slug(self, title: str, qid: str) -> str:
        base = slugify(title)[:SLUG_MAX_LENGTH].strip("-") or "question"
        slug = base if base not in self.slugs else f"{base[: SLUG_MAX_LENGTH - 12]}-{slugify(qid)}"
        while slug in self.slugs:
            slug = f"{slug}-x"
        return slug

    def _apply(self, page: QuestionPage, source: SourceQuestion) -> None:
        parsed = parse_answer(source.answer)
        detail = []
        if parsed.key_points and max(map(len, parsed.key_points)) <= KEY_POINT_MAX_LENGTH:
            detail.append(("key_points", {"heading": "Key points", "points": parsed.key_points}))
        elif parsed.key_points:  # too long for the editor's key-points block: keep them as a list in the text
            items = "".join(f"<li>{escape(point)}</li>" for point in parsed.key_points)
            detail.append(("paragraph", f"<h3>Key points</h3><ul>{items}</ul>"))
        if parsed.html:
            detail.append(("paragraph", parsed.html))
        page.title = clean_question(source.question, source.focus)[:255]
        page.short_answer = parsed.short_answer
        page.detail = detail
        page.source_qid = source.qid
        page.source_url = source.url
        page.source_name = SOURCE_NAME
        page.source_licence = SOURCE_LICENCE
        page.source_licence_url = SOURCE_LICENCE_URL
        page.source_hash = source.fingerprint
        page.last_reviewed = self.reviewed_on
        page.next_review_due = None
        page.search_description = parsed.short_answer[:250]
        page.cancer_types.set([self.cancer_types.get(source.focus)])
        topic_slug = topic_slug_for(source.qtype)
        if topic_slug is None:
            self.report.unknown_qtypes.add(source.qtype or "(none)")
        topic = self.topics.get(topic_slug) if topic_slug else None
        page.topics.set([topic] if topic else [])

    def _import_question(self, source: SourceQuestion) -> None:
        if source.qid in self.existing:
            if self.existing[source.qid] == source.fingerprint:
                self.report.unchanged += 1
                return
            page = QuestionPage.objects.get(source_qid=source.qid)
            self._apply(page, source)
            page.draft_title = page.title
            # Checked already: slugs stay, qids are looked up; full_clean would add a query per unique field.
            page.save(clean=False)
            self.report.updated += 1
        else:
            page = QuestionPage(live=True, has_unpublished_changes=False, locale_id=self.index_page.locale_id)
            self._apply(page, source)
            page.draft_title = page.title
            page.slug = self._unique_slug(page.title, source.qid)
            # The slug is unique among its siblings and the qid is new (both checked above), so skip full_clean.
            page.save = partial(page.save, clean=False)
            now = timezone.now()
            page.first_published_at = page.last_published_at = now
            self.index_page.add_child(instance=page)
            self.slugs.add(page.slug)
            self.report.created += 1
        self.existing[source.qid] = source.fingerprint
        self.changed_ids.append(page.pk)

    # -- the whole run -------------------------------------------------------------------------------------------

    def run(self, files: Iterable[Path], progress: Callable[[Path], None] | None = None) -> ImportReport:
        from modelsearch.signal_handlers import post_save_signal_handler

        # Index once at the end instead of once per save.
        post_save.disconnect(post_save_signal_handler, sender=QuestionPage)
        try:
            with disable_reference_index_auto_update():
                for path in files:
                    self.import_file(path)
                    if progress:
                        progress(path)
        finally:
            post_save.connect(post_save_signal_handler, sender=QuestionPage)
        self.finish()
        return self.report

    def finish(self) -> None:
        """One revision per created or changed page, and the search index, in bulk."""
        if not self.changed_ids:
            return
        from modelsearch.backends import get_search_backends

        now = timezone.now()
        pages = list(QuestionPage.objects.filter(pk__in=self.changed_ids).prefetch_related("cancer_types", "topics"))
        with transaction.atomic():
            revisions = Revision.objects.bulk_create(
                [
                    Revision(
                        content_object=page,
                        base_content_type=page.get_base_content_type(),
                        content=page.serializable_data(),
                        object_str=str(page)[:255],
                        created_at=now,
                    )
                    for page in pages
                ]
            )
            for page, revision in zip(pages, revisions, strict=True):
                page.latest_revision = revision
                page.live_revision = revision
            QuestionPage.objects.bulk_update(pages, ["latest_revision", "live_revision"], batch_size=500)
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(QuestionPage, pages)
        for page in pages:
            ReferenceIndex.create_or_update_for_object(page)
