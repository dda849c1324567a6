""" "Listen to this page" reads the page's text aloud with the browser's own speech synthesis, in the page's language,
with play, pause, resume, stop and speed. Headless chromium may have no voices, so the tests put a stand-in for
window.speechSynthesis in the page before it loads, which records what the control asks of it. Where the browser
cannot speak, or runs no JavaScript, the control is not there."""

import pytest
from playwright.sync_api import expect

from cancerinfo.booklets.tests.factories import add_section, make_booklet

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Records every call; finishUtterance() ends the one being spoken, as a browser does when it has said it.
FAKE_SPEECH = """
(() => {
  const calls = [];
  let current = null;
  class FakeUtterance {
    constructor(text) { this.text = text; this.lang = ""; this.rate = 1; this.onend = null; this.onerror = null; }
  }
  const synth = {
    speak(u) { calls.push({ call: "speak", text: u.text, lang: u.lang, rate: u.rate }); current = u; },
    pause() { calls.push({ call: "pause" }); },
    resume() { calls.push({ call: "resume" }); },
    cancel() { calls.push({ call: "cancel" }); current = null; },
    getVoices() { return []; },
  };
  Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
  window.SpeechSynthesisUtterance = FakeUtterance;
  window.speechCalls = calls;
  window.finishUtterance = () => { const u = current; current = null; if (u && u.onend) u.onend({}); return !!u; };
})();
"""
NO_SPEECH = """
delete window.speechSynthesis;
if ("speechSynthesis" in window) Object.defineProperty(window, "speechSynthesis", { value: undefined });
"""


@pytest.fixture
def section(site_tree):
    booklet = make_booklet(site_tree["cancer-types"], "Understanding listening", sections=0)
    page = add_section(
        booklet,
        "Hearing the page",
        body="<p>The first paragraph of the section.</p><ul><li>A point in a list.</li></ul>",
    )
    add_section(booklet, "Another section")
    return page


def calls(page, kind=None) -> list[dict]:
    found = page.evaluate("window.speechCalls")
    return [call for call in found if kind is None or call["call"] == kind]


def test_the_control_reads_the_page_aloud_and_pauses_resumes_changes_speed_and_stops(
    live_server, browser_page, section
):
    page = browser_page
    page.add_init_script(FAKE_SPEECH)
    page.goto(live_server.url + section.url)
    control = page.locator("[data-listen]")
    expect(control).to_be_visible()
    play = control.locator("[data-listen-play]")  # "Play", or "Resume" while paused
    pause = control.get_by_role("button", name="Pause")
    stop = control.get_by_role("button", name="Stop")
    status = control.get_by_role("status")
    expect(pause).to_be_disabled()
    expect(stop).to_be_disabled()

    # Keyboard: Tab reaches Play and Enter starts reading, from the top of the page's text, in its language.
    play.focus()
    page.keyboard.press("Enter")
    expect(status).to_have_text("Reading the page aloud.")
    first = calls(page, "speak")
    assert first and first[0]["lang"] == "en-GB" and first[0]["rate"] == 1
    assert "Understanding listening" in first[0]["text"]
    expect(pause).to_have_attribute("aria-pressed", "false")
    expect(pause).to_be_enabled()

    pause.click()
    assert calls(page)[-1] == {"call": "pause"}
    expect(pause).to_have_attribute("aria-pressed", "true")
    expect(status).to_contain_text("Paused")
    expect(play).to_have_text("Resume")
    play.click()  # Resume
    assert calls(page)[-1] == {"call": "resume"}
    expect(pause).to_have_attribute("aria-pressed", "false")
    pause.click()
    pause.click()  # pressing Pause again resumes too
    assert [call["call"] for call in calls(page)[-2:]] == ["pause", "resume"]

    # A new speed starts the part being read again at that speed.
    spoken = len(calls(page, "speak"))
    control.get_by_label("Speed").select_option(label="Faster")
    assert calls(page)[-2]["call"] == "cancel"
    again = calls(page, "speak")[spoken]
    assert again["rate"] == 1.25 and again["text"] == first[0]["text"]

    # Read to the end: every part of the section's text, none of its navigation or of the control itself.
    while page.evaluate("window.finishUtterance()"):
        pass
    texts = [call["text"] for call in calls(page, "speak")]
    assert "Hearing the page" in texts
    assert "The first paragraph of the section." in texts
    assert "A point in a list." in texts
    assert not [text for text in texts if "Another section" in text or "Listen to this page" in text]
    assert all(call["rate"] == 1.25 for call in calls(page, "speak")[spoken:])
    expect(status).to_have_text("Finished reading the page.")
    expect(stop).to_be_disabled()

    play.click()
    expect(stop).to_be_enabled()
    stop.focus()
    page.keyboard.press("Enter")
    assert calls(page)[-1] == {"call": "cancel"}
    expect(status).to_have_text("Stopped.")
    expect(stop).to_be_disabled()
    expect(play).to_be_focused()  # focus is never left on a disabled button


def test_the_control_speaks_in_the_pages_language(live_server, browser_page, section):
    page = browser_page
    page.add_init_script(FAKE_SPEECH)
    page.goto(live_server.url + section.url)
    page.evaluate("document.documentElement.lang = 'cy'")  # a Welsh page
    page.locator("[data-listen]").get_by_role("button", name="Play").click()
    assert {call["lang"] for call in calls(page, "speak")} == {"cy"}


def test_the_control_is_absent_where_the_browser_cannot_speak(live_server, browser_page, section):
    page = browser_page
    page.add_init_script(NO_SPEECH)
    page.goto(live_server.url + section.url)
    assert page.evaluate("!window.speechSynthesis")
    control = page.locator("[data-listen]")
    expect(control).to_have_count(1)
    expect(control).to_be_hidden()
    expect(page.get_by_role("button", name="Play")).to_have_count(0)


def test_the_control_is_absent_without_javascript(live_server, browser, section):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + section.url)
    expect(page.locator("h1")).to_have_text("Hearing the page")
    expect(page.locator("[data-listen]")).to_be_hidden()
    expect(page.get_by_role("button", name="Play")).to_have_count(0)
    context.close()


def test_on_a_welsh_page_the_control_says_what_it_does_in_welsh(live_server, browser_page, site_tree, section):
    from cancerinfo.translations.tests.factories import translate

    booklet = section.get_parent().specific
    translate(site_tree["cancer-types"], "cy", {site_tree["cancer-types"].title: "Mathau o ganser"})
    translate(booklet, "cy", {booklet.title: "Deall gwrando"})
    welsh = translate(section, "cy", {"Hearing the page": "Clywed y dudalen"})
    page = browser_page
    page.add_init_script(FAKE_SPEECH)
    page.goto(live_server.url + welsh.url)
    control = page.locator("[data-listen]")
    play = control.locator("[data-listen-play]")
    status = control.get_by_role("status")

    play.click()
    expect(status).to_have_text("Yn darllen y dudalen yn uchel.")
    control.get_by_role("button", name="Oedi").click()
    expect(status).to_have_text("Wedi oedi. Pwyswch Ailddechrau neu Oedi eto i barhau.")
    expect(play).to_have_text("Ailddechrau")
    play.click()
    control.get_by_label("Cyflymder").select_option(label="Cyflymach")
    expect(status).to_have_text("Yn darllen y dudalen yn uchel, cyflymach.")
    while page.evaluate("window.finishUtterance()"):
        pass
    expect(status).to_have_text("Wedi gorffen darllen y dudalen.")
    expect(play).to_have_text("Chwarae")
    play.click()
    control.get_by_role("button", name="Stopio").click()
    expect(status).to_have_text("Wedi stopio.")
