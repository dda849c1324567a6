import logging
import re

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import DatabaseError
from django.shortcuts import render
from wagtail.models import Page

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
_WORD = re.compile(r"\w+(?:-\w+)*")
_OPERATORS = {"AND", "OR", "NOT", "NEAR"}
RESULTS_PER_PAGE = 10


def clean_query(raw: str) -> str:
    """Keep a query short and printable: hostile input never reaches the search backend as-is."""
    cleaned = "".join(ch if ch.isprintable() else " " for ch in raw[: MAX_QUERY_LENGTH * 2])
    return " ".join(cleaned.split())[:MAX_QUERY_LENGTH]


def search_terms(query: str) -> str:
    """Plain words only: quotes, brackets and operators mean something to full-text engines, and people never
    intend that meaning."""
    words = _WORD.findall(query.replace("'", "").replace("’", ""))
    return " ".join(word for word in words if word.upper() not in _OPERATORS)


def search(request):
    query = clean_query(request.GET.get("q", ""))
    results = None
    terms = search_terms(query)
    if query:
        results_qs = Page.objects.live().public().specific().search(terms, operator="or") if terms else []
        paginator = Paginator(results_qs, RESULTS_PER_PAGE)
        try:
            results = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            results = paginator.page(1)
        except EmptyPage:
            results = paginator.page(paginator.num_pages)
        except DatabaseError:
            logger.warning("Search backend rejected a query", exc_info=True)
            results = Paginator([], RESULTS_PER_PAGE).page(1)
    return render(request, "core/search.html", {"query": query, "results": results})
