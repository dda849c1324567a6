"""The live chat in Debian's chromium, a reader and a nurse in two browser contexts against daphne: the queue,
picking up, messages both ways within a second, typing, transfer, ending with an outcome and the transcript; with
WebSockets gone the messages still arrive by polling; with JavaScript off the page offers the ask-a-nurse form."""

import re

import pytest
from django.test import Client
from playwright.sync_api import expect

from cancerinfo.chat import services
from cancerinfo.chat.models import Chat

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FAST = 1000  # ms: a message shows on the other side within a second


def nurse_context(browser, server, user):
    client = Client()
    client.force_login(user)  # with the second factor (cancerinfo/conftest.py)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": server}])
    return context


def reader_context(browser, websockets=True):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    if not websockets:
        context.add_init_script("window.WebSocket = undefined;")
    return context


def start_chat(page, server):
    page.goto(server + "/chat/")
    page.get_by_label("I agree that CancerInfo's nurses").check()
    page.get_by_role("button", name="Start a chat").click()
    expect(page.locator("[data-chat-status]")).to_contain_text("number 1 in the queue")


def test_reader_and_nurse_chat_transfer_end_and_transcript(
    asgi_server, browser, helpline_open, nurse, second_nurse, assert_accessible
):
    services.seen_console(second_nurse)
    reader_ctx, nurse_ctx = reader_context(browser), nurse_context(browser, asgi_server, nurse)
    try:
        reader = reader_ctx.new_page()
        start_chat(reader, asgi_server)
        assert_accessible(reader)

        console = nurse_ctx.new_page()
        console.goto(asgi_server + "/admin/chat/")
        expect(console.locator("[data-connection]")).to_have_text("Connected.")
        reference = Chat.objects.get().reference
        console.get_by_role("button", name=f"Pick up {reference}").click()
        panel = console.locator("[data-chat-panel]")
        expect(panel).to_have_count(1)
        expect(reader.locator("[data-chat-status]")).to_contain_text("chatting with a nurse")

        reader.get_by_label("Your message").fill("Is it normal to feel this tired?")
        reader.get_by_role("button", name="Send").click()
        expect(panel.locator("[data-log]")).to_contain_text("Is it normal to feel this tired?", timeout=FAST)

        panel.locator("textarea").press_sequentially("Yes")
        expect(reader.locator("[data-chat-typing]")).to_be_visible(timeout=FAST)
        panel.locator("textarea").fill("Yes, tiredness is common during treatment.")
        panel.get_by_role("button", name="Send").click()
        expect(reader.locator("[data-chat-log]")).to_contain_text("tiredness is common", timeout=FAST)

        reader.get_by_label("Your message").press_sequentially("Thank")
        expect(panel.locator("[data-typing]")).to_be_visible(timeout=FAST)

        # Transfer to the other nurse: the chat leaves this console.
        panel.get_by_label("Pass to").select_option(label=second_nurse.get_username())
        panel.get_by_role("button", name="Transfer").click()
        expect(panel).to_contain_text("with another nurse")
        assert Chat.objects.get().nurse == second_nurse

        # The other nurse ends it with an outcome.
        other_ctx = nurse_context(browser, asgi_server, second_nurse)
        other = other_ctx.new_page()
        other.goto(asgi_server + "/admin/chat/")
        other_panel = other.locator("[data-chat-panel]")
        expect(other_panel.locator("[data-log]")).to_contain_text("Is it normal to feel this tired?")
        other_panel.get_by_label("Outcome").select_option(label="Information given")
        other_panel.get_by_role("button", name="End chat").click()
        expect(reader.locator("[data-chat-status]")).to_contain_text("This chat has ended")
        assert Chat.objects.get().outcome == "information"

        with reader.expect_download() as download_info:
            reader.get_by_role("button", name="Download the chat").click()
        download = download_info.value
        assert re.fullmatch(r"chat-CH-\w{4}-\w{4}\.txt", download.suggested_filename)
        text = open(download.path(), encoding="utf-8").read()
        assert "tiredness is common" in text and "call 999 or NHS 111" in text
        other_ctx.close()
    finally:
        reader_ctx.close()
        nurse_ctx.close()


def test_with_websockets_blocked_messages_still_arrive_by_polling(asgi_server, browser, helpline_open, nurse):
    reader_ctx, nurse_ctx = reader_context(browser, websockets=False), nurse_context(browser, asgi_server, nurse)
    try:
        reader = reader_ctx.new_page()
        start_chat(reader, asgi_server)
        console = nurse_ctx.new_page()
        console.goto(asgi_server + "/admin/chat/")
        reference = Chat.objects.get().reference
        console.get_by_role("button", name=f"Pick up {reference}").click()
        panel = console.locator("[data-chat-panel]")
        reader.get_by_label("Your message").fill("Sent without a WebSocket")
        reader.get_by_role("button", name="Send").click()
        expect(panel.locator("[data-log]")).to_contain_text("Sent without a WebSocket", timeout=3000)
        panel.locator("textarea").fill("Received by polling")
        panel.get_by_role("button", name="Send").click()
        expect(reader.locator("[data-chat-log]")).to_contain_text("Received by polling", timeout=3000)
        expect(reader.locator("[data-chat-log] li", has_text="Received by polling")).to_have_count(1)
    finally:
        reader_ctx.close()
        nurse_ctx.close()


def test_without_javascript_the_page_offers_the_ask_a_nurse_form(asgi_server, browser, helpline_open):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(asgi_server + "/chat/")
        expect(page.get_by_role("link", name="Ask a nurse by e-mail")).to_be_visible()
        expect(page.get_by_role("button", name="Start a chat")).to_be_hidden()
        page.get_by_role("link", name="Ask a nurse by e-mail").click()
        expect(page.locator("h1")).to_have_text("Ask a nurse")
    finally:
        context.close()
