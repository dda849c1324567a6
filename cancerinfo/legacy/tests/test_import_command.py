"""`manage.py import_legacy_html PATH...`: booklets and sections from saved pages, safe to run again."""

import re

import pytest
from wagtail.models import Page, Revision

from cancerinfo.booklets.models import BookletPage, BookletSectionPage
from cancerinfo.legacy.models import LegacySource

from .helpers import FATIGUE, FIXTURES, HOSTILE, MALFORMED, run_import, seed_page
from .test_parsing import FATIGUE_CONTENTS, HOSTILE_TRACES

pytestmark = pytest.mark.django_db

FATIGUE_TITLE = "Understanding tiredness and cancer"


def booklet_named(title: str) -> BookletPage:
    return BookletPage.objects.get(title__iexact=title)


def sections_of(booklet) -> list[BookletSectionPage]:
    return list(BookletSectionPage.objects.child_of(booklet).order_by("path"))


def section(booklet, title) -> BookletSectionPage:
    return BookletSectionPage.objects.child_of(booklet).get(title=title)


def body_html(page) -> str:
    page.refresh_from_db()
    return "".join(str(block["value"]) for block in page.body.raw_data)


def page_links(html: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'<a linktype="page" id="(\d+)">', html)]


def snapshot() -> dict:
    """Everything an import could change: each page's place, title, state and latest revision; all revisions."""
    pages = {
        p.pk: (p.path, p.title, p.slug, p.live, p.latest_revision_id, p.has_unpublished_changes)
        for p in Page.objects.all()
    }
    sources = {s.page_id: (s.body_source, s.unresolved_links, s.resolved_links) for s in LegacySource.objects.all()}
    return {"pages": pages, "revisions": Revision.objects.count(), "sources": sources}


def make_demo_bone_booklet(site_tree) -> BookletPage:
    """What load_demo_content makes: the bone booklet under /cancer-types/, with a few live sections."""
    booklet = site_tree["cancer-types"].add_child(
        instance=BookletPage(title="Understanding secondary cancer in the bone", slug="secondary-bone-cancer")
    )
    booklet.save_revision().publish()
    for title in ("Introduction", "Bisphosphonates", "Treating hypercalcaemia"):
        page = booklet.add_child(
            instance=BookletSectionPage(
                title=title, slug=title.lower().replace(" ", "-"), body=[("paragraph", "<p>Sample.</p>")]
            )
        )
        page.save_revision().publish()
    booklet.refresh_from_db()
    return booklet


# --- The seed page ---------------------------------------------------------------------------------------------


def test_seed_page_creates_the_booklet_and_section(site_tree):
    run = run_import(seed_page())
    assert not run.failed, run.stderr
    booklet = booklet_named("Understanding secondary cancer in the bone")
    assert booklet.get_parent().pk == site_tree["cancer-types"].pk
    assert booklet.series == "CancerBACUP"
    assert booklet.live
    bisphosphonates = section(booklet, "Bisphosphonates")
    assert bisphosphonates.live
    assert bisphosphonates.url == f"{booklet.url}bisphosphonates/"
    html = body_html(bisphosphonates)
    assert html.startswith("<p>There are two different types of cells found in bone")
    assert "Next page" not in html and "Related CancerQs" not in html
    assert "1 created, 0 updated, 0 unchanged, 0 failed" in run.stdout


def test_seed_contents_list_orders_the_sections_with_unpublished_placeholders(site_tree):
    run_import(seed_page())
    booklet = booklet_named("Understanding secondary cancer in the bone")
    sections = sections_of(booklet)
    assert len(sections) == 26
    assert [s.title for s in sections[:4]] == [
        "Introduction",
        "What is secondary bone cancer",
        "The bones",
        "What are the causes?",
    ]
    assert [s.title for s in sections[13:15]] == ["Bisphosphonates", "Treating hypercalcaemia"]
    assert [s.title for s in sections[-4:]] == [
        "CancerBACUP's services",
        "Other useful organisations",
        "Helpful books",
        "References",
    ]
    assert [s.title for s in sections if s.live] == ["Bisphosphonates"]
    # The placeholders are drafts an editor can find and fill in; visitors never see them.
    assert all(s.has_unpublished_changes for s in sections if not s.live)


def test_seed_link_waits_for_its_target_then_resolves_when_the_target_is_imported(site_tree, tmp_path):
    run_import(seed_page())
    booklet = booklet_named("Understanding secondary cancer in the bone")
    bisphosphonates = section(booklet, "Bisphosphonates")
    assert "see treating hypercalcaemia)" in body_html(bisphosphonates)
    assert LegacySource.objects.get(page=bisphosphonates).unresolved_links == ["treating hypercalcaemia"]

    later = tmp_path / "hypercalcaemia.txt"
    later.write_text(
        "## Understanding secondary cancer in the bone\n\n### Treating hypercalcaemia\n\n"
        "Sample text: too much calcium in the blood can be treated with a drip.\n"
    )
    run = run_import(later)
    assert not run.failed, run.stderr
    target = section(booklet, "Treating hypercalcaemia")
    assert target.live
    assert page_links(body_html(bisphosphonates)) == [target.pk]
    assert LegacySource.objects.get(page=bisphosphonates).unresolved_links == []
    assert "links now resolved in 1 earlier section" in run.stdout
    # The placeholder became the section: same page, same place in the contents.
    assert [s.title for s in sections_of(booklet)][13:15] == ["Bisphosphonates", "Treating hypercalcaemia"]


