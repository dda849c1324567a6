"""Registry text made readable: eligibility criteria and summaries as registries write them, rendered as lists.

ClinicalTrials.gov writes these fields in a Markdown dialect: `* ` and `1. ` lists nested by indenting, characters
escaped with a backslash (`\\</=20ng/ml`, `\\>/= 18 years`), HTML entities (`\\&gt;`), and lines such as
"Inclusion Criteria:" or "DISEASE CHARACTERISTICS:" that head what follows. Other registries (ISRCTN) write plain
text with the same kind of lists. `render()` turns either into a few safe tags (paragraphs, lists, headings, line
breaks), never links, images, code blocks or HTML of the registry's own.

A long text is shown first as a preview of whole paragraphs and whole points, never cut inside one (let alone
mid-sentence), with the rest a link away (templatetags/trial_text.py): `RegistryText.preview` and `.html`.
"""

import html
import re
from dataclasses import dataclass

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt
from markdown_it.token import Token

# A text longer than this (in characters of text, not markup) is previewed; the preview holds about this much.
PREVIEW_CHARACTERS = 1200
# ...unless the preview would leave out only a little: then all of it is shown.
SHOW_ALL_BELOW = 1.25

ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "strong", "em", "h3", "h4", "h5"}
ALLOWED_ATTRIBUTES = {"ol": {"start"}}

# Bullets registries type by hand: •, ●, ▪, ◦, and a lone "o" (Word's second-level bullet), at the start of a line.
HAND_BULLET_RE = re.compile(r"^([ \t]*)(?:[•●▪◦‣·]|o(?=[ \t]+\S))[ \t]*(?=\S)", re.MULTILINE)
# A backslash before a character Markdown cannot escape (`\≥`, written `\&#8805;` in the registry): dropped.
STRAY_BACKSLASH_RE = re.compile(r"\\(?=[^\x00-\x7f])")
# "\</=20ng/ml", "\>/= 18 years": the registries' typed comparisons, written as the signs they stand for.
COMPARISONS = ((re.compile(r"\\?<\s?/?\s?="), "≤"), (re.compile(r"\\?>\s?/?\s?="), "≥"))
INCLUSION_RE = re.compile(r"^(?:key |main |general )?inclusion criteria\b", re.IGNORECASE)
EXCLUSION_RE = re.compile(r"^(?:key |main |general )?exclusion criteria\b", re.IGNORECASE)
CRITERIA_RE = re.compile(
    r"\b(?:inclusion|exclusion|eligibility)\b.*\bcriteria\b|\bcriteria\b.*\b(?:inclusion|exclusion)\b", re.I
)
HEADING_MAX_WORDS = 10
CAPITALS_HEADING_MAX_WORDS = 8


def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "breaks": True, "linkify": False, "typographer": False})
    # Only paragraphs, lists, emphasis and escapes. An indented line is a line, not a code block; "> 18 years" at
    # the start of a line is a comparison, not a quotation; "#1" and "----" are text; a registry's links and images
    # are not followed from our pages.
    md.disable(["code", "fence", "blockquote", "hr", "heading", "lheading", "reference", "html_block", "table"])
    md.disable(["backticks", "link", "image", "autolink", "html_inline", "strikethrough"])
    return md


MARKDOWN = _markdown()


@dataclass(frozen=True)
class RegistryText:
    html: SafeString  # all of it
    preview: SafeString  # the first whole paragraphs and points: the same as html when the text is short
    hidden: int  # paragraphs and points the preview leaves out (0 when it shows everything)

    @property
    def is_long(self) -> bool:
        return self.hidden > 0

    def __bool__(self) -> bool:
        return bool(self.html)


EMPTY = RegistryText(SafeString(""), SafeString(""), 0)


def prepare(text: str) -> str:
    """The registry's text as Markdown: entities decoded, hand-typed bullets as Markdown bullets."""
    text = html.unescape(text or "").replace("\r\n", "\n").replace("\r", "\n")
    text = STRAY_BACKSLASH_RE.sub("", text)
    for pattern, sign in COMPARISONS:
        text = pattern.sub(sign, text)
    return HAND_BULLET_RE.sub(r"\1* ", text)


