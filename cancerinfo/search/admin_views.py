"""The editors' search report: the most frequent queries and the queries that found nothing."""

from django.shortcuts import render

from . import querylog


def search_report(request):
    querylog.flush()  # bring the buffered counts in first (an editor's request, never a visitor's search)
    try:
        days = min(max(int(request.GET.get("days", 30)), 1), 365)
    except ValueError:
        days = 30
    report = querylog.report(days=days)
    return render(request, "search/admin_report.html", {"report": report, "days": days})
