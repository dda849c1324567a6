"""Load the demo booklets from their content files (demo/, our own writing, docs/demo-content.md). Safe to run
again: it updates in place."""

import datetime
from pathlib import Path

from django.utils.text import slugify

from cancerinfo.core.content_files import (
    attach_pictures,
    body_blocks,
    content_files,
    link_pages,
    read_yaml,
    site_page_id,
)
from cancerinfo.core.demo import ensure_child
from cancerinfo.core.demo_pictures import demo_picture
from cancerinfo.taxonomy.models import CancerType, CancerTypeCode, Topic, Treatment
from cancerinfo.versions.models import ContentVersion

from .models import BookletCode, BookletPage, BookletSectionPage

DEMO_FOLDER = Path(__file__).resolve().parent / "demo"


def load_taxonomy(folder: Path = DEMO_FOLDER) -> None:
    vocabulary = read_yaml(folder / "taxonomy.yaml")
    for model, entries in ((CancerType, vocabulary["cancer_types"]), (Treatment, vocabulary["treatments"])):
        for entry in entries:
            term, _created = model.objects.update_or_create(
                slug=slugify(entry["name"]),
                defaults={
                    "name": entry["name"],
                    "summary": entry.get("summary", ""),
                    "other_names": entry.get("other_names", ""),
                },
            )
            if model is CancerType:
                term.clinical_codes.set(clinical_codes(CancerTypeCode, entry))
                term.save()


def clinical_codes(model, entry: dict) -> list:
    """codes: {icd10: [C79.5], snomed: [94222008]} in a content file, as unsaved code rows (normalised on save)."""
    return [
        model(system=system, code=str(code)) for system, values in (entry.get("codes") or {}).items() for code in values
    ]


def booklet_folders(folder: Path = DEMO_FOLDER) -> list[Path]:
    """Each booklet is a folder holding booklet.yaml and one Markdown file per section."""
    return sorted(path.parent for path in folder.glob("*/booklet.yaml"))


def load(areas, stdout, folder: Path = DEMO_FOLDER) -> None:
    load_taxonomy(folder)
    created = []
    # First pass: every booklet and section exists, so links can point anywhere.
    for booklet_folder in booklet_folders(folder):
        data = read_yaml(booklet_folder / "booklet.yaml")
        booklet = ensure_child(
            areas[data["area"]],
            BookletPage,
            data["slug"],
            data["title"],
            series=data.get("series", "Understanding"),
            audience=data.get("audience", BookletPage.AUDIENCE_PATIENTS),
        )
        sections = []
        for file in content_files(booklet_folder):
            slug = file.meta.get("slug") or slugify(file.meta["title"])
            sections.append((ensure_child(booklet, BookletSectionPage, slug, file.meta["title"]), file))
        # A section whose file has gone goes too (the References sections did: they repeated the booklet's own
        # references, which every view lists after the sections), so the booklet matches its files again.
        for stale in booklet.get_children().exclude(pk__in=[page.pk for page, _file in sections]):
            stale.delete()
        created.append((booklet, data, sections))

    # Second pass: bodies, with links resolved, published as one revision each.
    for booklet, data, sections in created:
        booklet.summary = data.get("summary", "")
        booklet.series = data.get("series", "Understanding")
        booklet.introduction = []
        booklet.references = [("reference", ref) for ref in data.get("references", [])]
        booklet.last_reviewed = datetime.date.fromisoformat(str(data.get("last_reviewed", "2026-03-03")))
        booklet.edition = data.get("edition", "")
        edition_date = data.get("edition_date")
        booklet.edition_date = datetime.date.fromisoformat(str(edition_date)) if edition_date else None
        booklet.next_review_due = None
        booklet.search_description = data.get("summary", "")[:250]
        booklet.cancer_types.set(CancerType.objects.filter(name__in=data.get("cancer_types", [])))
        booklet.treatments.set(Treatment.objects.filter(name__in=data.get("treatments", [])))
        booklet.clinical_codes.set(clinical_codes(BookletCode, data))
        booklet.save_revision().publish()
        for page, file in sections:
            page.body = attach_pictures(link_pages(body_blocks(file), site_page_id, file.path), demo_picture)
            page.search_description = file.meta.get("summary", "")[:250]
            page.topics.set(Topic.objects.filter(slug__in=file.meta.get("topics", [])))
            page.save_revision().publish()
    # A booklet written for another audience (easy read) names the booklet it is a version of, by slug.
    by_slug = {booklet.slug: booklet for booklet, _data, _sections in created}
    for booklet, data, _sections in created:
        if data.get("version_of"):
            ContentVersion.objects.update_or_create(
                original=by_slug[data["version_of"]],
                audience=booklet.audience,
                language="",
                defaults={"version": booklet},
            )
    stdout.write(f"Booklets: {len(created)} with {sum(len(s) for _, _, s in created)} sections.")
