"""What the support directory page shows: read the filters from the request, ask the services for the matches."""

from . import services
from .models import directory_views


@directory_views.view("context")
def directory_context(request, page) -> dict:
    return services.directory(request.GET)
