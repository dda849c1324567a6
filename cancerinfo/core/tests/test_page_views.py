"""Route tables: a routable page hands each sub-address to the view its app registered, without importing views."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from cancerinfo.core.page_views import PageViews


def test_a_route_is_served_by_the_view_registered_for_it():
    table = PageViews("test page")

    @table.view("detail")
    def detail(request, page, code):
        return ("detail", request, page, code)

    assert table.serve("detail", "the request", "the page", "CI-1") == ("detail", "the request", "the page", "CI-1")
    assert table.names() == {"detail"}


def test_a_route_with_no_view_says_which_page_and_route():
    with pytest.raises(ImproperlyConfigured, match="test page's route 'basket'"):
        PageViews("test page").serve("basket", None, None)


def test_two_views_for_one_route_are_refused():
    table = PageViews("test page")
    table.view("basket")(lambda request, page: None)
    with pytest.raises(ImproperlyConfigured, match="Two views"):
        table.view("basket")(lambda request, page: None)


def test_another_app_adds_a_sub_address_that_the_page_lists_and_serves():
    table = PageViews("test page")
    table.add_route("prescription/<str:code>/", lambda request, page, code: ("built", page, code), "builder")
    [url] = table.added_urls()
    match = url.resolve("prescription/AB12/")
    assert match.url_name == "builder"
    assert match.func("the page", "the request", **match.kwargs) == ("built", "the page", "AB12")
    assert table.names() == {"builder"}


def test_the_professionals_area_lists_the_addresses_prescriptions_adds():
    from cancerinfo.versions.models import HealthProfessionalsPage

    names = {url.name for url in HealthProfessionalsPage.get_subpage_urls()}
    assert {"builder", "created", "sign_in", "sign_in_confirm", "sign_out"} <= names


def test_every_route_of_every_routable_page_has_its_view():
    """Each app's ready() imported its views, so no page answers a sub-address with ImproperlyConfigured. A view is
    registered under the name of the page's route method."""
    from cancerinfo.booklets.models import BookletIndexPage, BookletPage, booklet_index_views, booklet_views
    from cancerinfo.donations.models import DonationPage, donation_views
    from cancerinfo.enquiries.models import ContactPage, contact_views
    from cancerinfo.glossary.models import GlossaryIndexPage, glossary_views
    from cancerinfo.publications.models import PublicationsPage, catalogue_views
    from cancerinfo.questions.models import QuestionIndexPage, question_index_views
    from cancerinfo.trials.models import TrialFinderPage, finder_views

    for page_type, table, routes_elsewhere in [
        (PublicationsPage, catalogue_views, set()),
        (TrialFinderPage, finder_views, set()),
        (DonationPage, donation_views, set()),
        (ContactPage, contact_views, set()),
        (GlossaryIndexPage, glossary_views, set()),
        (BookletIndexPage, booklet_index_views, set()),
        (BookletPage, booklet_views, set()),
        (QuestionIndexPage, question_index_views, set()),
    ]:
        routes = _route_methods(page_type) - routes_elsewhere - {"index_route"}  # Wagtail's own default route
        assert routes and routes <= table.names(), (page_type.__name__, routes - table.names())


def test_every_page_whose_context_comes_from_its_views_has_that_view():
    from cancerinfo.booklets.models import a_to_z_views, section_views
    from cancerinfo.organisations.models import directory_views
    from cancerinfo.questions.models import question_page_views

    for table in (section_views, a_to_z_views, question_page_views, directory_views):
        assert "context" in table.names(), table.page_type


def _route_methods(page_type) -> set[str]:
    return {name for name in dir(page_type) if getattr(getattr(page_type, name, None), "_routablepage_routes", None)}