def test_seed_imports_into_the_existing_demo_booklet(site_tree):
    demo = make_demo_bone_booklet(site_tree)
    old_bisphosphonates = section(demo, "Bisphosphonates")
    run = run_import(seed_page())
    assert not run.failed, run.stderr
    assert BookletPage.objects.filter(title__iexact="Understanding secondary cancer in the bone").count() == 1
    demo.refresh_from_db()
    assert demo.series == "CancerBACUP"
    bisphosphonates = section(demo, "Bisphosphonates")
    assert bisphosphonates.pk == old_bisphosphonates.pk
    assert bisphosphonates.url == "/cancer-types/secondary-bone-cancer/bisphosphonates/"
    assert "osteoclasts" in body_html(bisphosphonates)
    # The demo's own section is live, so the link resolves straight away.
    assert page_links(body_html(bisphosphonates)) == [section(demo, "Treating hypercalcaemia").pk]
    assert [s.title for s in sections_of(demo)][:1] == ["Introduction"]
    assert len(sections_of(demo)) == 26
    assert "updated" in run.stdout


def test_seed_imports_into_the_booklet_made_by_the_demo_loader(site_tree):
    from cancerinfo.booklets import demo

    class Quiet:
        def write(self, text):
            pass

    demo.load(site_tree, Quiet())
    existing = booklet_named("Understanding secondary cancer in the bone")
    run = run_import(seed_page())
    assert not run.failed, run.stderr
    assert BookletPage.objects.filter(title__iexact=existing.title).count() == 1
    assert "osteoclasts" in body_html(section(existing, "Bisphosphonates"))


# --- Our own fixtures ------------------------------------------------------------------------------------------


def test_fixtures_give_booklet_sections_order_and_links_resolved_in_both_directions(site_tree):
    run = run_import(FATIGUE)  # a folder: 01 (text) links to 02 (HTML), which is imported after it
    assert not run.failed, run.stderr
    assert "2 created" in run.stdout
    booklet = booklet_named(FATIGUE_TITLE)
    assert booklet.series == "Sample Guides"
    assert tuple(s.title for s in sections_of(booklet)) == FATIGUE_CONTENTS
    saving, sleeping = section(booklet, "Saving your energy"), section(booklet, "Sleeping better")
    assert saving.live and sleeping.live
    assert page_links(body_html(saving)) == [sleeping.pk]  # resolved when its target arrived
    assert page_links(body_html(sleeping)) == [saving.pk]
    assert '<a href="https://example.org/tiredness">' in body_html(saving)
    assert "<ul><li>Go to bed" in body_html(sleeping)
    # "What is fatigue?" is only a placeholder, so that link waits as plain text.
    assert "read What is fatigue? and talk" in body_html(saving)
    assert LegacySource.objects.get(page=saving).unresolved_links == ["What is fatigue?"]


def test_links_render_as_links_to_the_sections_they_name(site_tree, client):
    run_import(FATIGUE)
    booklet = booklet_named(FATIGUE_TITLE)
    html = client.get(section(booklet, "Saving your energy").url).content.decode()
    assert f'<a href="{section(booklet, "Sleeping better").url}">sleeping better</a>' in html


def test_links_prefer_the_same_booklet(site_tree, tmp_path):
    for booklet_title in ("Understanding one thing", "Understanding another thing"):
        (tmp_path / f"{booklet_title}.txt").write_text(
            f"## {booklet_title}\n\n### Who can help\n\nSample text: nurses and doctors can help.\n"
        )
    (tmp_path / "z-link.txt").write_text(
        "## Understanding another thing\n\n### Questions\n\nSample text: see [who can help](#) and "
        "[Understanding one thing](#), or [see the Who Can Help section](#).\n"
    )
    assert not run_import(tmp_path).failed
    other = booklet_named("Understanding another thing")
    links = page_links(body_html(section(other, "Questions")))
    helpers = section(other, "Who can help").pk
    assert links == [helpers, booklet_named("Understanding one thing").pk, helpers]


def test_a_second_import_changes_nothing(site_tree):
    make_demo_bone_booklet(site_tree)
    paths = [FATIGUE, HOSTILE, seed_page()]
    assert not run_import(*paths).failed
    before = snapshot()
    run = run_import(*paths)
    assert not run.failed, run.stderr
    assert snapshot() == before
    assert "0 created, 0 updated, 5 unchanged, 0 failed" in run.stdout


