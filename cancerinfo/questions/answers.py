"""Turn a MedQuAD answer's plain text into a short answer plus clean, structured HTML.

The source text keeps the shape of the cancer.gov page it came from only in its whitespace:

- blank lines separate sections; a section's first line is its heading when the answer starts with "Key Points";
- "Key Points" followed by "- " bullets is a summary list;
- inside a line, runs of three or more spaces separate paragraphs, list items and sub-headings;
- a bullet after a long run of spaces that follows an item ending in ":" starts a nested list.
"""

import html
import re
from dataclasses import dataclass, field

import nh3

ALLOWED_TAGS = {"p", "h3", "h4", "ul", "ol", "li", "strong", "em", "a", "br"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}

KEY_POINTS = "key points"
SEGMENT_BREAK = re.compile(r"(\s{3,})")
BULLET = re.compile(r"^-\s*")
# "-   Chest x-ray": the spaces after a bullet's dash are not a paragraph break.
BULLET_GAP = re.compile(r"(\s{3,})-\s+")
# A run of spaces this long before a bullet starts (or leaves) a nested list.
NEST_RUN = 9
HEADING_MAX_LENGTH = 100
SHORT_ANSWER_MAX_LENGTH = 300
SENTENCE_END = re.compile(r"(?<=[A-Za-z0-9)%][.!?]) {1,2}(?=[A-Z(])")


@dataclass
class ParsedAnswer:
    short_answer: str
    key_points: list[str] = field(default_factory=list)
    html: str = ""


def sanitise(markup: str) -> str:
    return nh3.clean(markup, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, link_rel=None)


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([,.;:)])", r"\1", text)
    return text


def _is_heading(text: str, has_following: bool) -> bool:
    return (
        has_following and len(text) <= HEADING_MAX_LENGTH and text[:1].isupper() and not re.search(r"[.:;,?!]$", text)
    )


def _segments(line: str) -> list[tuple[int, str]]:
    """[(length of the run of spaces before it, text)] for each segment of a line."""
    line = BULLET_GAP.sub(r"\1- ", " " * NEST_RUN + line.strip())
    parts = SEGMENT_BREAK.split(line)
    segments = []
    for index in range(1, len(parts) - 1, 2):
        text = parts[index + 1].strip()
        if text:
            segments.append((len(parts[index]), text))
    return segments


def line_to_html(line: str) -> str:
    """One line of source text: paragraphs, sub-headings and (nested) lists."""
    out: list[str] = []
    depth = 0  # 0 no list, 1 list, 2 nested list
    last_item = ""
    segments = _segments(line)
    for position, (run, text) in enumerate(segments):
        bullet = BULLET.match(text) if text.startswith("-") else None
        if bullet:
            item = _tidy(text[bullet.end() :])
            if not item:
                continue
            if depth == 0:
                out.append("<ul><li>")
                depth = 1
            elif depth == 1 and run >= NEST_RUN and last_item.endswith(":"):
                out.append("<ul><li>")
                depth = 2
            elif depth == 2 and run >= NEST_RUN:
                out.append("</li></ul></li><li>")
                depth = 1
            else:
                out.append("</li><li>")
            out.append(html.escape(item, quote=False))
            last_item = item
            continue
        if depth:
            out.append("</li></ul>" * depth)
            depth = 0
        text = _tidy(text)
        has_following = position + 1 < len(segments)
        if _is_heading(text, has_following):
            out.append(f"<h4>{html.escape(text, quote=False)}</h4>")
        else:
            out.append(f"<p>{html.escape(text, quote=False)}</p>")
    if depth:
        out.append("</li></ul>" * depth)
    return "".join(out)


def _blocks(text: str) -> list[list[str]]:
    """Sections separated by blank lines, each a list of its non-blank lines."""
    blocks = []
    for chunk in re.split(r"\n[ \t]*\n", text.strip()):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        if lines:
            blocks.append(lines)
    return blocks


def first_sentence(text: str) -> tuple[str, str]:
    """Split off the first sentence of a source line, keeping the rest's layout: ('Signs include fever.', '...')."""
    text = text.strip()
    paragraph_end = SEGMENT_BREAK.search(text)
    limit = paragraph_end.start() if paragraph_end else len(text)
    sentence_end = SENTENCE_END.search(text, 0, limit)
    if sentence_end:
        return _tidy(text[: sentence_end.start()]), text[sentence_end.end() :]
    if paragraph_end and not BULLET.match(text[paragraph_end.end() :]) and text[:limit].rstrip().endswith("."):
        return _tidy(text[:limit]), text[paragraph_end.end() :]
    if not paragraph_end:
        return _tidy(text), ""
    return "", text


def _key_points(line: str) -> list[str]:
    points = []
    for _run, text in _segments(line):
        point = _tidy(BULLET.sub("", text))
        if point:
            points.append(point)
    return points


def _shorten(text: str, limit: int = SHORT_ANSWER_MAX_LENGTH) -> str:
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def parse_answer(text: str) -> ParsedAnswer:
    """The short answer, the "Key points" summary (if any) and the rest as sanitised HTML."""
    blocks = _blocks(text or "")
    if not blocks:
        return ParsedAnswer(short_answer="")
    key_points: list[str] = []
    has_key_points = blocks[0][0].strip().lower() == KEY_POINTS
    if has_key_points:
        key_points = _key_points(" ".join(blocks[0][1:]))
        blocks = blocks[1:]

    parts: list[str] = []
    short_answer = ""
    for index, lines in enumerate(blocks):
        if has_key_points and len(lines) > 1:
            # The section's key point is its heading.
            parts.append(f"<h3>{html.escape(_tidy(lines[0]), quote=False)}</h3>")
            lines = lines[1:]
        elif index == 0 and not has_key_points:
            # Without key points the answer opens with its one-sentence summary: that is the short answer.
            short_answer, rest = first_sentence(lines[0])
            lines = [rest, *lines[1:]] if rest else lines[1:]
        for line in lines:
            parts.append(line_to_html(line))

    if not short_answer:
        short_answer = key_points[0] if key_points else _shorten(_tidy(re.sub(r"<[^>]+>", " ", "".join(parts))))
    return ParsedAnswer(short_answer=html.unescape(short_answer), key_points=key_points, html=sanitise("".join(parts)))
