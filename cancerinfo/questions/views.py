"""The CancerQs pages' views: the index's listings (every question, by topic, by cancer type) and a question page's
context, registered in the route tables the models declare (core/page_views.py)."""

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from cancerinfo.delivery.page_cache import depends_on
from cancerinfo.taxonomy.models import CancerType, Topic

from . import services
from .models import question_index_views, question_page_views


def _listing(request, page, questions, template, **extra):
    page_number = request.GET.get("page")
    depends_on(request, services.QUESTIONS_VERSION)  # counts and lists of every question
    context = page.get_context(request)
    context.update(extra)
    context.update(services.paginate(questions, page_number))
    return TemplateResponse(request, template, context)


@question_index_views.view("index")
def index(request, page):
    return _listing(
        request,
        page,
        services.questions_under(page),
        "questions/question_index_page.html",
        topics=services.topics_with_counts(page),
        cancer_types=services.cancer_types_with_counts(page),
    )


def _term_listing(request, page, term_model, slug, *, field, term_kind, heading):
    """The questions tagged with one term (a topic or a cancer type); 404 for a slug that names none."""
    term = term_model.objects.filter(slug=slug).first()
    if term is None:
        raise Http404(f"No such {term_kind}")
    return _listing(
        request,
        page,
        services.questions_under(page).filter(**{field: term}),
        "questions/question_term_page.html",
        term=term,
        term_kind=term_kind,
        heading=heading(term),
    )


@question_index_views.view("topic")
def topic(request, page, slug):
    return _term_listing(
        request,
        page,
        Topic,
        slug,
        field="topics",
        term_kind="topic",
        heading=lambda topic: _("Questions about %(topic)s") % {"topic": topic.name.lower()},
    )


@question_index_views.view("cancer_type")
def cancer_type(request, page, slug):
    return _term_listing(
        request,
        page,
        CancerType,
        slug,
        field="cancer_types",
        term_kind="cancer type",
        heading=lambda cancer_type: _("Questions about %(topic)s") % {"topic": cancer_type.name},
    )


@question_page_views.view("context")
def question_context(request, page) -> dict:
    return services.question_page_context(page, request)
