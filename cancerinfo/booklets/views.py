"""The booklet pages' views: the areas' listings, a booklet's contents and whole text, a section's and the A–Z's
context, registered in the route tables the models declare (core/page_views.py)."""

from django.http import Http404
from django.template.response import TemplateResponse

from cancerinfo.delivery.page_cache import depends_on

from . import services
from .models import BookletPage, a_to_z_views, booklet_index_views, booklet_views, section_views
from .signals import BOOKLETS_VERSION

# Easy read has its own layout: larger type, a picture beside each idea (docs/easy-read.md).
LANDING_TEMPLATES = {BookletPage.AUDIENCE_EASY_READ: "booklets/easy_read/booklet_page.html"}
SECTION_TEMPLATES = {BookletPage.AUDIENCE_EASY_READ: "booklets/easy_read/booklet_section_page.html"}


@booklet_index_views.view("index")
def index(request, page):
    context = page.get_context(request)
    depends_on(request, BOOKLETS_VERSION)  # grouped by term: booklets from anywhere on the site
    context["booklets"] = services.booklets_in_area(page)
    context["groups"] = services.term_groups(page.group_by)
    return TemplateResponse(request, "booklets/booklet_index_page.html", context)


@booklet_index_views.view("term")
def term(request, page, slug):
    term = services.find_term(page.group_by, slug)
    if term is None:
        raise Http404("No such cancer type or treatment")
    context = page.get_context(request)
    depends_on(request, BOOKLETS_VERSION)
    context["term"] = term
    context["booklets"] = services.booklets_for_term(page.group_by, term)
    return TemplateResponse(request, "booklets/term_page.html", context)


@booklet_views.view("landing")
def landing(request, page):
    context = page.get_context(request)
    context["sections"] = services.booklet_sections(page)
    context["covered_terms"] = services.covered_terms(page)
    return TemplateResponse(request, LANDING_TEMPLATES.get(page.audience, "booklets/booklet_page.html"), context)


@booklet_views.view("whole_booklet")
def whole_booklet(request, page):
    context = page.get_context(request)
    context["sections"] = services.booklet_sections(page, specific=True)
    context["section_anchors"] = services.section_anchors(context["sections"])
    return TemplateResponse(request, "booklets/booklet_whole.html", context)


@section_views.view("template")
def section_template(request, page) -> str | None:
    """The easy-read layout for a section of an easy-read booklet; None: the section page's own template."""
    booklet, _sections = services.booklet_and_sections(page)
    return SECTION_TEMPLATES.get(booklet.audience)


@section_views.view("context")
def section_context(request, page) -> dict:
    booklet, sections = services.booklet_and_sections(page)
    if not getattr(request, "is_preview", False):  # a preview shows the draft's own topics
        services.attach_terms(page, booklet)
    previous_section, next_section = services.neighbours(sections, page)
    return {
        "booklet": booklet,
        "sections": sections,
        "previous_section": previous_section,
        "next_section": next_section,
    }


@a_to_z_views.view("context")
def a_to_z_context(request, page) -> dict:
    depends_on(request, BOOKLETS_VERSION)
    return {"letters": services.a_to_z()}
