"""The demo booklets come from content files (booklets/demo/, docs/demo-content.md). Loading them makes the same
pages the demo made when it was written in Python: the snapshot in fixtures/demo_booklets.json was taken from that
code before the move. Loading again changes nothing."""

import io
import json
from pathlib import Path

import pytest
from wagtail.models import Page

from cancerinfo.booklets import demo

from .demo_snapshot import booklet_snapshot, taxonomy_snapshot

pytestmark = pytest.mark.django_db

SNAPSHOT = json.loads((Path(__file__).parent / "fixtures" / "demo_booklets.json").read_text(encoding="utf-8"))


def test_the_content_files_make_the_same_booklets_as_before_and_loading_again_changes_nothing(site_tree):
    demo.load(site_tree, io.StringIO())
    pages_after_first_load = Page.objects.count()
    demo.load(site_tree, io.StringIO())

    assert Page.objects.count() == pages_after_first_load
    assert taxonomy_snapshot() == SNAPSHOT["taxonomy"]
    assert booklet_snapshot() == SNAPSHOT["pages"]


def test_each_demo_booklet_is_marked_as_sample_content():
    for folder in demo.booklet_folders():
        assert "not medical advice" in (folder / "booklet.yaml").read_text(encoding="utf-8")
