"""Publishing the 100-section booklet: how long the editor waits, and how soon the worker has made its PDFs.

The editor is a member of Publishers who presses Publish on the booklet's edit page in the admin: a real HTTP POST
of the edit form through Django's middleware and Wagtail's edit view (Django's test client, in this process). The
worker is a real `manage.py run_worker` process beside it, on the same database and media folder.

Goals: the Publish request returns in 1 s or less (the PDFs are only queued); both PDFs (standard and large print)
of the published content are made by the worker within 60 s of pressing Publish (30 s each, the PDF benchmark's
goal for this booklet). The yardstick, in the same run: the same request with the immediate backend, which made the
PDFs inside the editor's request before the queue existed.

Runs on a throw-away SQLite database and media folder. Exits 1 when a goal is missed.
Usage: .venv/bin/python bench/publish_booklet.py
"""

import os
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ["DJANGO_SETTINGS_MODULE"] = "cancerinfo.settings.dev"  # files on disk, shared with the worker process

import publication_pdf  # noqa: E402  (a throw-away database; builds the generated booklet)

MEDIA = tempfile.mkdtemp(prefix="bench-publish-media-")
os.environ.update(
    DEBUG="true",
    SECRET_KEY=secrets.token_urlsafe(40),
    ALLOWED_HOSTS="testserver,127.0.0.1,localhost",
    MEDIA_ROOT=MEDIA,
    TASKS_BACKEND="django_tasks_db.DatabaseBackend",
)

GOAL_PUBLISH = 1.0
GOAL_PDFS = 60.0
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def stream_post_data(block, state, prefix: str, out: dict) -> None:
    """A StreamField's value as the admin's edit form posts it (what Wagtail's JavaScript writes into the form)."""
    from wagtail import blocks

    if isinstance(block, (blocks.StreamBlock, blocks.ListBlock)):
        out[f"{prefix}-count"] = len(state)
        for index, child in enumerate(state):
            out.update({f"{prefix}-{index}-deleted": "", f"{prefix}-{index}-order": index})
            out[f"{prefix}-{index}-id"] = child.get("id") or ""
            if isinstance(block, blocks.StreamBlock):
                out[f"{prefix}-{index}-type"] = child["type"]
                child_block = block.child_blocks[child["type"]]
            else:
                child_block = block.child_block
            stream_post_data(child_block, child["value"], f"{prefix}-{index}-value", out)
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            stream_post_data(child_block, state.get(name), f"{prefix}-{name}", out)
    elif isinstance(state, bool):
        if state:
            out[prefix] = "on"
    elif state is not None:
        out[prefix] = state


def edit_form_data(client, page) -> dict:
    """What the browser sends when the editor presses Publish: the edit page's own fields, read from its HTML, and
    the StreamFields as the admin's JavaScript would write them."""
    from bs4 import BeautifulSoup
    from wagtail.fields import StreamField

    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200, response.status_code
    form = BeautifulSoup(response.content, "html.parser").find("form", id="page-edit-form")
    data = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name, kind = field.get("name"), field.get("type")
        if not name or kind in ("submit", "button"):
            continue
        if field.name == "select":
            data[name] = [option.get("value") for option in field.find_all("option") if option.has_attr("selected")]
        elif kind == "checkbox":
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        elif field.name == "textarea":
            data[name] = field.text.removeprefix("\n")
        else:
            data[name] = field.get("value", "")
    for model_field in type(page)._meta.get_fields():
        if isinstance(model_field, StreamField):
            block = model_field.stream_block
            stream_post_data(block, block.get_form_state(getattr(page, model_field.name)), model_field.name, data)
    return data


def press_publish(client, booklet) -> float:
    """The editor changes the summary and presses Publish; seconds until the admin answers (its redirect)."""
    data = edit_form_data(client, booklet)
    data["summary"] = f"{booklet.summary.split(' Edited')[0]} Edited {time.time_ns()}."
    data["action-publish"] = "action-publish"
    started = time.perf_counter()
    response = client.post(f"/admin/pages/{booklet.pk}/edit/", data)
    elapsed = time.perf_counter() - started
    assert response.status_code == 302, f"the admin did not accept the publish: {response.status_code}"
    booklet.refresh_from_db()
    assert booklet.summary == data["summary"], "the published summary is not the one sent"
    return elapsed


def start_worker() -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "run_worker", "--no-scheduler", "--interval", "0.2", "--worker-id", "bench"],
        cwd=ROOT,
        env=dict(os.environ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def main() -> int:
    publication_pdf.setup_django()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission
    from django.test import Client, override_settings

    from cancerinfo.core.demo import build_site
    from cancerinfo.jobs.worker import run_waiting_jobs
    from cancerinfo.publications.models import BookletPdf
    from cancerinfo.publications.pdf import content_key

    areas = build_site()
    with override_settings(TASKS=DATABASE_QUEUE, PUBLICATIONS_PDF_ON_PUBLISH=False):
        booklet = publication_pdf.generated_booklet(areas)
        run_waiting_jobs()  # Wagtail's jobs for the new pages, so they do not count below
    sections = booklet.get_children().count()
    editor = get_user_model().objects.create_user("publisher", password=secrets.token_urlsafe(16), is_staff=True)
    editor.groups.add(Group.objects.get(name="Publishers"))
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = Client()
    client.force_login(editor)

    with override_settings(TASKS=IMMEDIATE, PUBLICATIONS_PDF_ON_PUBLISH=True):
        inline = press_publish(client, booklet)  # the yardstick: PDFs made in the request
    BookletPdf.objects.all().delete()

    worker = start_worker()
    try:
        with override_settings(TASKS=DATABASE_QUEUE, PUBLICATIONS_PDF_ON_PUBLISH=True):
            pressed = time.perf_counter()
            queued = press_publish(client, booklet)
        key = content_key(booklet)
        made = 0
        while made < 2 and time.perf_counter() - pressed < GOAL_PDFS * 3:
            time.sleep(0.2)
            made = BookletPdf.objects.filter(booklet=booklet, content_key=key).exclude(file="").count()
        pdfs = time.perf_counter() - pressed
    finally:
        worker.terminate()
        worker.wait(timeout=60)

    ratio = inline / queued if queued else float("inf")
    ok_publish, ok_pdfs = queued <= GOAL_PUBLISH, made == 2 and pdfs <= GOAL_PDFS

    def line(label: str, seconds: float, note: str) -> None:
        print(f"{label:<62} {seconds:7.2f} s  {note}")

    print(f"Booklet with {sections} sections, published from its edit page in the admin by a Publisher.")
    line("Publish request, PDFs made in the request (before the queue)", inline, "(yardstick)")
    verdict = "ok" if ok_publish else "OVER GOAL"
    line("Publish request, PDFs queued for the worker", queued, f"goal ≤ {GOAL_PUBLISH:.0f} s: {verdict}")
    print(f"  the editor waits {ratio:.0f}× less")
    verdict = "ok" if ok_pdfs else "OVER GOAL"
    line("Both PDFs made by the run_worker process, from Publish", pdfs, f"goal ≤ {GOAL_PDFS:.0f} s: {verdict}")
    print(f"  PDFs of the published content: {made} of 2")
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"(Load average {load} on {os.cpu_count()} CPUs.)")
    print(f"result: {'OK' if ok_publish and ok_pdfs else 'OVER GOAL'}")
    return 0 if ok_publish and ok_pdfs else 1


if __name__ == "__main__":
    sys.exit(main())
