"""Version tokens for what readers see, kept where cache eviction cannot lose them.

Cached pages, fragments and per-process tables name the versions they were built from ("content", "pages",
"tree:/cancer-types/", ...). Publishing moves only the versions of what changed, so only the pages that show it are
rebuilt. The tokens live in their own cache ("versions" in settings.CACHES): an in-process cache that holds nothing
else, so culling never reaches them, or Redis keys without an expiry time, which Redis's volatile-* eviction never
drops. A lost token is replaced by a new random one: everything built under the old one is simply rebuilt.

Within one request each token is read once and then stays fixed, so a page is built from one consistent view.
"""

import logging
import threading
import uuid
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import caches
from django.core.signals import request_finished, request_started
from django.db import transaction

logger = logging.getLogger(__name__)

ALIAS = "versions"
PAGES = "pages"  # any page published, unpublished, moved or deleted
CONTENT = "content"  # snippets and settings that every page can show (navigation, helpline, glossary...)

_local = threading.local()
_tables: dict[str, tuple[tuple, object]] = {}


def _store():
    return caches[ALIAS if ALIAS in settings.CACHES else "default"]


def _new_token() -> str:
    return uuid.uuid4().hex[:16]


# Every token name this process has read (up to MAX_KNOWN): on Redis a request's first read fetches them all at
# once, so a page that reads its tokens in several places (site, navigation, restrictions, its tree, the helpline)
# makes one round trip instead of one per place. (The file store reads a file per name: there it reads what is
# asked for.)
_known: dict[str, None] = {}
MAX_KNOWN = 200


def _reads_many_at_once(store) -> bool:
    return type(store).__module__.startswith("django_redis")


def get_many(names: Iterable[str]) -> dict[str, str]:
    names = list(dict.fromkeys(names))
    snapshot = getattr(_local, "snapshot", None)
    missing = [name for name in names if snapshot is None or name not in snapshot]
    found: dict[str, str] = {}
    if missing:
        if snapshot is not None and not snapshot and _reads_many_at_once(_store()):  # the request's first read
            if len(_known) + len(missing) > MAX_KNOWN:
                _known.clear()
            _known.update(dict.fromkeys(missing))
            found = _read(list(_known))
        else:
            _known.update(dict.fromkeys(missing))
            found = _read(missing)
        if snapshot is not None:
            snapshot.update(found)
    if snapshot is None:
        return {name: found[name] for name in names}
    return {name: snapshot[name] for name in names}


def read_along(pipeline, cache) -> Callable[[list], None] | None:
    """Let the request's first read of the version tokens ride on another Redis round trip: when this is that
    first read and the tokens live on the same Redis as `cache`, an MGET of every known token joins `pipeline`
    (one of `cache`'s), and the function returned takes its reply. None when it cannot ride along: then the
    tokens are read as usual, when first asked for. The API counts every request against its limit first, so the
    count and the tokens now cost one round trip, not two."""
    snapshot = getattr(_local, "snapshot", None)
    store = _store()
    if snapshot is None or snapshot or not _known or not _reads_many_at_once(store):
        return None
    if getattr(store, "_server", None) != getattr(cache, "_server", object()):
        return None
    names = list(_known)
    pipeline.mget([store.make_key(name) for name in names])

    def accept(values: list) -> None:
        # A token not there yet is left out: get_many() reads it (and makes it) when it is asked for.
        snapshot.update({name: store.client.decode(v) for name, v in zip(names, values, strict=True) if v is not None})

    return accept


def _read(names: list[str]) -> dict[str, str]:
    store = _store()
    try:
        found = store.get_many(names)
        for name in names:
            if name not in found:
                store.add(name, _new_token(), None)
                found[name] = store.get(name) or _new_token()
    except OSError:
        # The tokens' folder is another user's (a command run as root made it): trust nothing built before, so
        # every page is rendered afresh, never served stale. Run every process as one user, or use Redis.
        logger.warning("Cannot read the version tokens in %s: every page is rendered afresh", _where(store))
        found = {name: _new_token() for name in names}
    return found


def _where(store) -> str:
    return str(getattr(store, "_dir", type(store).__name__))


def get(name: str) -> str:
    return get_many([name])[name]


def bump(*names: str) -> None:
    """What these versions cover has changed. Moved now and again when the transaction commits: a reader who
    rebuilt from the old rows in between gets rebuilt once more."""
    names = tuple(dict.fromkeys(names))
    if not names:
        return

    def move():
        store = _store()
        try:
            store.set_many({name: _new_token() for name in names}, None)
        except OSError:
            logger.error(
                "Cannot move the version tokens in %s: other processes may show %s as it was", _where(store), names
            )
        snapshot = getattr(_local, "snapshot", None)
        if snapshot is not None:
            for name in names:
                snapshot.pop(name, None)

    move()
    transaction.on_commit(move)


def table(name: str, depends_on: Iterable[str], build: Callable[[], object]):
    """A small site-wide table (pairs of booklets, view restrictions...) built once per process and kept until one
    of the versions it depends on moves, so template tags can read it without a query."""
    key = tuple(get_many(depends_on).values())
    entry = _tables.get(name)
    if entry is not None and entry[0] == key:
        return entry[1]
    value = build()
    _tables[name] = (key, value)
    return value


def clear_tables() -> None:
    _tables.clear()


def _start(**kwargs) -> None:
    _local.snapshot = {}


def _finish(**kwargs) -> None:
    _local.snapshot = None


request_started.connect(_start, dispatch_uid="versions-start")
request_finished.connect(_finish, dispatch_uid="versions-finish")
