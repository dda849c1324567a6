"""Content files: Markdown with YAML front matter, turned into the StreamField blocks of core.blocks.

One reader for every app's demo content (docs/demo-content.md describes the format for editors):

- a file starts with YAML front matter between two `---` lines, then the body in Markdown;
- plain Markdown is a text block; a line with only `---` starts a new text block;
- boxes are fenced: `::: callout Heading`, `::: warning Heading`, `::: key-points Heading`, `::: quote Who said it`,
  `::: table Caption`, each closed by a line with only `:::` (the heading may be left out to use the usual one);
- an easy-read idea is `::: idea picture-name`, a line `alt: what the picture shows`, then one or two short
  sentences; `attach_pictures` turns the picture's name into an image;
- a link to a path on this site, `[treating pain](/cancer-types/secondary-bone-cancer/treating-pain/)`, becomes a
  link to that page, so it follows the page if it moves.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nh3
import yaml
from django.core.exceptions import ValidationError
from markdown_it import MarkdownIt

from .blocks import CalloutBlock, KeyPointsBlock, WarningBlock, validate_idea_text

# What the rich-text blocks accept (core.blocks.RICH_TEXT_FEATURES); anything else is removed, keeping its text.
ALLOWED_TAGS = {"p", "h2", "h3", "h4", "strong", "em", "ul", "ol", "li", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
HEADINGS = {"h2", "h3", "h4"}

FENCE_OPEN = re.compile(r"^:::\s*(?P<kind>[a-z-]+)\s*(?P<title>.*?)\s*$")
FENCE_CLOSE = ":::"
BLOCK_BREAK = "---"
SITE_LINK = re.compile(r'<a href="(/[^"]*)">')

# The usual heading of each box, used when the file gives none.
DEFAULT_HEADINGS = {
    "callout": CalloutBlock.base_blocks["heading"].meta.default,
    "warning": WarningBlock.base_blocks["heading"].meta.default,
    "key_points": KeyPointsBlock.base_blocks["heading"].meta.default,
}


class ContentFileError(ValueError):
    """A content file that cannot be read, named with its path and line."""

    def __init__(self, path: Path, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")


@dataclass
class ContentFile:
    path: Path
    meta: dict[str, Any]
    body: str
    body_line: int  # the line of the file where the body starts, for error messages


def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")
    # Lines are wrapped in the file for reading; on the page a wrapped line is one paragraph.
    md.add_render_rule("softbreak", lambda self, tokens, idx, options, env: " ")
    return md


MARKDOWN = _markdown()


def read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        line = exc.problem_mark.line + 1 if getattr(exc, "problem_mark", None) else 1
        raise ContentFileError(path, line, f"not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ContentFileError(path, 1, "expected a YAML mapping (name: value lines)")
    return data


def read_content_file(path: Path) -> ContentFile:
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or lines[0].strip() != "---":
        raise ContentFileError(path, 1, "a content file starts with front matter between two --- lines")
    try:
        end = next(number for number, line in enumerate(lines[1:], start=1) if line.strip() == "---")
    except StopIteration:
        raise ContentFileError(path, 1, "the front matter has no closing --- line") from None
    try:
        meta = yaml.safe_load("\n".join(lines[1:end])) or {}
    except yaml.YAMLError as exc:
        line = exc.problem_mark.line + 2 if getattr(exc, "problem_mark", None) else 1
        raise ContentFileError(path, line, f"the front matter is not valid YAML: {exc}") from exc
    if not isinstance(meta, dict):
        raise ContentFileError(path, 2, "the front matter must be name: value lines")
    return ContentFile(path=path, meta=meta, body="\n".join(lines[end + 1 :]), body_line=end + 2)


def content_files(folder: Path) -> list[ContentFile]:
    """The numbered Markdown files in a folder (01-…, 02-…), in that order; others, like a README.md, are notes."""
    return [read_content_file(path) for path in sorted(folder.glob("[0-9]*.md"))]


def markdown_to_html(text: str, path: Path | None = None, line: int = 1) -> str:
    """Rich text as the blocks store it: no line breaks between tags, only the allowed tags, headings h2 to h4."""
    for token in MARKDOWN.parse(text):
        if token.type == "heading_open" and token.tag not in HEADINGS:
            where = line + token.map[0] if token.map else line
            raise ContentFileError(path or Path("<text>"), where, f"headings are ## to ####, not {token.markup}")
    html = MARKDOWN.render(text).replace(">\n", ">").strip()
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, link_rel=None)


def _plain_items(text: str) -> list[str]:
    """The items of a Markdown list, as plain text (key points are not formatted)."""
    tokens = MARKDOWN.parse(text)
    return [
        " ".join(tokens[i + 2].content.split())
        for i, token in enumerate(tokens)
        if token.type == "list_item_open" and tokens[i + 2].type == "inline"
    ]


def _table(text: str, caption: str) -> dict[str, Any]:
    """A Markdown pipe table as the value of a TableBlock; the first row is its header."""
    rows: list[list[str]] = []
    for token in MARKDOWN.parse(text):
        if token.type == "tr_open":
            rows.append([])
        elif token.type == "inline" and rows:
            rows[-1].append(token.content)
    return {
        "data": rows,
        "first_row_is_table_header": True,
        "first_col_is_header": False,
        "table_caption": caption,
        "table_header_choice": "row",
    }


def _box(file: ContentFile, kind: str, title: str, text: str, line: int) -> tuple[str, Any]:
    block_type = kind.replace("-", "_")
    if block_type in ("callout", "warning"):
        heading = title or DEFAULT_HEADINGS[block_type]
        return block_type, {"heading": heading, "text": markdown_to_html(text, file.path, line)}
    if block_type == "key_points":
        points = _plain_items(text)
        if not points:
            raise ContentFileError(file.path, line, "key points are a list: one '- ' line for each point")
        return block_type, {"heading": title or DEFAULT_HEADINGS[block_type], "points": points}
    if block_type == "quote":
        return block_type, {"quote": " ".join(text.split()), "attribution": title}
    if block_type == "table":
        return block_type, _table(text, title)
    if block_type == "idea":
        return block_type, _idea(file, title, text, line)
    raise ContentFileError(
        file.path, line, f"unknown box ::: {kind} (callout, warning, key-points, quote, table, idea)"
    )


def _idea(file: ContentFile, picture: str, text: str, line: int) -> dict[str, Any]:
    """`::: idea picture-name`, `alt: what the picture shows`, then the idea's one or two sentences."""
    lines = [part.strip() for part in text.splitlines() if part.strip()]
    alt = lines[0][len("alt:") :].strip() if lines and lines[0].lower().startswith("alt:") else ""
    if not picture:
        raise ContentFileError(file.path, line, "an idea names its picture: ::: idea picture-name")
    if not alt:
        raise ContentFileError(file.path, line, "an idea's first line is its picture's alt text: alt: what it shows")
    words = "\n".join(lines[1:])
    try:
        validate_idea_text(words)
    except ValidationError as error:
        raise ContentFileError(file.path, line, " ".join(error.messages)) from None
    if not words:
        raise ContentFileError(file.path, line, "an idea has one or two short sentences after its alt text")
    return {"picture": picture, "alt_text": alt, "text": words}


