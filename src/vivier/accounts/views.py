"""Signing in and out, and where a person lands once signed in."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_safe

from .access import public, signed_in
from .navigation import entries_for

login = public(auth_views.LoginView.as_view())
logout = public(auth_views.LogoutView.as_view())


@signed_in
@require_safe
def after_login(request: HttpRequest) -> HttpResponse:
    """The first page of the header the person's roles open; else their sheets."""
    links = entries_for(request.user)
    return redirect(links[0].url if links else "practices_holder:list")
