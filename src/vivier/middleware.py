"""Guards that answer bad requests with a French page instead of a bare error."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation


class RequestSizeLimitMiddleware:
    """Refuses oversized bodies before any view reads them.

    Django's own limits raise inside ``request.POST`` and end as a 400 with no explanation;
    checking Content-Length up front lets us say what happened and keep the respondent's draft
    untouched (nothing is read, so nothing is half-saved).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        # Staff upload documents (practice sheets as PDF or DOCX); respondents never do.
        limit = (
            settings.VIVIER_MAX_UPLOAD_BYTES
            if request.path.startswith("/staff/")
            else settings.VIVIER_MAX_REQUEST_BYTES
        )
        if length > limit:
            return render(request, "errors/too_large.html", {"limit_kb": limit // 1000}, status=413)
        return self.get_response(request)


class LanguageMiddleware:
    """French unless the visitor chose English with the language switch.

    Django's LocaleMiddleware follows the browser's Accept-Language header; Vivier's audience
    is French and its texts are written in French first, so the browser's setting is not
    enough to switch: only the explicit choice (stored in the language cookie) is.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
