"""The basket as a plain service: what each button on the basket page does to the basket kept in a session."""

import pytest

from cancerinfo.publications import basket

from .factories import make_publication

pytestmark = pytest.mark.django_db


class Session(dict):
    """A session as the basket sees it: a dict that can be marked as changed."""

    modified = False


@pytest.fixture
def bone():
    return make_publication("CI-0001", "Understanding bone health", stock_count=100, large_print=True)


def test_adding_a_title_puts_its_copies_in_the_basket_and_says_so(bone):
    session = Session()
    outcome = basket.submit(session, {"action": "add", "code": "ci-0001", "format": "large-print", "quantity": "2"})
    assert outcome == basket.Outcome(go_to="basket", message="Added to your basket: Understanding bone health.")
    assert [(line.publication, line.format, line.quantity) for line in basket.lines(session)] == [
        (bone, "large-print", 2)
    ]
    assert session.modified


def test_adding_an_unknown_code_changes_nothing_and_says_why():
    session = Session()
    outcome = basket.submit(session, {"action": "add", "code": "CI-9999", "format": "standard", "quantity": "1"})
    assert outcome.failed and outcome.go_to == "basket"
    assert outcome.message == "We could not find that publication."
    assert basket.lines(session) == []


def test_adding_an_out_of_stock_title_is_refused(bone):
    bone.stock_count = 0
    bone.save()
    session = Session()
    outcome = basket.submit(session, {"action": "add", "code": "CI-0001", "format": "standard", "quantity": "1"})
    assert outcome.failed and "out of stock" in outcome.message
    assert basket.count(session) == 0


def test_a_malformed_add_form_shows_the_basket_again_with_the_error(bone):
    outcome = basket.submit(Session(), {"action": "add", "code": "CI-0001", "format": "standard", "quantity": "lots"})
    assert outcome.go_to == "" and set(outcome.errors) == {"add"} and outcome.errors["add"]


def test_new_numbers_are_saved_together_and_the_reader_can_go_on_to_order(bone):
    session = Session()
    basket.add(session, bone, "standard", 1)
    basket.add(session, bone, "large-print", 1)
    outcome = basket.submit(session, {"action": "order", "qty-CI-0001--standard": "3", "qty-CI-0001--large-print": "2"})
    assert outcome == basket.Outcome(go_to="order")
    assert {line.format: line.quantity for line in basket.lines(session)} == {"standard": 3, "large-print": 2}


def test_one_bad_number_saves_none_of_them_and_names_its_field(bone):
    session = Session()
    basket.add(session, bone, "standard", 1)
    basket.add(session, bone, "large-print", 1)
    outcome = basket.submit(
        session, {"action": "update", "qty-CI-0001--standard": "4", "qty-CI-0001--large-print": "many"}
    )
    assert outcome.go_to == "" and list(outcome.errors) == ["qty-CI-0001--large-print"]
    assert "(Understanding bone health)" in outcome.errors["qty-CI-0001--large-print"]
    assert {line.format: line.quantity for line in basket.lines(session)} == {"standard": 1, "large-print": 1}
    shown = {
        line.format: line
        for line in basket.lines_for_page(session, outcome.errors, {"qty-CI-0001--large-print": "many"})
    }
    assert shown["large-print"].error and shown["large-print"].submitted == "many"
    assert shown["standard"].error == ""


def test_updating_says_the_basket_was_updated(bone):
    session = Session()
    basket.add(session, bone, "standard", 1)
    outcome = basket.submit(session, {"action": "update", "qty-CI-0001--standard": "5"})
    assert outcome == basket.Outcome(go_to="basket", message="Your basket has been updated.")
    assert basket.count(session) == 5


def test_removing_a_line_takes_it_out_of_the_basket(bone):
    session = Session()
    basket.add(session, bone, "standard", 1)
    basket.add(session, bone, "large-print", 2)
    outcome = basket.submit(session, {"action": "remove:CI-0001|standard"})
    assert outcome == basket.Outcome(go_to="basket", message="Removed from your basket.")
    assert [line.format for line in basket.lines(session)] == ["large-print"]


def test_an_unknown_action_changes_nothing(bone):
    session = Session()
    basket.add(session, bone, "standard", 1)
    assert basket.submit(session, {"action": "explode"}) == basket.Outcome(go_to="basket")
    assert basket.count(session) == 1
