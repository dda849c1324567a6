"""What the web server's master process prepares before it forks its workers (deploy/gunicorn.conf.py, when_ready).

Each worker otherwise did this on its first requests: fingerprint the release (delivery/release.py) and compile the
templates of the pages it serves. gunicorn replaces each worker after GUNICORN_MAX_REQUESTS; on a busy site that is
every few minutes, and a new worker's first requests took a quarter of a second of CPU, which the other worker lost
while readers waited. Done once in the master, the workers share the result (copy-on-write memory) from birth.
Nothing here opens a connection or starts a thread: neither would survive the fork.
"""

import logging
from pathlib import Path

from django.conf import settings
from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines

logger = logging.getLogger(__name__)


def prepare_for_workers() -> int:
    """Fingerprint the release and compile the project's own templates. Returns how many templates were compiled."""
    from cancerinfo.delivery.release import release

    release()
    return compile_templates()


def _project_templates() -> list[str]:
    """The names of every template the project itself ships (its folder and each of its apps' templates/)."""
    root = Path(settings.PROJECT_DIR)
    names = set()
    for folder in root.rglob("templates"):
        if folder.is_dir() and "tests" not in folder.parts:
            names.update(str(path.relative_to(folder)) for path in folder.rglob("*.html"))
    return sorted(names)


def compile_templates() -> int:
    """Load each template through Django's engine: the cached loader keeps it compiled, for every process forked
    from this one."""
    engine = engines["django"]
    compiled = 0
    for name in _project_templates():
        try:
            engine.get_template(name)
        except (TemplateDoesNotExist, TemplateSyntaxError):
            logger.warning("Start-up: the template %s could not be compiled; it will be on first use.", name)
            continue
        compiled += 1
    return compiled
