"""Who may open a view: every view says it, and a test checks that every route does.

A view is either ``@public`` (anyone, signed in or not), ``@signed_in`` (any account), or
``@requires(*permissions)``: an anonymous visitor is sent to the sign-in page, a signed-in
person without every permission gets 403. Roles are groups of permissions
(:mod:`vivier.accounts.roles`), so a view names what it needs, never a role.

The decorators leave an :class:`Access` on the view (``view.access``), which the route test
reads to fail on any non-public route that declares nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

View = Callable[..., HttpResponse]


@dataclass(frozen=True, slots=True)
class Access:
    #: ``public``, ``signed_in`` or ``permissions``.
    kind: str
    permissions: tuple[str, ...] = ()


PUBLIC = Access("public")
SIGNED_IN = Access("signed_in")


def public(view: View) -> View:
    """Anyone may open the view (respondents, the public catalogue, sign-in pages)."""
    view.access = PUBLIC  # type: ignore[attr-defined]
    return view


def signed_in(view: View) -> View:
    """Any signed-in account; the view itself narrows what it shows to that person."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    wrapped.access = SIGNED_IN  # type: ignore[attr-defined]
    return wrapped


def requires(*permissions: str) -> Callable[[View], View]:
    """The view needs every one of ``permissions`` (``app_label.codename``)."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not request.user.has_perms(permissions):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.access = Access("permissions", permissions)  # type: ignore[attr-defined]
        return wrapped

    return decorate


def access_of(view: Any) -> Access | None:
    """What a view declares, looking through ``as_view()`` wrappers and decorators."""
    for candidate in (view, getattr(view, "view_class", None), getattr(view, "__wrapped__", None)):
        found = getattr(candidate, "access", None)
        if isinstance(found, Access):
            return found
    return None


__all__ = ["PUBLIC", "SIGNED_IN", "Access", "access_of", "public", "requires", "signed_in"]
