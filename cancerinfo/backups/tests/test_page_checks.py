"""The drill compares pages by what readers read: tokens that differ on every request and the helpline's "open
now" line, which changes with the clock, are left out; any other difference counts."""

from cancerinfo.backups.checks import compare_pages, normalise

PAGE = """<meta name="csrf-token" content="{token}"><header><p class="helpline__status{open}">{status}</p></header>
<main><form><input type="hidden" name="csrfmiddlewaretoken" value="{token}"><input name="q" value="{query}"></form>
<p>{text}</p></main>"""


def page(
    token="a1",  # noqa: S107 - a CSRF token in a sample page
    status="Open now, until 5pm",
    open=" helpline__status--open",
    query="bone",
    text="Hello",
):
    return normalise(PAGE.format(token=token, status=status, open=open, query=query, text=text))


def test_tokens_and_the_open_now_line_are_not_content():
    assert page() == page(token="zz9", status="Closed. Opens at 9am Monday", open="")


def test_real_content_and_visible_field_values_still_count():
    assert page() != page(text="Hello again")
    assert page() != page(query="lung")


def test_pages_that_answered_200_must_answer_200_with_the_same_content():
    before = {"/": {"status": 200, "sha256": "x"}, "/gone/": {"status": 200, "sha256": "y"}, "/404/": {"status": 404}}
    after = {"/": {"status": 200, "sha256": "changed"}, "/gone/": {"status": 404, "sha256": "y"}}
    assert compare_pages(before, after) == ["/ shows different content", "/gone/ answered 404 instead of 200"]
