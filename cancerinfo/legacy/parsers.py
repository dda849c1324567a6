"""Read a saved page of the old service (text rendering or HTML) into a LegacyPage. Plain functions, no database.

A page holds one section of one booklet: the booklet's contents list, its title (`## ` / <h2>), the series line
("From the … booklet series"), the section heading (`### ` / <h3>) and the section's text. Everything else on the
page (header, navigation, "Related …" boxes, "Next page >>") is left behind.

The body comes back sanitised (only p, a, strong, em, ul, ol, li, h3, h4, br survive), with in-text links to other
pages of the old service turned into markers, <a data-legacy-link="link text">link text</a>, for services.py to
resolve to Wagtail page links. Links to other websites (http, https, mailto, tel) are kept as they are.
"""

import html
import re
from dataclasses import dataclass
from pathlib import Path

import nh3
from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from bs4.dammit import EntitySubstitution
from bs4.formatter import HTMLFormatter

ALLOWED_TAGS = {"p", "a", "strong", "em", "ul", "ol", "li", "h3", "h4", "br"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
EXTERNAL_SCHEMES = {"http", "https", "mailto", "tel"}
# Elements dropped together with everything inside them (nh3 would otherwise keep their text).
DROPPED_WITH_CONTENT = {
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "embed",
    "applet",
    "svg",
    "math",
    "title",
    "head",
    "textarea",
    "select",
    "button",
    "form",
    "frameset",
    "frame",
    "noembed",
    "noframes",
    "xmp",
    "canvas",
    "audio",
    "video",
    "map",
}
MARKER_ATTRIBUTE = "data-legacy-link"
MAX_TITLE_LENGTH = 255
MAX_SERIES_LENGTH = 120
MAX_FILE_BYTES = 5 * 1024 * 1024

# Navigation labels of the old service, whitespace removed, lower case: a paragraph holding several is the menu.
NAV_LABELS = (
    "cancerinformation",
    "clinicaltrials",
    "cancerqs",
    "healthprofessionals",
    "resourcesandsupport",
    "supportus",
    "contactus",
    "searchsite",
    "specificcancers",
    "cancertreatments",
    "livingwithcancer",
    "alphabeticallist",
    "printedpublications",
    "makeadonation",
    "aboutus",
    "newsandevents",
)
# Words written with a capital in the middle, which must not be split as two smashed contents items.
CAMEL_CASE_WORDS = {"cancerbacup", "cancerqs", "cancerhelp", "youtube", "powerpoint", "ipad", "iphone", "ebay"}
NAME_PREFIXES = {"Mc", "Mac"}

SERIES_LINE = re.compile(r"^from\s+the\s+(.+?)\s+(?:booklet\s+)?series\.?$", re.IGNORECASE)
NEXT_PREVIOUS = re.compile(
    r"^(?:<<|«|&lt;&lt;)?\s*(?:next|previous|prev)\s+page\s*(?:>>|»|&gt;&gt;)?"
    r"(?:\s*\|?\s*(?:<<|«)?\s*(?:next|previous)\s+page\s*(?:>>|»)?)?$",
    re.IGNORECASE,
)
PAGE_CHROME = re.compile(r"^(?:back\s+to\s+top|top\s+of\s+page|print\s+this\s+page|print\s+page)\s*\^?$", re.IGNORECASE)
TRAILING_NEXT_PAGE = re.compile(r"\s*(?:<<\s*previous\s+page\s*\|?\s*)?next\s+page\s*>>\s*$", re.IGNORECASE)
RELATED_BOX = re.compile(r"^related\b", re.IGNORECASE)
SMASHED = re.compile(r"(?<=[a-z)?!.])(?=[A-Z][a-z])")
SENTENCE_END = re.compile(r"[.?!:;]$")


class _KeepAttributeOrder(HTMLFormatter):
    """Beautiful Soup's minimal formatter, but attributes stay in the order written: <a linktype="page" id="N">."""

    def __init__(self):
        super().__init__(entity_substitution=EntitySubstitution.substitute_xml)

    def attributes(self, tag):
        return list(tag.attrs.items())


HTML_OUT = _KeepAttributeOrder()


def to_html(soup: BeautifulSoup) -> str:
    return soup.decode(formatter=HTML_OUT).strip()


class LegacyParseError(ValueError):
    """The page cannot be understood; the message says why, in words an editor can act on."""


@dataclass(frozen=True)
class LegacyPage:
    booklet_title: str
    series: str
    contents: tuple[str, ...]
    section_title: str
    # Sanitised HTML with link markers (see module docstring).
    body_source: str
    source_format: str  # "text" or "html"

    @property
    def links(self) -> list[str]:
        return link_titles(self.body_source)


# --- Reading files -------------------------------------------------------------------------------------------


def read_file(path: Path, encoding: str | None = None) -> LegacyPage:
    """Decode and parse one saved page; HTML or the text rendering is told apart by extension, then by content."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise LegacyParseError(f"cannot read the file ({error.strerror or error})") from error
    if len(data) > MAX_FILE_BYTES:
        raise LegacyParseError(f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; it is not a saved page")
    text = decode(data, encoding)
    if looks_like_html(path, text):
        return parse_html(text)
    return parse_text(text)


DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def decode(data: bytes, encoding: str | None = None) -> str:
    """UTF-8 (with or without BOM), or the encoding the HTML declares, or the one given; never a guess."""
    if not data.strip():
        raise LegacyParseError("the file is empty")
    if encoding is None:
        declared = DECLARED_CHARSET.search(data[:4096])
        candidates = ["utf-8-sig"]
        if declared:
            candidates.append(declared.group(1).decode("ascii").lower())
    else:
        candidates = [encoding]
    problem = ""
    for candidate in candidates:
        try:
            text = data.decode(candidate)
        except LookupError:
            problem = f"unknown encoding {candidate!r}"
            continue
        except UnicodeDecodeError as error:
            name = "UTF-8" if candidate == "utf-8-sig" else candidate
            problem = (
                f"cannot decode it as {name} (byte 0x{data[error.start]:02x} at position {error.start}); "
                "pass --encoding if the file uses another encoding"
            )
            continue
        if re.search(r"[\x00-\x08\x0e-\x1f\x7f]", text):
            raise LegacyParseError("the file holds control characters: it is not a text or HTML page")
        return text
    raise LegacyParseError(problem)


def looks_like_html(path: Path, text: str) -> bool:
    suffix = path.suffix.lower()
    if suffix in {".html", ".htm", ".xhtml", ".shtml", ".asp", ".aspx", ".php"}:
        return True
    if suffix in {".txt", ".text", ".md", ".markdown"}:
        return False
    return bool(re.search(r"<(?:!doctype|html|body|h2|p|div)[\s>]", text, re.IGNORECASE))


# --- Shared helpers --------------------------------------------------------------------------------------------


def clean_space(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def title_key(title: str) -> str:
    """How titles are compared: case, spacing, dashes, quotes and closing punctuation do not matter."""
    text = clean_space(html.unescape(title)).casefold()
    text = re.sub(r"[\u2010-\u2015]", "-", text).replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"\s*-\s*", " - ", text)
    return text.strip(" .?!:;,")


def _check_title(title: str, what: str) -> str:
    title = clean_space(title)
    if not title:
        raise LegacyParseError(f"the {what} is empty")
    if len(title) > MAX_TITLE_LENGTH:
        raise LegacyParseError(f"the {what} is longer than {MAX_TITLE_LENGTH} characters")
    return title


def _is_nav(text: str) -> bool:
    squashed = re.sub(r"\s+", "", text).casefold()
    return sum(label in squashed for label in NAV_LABELS) >= 3


def split_smashed(text: str) -> list[str]:
    """'CancerBACUP's servicesOther useful organisations' → ["CancerBACUP's services", 'Other useful organisations'].

    The text rendering glues adjacent contents items together where one ends and the next begins; a small letter
    followed straight by a capital and a small letter marks the join, unless the word is written that way
    (CancerQs) or the first part is a name's prefix (McDonald).
    """
    parts: list[str] = []
    start = 0
    for match in SMASHED.finditer(text):
        cut = match.start()
        word_start = max(text.rfind(" ", 0, cut) + 1, start)
        word_end = text.find(" ", cut)
        word = re.sub(r"[^a-z]", "", text[word_start : word_end if word_end != -1 else len(text)].casefold())
        word = word[:-1] if word.endswith("s") and word[:-1] in CAMEL_CASE_WORDS else word
        if word in CAMEL_CASE_WORDS or text[word_start:cut] in NAME_PREFIXES:
            continue
        parts.append(text[start:cut])
        start = cut
    parts.append(text[start:])
    return [clean_space(part) for part in parts if clean_space(part)]


CONTENTS_HEADING = re.compile(
    r"^(?:booklet\s+)?contents(?:\s+of\s+this\s+booklet)?|in\s+this\s+booklet$", re.IGNORECASE
)


def _contents_items(texts: list[str]) -> tuple[str, ...]:
    items: list[str] = []
    seen: set[str] = set()
    for text in texts:
        text = re.sub(r"^\s*(?:[*+\-\u2022]|\d{1,3}[.)])\s+", "", clean_space(text))
        for item in split_smashed(text):
            key = title_key(item)
            if CONTENTS_HEADING.fullmatch(key):
                continue
            if key and key not in seen and len(item) <= MAX_TITLE_LENGTH:
                seen.add(key)
                items.append(item)
    return tuple(items)


def _series(text: str) -> str | None:
    match = SERIES_LINE.match(clean_space(text))
    if match is None:
        return None
    return match.group(1)[:MAX_SERIES_LENGTH]


def sanitise(fragment: str) -> str:
    """Allow-list sanitising, then in-text links to old pages become markers and empty blocks go."""
    cleaned = nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=EXTERNAL_SCHEMES,
        clean_content_tags=DROPPED_WITH_CONTENT,
        link_rel=None,
        strip_comments=True,
    )
    soup = BeautifulSoup(cleaned, "html.parser")
    for link in soup.find_all("a"):
        href = (link.get("href") or "").strip()
        text = clean_space(link.get_text())
        if not text:
            link.decompose()
        elif not href:
            # No address, or one that was removed as unsafe (javascript:): keep the words, lose the link.
            link.unwrap()
        elif re.match(r"^[a-z][a-z0-9+.-]*:", href, re.IGNORECASE):
            link.attrs = {"href": href}
        else:
            # "#", "page.html", "/cancertype/…": a page of the old service, named by the link's words.
            link.attrs = {MARKER_ATTRIBUTE: text}
    _tidy_space(soup)
    for block in soup.find_all(["p", "li", "h3", "h4"]):
        if not block.get_text(strip=True):
            block.decompose()
    for block in soup.find_all(["ul", "ol"]):
        if not block.find("li"):
            block.decompose()
    return to_html(soup)


def _tidy_space(soup: BeautifulSoup) -> None:
    """Saved pages are indented and wrapped: one space between words, none at the edges of blocks."""
    for text in list(soup.find_all(string=True)):
        squeezed = re.sub(r"\s+", " ", str(text).replace("\xa0", " "))
        parent = text.parent
        if not squeezed.strip() and (parent is soup or parent.name in {"ul", "ol"}):
            text.extract()
        elif squeezed != text:
            text.replace_with(squeezed)
    for block in soup.find_all(["p", "li", "h3", "h4"]):
        strings = list(block.find_all(string=True))
        if strings:
            strings[0].replace_with(strings[0].lstrip())
        strings = list(block.find_all(string=True))
        if strings:
            strings[-1].replace_with(strings[-1].rstrip())
    for br in soup.find_all("br"):
        sibling = br.previous_sibling
        if isinstance(sibling, NavigableString) and sibling.endswith(" "):
            sibling.replace_with(sibling.rstrip())


def link_titles(body_source: str) -> list[str]:
    soup = BeautifulSoup(body_source, "html.parser")
    return [link[MARKER_ATTRIBUTE] for link in soup.find_all("a", attrs={MARKER_ATTRIBUTE: True})]


def _finish(title: str, series: str | None, contents, section_title: str, body: str, source_format: str) -> LegacyPage:
    body_source = sanitise(body)
    if not BeautifulSoup(body_source, "html.parser").get_text(strip=True):
        raise LegacyParseError("the section has no text after its heading")
    return LegacyPage(
        booklet_title=_check_title(title, "booklet title"),
        series=series or "",
        contents=contents,
        section_title=_check_title(section_title, "section heading"),
        body_source=body_source,
        source_format=source_format,
    )


# --- The text rendering ----------------------------------------------------------------------------------------

LINK = re.compile(r"\[([^\]\n]+)\]\(\s*([^()\s]*(?:\([^()\s]*\)[^()\s]*)*)\s*\)")
BULLET = re.compile(r"^\s*(?:[*+\-\u2022])\s+(.*)$")
NUMBERED = re.compile(r"^\s*\d{1,3}[.)]\s+(.*)$")


def _paragraphs(lines: list[str]) -> list[list[str]]:
    paragraphs: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    return paragraphs


def _inline(text: str) -> str:
    """The little Markdown the rendering uses: links, bold, italics; ' -- ' is a dash."""

    def link(match: re.Match) -> str:
        return f'<a href="{html.escape(match.group(2) or "#", quote=True)}">{match.group(1)}</a>'

    text = LINK.sub(link, text)
    text = re.sub(r"\*\*(.+?)\*\*|__(.+?)__", lambda m: f"<strong>{m.group(1) or m.group(2)}</strong>", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<em>\1</em>", text)
    text = re.sub(r"(?<![\w_])_(?!\s)(.+?)(?<!\s)_(?![\w_])", r"<em>\1</em>", text)
    return text.replace(" -- ", " \u2013 ")


def _text_block(lines: list[str]) -> str:
    first = lines[0]
    heading = re.match(r"^(#{2,6})\s+(.*?)\s*#*$", first)
    if heading and len(lines) == 1:
        tag = "h3" if len(heading.group(1)) <= 3 else "h4"
        return f"<{tag}>{_inline(heading.group(2))}</{tag}>"
    for pattern, tag in ((BULLET, "ul"), (NUMBERED, "ol")):
        if pattern.match(first):
            items: list[str] = []
            for line in lines:
                match = pattern.match(line)
                if match:
                    items.append(match.group(1))
                elif items:
                    items[-1] += " " + line
            return f"<{tag}>" + "".join(f"<li>{_inline(item)}</li>" for item in items) + f"</{tag}>"
    return f"<p>{_inline(' '.join(lines))}</p>"


def _is_header(text: str) -> bool:
    lowered = text.casefold()
    return (
        "helpline" in lowered
        or "cancer information service" in lowered
        or lowered.startswith(("skip to", "you are here"))
        or " > " in text
        or _is_nav(text)
    )


def _is_box_item(text: str) -> bool:
    return len(text) <= 80 and not SENTENCE_END.search(text)


def parse_text(text: str) -> LegacyPage:
    lines = text.splitlines()
    titles = [i for i, line in enumerate(lines) if re.match(r"^##\s+\S", line)]
    if not titles:
        raise LegacyParseError("no booklet title: no line starts with '## '")
    heading_at = next(
        (
            i
            for i in range(titles[0] + 1, len(lines))
            if re.match(r"^###\s+\S", lines[i]) and not RELATED_BOX.match(lines[i][3:].strip())
        ),
        None,
    )
    if heading_at is None:
        raise LegacyParseError("no section heading: no line starts with '### ' after the booklet title")
    # The booklet title is the last '## ' before the section heading (a site name above it is not).
    title_at = max(i for i in titles if i < heading_at)

    before = [clean_space(" ".join(p)) for p in _paragraphs(lines[:title_at])]
    last_header = max((i for i, p in enumerate(before) if _is_header(p)), default=-1)
    contents = _contents_items(before[last_header + 1 :])

    series = None
    for paragraph in [*_paragraphs(lines[title_at + 1 : heading_at]), *_paragraphs(lines[:title_at])]:
        series = _series(" ".join(paragraph))
        if series:
            break

    blocks: list[str] = []
    in_box = False
    for paragraph in _paragraphs(lines[heading_at + 1 :]):
        joined = clean_space(" ".join(paragraph))
        if NEXT_PREVIOUS.match(joined):
            break
        if PAGE_CHROME.match(joined):
            continue
        if RELATED_BOX.match(joined) and _is_box_item(joined):
            in_box = True
            continue
        if in_box and _is_box_item(joined) and not joined.startswith("#"):
            continue
        in_box = False
        last = paragraph[-1]
        trimmed = TRAILING_NEXT_PAGE.sub("", last).strip()
        paragraph = [*paragraph[:-1], trimmed] if trimmed else paragraph[:-1]
        if paragraph:
            blocks.append(_text_block(paragraph))
        if trimmed != last:
            break  # "… text.Next page >>": the section ends here.

    title = re.sub(r"^##\s+", "", lines[title_at]).strip().rstrip("#").strip()
    section_title = re.sub(r"^###\s+", "", lines[heading_at]).strip().rstrip("#").strip()
    return _finish(_plain(title), series, contents, _plain(section_title), "".join(blocks), "text")


def _plain(text: str) -> str:
    """A title as plain text: markup and Markdown emphasis removed."""
    text = BeautifulSoup(_inline(text), "html.parser")
    for node in text.find_all(DROPPED_WITH_CONTENT):
        node.decompose()
    return clean_space(text.get_text())


# --- HTML ------------------------------------------------------------------------------------------------------

BLOCK_TAGS = {"p", "ul", "ol", "h3", "h4", "h5", "h6", "h1", "h2", "blockquote", "pre", "dl", "table", "hr"}
CONTAINER_TAGS = {
    "div",
    "section",
    "article",
    "main",
    "center",
    "font",
    "span",
    "table",
    "tbody",
    "thead",
    "tr",
    "td",
    "th",
    "blockquote",
    "dl",
    "dd",
    "dt",
    "form",
}
SKIPPED_TAGS = {"nav", "header", "footer", "aside", "hr", "input", "img", "label", "menu"}


class _Stop(Exception):
    pass


def _text(node) -> str:
    return clean_space(node.get_text(" ")) if isinstance(node, Tag) else clean_space(str(node))


def _is_next_page(node) -> bool:
    text = _text(node)
    return bool(text) and bool(NEXT_PREVIOUS.match(text))


class _BodyCollector:
    """Walks what follows the section heading and keeps the blocks of the section's text."""

    def __init__(self):
        self.blocks: list[str] = []
        self.inline: list[str] = []
        self.skip_list = False

    def flush(self):
        if "".join(self.inline).strip():
            self.blocks.append("<p>" + "".join(self.inline) + "</p>")
        self.inline = []

    def take(self, node) -> None:
        if isinstance(node, Comment):
            return
        if isinstance(node, NavigableString):
            if str(node).strip():
                self.inline.append(html.escape(str(node), quote=False))
            return
        if not isinstance(node, Tag) or node.name in DROPPED_WITH_CONTENT or node.name in SKIPPED_TAGS:
            return
        text = _text(node)
        if _is_next_page(node):
            self.flush()
            raise _Stop
        if PAGE_CHROME.match(text):
            return
        if RELATED_BOX.match(text) and (
            node.name not in {"p", "a", "strong", "b", "em", "i", "span"} or _is_box_item(text)
        ):
            # A "Related …" box: a container, or a short heading followed by its list of links.
            self.flush()
            self.skip_list = node.name not in {"div", "section", "table", "ul", "ol", "dl"}
            return
        if self.skip_list:
            if node.name in {"ul", "ol"} or (node.name in {"p", "a", "div"} and _is_box_item(text)):
                return
            self.skip_list = False
        if node.name in {"ul", "ol", "p", "pre"}:
            self.flush()
            next_links = [link for link in node.find_all("a") if _is_next_page(link)]
            for link in next_links:
                link.decompose()
            self.blocks.append(str(node) if node.name in {"ul", "ol"} else f"<p>{node.decode_contents()}</p>")
            if next_links:
                raise _Stop  # "… text. <a>Next page >></a>": the section ends here.
        elif node.name in {"h1", "h2", "h3"}:
            self.flush()
            self.blocks.append(f"<h3>{node.decode_contents()}</h3>")
        elif node.name in {"h4", "h5", "h6"}:
            self.flush()
            self.blocks.append(f"<h4>{node.decode_contents()}</h4>")
        elif node.name in CONTAINER_TAGS and node.find(BLOCK_TAGS | CONTAINER_TAGS | {"br"}):
            self.flush()
            for child in list(node.children):
                self.take(child)
            self.flush()
        elif node.name in CONTAINER_TAGS - {"span", "font"}:
            self.flush()
            self.blocks.append(f"<p>{node.decode_contents()}</p>")
        else:
            self.inline.append(str(node))


def _body_after(heading: Tag) -> str:
    collector = _BodyCollector()
    node = heading
    try:
        while node is not None and node.name not in {"body", "html", "[document]"}:
            for sibling in list(node.next_siblings):
                collector.take(sibling)
            collector.flush()
            if collector.blocks:
                break
            node = node.parent
    except _Stop:
        pass
    collector.flush()
    return "".join(collector.blocks)


def _list_items(listing: Tag) -> list[str]:
    items = []
    for item in listing.find_all("li"):
        own = [s for s in item.find_all(string=True) if s.find_parent("li") is item and not isinstance(s, Comment)]
        items.append(clean_space(" ".join(own)))
    return items


def _is_site_navigation(listing: Tag) -> bool:
    """The site's menu or breadcrumbs rather than the booklet's contents: told by the nearest telling name."""
    for node in [listing, *listing.parents]:
        if node.name in {"body", "html", "[document]"}:
            break
        names = " ".join(
            [node.get("id") or "", " ".join(node.get("class") or []), node.get("aria-label") or ""]
        ).casefold()
        if "content" in names or "toc" in names.split():
            return False
        if node.name in {"nav", "header"} or any(word in names for word in ("nav", "menu", "header", "breadcrumb")):
            return True
    return False


def _in_related_box(listing: Tag) -> bool:
    previous = listing.find_previous_sibling()
    return bool(
        (previous is not None and RELATED_BOX.match(_text(previous)))
        or (listing.parent is not None and RELATED_BOX.match(_text(listing.parent)))
    )


def parse_html(text: str) -> LegacyPage:
    soup = BeautifulSoup(text, "html.parser")
    for node in soup.find_all(DROPPED_WITH_CONTENT):
        node.decompose()
    for node in soup.find_all(string=lambda s: isinstance(s, Comment)):
        node.extract()
    for tag, name in (("b", "strong"), ("i", "em")):
        for node in soup.find_all(tag):
            node.name = name

    titles = [h for h in soup.find_all("h2") if _text(h) and not RELATED_BOX.match(_text(h))]
    if not titles:
        raise LegacyParseError("no booklet title: the page has no <h2> with text")
    heading = next((h for h in titles[0].find_all_next("h3") if _text(h) and not RELATED_BOX.match(_text(h))), None)
    if heading is None:
        raise LegacyParseError("no section heading: the page has no <h3> with text after the booklet title")
    # The booklet title is the nearest <h2> before the section heading (a site name in an <h2> above it is not).
    title = next(h for h in heading.find_all_previous("h2") if h in titles)

    contents: tuple[str, ...] = ()
    for listing in title.find_all_previous(["ul", "ol"]):
        items = _list_items(listing)
        if (
            listing.find_parent("li")
            or _is_nav(" ".join(items))
            or _is_site_navigation(listing)
            or _in_related_box(listing)
        ):
            continue
        contents = _contents_items(items)
        break

    series = None
    for node in soup.find_all(["p", "div", "span", "em", "strong", "h4", "h5", "h6", "td"]):
        series = _series(_text(node))
        if series:
            break

    body = _body_after(heading)
    return _finish(_text(title), series, contents, _text(heading), body, "html")