def heading_words(line: str) -> str | None:
    """What a one-line paragraph says as a heading ("Inclusion Criteria:" -> "Who can take part (inclusion
    criteria)"), or None when it is not one. Only lines about criteria, or short lines in capitals, are headings:
    "Patients must have:" stays a sentence."""
    words = line.strip().rstrip(":").strip()
    if not words or "\n" in words or len(words) > 100:
        return None
    count = len(words.split())
    capitals = words.upper() == words and any(c.isalpha() for c in words)
    if INCLUSION_RE.match(words) and count <= 4:
        return "Who can take part (inclusion criteria)"
    if EXCLUSION_RE.match(words) and count <= 4:
        return "Who cannot take part (exclusion criteria)"
    ends_like_heading = line.strip().endswith(":") or capitals
    if CRITERIA_RE.search(words) and count <= HEADING_MAX_WORDS and ends_like_heading:
        return words[0].upper() + words[1:].lower() if capitals else words
    if capitals and count <= CAPITALS_HEADING_MAX_WORDS and not words.endswith("."):
        return words[0] + words[1:].lower()
    return None


def _blocks(tokens: list[Token], level: int, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(first, last + 1) of each block at `level` between start and end."""
    end = len(tokens) if end is None else end
    blocks, depth, first = [], 0, start
    for i in range(start, end):
        token = tokens[i]
        if token.level != level and depth == 0:
            continue
        if depth == 0:
            first = i
        depth += token.nesting
        if depth == 0:
            blocks.append((first, i + 1))
    return blocks


def _text_length(tokens: list[Token]) -> int:
    return sum(len(token.content) for token in tokens if token.type == "inline")


LABEL_MAX_WORDS = 4


def _is_label(tokens: list[Token], i: int) -> bool:
    """A short line on its own straight before a list ("Age", "Performance status"): it names the list."""
    text = tokens[i + 1].content.strip()
    following = tokens[i + 3] if i + 3 < len(tokens) else None
    return (
        following is not None
        and _is_list(following)
        and "\n" not in text
        and 0 < len(text.split()) <= LABEL_MAX_WORDS
        and text[0].isupper()
        and text[-1].isalnum()
    )


def _headings(tokens: list[Token], level: int) -> None:
    """One-line top-level paragraphs that head what follows become headings; under one of those, a short line
    naming the list after it becomes a heading one level down."""
    headed = False
    for i, token in enumerate(tokens[:-2]):
        if token.type != "paragraph_open" or token.level != 0:
            continue
        words, tag = heading_words(tokens[i + 1].content), f"h{level}"
        if words is None:
            if not (headed and level < 6 and _is_label(tokens, i)):
                continue
            words, tag = tokens[i + 1].content.strip(), f"h{level + 1}"
        headed = True
        token.type, token.tag = "heading_open", tag
        tokens[i + 2].type, tokens[i + 2].tag = "heading_close", tag
        inline = tokens[i + 1]
        inline.content = words
        inline.children = [Token("text", "", 0, content=words)]


def _without_repeats(tokens: list[Token]) -> list[Token]:
    """A heading straight after the same heading ("Inclusion Criteria:" twice) is written once."""
    kept: list[Token] = []
    for token in tokens:
        kept.append(token)
        if token.type == "heading_close" and len(kept) >= 6 and kept[-4].type == "heading_close":
            if kept[-5].content == kept[-2].content:
                del kept[-3:]
    return kept


def _tight(tokens: list[Token]) -> None:
    """A point of one paragraph is written <li>text</li>, as in a tight list, even where the registry left blank
    lines between points (most do)."""
    for first, last in _item_ranges(tokens):
        item_level = tokens[first].level
        paragraphs = [i for i in range(first, last) if tokens[i].type == "paragraph_open"]
        own = [i for i in paragraphs if tokens[i].level == item_level + 1]
        if len(own) == 1:
            tokens[own[0]].hidden = True
            close = next(i for i in range(own[0], last) if tokens[i].type == "paragraph_close")
            tokens[close].hidden = True


def _item_ranges(tokens: list[Token]) -> list[tuple[int, int]]:
    ranges, stack = [], []
    for i, token in enumerate(tokens):
        if token.type == "list_item_open":
            stack.append(i)
        elif token.type == "list_item_close":
            ranges.append((stack.pop(), i + 1))
    return ranges


def _is_list(token: Token) -> bool:
    return token.type in ("bullet_list_open", "ordered_list_open")


def _leads_in(block: list[Token]) -> bool:
    """A heading, or a paragraph ending "...the following:": it says what comes next."""
    if block[0].type == "heading_open":
        return True
    return block[0].type == "paragraph_open" and block[1].content.rstrip().endswith(":")


def _preview(tokens: list[Token], limit: int) -> tuple[list[Token], int]:
    """The first whole blocks and whole top-level points of about `limit` characters, and how many paragraphs and
    points are left out. The first block or point is always kept, however long; a heading or a lead-in ("...the
    following:") is not left at the end with nothing under it."""
    kept: list[list[Token]] = []
    budget, hidden, stopped, has_content = limit, 0, False, False

    def count(first: int, last: int) -> int:
        if tokens[first].type == "heading_open":
            return 0
        return len(_blocks(tokens, 1, first + 1, last - 1)) if _is_list(tokens[first]) else 1

    for first, last in _blocks(tokens, 0):
        block = tokens[first:last]
        if stopped:
            hidden += count(first, last)
            continue
        length = _text_length(block)
        if length <= budget or (not has_content and not _is_list(block[0])):
            kept.append(block)
            budget -= length
            has_content = has_content or not _leads_in(block)
            continue
        stopped = True
        if not _is_list(block[0]):
            hidden += count(first, last)
            continue
        items = _blocks(tokens, 1, first + 1, last - 1)
        taken: list[Token] = []
        points = 0
        for item_first, item_last in items:
            length = _text_length(tokens[item_first:item_last])
            if length > budget and (points or has_content):
                break
            taken.extend(tokens[item_first:item_last])
            points += 1
            budget -= length
        hidden += len(items) - points
        if points:
            has_content = True
            kept.append([block[0], *taken, block[-1]])
    while len(kept) > 1 and _leads_in(kept[-1]):
        hidden += 0 if kept.pop()[0].type == "heading_open" else 1
    return [token for block in kept for token in block], hidden


BETWEEN_TAGS_RE = re.compile(r"(?<=>)\n|\n(?=<)")


def _html(tokens: list[Token]) -> SafeString:
    rendered = BETWEEN_TAGS_RE.sub("", MARKDOWN.renderer.render(tokens, MARKDOWN.options, {})).strip()
    cleaned = nh3.clean(rendered, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, link_rel=None)
    return mark_safe(cleaned)  # noqa: S308 - cleaned by nh3 to the tags above


def render(text: str, heading_level: int = 3, limit: int = PREVIEW_CHARACTERS) -> RegistryText:
    """The registry's text as HTML, and a preview of it when it is long (see the module's docstring)."""
    if not (text or "").strip():
        return EMPTY
    tokens = MARKDOWN.parse(prepare(text))
    _headings(tokens, heading_level)
    tokens = _without_repeats(tokens)
    _tight(tokens)
    full = _html(tokens)
    if _text_length(tokens) <= limit * SHOW_ALL_BELOW:
        return RegistryText(full, full, 0)
    kept, hidden = _preview(tokens, limit)
    if not hidden:
        return RegistryText(full, full, 0)
    return RegistryText(full, _html(kept), hidden)


def plain_text(text: str) -> str:
    """The registry's words without markup, on one line: for places that show text, not HTML (search results)."""
    if not (text or "").strip():
        return ""
    words = []
    for token in MARKDOWN.parse(prepare(text)):
        if token.type == "inline":
            words.extend(child.content for child in token.children or [] if child.type == "text")
            words.append(" ")
    return " ".join("".join(words).split())


SENTENCE_END_RE = re.compile(r"[.!?](?=\s|$)")


def shorten(text: str, limit: int) -> str:
    """Whole sentences of the plain text up to `limit` characters; the first sentence alone when it is longer, cut
    after a word and marked with an ellipsis. Never mid-sentence without saying so."""
    text = plain_text(text)
    if len(text) <= limit:
        return text
    ends = [match.end() for match in SENTENCE_END_RE.finditer(text, 0, limit + 1)]
    if ends:
        return text[: ends[-1]]
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
