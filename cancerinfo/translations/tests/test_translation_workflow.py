"""Translations are a workflow: a translator gets the English page's words as a PO file and gives back the file
translated; importing it makes (or updates) the page in that language, at its own address, recording the English
revision it was made from. When the English page changes, the translation says so, to editors and readers."""

import datetime
import re

import polib
import pytest
from wagtail.models import Locale

from cancerinfo.booklets.tests.factories import make_booklet, publish
from cancerinfo.translations import services
from cancerinfo.translations.models import PageTranslation
from cancerinfo.versions.models import ContentVersion

from .factories import WELSH, filled, translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def booklet(site_tree):
    return make_booklet(site_tree["treatments"], "Understanding testing", sections=3)


def first_section(booklet):
    return booklet.get_children().live().order_by("path").first().specific


def test_a_booklet_section_is_translated_through_export_an_edited_file_and_import(booklet):
    section = first_section(booklet)
    translate(booklet, "cy", WELSH)  # the booklet first: its sections go under its Welsh page

    exported = services.export_po(section, "cy")
    po = polib.pofile(exported)
    assert {entry.msgid for entry in po} >= {"Section 1", "Text of section 1."}
    assert all(entry.msgstr == "" for entry in po)
    assert po.metadata[services.SOURCE_REVISION_HEADER] == str(section.live_revision_id)

    edited = filled(exported, WELSH)  # what the translator sends back
    welsh = services.import_po(section, "cy", edited)

    assert welsh.locale.language_code == "cy"
    assert welsh.translation_key == section.translation_key
    assert welsh.live
    assert welsh.title == "Adran 1"
    assert "Testun adran un" in str(welsh.specific.body)
    record = PageTranslation.objects.get(page=welsh)
    assert record.source_id == section.pk
    assert record.source_revision_id == section.live_revision_id
    assert not record.english_updated
    # The one model of versions links it too, as a version in another language.
    assert ContentVersion.objects.filter(original=section, version=welsh, language="cy").exists()


def test_importing_again_updates_the_same_translation(booklet):
    translate(booklet, "cy", WELSH)
    section = first_section(booklet)
    first = translate(section, "cy", WELSH)
    again = translate(section, "cy", {**WELSH, "Section 1": "Adran un"})
    assert again.pk == first.pk
    assert again.title == "Adran un"
    assert PageTranslation.objects.filter(source=section).count() == 1


def test_a_file_for_another_page_or_language_is_refused_with_a_reason(booklet):
    section = first_section(booklet)
    exported = services.export_po(booklet, "cy")
    with pytest.raises(services.TranslationFileError, match="another page"):
        services.import_po(section, "cy", exported)
    with pytest.raises(services.TranslationFileError, match="not one of the site's other languages"):
        services.export_po(section, "fr")
    with pytest.raises(services.TranslationFileError, match="not a PO file"):
        services.import_po(section, "cy", "this is not a po file \x00\x01 msgid")


def test_the_welsh_page_is_live_at_its_own_address_with_lang_cy_and_hreflang_both_ways(client, booklet):
    translate(booklet, "cy", WELSH)
    section = first_section(booklet)
    welsh = translate(section, "cy", WELSH)

    assert welsh.url == "/cy" + section.url
    response = client.get(welsh.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="cy" dir="ltr">' in html
    assert "Testun adran un" in html
    assert f'<link rel="alternate" hreflang="en-GB" href="http://testserver{section.url}">' in html
    assert f'<link rel="alternate" hreflang="cy" href="http://testserver{welsh.url}">' in html

    english = client.get(section.url).content.decode()
    assert '<html lang="en-GB" dir="ltr">' in english
    assert f'<link rel="alternate" hreflang="cy" href="http://testserver{welsh.url}">' in english
    # The switch leads from each to the other, on the same page.
    assert re.search(rf'<a href="{re.escape(welsh.url)}" lang="cy" hreflang="cy">Cymraeg</a>', english)
    assert re.search(rf'<a href="{re.escape(section.url)}" lang="en-GB" hreflang="en-GB">English</a>', html)
    # The site chrome is in Welsh too (the committed catalogue).
    assert "Neidio i'r prif gynnwys" in html


def test_changing_the_english_source_marks_the_translation_out_of_date(client, booklet):
    translate(booklet, "cy", WELSH)
    section = first_section(booklet)
    welsh = translate(section, "cy", WELSH)
    assert "translation-notice--updated" not in client.get(welsh.url).content.decode()

    section.body = [("paragraph", "<p>New English text of section 1.</p>")]
    publish(section)

    record = PageTranslation.objects.get(page=welsh)
    assert record.english_updated
    html = client.get(welsh.url).content.decode()
    assert "translation-notice--updated" in html
    assert "Saesneg wedi'i diweddaru ers y cyfieithiad" in html  # "English updated since translation"
    assert f'href="{section.url}"' in html

    # Translating the new English again clears it.
    translate(section, "cy", WELSH)
    assert "translation-notice--updated" not in client.get(welsh.url).content.decode()


def test_a_missing_translation_shows_the_english_page_with_a_notice_never_a_404(client, booklet):
    translate(booklet, "cy", WELSH)
    translate(first_section(booklet), "cy", WELSH)
    untranslated = booklet.get_children().live().order_by("path")[1]

    response = client.get("/cy" + untranslated.url)

    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en-GB" dir="ltr">' in html
    assert "Text of section 2." in html
    assert "Nid yw'r dudalen hon ar gael yn Gymraeg eto" in html
    assert "This page is not available in Welsh yet. Here it is in English." in html
    # A page in a part of the site with no Welsh page at all: the English page too, never a 404.
    about = client.get("/cy/about-us/")
    assert about.status_code == 200
    assert "This page is not available in Welsh yet. Here it is in English." in about.content.decode()
    # A page that exists in no language is still a 404.
    assert client.get("/cy/treatments/no-such-booklet/").status_code == 404


def test_a_welsh_page_has_its_own_review_dates(client, booklet):
    """Review dates apply to each language: the Welsh booklet was checked when it was, not when the English was."""
    welsh = translate(booklet, "cy", WELSH).specific
    assert welsh.last_reviewed == datetime.date(2026, 3, 3)  # the English page's, until the Welsh is reviewed
    welsh.last_reviewed = datetime.date(2026, 11, 20)
    welsh.next_review_due = None
    publish(welsh)

    html = client.get(welsh.url).content.decode()
    assert 'Adolygwyd ddiwethaf:</dt> <dd><time datetime="2026-11-20">20 Tachwedd 2026</time>' in html
    assert 'datetime="2026-03-03"' not in html
    english = client.get(booklet.url).content.decode()
    assert '<time datetime="2026-03-03">3 March 2026</time>' in english
    assert 'datetime="2026-11-20"' not in english
    # Translating the English again does not take the Welsh page's review dates away.
    translate(booklet, "cy", WELSH)
    assert 'datetime="2026-11-20"' in client.get(welsh.url).content.decode()


def test_english_addresses_do_not_change(client, booklet):
    section = first_section(booklet)
    assert section.url.startswith("/treatments/")
    assert client.get(section.url).status_code == 200
    assert Locale.objects.get(pk=section.locale_id).language_code == "en-gb"
