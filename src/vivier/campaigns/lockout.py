"""Login throttling: django-axes, for logins that come through a web request.

django-axes refuses any ``authenticate()`` call without a request, since it keys failures on
the client's address. Calls without one come from code, not from the network (the test
client's ``login()``, a shell): there is no address to throttle, so they are let through to
the password check as Django alone would do it.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


class LockoutBackend(AxesStandaloneBackend):
    """Refuses a locked-out username and address pair; authenticates no one itself."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """The page shown instead of the login form while a pair is locked out (HTTP 429)."""
    cool_off = get_cool_off(request)
    minutes = max(1, round(cool_off.total_seconds() / 60)) if cool_off else None
    return render(
        request,
        "registration/locked_out.html",
        {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    )


def client_address(request: HttpRequest) -> str | None:
    """The address failures are counted against.

    Behind a reverse proxy every request comes from the proxy: the proxy then names the
    client in the header ``VIVIER_CLIENT_IP_HEADER`` says (e.g. ``HTTP_X_REAL_IP``). In a list
    (X-Forwarded-For), the last address is the one the nearest proxy added; the others are
    whatever the client claimed.
    """
    header = settings.VIVIER_CLIENT_IP_HEADER
    value = request.META.get(header, "") if header else ""
    if value:
        candidate = str(value).split(",")[-1].strip()
        # A header that holds no address (a misconfigured proxy, or a client writing it
        # itself) is ignored: PostgreSQL's inet column would refuse it mid-login.
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            pass
    return request.META.get("REMOTE_ADDR")
