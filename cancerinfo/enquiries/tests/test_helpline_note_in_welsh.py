"""The helpline note under the number on the contact page (SiteSettings.helpline_note) has a Welsh field beside it:
the Welsh contact page shows the Welsh, the English page the English, and the English where the Welsh is blank."""

import re

import pytest
from wagtail.models import Site

from cancerinfo.core.models import SiteSettings
from cancerinfo.translations.tests.factories import translate

pytestmark = pytest.mark.django_db

ENGLISH = "Calls are free from landlines and mobiles."
WELSH = "Mae galwadau am ddim o ffonau llinell dir a ffonau symudol."


@pytest.fixture
def contact_pages(contact_page):
    return {"english": contact_page, "welsh": translate(contact_page, "cy", {contact_page.title: "Cysylltu â ni"})}


def note_set_to(english: str, welsh: str) -> None:
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.helpline_note, site_settings.helpline_note_cy = english, welsh
    site_settings.save()


def test_the_welsh_contact_page_shows_the_welsh_note(client, contact_pages):
    note_set_to(ENGLISH, WELSH)

    response = client.get(contact_pages["welsh"].url)
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'<html lang="cy"', html)
    assert f"<p>{WELSH}</p>" in html and ENGLISH not in html

    english = client.get(contact_pages["english"].url).content.decode()
    assert f"<p>{ENGLISH}</p>" in english and WELSH not in english


def test_a_blank_welsh_note_shows_the_english_on_the_welsh_page(client, contact_pages):
    note_set_to(ENGLISH, "")

    assert f"<p>{ENGLISH}</p>" in client.get(contact_pages["welsh"].url).content.decode()
