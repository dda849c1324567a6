"""The prescription being built: a draft kept in the visitor's session until "Create".

A draft is a list of ["kind", id] pairs (see services.KINDS) and, for a signed-in professional, a note. `submit`
applies the builder's form to it: add ticked items, save the note, move or remove an item, or create the
prescription. Plain functions on a session; the builder view only reads the request and renders.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from . import services
from .models import NOTE_MAX_LENGTH, Prescription

SESSION_KEY = "prescription_builder"
CREATED_KEY = "prescription_created"
NOTE_NEEDS_SIGN_IN = "Sign in with your work e-mail address to add a note, or leave the note empty."
MOVES = {"up", "down", "remove"}
ACTIONS = MOVES | {"save", "create"}


@dataclass
class Draft:
    items: list[list] = field(default_factory=list)  # [kind, id] pairs, in the order they will be listed
    note: str = ""


@dataclass
class Outcome:
    """What the builder's form did: errors as (field id, message), the note to show back in the form, and whether
    the prescription was created (its code and revoke token are then in the session, for the "created" page)."""

    errors: list[tuple[str, str]] = field(default_factory=list)
    note: str = ""
    created: bool = False


def load(session, professional=None) -> Draft:
    """The draft in the session, cleaned of anything malformed; the note only for a signed-in professional."""
    state = session.get(SESSION_KEY) or {}
    items = [
        list(pair)
        for pair in state.get("items", [])
        if isinstance(pair, list) and len(pair) == 2 and pair[0] in services.KINDS
    ]
    note = str(state.get("note", ""))[:NOTE_MAX_LENGTH] if professional is not None else ""
    return Draft(items=items[: services.MAX_ITEMS], note=note)


def save(session, draft: Draft) -> None:
    session[SESSION_KEY] = {"items": draft.items, "note": draft.note}


def submit(session, data, professional, may_create: Callable[[], bool]) -> Outcome:
    """Apply the builder's form (`data`: what was posted, with getlist) to the draft in `session`.

    `may_create` counts one creation against the sender's allowance and says whether it is within it.
    """
    draft = load(session, professional)
    action = data.get("action", "")
    if action == "add":
        outcome = Outcome(note=draft.note, errors=add(draft, data.getlist("add")))
        save(session, draft)
        return outcome
    outcome = Outcome(note=data.get("note", ""))
    if "note" in data:
        problem = note_problem(outcome.note, professional)
        if problem:
            outcome.errors.append(("id_note", problem))
        else:
            draft.note = outcome.note
    verb, _, index = action.partition(":")
    if verb in MOVES:
        if not move(draft, verb, index):
            outcome.errors.append(("chosen", "That item is no longer on the list."))
    elif verb == "create" and not outcome.errors:
        problem = create(session, draft, professional, may_create)
        if problem:
            outcome.errors.append(("search-q", problem))
        else:
            outcome.created = True
            return outcome
    elif verb not in ACTIONS:
        outcome.errors.append(("search-q", "Something went wrong. Please try again."))
    save(session, draft)
    return outcome


def add(draft: Draft, keys: list[str]) -> list[tuple[str, str]]:
    """Add the ticked items ("kind:id") not already on the draft, up to the limit; returns the errors."""
    parsed = [services.parse_key(key) for key in keys]
    if not keys:
        return [("search-q", "Tick at least one item to add it to the prescription.")]
    if any(pair is None for pair in parsed):
        return [("search-q", "Some of the items could not be added. Search again and tick them.")]
    for kind, pk in parsed:
        if [kind, pk] not in draft.items:
            draft.items.append([kind, pk])
    if len(draft.items) > services.MAX_ITEMS:
        draft.items = draft.items[: services.MAX_ITEMS]
        return [("search-q", f"A prescription can hold up to {services.MAX_ITEMS} items.")]
    return []


def note_problem(note: str, professional) -> str:
    """Why this note cannot be kept, or '': only signed-in professionals write notes, and short ones."""
    if note.strip() and professional is None:
        return NOTE_NEEDS_SIGN_IN
    if len(note) > NOTE_MAX_LENGTH:
        return f"The note must be {NOTE_MAX_LENGTH} characters or fewer. It has {len(note)}."
    return ""


def move(draft: Draft, verb: str, index: str) -> bool:
    """Move the item at `index` up or down one place, or remove it; False when there is no such item."""
    if not index.isdigit() or int(index) >= len(draft.items):
        return False
    i, items = int(index), draft.items
    if verb == "remove":
        items.pop(i)
    elif verb == "up" and i > 0:
        items[i - 1], items[i] = items[i], items[i - 1]
    elif verb == "down" and i < len(items) - 1:
        items[i + 1], items[i] = items[i], items[i + 1]
    return True


def create(session, draft: Draft, professional, may_create: Callable[[], bool]) -> str:
    """Make the prescription from the draft's items that still exist, and start a new draft; returns a problem,
    or '' when created."""
    chosen = services.resolve(draft.items)
    if not chosen:
        return "Add at least one item before you create the prescription."
    if not may_create():
        return "You have made many prescriptions in the last hour. Please try again later."
    prescription, token = Prescription.create(
        [[item.kind, item.pk] for item in chosen], draft.note.strip(), author=professional
    )
    session.pop(SESSION_KEY, None)
    session[CREATED_KEY] = {"code": prescription.code, "token": token}
    return ""


def take_created(session) -> tuple[Prescription | None, str] | None:
    """The prescription just created from this session and its revoke token, once (None if there is none to
    show; the prescription is None if it has gone since)."""
    info = session.pop(CREATED_KEY, None)
    if not info:
        return None
    return Prescription.objects.filter(code=info["code"]).first(), info["token"]


def choices(query: str, draft: Draft) -> tuple[list, list]:
    """The draft's items as listed, and the search results for `query` grouped by kind (those already chosen left
    out), as (chosen, [(kind heading, items)])."""
    chosen = services.resolve(draft.items)
    chosen_keys = {item.key for item in chosen}
    results = services.search(query) if query else {}
    groups = [
        (services.KIND_HEADINGS[kind], [item for item in items if item.key not in chosen_keys])
        for kind, items in results.items()
    ]
    return chosen, groups
