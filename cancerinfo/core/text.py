"""Small text helpers every app that takes free text from strangers shares."""

MAX_QUERY_LENGTH = 200


def clean_query(raw: str | None, max_length: int = MAX_QUERY_LENGTH) -> str:
    """Short and printable: hostile input (NUL bytes, control characters, 100,000 characters) never reaches a
    backend as-is."""
    raw = raw or ""
    cleaned = "".join(ch if ch.isprintable() else " " for ch in raw[: max_length * 2])
    return " ".join(cleaned.split())[:max_length]
