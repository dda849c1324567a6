"""Editors can see what the importer recorded, in the Wagtail admin, but cannot change it there."""

import pytest
from django.contrib.auth import get_user_model

from cancerinfo.legacy.models import LegacySource

from .helpers import FATIGUE, run_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "not-a-real-password")
    client.force_login(user)
    return client


def test_imported_pages_are_listed_and_can_be_inspected(site_tree, admin_client):
    run_import(FATIGUE / "01-saving-your-energy.txt")
    source = LegacySource.objects.get()
    listing = admin_client.get("/admin/legacy_source/")
    assert listing.status_code == 200
    assert "Saving your energy" in listing.content.decode()
    assert admin_client.get("/admin/legacy_source/?q=saving").status_code == 200
    inspect = admin_client.get(f"/admin/legacy_source/inspect/{source.pk}/")
    assert inspect.status_code == 200
    assert "What is fatigue?" in inspect.content.decode()


def test_imported_pages_cannot_be_changed_in_the_admin(site_tree, admin_client):
    run_import(FATIGUE / "01-saving-your-energy.txt")
    source = LegacySource.objects.get()
    for url in (
        "/admin/legacy_source/new/",
        f"/admin/legacy_source/edit/{source.pk}/",
        f"/admin/legacy_source/delete/{source.pk}/",
    ):
        response = admin_client.get(url)
        assert response.status_code in {302, 403}, url
    assert admin_client.post(f"/admin/legacy_source/delete/{source.pk}/").status_code in {302, 403}
    assert LegacySource.objects.filter(pk=source.pk).exists()
