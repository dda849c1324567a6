"""The log of changes to what search covers, in the database every app server shares (see models.IndexChange).

Writers add a row when content changes; each process's index remembers the last row it applied and, at most every
SEARCH_SYNC_SECONDS, reads what came after: a few pages to update in place, or a full rebuild when something else
changed. Reading the log is one indexed query; a search never writes to the database.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import DatabaseError
from django.utils import timezone

KEEP_FOR = datetime.timedelta(days=2)
PRUNE_EVERY = 500  # rows: now and then, writers drop rows no process can still need


@dataclass(frozen=True)
class Mark:
    """Where a process's index is in the log: the last row applied (0 before any)."""

    id: int = 0
    token: str = ""


def record(page_id: int | None = None):
    """The new IndexChange row (None when the table is not there yet)."""
    from .models import IndexChange

    try:
        change = IndexChange.objects.create(page_id=page_id)
        if change.pk % PRUNE_EVERY == 0:
            IndexChange.objects.filter(created_at__lt=timezone.now() - KEEP_FOR).delete()
    except DatabaseError:
        return None  # not migrated yet: nothing searches this database
    return change


def latest() -> Mark:
    from .models import IndexChange

    try:
        row = IndexChange.objects.order_by("-id").values_list("id", "token").first()
    except DatabaseError:
        return Mark()
    return Mark(row[0], str(row[1])) if row else Mark()


def since(mark: Mark, limit: int) -> list[int | None] | None:
    """The pages changed after `mark` (None for "everything"), or None when the log cannot say: the row `mark`
    names is gone (pruned, or rolled back), or there are more than `limit` changes."""
    from .models import IndexChange

    try:
        if mark.id and not IndexChange.objects.filter(id=mark.id, token=mark.token).exists():
            return None
        rows = list(
            IndexChange.objects.filter(id__gt=mark.id).order_by("id").values_list("page_id", flat=True)[: limit + 1]
        )
    except DatabaseError:
        return None
    return None if len(rows) > limit else rows