def attach_pictures(blocks: list[tuple[str, Any]], picture: Callable[[str], Any]) -> list:
    """Each idea's picture name becomes its image (picture(name) makes or finds it)."""
    return [
        (kind, {**value, "picture": picture(value["picture"])}) if kind == "idea" else (kind, value)
        for kind, value in blocks
    ]


def body_blocks(file: ContentFile) -> list[tuple[str, Any]]:
    """The body of a content file as StreamField blocks, (block type, value) pairs, in order."""
    blocks: list[tuple[str, Any]] = []
    text: list[str] = []
    text_line = file.body_line
    box: tuple[str, str, int] | None = None  # kind, title, line where it opened

    def flush_text() -> None:
        if "".join(text).strip():
            blocks.append(("paragraph", markdown_to_html("\n".join(text), file.path, text_line)))
        text.clear()

    for number, line in enumerate(file.body.splitlines(), start=file.body_line):
        if box is not None:
            if line.strip() == FENCE_CLOSE:
                kind, title, opened = box
                blocks.append(_box(file, kind, title, "\n".join(text), opened))
                text.clear()
                box = None
                text_line = number + 1
            else:
                text.append(line)
        elif opening := FENCE_OPEN.match(line):
            flush_text()
            box = (opening["kind"], opening["title"], number)
        elif line.strip() == BLOCK_BREAK:
            flush_text()
            text_line = number + 1
        else:
            if not text:
                text_line = number
            text.append(line)
    if box is not None:
        raise ContentFileError(file.path, box[2], f"::: {box[0]} is never closed (a line with only :::)")
    flush_text()
    return blocks


def link_pages(blocks: list[tuple[str, Any]], page_id: Callable[[str], int | None], path: Path) -> list:
    """Links to paths on this site become page links (Wagtail's rich-text form), so they follow the page."""

    def resolve(html: str) -> str:
        def replace(match: re.Match) -> str:
            target = match.group(1)
            found = page_id(target if target.endswith("/") else target + "/")
            if found is None:
                raise ContentFileError(path, 1, f"links to {target}, which is not a page on this site")
            return f'<a linktype="page" id="{found}">'

        return SITE_LINK.sub(replace, html)

    linked = []
    for kind, value in blocks:
        if kind == "paragraph":
            value = resolve(value)
        elif isinstance(value, dict) and "text" in value:
            value = {**value, "text": resolve(value["text"])}
        linked.append((kind, value))
    return linked


def site_page_id(site_path: str) -> int | None:
    """The id of the page at a path of the default site ("/cancer-types/…/"), or None."""
    from wagtail.models import Page, Site

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return None
    url_path = site.root_page.url_path + site_path.lstrip("/")
    return Page.objects.filter(url_path=url_path).values_list("pk", flat=True).first()
