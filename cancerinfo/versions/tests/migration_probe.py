"""Run by test_migration_from_main.py in a separate process, with the code of one commit (old or current) and one
database: prints, as JSON, every public page address with its status and its audience switch's links.

It reads only what both the old and the new code have (pages, the sitemap, rendered HTML), so the same file
probes both. Usage: python migration_probe.py CODE_ROOT OUTPUT_JSON
"""

import json
import os
import re
import sys

SWITCH = re.compile(r'<nav class="audience-switch"[^>]*>(.*?)</nav>', re.S)
LINK = re.compile(r'<a href="([^"]+)">([^<]+)</a>')
LOC = re.compile(r"<loc>https?://[^/<]+(/[^<]*)</loc>")


def main(code_root: str, output: str) -> None:
    sys.path.insert(0, code_root)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cancerinfo.settings.test")
    import django

    django.setup()
    from django.test import Client
    from wagtail.models import Page

    client = Client()
    urls = set()
    for page in Page.objects.live().public().specific():
        if not page.url:
            continue
        urls.add(page.url)
        # A routable page's own sub-addresses that take no value (a booklet's all/, the prescription builder).
        for pattern in getattr(page, "get_subpage_urls", list)():
            route = str(pattern.pattern)
            if route and not route.startswith("^") and "<" not in route:
                urls.add(page.url + route)
    sitemap = client.get("/sitemap.xml")
    urls.update(LOC.findall(sitemap.content.decode()))
    found = {}
    for url in sorted(urls):
        response = client.get(url)
        switch = SWITCH.search(response.content.decode(errors="replace")) if response.status_code == 200 else None
        found[url] = {
            "status": response.status_code,
            "switch": sorted(LINK.findall(switch.group(1))) if switch else [],
        }
    with open(output, "w") as out:
        json.dump(found, out, indent=1, sort_keys=True)


if __name__ == "__main__":
    main(*sys.argv[1:3])