def test_a_cross_link_survives_renaming_and_moving_its_target(site_tree, client):
    run_import(FATIGUE)
    booklet = booklet_named(FATIGUE_TITLE)
    saving, sleeping = section(booklet, "Saving your energy"), section(booklet, "Sleeping better")
    sleeping.title, sleeping.slug = "Getting a good night's sleep", "good-nights-sleep"
    sleeping.save_revision().publish()

    html = client.get(saving.url).content.decode()
    assert f'<a href="{booklet.url}good-nights-sleep/">sleeping better</a>' in html
    # Importing the same pages again keeps the link on the renamed page.
    run = run_import(FATIGUE / "01-saving-your-energy.txt")
    assert not run.failed, run.stderr
    assert page_links(body_html(saving)) == [sleeping.pk]

    other = site_tree["treatments"].add_child(instance=BookletPage(title="Another booklet", slug="another"))
    other.save_revision().publish()
    Page.objects.get(pk=sleeping.pk).move(other, pos="last-child")
    html = client.get(saving.url).content.decode()
    assert '<a href="/treatments/another/good-nights-sleep/">sleeping better</a>' in html


def test_changed_page_is_updated_with_one_new_revision(site_tree, tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("## Understanding change\n\n### First section\n\nSample text, first version.\n")
    run_import(page)
    first = section(booklet_named("Understanding change"), "First section")
    revisions = Revision.objects.for_instance(first).count()
    page.write_text("## Understanding change\n\n### First section\n\nSample text, second version.\n")
    run = run_import(page)
    assert "1 updated" in run.stdout
    assert "second version" in body_html(first)
    assert Revision.objects.for_instance(first).count() == revisions + 1


def test_new_booklets_go_under_the_parent_given(site_tree, tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<h2>Understanding surgery</h2><h3>Before the operation</h3><p>Sample text.</p>")
    assert not run_import(page, parent="treatments").failed
    assert booklet_named("Understanding surgery").get_parent().pk == site_tree["treatments"].pk


# --- Hostile and malformed pages -------------------------------------------------------------------------------


def test_hostile_pages_import_clean(site_tree, client):
    run = run_import(HOSTILE)
    assert not run.failed, run.stderr
    booklet = booklet_named(FATIGUE_TITLE)
    assert booklet.title == FATIGUE_TITLE
    for title in ("Eating well", "Gentle exercise"):
        page = section(booklet, title)
        stored = body_html(page) + page.title
        served = client.get(page.url).content.decode()
        main = served[served.index("<main") : served.index("</main>")]
        for trace in HOSTILE_TRACES:
            assert trace.lower() not in stored.lower(), (title, trace)
            # The page around the body has the site's own CSS, scripts and forms (search, feedback).
            if trace not in ("style", "<script", "<form", "<input"):
                assert trace.lower() not in main.lower(), (title, trace)
        assert "<script" not in main and "style=" not in main
    eating = section(booklet, "Eating well")
    assert "Click here for recipes, or read this page." in body_html(eating)
    assert page_links(body_html(section(booklet, "Gentle exercise"))) == [eating.pk]


def test_malformed_pages_are_reported_and_write_nothing_while_the_others_import(site_tree):
    before = snapshot()
    run = run_import(MALFORMED)
    assert run.failed
    assert snapshot() == before
    for name, reason in (
        ("empty-body.txt", "the section has no text"),
        ("no-heading.txt", "no section heading"),
        ("no-title.html", "no booklet title"),
        ("undecodable.txt", "cannot decode it as UTF-8"),
    ):
        assert re.search(rf"{re.escape(str(MALFORMED / name))}: .*{reason}", run.stderr), (name, run.stderr)

    mixed = run_import(
        MALFORMED / "no-heading.txt", FATIGUE / "01-saving-your-energy.txt", MALFORMED / "undecodable.txt"
    )
    assert mixed.failed
    assert "3 file(s): 1 created, 0 updated, 0 unchanged, 2 failed." in mixed.stdout
    booklet = booklet_named(FATIGUE_TITLE)
    assert section(booklet, "Saving your energy").live
    assert not section(booklet, "Causes of fatigue").live  # still the placeholder: the broken page wrote nothing


def test_a_page_that_fails_while_writing_leaves_nothing_behind(site_tree):
    before = snapshot()
    run = run_import(FATIGUE / "01-saving-your-energy.txt", parent="no-such-area")
    assert run.failed
    assert "no booklet area with the slug 'no-such-area'" in run.stderr
    assert snapshot() == before


def test_missing_paths_and_empty_folders_are_reported(site_tree, tmp_path):
    run = run_import(tmp_path / "nowhere.txt", tmp_path)
    assert run.failed
    assert f"{tmp_path / 'nowhere.txt'}: no such file or folder" in run.stderr
    assert "holds no saved pages" in run.stderr


def test_folders_skip_files_that_are_not_saved_pages():
    from cancerinfo.legacy.services import page_files

    names = {path.name for path, problem in page_files([FIXTURES]) if not problem}
    assert "README" not in names
    assert {"01-saving-your-energy.txt", "02-sleeping-better.html", "undecodable.txt"} <= names
