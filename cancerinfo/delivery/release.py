"""Which release of the code rendered a kept page.

A page kept rendered (rendering.py), a page-cache entry or a fragment was made by the templates and code of one
release. After a deploy the next release may draw the page differently (a new header, a new hole), so what an
older release kept is not served: every key and kept copy carries the release that made it.

RELEASE (the environment; a deploy can set it to the commit it installs) names the release. Unset, it is a
fingerprint of the project's code, templates and static files, read once per process: a deploy that changes any
of them is a new release without anyone remembering to say so.
"""

import hashlib
from functools import lru_cache
from pathlib import Path

from django.conf import settings

# What can change how a page is drawn. Tests and migrations cannot.
_DRAWN_BY = {".py", ".html", ".txt", ".css", ".js", ".svg", ".md", ".yaml"}


def release() -> str:
    configured = getattr(settings, "RELEASE", "")
    return configured[:40] if configured else _this_process_code()


@lru_cache(maxsize=1)
def _this_process_code() -> str:
    return code_fingerprint(Path(settings.PROJECT_DIR))  # about 35 ms, once


def code_fingerprint(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        parts = path.relative_to(root).parts
        if path.suffix not in _DRAWN_BY or "tests" in parts or "migrations" in parts or "__pycache__" in parts:
            continue
        digest.update("/".join(parts).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
