"""The basket: kept in the visitor's session, no account needed. Keys are "CODE|format", values copies."""

from dataclasses import dataclass

from .forms import PROFESSIONAL_LIMIT
from .models import PRINT_FORMAT_LABELS, Publication

SESSION_KEY = "publications_basket"
MAX_LINES = 30


@dataclass
class BasketLine:
    key: str
    publication: Publication
    format: str
    quantity: int
    quantity_for_title: int = 0
    error: str = ""
    submitted: str = ""

    @property
    def format_label(self) -> str:
        return PRINT_FORMAT_LABELS.get(self.format, self.format)

    @property
    def field_name(self) -> str:
        return "qty-" + self.key.replace("|", "--")

    @property
    def problem(self) -> str:
        """Why this line cannot be sent as it is, or ''."""
        publication = self.publication
        if publication.out_of_print:
            return "This title is out of print. You can still download it."
        if self.format not in dict(publication.print_formats):
            return f"This title is no longer printed in {self.format_label.lower()}."
        if publication.stock_count < self.quantity_for_title:
            if publication.stock_count == 0:
                return "Out of stock. You can still download it."
            return f"Only {publication.stock_count} copies left."
        return ""


def _raw(session) -> dict[str, int]:
    raw = session.get(SESSION_KEY)
    return dict(raw) if isinstance(raw, dict) else {}


def _save(session, raw: dict[str, int]) -> None:
    session[SESSION_KEY] = raw
    session.modified = True


def make_key(code: str, fmt: str) -> str:
    return f"{code}|{fmt}"


def lines(session) -> list[BasketLine]:
    """The basket's lines with their publications, in one query; lines whose title has gone are dropped."""
    raw = _raw(session)
    codes = {key.split("|", 1)[0] for key in raw}
    publications = {p.code: p for p in Publication.objects.filter(code__in=codes).select_related("booklet")}
    result = []
    for key, quantity in raw.items():
        code, _, fmt = key.partition("|")
        publication = publications.get(code)
        if publication is None or fmt not in PRINT_FORMAT_LABELS or not isinstance(quantity, int) or quantity < 1:
            continue
        result.append(BasketLine(key, publication, fmt, quantity))
    per_title: dict[str, int] = {}
    for line in result:
        per_title[line.publication.code] = per_title.get(line.publication.code, 0) + line.quantity
    for line in result:
        line.quantity_for_title = per_title[line.publication.code]
    result.sort(key=lambda line: (line.publication.title.lower(), line.format))
    return result


def count(session) -> int:
    return sum(q for q in _raw(session).values() if isinstance(q, int))


def add(session, publication: Publication, fmt: str, quantity: int) -> str:
    """Add copies; returns an error message, or '' when added."""
    if publication.out_of_print:
        return f"{publication.title} is out of print. You can still download it."
    if fmt not in dict(publication.print_formats):
        return f"{publication.title} is not printed in {PRINT_FORMAT_LABELS.get(fmt, fmt).lower()}."
    if not publication.in_stock:
        return f"{publication.title} is out of stock. You can still download it."
    raw = _raw(session)
    key = make_key(publication.code, fmt)
    if key not in raw and len(raw) >= MAX_LINES:
        return f"Your basket is full: you can order up to {MAX_LINES} different items at a time."
    title_total = sum(q for k, q in raw.items() if k.split("|", 1)[0] == publication.code and isinstance(q, int))
    if title_total + quantity > PROFESSIONAL_LIMIT:
        return f"You can order up to {PROFESSIONAL_LIMIT} copies of a title."
    raw[key] = raw.get(key, 0) + quantity
    _save(session, raw)
    return ""


def set_quantity(session, key: str, quantity: int) -> None:
    raw = _raw(session)
    if key not in raw:
        return
    if quantity <= 0:
        del raw[key]
    else:
        raw[key] = quantity
    _save(session, raw)


def clear(session) -> None:
    session.pop(SESSION_KEY, None)
    session.modified = True
