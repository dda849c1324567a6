"""The shape of the demo questions as the demo reads them: every field, and each block's type, headings, boxes'
headings and links. Compared with a snapshot (fixtures/demo_questions.json) made from the demo before it moved into
content files. The wording of the answers' blocks is left out, so an editor can improve a sentence freely."""

import re

from bs4 import BeautifulSoup

HEADING = re.compile("^h[1-6]$")


def _rich_text_shape(html: str) -> dict:
    soup = BeautifulSoup(html, "html.parser")
    return {
        "tags": sorted({tag.name for tag in soup.find_all(True)}),
        "headings": [f"{h.name}: {h.get_text()}" for h in soup.find_all(HEADING)],
        "links": [a.get("href", "") for a in soup.find_all("a")],
        "paragraphs": len(soup.find_all("p")),
        "list_items": len(soup.find_all("li")),
    }


def blocks_shape(blocks: list) -> list[dict]:
    shapes = []
    for kind, value in blocks:
        shape = {"type": kind}
        if kind == "paragraph":
            shape.update(_rich_text_shape(value))
        elif kind in ("callout", "warning"):
            shape["heading"] = value["heading"]
            shape.update(_rich_text_shape(value["text"]))
        elif kind == "key_points":
            shape["heading"] = value["heading"]
            shape["points"] = len(value["points"])
        elif kind == "quote":
            shape["attribution"] = value["attribution"]
        shapes.append(shape)
    return shapes


def questions_snapshot(questions: list[dict]) -> list[dict]:
    shapes = []
    for data in questions:
        shape = {key: value for key, value in data.items() if key not in ("detail", "professional_detail")}
        shape["detail"] = blocks_shape(data["detail"])
        if "professional_detail" in data:
            shape["professional_detail"] = blocks_shape(data["professional_detail"])
        shapes.append(shape)
    return shapes
