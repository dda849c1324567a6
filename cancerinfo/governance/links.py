"""Finding external links in page content and checking whether they still work."""

import re
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from django.db import models
from wagtail.blocks.list_block import ListValue
from wagtail.blocks.stream_block import StreamValue
from wagtail.blocks.struct_block import StructValue
from wagtail.fields import StreamField
from wagtail.rich_text import RichText

_HREF = re.compile(r"""href\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
USER_AGENT = "CancerInfo link checker (+https://cancerinfo.example/)"


def _is_external(url: str) -> bool:
    return url.lower().startswith(("http://", "https://"))


def _walk(value, found: list[str]) -> None:
    if value is None:
        return
    if isinstance(value, RichText):
        found.extend(u for u in _HREF.findall(value.source) if _is_external(u))
    elif isinstance(value, StreamValue):
        for child in value:
            _walk(child.value, found)
    elif isinstance(value, StructValue):
        for child in value.values():
            _walk(child, found)
    elif isinstance(value, ListValue | list | tuple):
        for child in value:
            _walk(child, found)
    elif isinstance(value, str):
        if _is_external(value.strip()) and not any(c.isspace() for c in value.strip()):
            found.append(value.strip())
        elif "href" in value:
            found.extend(u for u in _HREF.findall(value) if _is_external(u))


def external_links(page) -> list[str]:
    """Every external URL in a page's content: rich-text links, URL blocks (references) and URL fields."""
    found: list[str] = []
    for field in page._meta.get_fields():
        if isinstance(field, StreamField):
            _walk(getattr(page, field.name), found)
        elif isinstance(field, models.URLField) and field.model is not None and field.name != "url_path":
            value = getattr(page, field.name, "")
            if value and _is_external(value):
                found.append(value)
    return list(dict.fromkeys(found))


@dataclass(frozen=True)
class LinkResult:
    url: str
    status_code: int | None
    error: str

    @property
    def ok(self) -> bool:
        return self.status_code is not None and self.status_code < 400


def check_url(url: str, timeout: float = 10.0) -> LinkResult:
    """HEAD first; servers that refuse HEAD (405, 403, 501...) get a GET. Redirects are followed."""
    last = LinkResult(url, None, "not checked")
    if not _is_external(url):
        return LinkResult(url, None, "not a web address")
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (http/https only)
                if method == "GET":
                    response.read(1024)
                return LinkResult(url, response.status, "")
        except urllib.error.HTTPError as error:
            last = LinkResult(url, error.code, "")
            if error.code in (404, 410):
                return last
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
            reason = getattr(error, "reason", error)
            last = LinkResult(url, None, str(reason)[:300] or error.__class__.__name__)
    return last


def check_urls(urls, workers: int = 8, timeout: float = 10.0) -> dict[str, LinkResult]:
    urls = list(dict.fromkeys(urls))
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        results = pool.map(lambda u: check_url(u, timeout), urls)
        return {result.url: result for result in results}
