"""Guards that answer bad requests with a French page instead of a bare error."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import add_never_cache_headers


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


#: Paths whose pages hold personal data or open a respondent's draft: the staff and holder
#: areas, the admin, and every page behind a respondent's private link (its token is in the
#: path) or leading to it.
PRIVATE_PATHS = re.compile(r"^/(?:staff|mes-pratiques|admin|connecte)/|^/q/[^/]+/(?:r/|commencer/)")


class NoStoreMiddleware:
    """``Cache-Control: no-store`` wherever a page or a file may hold personal data.

    A shared computer's browser cache, or a proxy's, must not keep a respondent's answers, a
    staff member's export or a page opened while logged in: every private path, every page
    seen by someone logged in, and every download (exports, reports) are marked no-store.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (
            PRIVATE_PATHS.match(request.path_info)
            or (user is not None and user.is_authenticated)
            or response.get("Content-Disposition", "").startswith("attachment")
        ):
            add_never_cache_headers(response)
        return response


class NulCharacterMiddleware:
    """No U+0000 reaches a view: removed from query and form values, a 404 in the address.

    Nobody types one, but a pasted text or a forged request can carry it, and PostgreSQL
    refuses it in any text: a lookup or a save holding it (a distribution link's code, a
    username, a rejection reason, a response id in the address) ended in a 500. Django's form
    fields refuse it already; views that read ``request.GET`` or ``request.POST`` directly
    get it removed here. Placed after the size limit, so an oversized body is never read.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path_info:
            raise Http404  # no page has one in its address
        request.GET = _without_nul(request.GET)
        if request.method == "POST":
            # OSError: the client went away mid-body; the CSRF check answers for it.
            with contextlib.suppress(OSError):
                request.POST = _without_nul(request.POST)
        return self.get_response(request)


def _without_nul(data: QueryDict) -> QueryDict:
    if not any("\x00" in key or any("\x00" in v for v in values) for key, values in data.lists()):
        return data
    cleaned = QueryDict(mutable=True)
    for key, values in data.lists():
        cleaned.setlist(key.replace("\x00", ""), [v.replace("\x00", "") for v in values])
    cleaned._mutable = False
    return cleaned
