"""/health/: is this app server able to serve (database reachable), and is the last backup fresh?

For load balancers and monitoring. JSON, never cached, no personal data. 200 while the database answers (an
overdue backup is a warning, not a reason to take servers out of service); 503 when it does not.
"""

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from . import services


@never_cache
def health(request):
    body = {"status": "ok", "database": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        state = services.status()
    except DatabaseError:
        return JsonResponse({"status": "fail", "database": "unreachable"}, status=503)
    backup = {"status": "overdue" if state.overdue else "ok", "max_age_hours": services.max_age_hours()}
    if state.last_backup is not None:
        backup["last_success_at"] = state.last_backup.finished_at.isoformat()
        backup["age_hours"] = round((timezone.now() - state.last_backup.finished_at).total_seconds() / 3600, 1)
    if state.last_drill is not None:
        backup["last_drill_at"] = state.last_drill.finished_at.isoformat()
    backup["drill_status"] = "overdue" if state.drill_overdue else "ok"
    body["backup"] = backup
    if state.overdue:
        body["status"] = "warning"
    return JsonResponse(body)
