"""Views behind the glossary page's routes: the A–Z and a page per term. Thin: read the request, call services."""

from django.http import Http404
from django.template.response import TemplateResponse

from . import services
from .models import Term, glossary_views


@glossary_views.view("index")
def index(request, page):
    context = page.get_context(request)
    context.update(services.index_context(request.GET))
    return TemplateResponse(request, "glossary/glossary_index_page.html", context)


@glossary_views.view("term_page")
def term_page(request, page, slug):
    term = Term.objects.filter(slug=slug).first()
    if term is None:
        raise Http404("No such glossary term")
    context = page.get_context(request)
    context.update(term=term, usage=services.term_usage(term), neighbours=services.neighbours(term))
    return TemplateResponse(request, "glossary/term_page.html", context)
