"""A database outage gets a kind 503 that keeps what the person typed, never a 500."""

import pytest
from django.db import OperationalError
from django.http import HttpResponse
from django.urls import path

from cancerinfo.delivery.outage import DatabaseOutageMiddleware


def failing_view(request):
    raise OperationalError("could not connect to server")


def test_a_failed_form_post_is_shown_again_with_what_was_typed(rf):
    request = rf.post("/contact-us/ask-a-nurse/", {"question": "Is <b>tiredness</b> normal?", "password": "x"})
    middleware = DatabaseOutageMiddleware(lambda r: HttpResponse())
    response = middleware.process_exception(request, OperationalError("server closed the connection"))
    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    assert 'value="Is &lt;b&gt;tiredness&lt;/b&gt; normal?"' in html  # kept, escaped, ready to send again
    assert 'action="/contact-us/ask-a-nurse/"' in html
    assert "password" not in html
    assert "Nothing you sent has been saved yet" in html


def test_other_errors_are_left_alone(rf):
    middleware = DatabaseOutageMiddleware(lambda r: HttpResponse())
    assert middleware.process_exception(rf.get("/"), ValueError("a bug")) is None


urlpatterns = [path("boom/", failing_view)]


@pytest.mark.urls(__name__)
def test_the_outage_page_renders_through_the_whole_stack(client):
    response = client.get("/boom/")
    assert response.status_code == 503
    assert "Please try again in a minute" in response.content.decode()
