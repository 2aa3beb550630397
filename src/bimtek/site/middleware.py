from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation


class ChosenLanguageMiddleware:
    """Bahasa Indonesia unless the user chose English with the language button.

    Django's LocaleMiddleware follows the browser's Accept-Language, which would show an English UI
    to most KPU operators whose browsers are set to English by default.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]  # Django sets LANGUAGE_CODE on the request the same way (LocaleMiddleware)
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
