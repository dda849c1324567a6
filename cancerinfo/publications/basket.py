"""The basket: kept in the visitor's session, no account needed. Keys are "CODE|format", values copies.

`submit` is the basket page's form: add a title, change the numbers, remove a line, or go on to the order form.
"""

from dataclasses import dataclass, field

from .forms import PROFESSIONAL_LIMIT, AddToBasketForm, BasketLineForm
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


@dataclass
class Outcome:
    """What a basket form did. With `go_to` (a route name: "basket" or "order") the reader is sent on, with the
    message; without it the basket page is shown again with `errors` (by field name, "add" for the add form)."""

    go_to: str = ""
    message: str = ""
    failed: bool = False  # the message says what went wrong
    errors: dict[str, str] = field(default_factory=dict)


def submit(session, data) -> Outcome:
    """Apply the basket page's form (`data` is what was posted) to the basket in `session`."""
    action = data.get("action", "")
    if action == "add":
        return _add_posted(session, data)
    if action in ("update", "order"):
        errors = update_quantities(session, data)
        if errors:
            return Outcome(errors=errors)
        if action == "order":
            return Outcome(go_to="order")
        return Outcome(go_to="basket", message="Your basket has been updated.")
    if action.startswith("remove:"):
        set_quantity(session, action.removeprefix("remove:"), 0)
        return Outcome(go_to="basket", message="Removed from your basket.")
    return Outcome(go_to="basket")


def _add_posted(session, data) -> Outcome:
    form = AddToBasketForm(data)
    if not form.is_valid():
        return Outcome(errors={"add": " ".join(str(e) for errs in form.errors.values() for e in errs)})
    publication = Publication.objects.filter(code=form.cleaned_data["code"].upper()).first()
    if publication is None:
        return Outcome(go_to="basket", message="We could not find that publication.", failed=True)
    problem = add(session, publication, form.cleaned_data["format"], form.cleaned_data["quantity"])
    if problem:
        return Outcome(go_to="basket", message=problem, failed=True)
    return Outcome(go_to="basket", message=f"Added to your basket: {publication.title}.")


def update_quantities(session, data) -> dict[str, str]:
    """Set every line's number from `data`, or none of them: returns the errors by field name, {} when saved."""
    errors = {}
    updates = {}
    for line in lines(session):
        form = BasketLineForm({"quantity": data.get(line.field_name, line.quantity)})
        if form.is_valid():
            updates[line.key] = form.cleaned_data["quantity"]
        else:
            errors[line.field_name] = " ".join(form.errors["quantity"]) + f" ({line.publication.title})"
    if not errors:
        for key, quantity in updates.items():
            set_quantity(session, key, quantity)
    return errors


def lines_for_page(session, errors: dict[str, str], data) -> list[BasketLine]:
    """The lines to show, each with its error and what the reader typed for it (shown back, not saved)."""
    result = lines(session)
    for line in result:
        line.error = errors.get(line.field_name, "")
        line.submitted = data.get(line.field_name, "")[:20]
    return result
