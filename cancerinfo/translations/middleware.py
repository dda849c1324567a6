from django.utils import translation

from . import languages


class LanguageFromPathMiddleware:
    """Activates the language the address names (/cy/... Welsh) and English everywhere else. Unlike Django's
    LocaleMiddleware it never reads a cookie or Accept-Language, so an address always gives the same page and the
    caches need no Vary."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        code = languages.from_path(request.path_info) or languages.default_code()
        translation.activate(code)
        request.LANGUAGE_CODE = code
        try:
            return self.get_response(request)
        finally:
            translation.activate(languages.default_code())
