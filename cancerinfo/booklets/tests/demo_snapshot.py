"""The shape of the demo booklets as loaded: the page tree, each page's fields, and each block's type, headings and
links. Compared with a snapshot (fixtures/demo_booklets.json) made from the demo before it moved into content files.
Wording is left out on purpose, so an editor can improve a sentence without touching the snapshot."""

import re

from bs4 import BeautifulSoup
from wagtail.models import Page

from cancerinfo.booklets.models import BookletPage, BookletSectionPage
from cancerinfo.taxonomy.models import CancerType, Treatment

HEADING = re.compile("^h[1-6]$")


def _link_target(link) -> str:
    if link.get("linktype") == "page":
        return "page:" + Page.objects.get(pk=link["id"]).url_path
    return link.get("href", "")


def _rich_text_shape(html: str) -> dict:
    soup = BeautifulSoup(html, "html.parser")
    return {
        "tags": sorted({tag.name for tag in soup.find_all(True)}),
        "headings": [f"{h.name}: {h.get_text()}" for h in soup.find_all(HEADING)],
        "links": [_link_target(a) for a in soup.find_all("a")],
        # Today's demo wrapped each heading in a <p> of its own; that wrapper is not a paragraph.
        "paragraphs": len([p for p in soup.find_all("p") if not p.find(HEADING)]),
        "list_items": len(soup.find_all("li")),
    }


def _block_shape(block) -> dict:
    shape = {"type": block.block_type}
    value = block.value
    if block.block_type == "paragraph":
        shape.update(_rich_text_shape(value.source))
    elif block.block_type in ("callout", "warning"):
        shape["heading"] = value["heading"]
        shape.update(_rich_text_shape(value["text"].source))
    elif block.block_type == "key_points":
        shape["heading"] = value["heading"]
        shape["points"] = len(value["points"])
    elif block.block_type == "quote":
        shape["attribution"] = value["attribution"]
    return shape


def taxonomy_snapshot() -> dict:
    return {
        model.__name__: [
            {"name": term.name, "slug": term.slug, "summary": term.summary, "other_names": term.other_names}
            for term in model.objects.order_by("slug")
        ]
        for model in (CancerType, Treatment)
    }


def booklet_snapshot() -> list[dict]:
    pages = []
    for booklet in BookletPage.objects.filter(audience=BookletPage.AUDIENCE_PATIENTS).order_by("path"):
        pages.append(
            {
                "url": booklet.url_path,
                "type": "BookletPage",
                "title": booklet.title,
                "live": booklet.live,
                "series": booklet.series,
                "audience": booklet.audience,
                "summary": booklet.summary,
                "search_description": booklet.search_description,
                "last_reviewed": booklet.last_reviewed.isoformat() if booklet.last_reviewed else None,
                "next_review_due": booklet.next_review_due.isoformat() if booklet.next_review_due else None,
                "cancer_types": sorted(booklet.cancer_types.values_list("name", flat=True)),
                "treatments": sorted(booklet.treatments.values_list("name", flat=True)),
                "references": [dict(ref.value) for ref in booklet.references],
                "introduction": [_block_shape(block) for block in booklet.introduction],
            }
        )
        for section in BookletSectionPage.objects.child_of(booklet).order_by("path"):
            pages.append(
                {
                    "url": section.url_path,
                    "type": "BookletSectionPage",
                    "title": section.title,
                    "live": section.live,
                    "search_description": section.search_description,
                    "topics": sorted(section.topics.values_list("slug", flat=True)),
                    "body": [_block_shape(block) for block in section.body],
                }
            )
    return pages
