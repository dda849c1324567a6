"""The pages' addresses in every language: English at the root, each other language under its code (/cy/...).

Wagtail's own URLs with its page view wrapped by views.serve (the English page with a notice when a page has no
translation). Included by the root URLconf through i18n_patterns(prefix_default_language=False).
"""

from django.urls import re_path
from wagtail import urls as wagtail_urls

from . import views

urlpatterns = [
    *[pattern for pattern in wagtail_urls.urlpatterns if getattr(pattern, "name", "") != "wagtail_serve"],
    re_path(wagtail_urls.serve_pattern, views.serve, name="wagtail_serve"),
]
