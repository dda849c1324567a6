"""Translate pages in tests the way a translator does: export the PO file, fill it in, import it."""

import polib

from cancerinfo.translations import services

URDU = {
    "Understanding testing": "ٹیسٹ کو سمجھنا",
    "Section 1": "پہلا حصہ",
    "Text of section 1.": "کیموتھراپی ایک علاج ہے جو کینسر کے خلیوں کو ختم کرنے کے لیے دوائیں استعمال کرتا ہے۔",
}
WELSH = {
    "Understanding testing": "Deall profion",
    "Section 1": "Adran 1",
    "Text of section 1.": "Testun adran un, yn Gymraeg: mae cemotherapi yn defnyddio cyffuriau.",
}


def filled(po_text: str, strings: dict[str, str]) -> str:
    po = polib.pofile(po_text)
    for entry in po:
        if entry.msgid in strings:
            entry.msgstr = strings[entry.msgid]
    return str(po)


def translate(page, code: str, strings: dict[str, str]):
    """The page's translation into `code`, published, with what `strings` knows filled in."""
    return services.import_po(page, code, filled(services.export_po(page, code), strings))


def welsh_page_html(response, words: list[tuple[str, str]]) -> str:
    """The page's HTML, checked to be a Welsh page (200, lang="cy") with each (Welsh, English) pair's Welsh in it and
    its English nowhere."""
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="cy"' in html
    for welsh, english in words:
        assert welsh in html, f"missing the Welsh {welsh!r}"
        assert english not in html, f"still in English: {english!r}"
    return html


def assert_english_kept(html: str, words: list[tuple[str, str]]) -> None:
    """An English page: each (Welsh, English) pair's English in it and its Welsh nowhere."""
    for welsh, english in words:
        assert english in html, f"missing the English {english!r}"
        assert welsh not in html, f"Welsh on an English page: {welsh!r}"
