"""Load the demo booklets from demo_content.py (our own writing). Safe to run again: it updates in place."""

import datetime
import re

from django.utils.text import slugify

from cancerinfo.core.demo import ensure_child
from cancerinfo.taxonomy.models import CancerType, Topic, Treatment

from .demo_content import BOOKLETS, CANCER_TYPES, TREATMENTS
from .models import BookletPage, BookletSectionPage

# In demo_content, cross-links are written <a data-link="booklet-slug/section-slug">text</a>.
DEMO_LINK = re.compile(r'<a data-link="([^"]+)">')


def _resolve_links(html: str, pages: dict[str, int]) -> str:
    def replace(match: re.Match) -> str:
        target = match.group(1)
        if target not in pages:
            raise KeyError(f"Demo content links to {target!r}, which does not exist")
        return f'<a linktype="page" id="{pages[target]}">'

    return DEMO_LINK.sub(replace, html)


def _stream(blocks: list, pages: dict[str, int]) -> list:
    resolved = []
    for kind, value in blocks:
        if kind == "paragraph":
            value = _resolve_links(value, pages)
        elif isinstance(value, dict) and "text" in value:
            value = {**value, "text": _resolve_links(value["text"], pages)}
        resolved.append((kind, value))
    return resolved


def load_taxonomy() -> None:
    for model, entries in ((CancerType, CANCER_TYPES), (Treatment, TREATMENTS)):
        for entry in entries:
            model.objects.update_or_create(
                slug=slugify(entry["name"]),
                defaults={
                    "name": entry["name"],
                    "summary": entry.get("summary", ""),
                    "other_names": entry.get("other_names", ""),
                },
            )


def load(areas, stdout) -> None:
    load_taxonomy()
    pages: dict[str, int] = {}
    created: list[tuple[BookletPage, dict, list]] = []
    # First pass: every booklet and section exists, so links can point anywhere.
    for data in BOOKLETS:
        booklet = ensure_child(
            areas[data["area"]],
            BookletPage,
            data["slug"],
            data["title"],
            series=data.get("series", "Understanding"),
            audience=data.get("audience", BookletPage.AUDIENCE_PATIENTS),
        )
        pages[data["slug"]] = booklet.pk
        sections = []
        for section in data["sections"]:
            slug = section.get("slug") or slugify(section["title"])
            page = ensure_child(booklet, BookletSectionPage, slug, section["title"])
            pages[f"{data['slug']}/{slug}"] = page.pk
            sections.append((page, section))
        created.append((booklet, data, sections))

    # Second pass: bodies, with links resolved, published as one revision each.
    for booklet, data, sections in created:
        booklet.summary = data.get("summary", "")
        booklet.series = data.get("series", "Understanding")
        booklet.introduction = _stream(data.get("introduction", []), pages)
        booklet.references = [("reference", ref) for ref in data.get("references", [])]
        booklet.last_reviewed = datetime.date.fromisoformat(data.get("last_reviewed", "2026-03-03"))
        booklet.next_review_due = None
        booklet.search_description = data.get("summary", "")[:250]
        booklet.cancer_types.set(CancerType.objects.filter(name__in=data.get("cancer_types", [])))
        booklet.treatments.set(Treatment.objects.filter(name__in=data.get("treatments", [])))
        booklet.save_revision().publish()
        for page, section in sections:
            page.body = _stream(section["body"], pages)
            page.search_description = section.get("summary", "")[:250]
            page.topics.set(Topic.objects.filter(slug__in=section.get("topics", [])))
            page.save_revision().publish()
    stdout.write(f"Booklets: {len(created)} with {sum(len(s) for _, _, s in created)} sections.")
