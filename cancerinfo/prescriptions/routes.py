"""The views behind the health professionals page's routes (the prescription builder, signing in and out).

Apart from the page's models, so the page can import it wherever the page type lives; views.py fills it and the
app's ready() imports views.py.
"""

from cancerinfo.core.page_views import PageViews

professional_area_views = PageViews("health professionals page")
