"""The two feed formats' rules, checked the way a feed validator checks them.

Atom: RFC 4287's constraints on atom:feed and atom:entry (sections 4.1.1-4.1.2, 4.2, 3.3), written out as checks
(no RELAX NG validator is in the lock files). JSON Feed 1.1: a JSON Schema of the specification's fields and which
are required, checked with jsonschema_rs.
"""

import re
from urllib.parse import urlparse

import jsonschema_rs
from defusedxml import ElementTree

ATOM = "{http://www.w3.org/2005/Atom}"
# RFC 3339 section 5.6 date-time, as RFC 4287 section 3.3 requires ("T" and "Z" upper case).
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def _iri(text: str | None) -> bool:
    if not text:
        return False
    parsed = urlparse(text)
    return bool(parsed.scheme) and (bool(parsed.netloc) or parsed.scheme in ("tag", "urn"))


def atom_errors(document: bytes) -> list[str]:
    """Every broken RFC 4287 rule, as readable messages; [] for a valid feed."""
    errors: list[str] = []
    root = ElementTree.fromstring(document)
    if root.tag != f"{ATOM}feed":
        return [f"the root element is {root.tag}, not atom:feed"]

    def one(parent, name: str, where: str):
        found = parent.findall(f"{ATOM}{name}")
        if len(found) != 1:
            errors.append(f"{where} has {len(found)} atom:{name} elements, must have exactly one")
            return None
        return found[0]

    def check_common(element, where: str) -> None:
        identifier = one(element, "id", where)
        if identifier is not None and not _iri(identifier.text):
            errors.append(f"{where}'s atom:id is not an absolute IRI: {identifier.text!r}")
        title = one(element, "title", where)
        if title is not None and not (title.text or "").strip():
            errors.append(f"{where}'s atom:title is empty")
        updated = one(element, "updated", where)
        if updated is not None and not RFC3339.match(updated.text or ""):
            errors.append(f"{where}'s atom:updated is not an RFC 3339 date-time: {updated.text!r}")
        for name in ("published",):
            for date in element.findall(f"{ATOM}{name}"):
                if not RFC3339.match(date.text or ""):
                    errors.append(f"{where}'s atom:{name} is not an RFC 3339 date-time: {date.text!r}")
        alternates = set()
        for link in element.findall(f"{ATOM}link"):
            if not _iri(link.get("href")):
                errors.append(f"{where} has an atom:link without an absolute href")
            if link.get("rel", "alternate") == "alternate":
                key = (link.get("type"), link.get("hreflang"))
                if key in alternates:
                    errors.append(f"{where} has two alternate links of one type and language")
                alternates.add(key)
        for author in element.findall(f"{ATOM}author"):
            one(author, "name", f"{where}'s atom:author")

    check_common(root, "the feed")
    if not any(link.get("rel") == "self" for link in root.findall(f"{ATOM}link")):
        errors.append("the feed has no link rel=self (RFC 4287 4.1.1: SHOULD)")
    feed_has_author = bool(root.findall(f"{ATOM}author"))
    ids = []
    for number, entry in enumerate(root.findall(f"{ATOM}entry"), 1):
        where = f"entry {number}"
        check_common(entry, where)
        ids.append(entry.findtext(f"{ATOM}id"))
        has_content = entry.find(f"{ATOM}content") is not None
        alternate = [link for link in entry.findall(f"{ATOM}link") if link.get("rel", "alternate") == "alternate"]
        if not has_content and not alternate:
            errors.append(f"{where} has neither atom:content nor an alternate link")
        if not feed_has_author and not entry.findall(f"{ATOM}author"):
            errors.append(f"{where} has no author, and neither has the feed")
    if len(ids) != len(set(ids)):
        errors.append("two entries share an atom:id")
    return errors


_DATE = {"type": "string", "pattern": RFC3339.pattern}
_AUTHOR = {
    "type": "object",
    "properties": {"name": {"type": "string"}, "url": {"type": "string"}, "avatar": {"type": "string"}},
    "anyOf": [{"required": ["name"]}, {"required": ["url"]}, {"required": ["avatar"]}],
}
JSON_FEED_SCHEMA = {
    "type": "object",
    "required": ["version", "title", "items"],
    "properties": {
        "version": {"const": "https://jsonfeed.org/version/1.1"},
        "title": {"type": "string", "minLength": 1},
        "home_page_url": {"type": "string", "pattern": "^https?://"},
        "feed_url": {"type": "string", "pattern": "^https?://"},
        "description": {"type": "string"},
        "language": {"type": "string"},
        "authors": {"type": "array", "items": _AUTHOR},
        "expired": {"type": "boolean"},
        "user_comment": {"type": "string"},
        "next_url": {"type": "string"},
        "icon": {"type": "string"},
        "favicon": {"type": "string"},
        "hubs": {"type": "array"},
        "items": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id"],
                "anyOf": [{"required": ["content_html"]}, {"required": ["content_text"]}],
                "properties": {
                    "id": {"type": "string", "minLength": 1},
                    "url": {"type": "string", "pattern": "^https?://"},
                    "title": {"type": "string"},
                    "content_html": {"type": "string"},
                    "content_text": {"type": "string"},
                    "summary": {"type": "string"},
                    "date_published": _DATE,
                    "date_modified": _DATE,
                    "authors": {"type": "array", "items": _AUTHOR},
                    "tags": {"type": "array", "items": {"type": "string"}},
                    "external_url": {"type": "string"},
                    "image": {"type": "string"},
                    "banner_image": {"type": "string"},
                    "language": {"type": "string"},
                    "attachments": {"type": "array"},
                },
                # The specification lets publishers add fields of their own only with a leading underscore.
                "patternProperties": {"^_": {"type": "object"}},
                "additionalProperties": False,
            },
        },
    },
    "patternProperties": {"^_": {"type": "object"}},
    "additionalProperties": False,
}


def json_feed_errors(data) -> list[str]:
    validator = jsonschema_rs.validator_for(JSON_FEED_SCHEMA)
    errors = [
        f"{'/'.join(str(part) for part in error.instance_path)}: {error.message}"
        for error in validator.iter_errors(data)
    ]
    ids = [item.get("id") for item in data.get("items", []) if isinstance(item, dict)]
    if len(ids) != len(set(ids)):
        errors.append("two items share an id")
    return errors
