"""Every route says who may open it, and the roles give exactly what the table says.

The route test walks the whole URLconf: a route without ``@public``, ``@signed_in`` or
``@requires`` fails it, whatever app adds it. Only Django's language switch is exempt.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pytest
from django.contrib.auth.models import Group
from django.urls import URLPattern, URLResolver, get_resolver

from vivier.accounts.access import access_of
from vivier.accounts.roles import ROLES

#: Routes that are Django's own, not the project's (the admin is not routed at all).
EXEMPT = ("i18n/", "admin/", "static/")
#: The only public pages of the staff and holder areas: the way in and out.
PUBLIC_IN_PRIVATE_AREAS = {"staff/connexion/", "staff/deconnexion/"}
PRIVATE_AREAS = ("staff/", "mes-pratiques/")


def routes(patterns: Sequence[object] | None = None, prefix: str = "") -> Iterator[tuple]:
    """(route, view) for every URL pattern, included URLconfs walked recursively."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(entry.pattern)  # type: ignore[attr-defined]
        if isinstance(entry, URLResolver):
            yield from routes(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route, entry.callback


def test_the_walk_finds_the_routes_of_every_app():
    found = {route for route, _view in routes()}
    for expected in (
        "",
        "q/<slug:slug>/",
        "staff/",
        "staff/campagnes/<slug:slug>/analyse/",
        "staff/pratiques/",
        "mes-pratiques/",
        "pratiques/",
        "i18n/setlang/",
    ):
        assert expected in found


def test_every_route_declares_who_may_open_it():
    undeclared = [
        route
        for route, view in routes()
        if not route.startswith(EXEMPT) and access_of(view) is None
    ]
    assert undeclared == []


def test_the_walk_catches_a_view_that_declares_nothing():
    """The check above can fail: a bare view in an included URLconf is found."""
    from django.urls import include, path

    def bare(request):  # pragma: no cover - never called
        raise AssertionError

    inner = include([path("nue/", bare, name="bare")])
    outer = [path("staff/", inner)]
    found = [(route, access_of(view)) for route, view in routes(outer)]
    assert found == [("staff/nue/", None)]


def test_no_page_of_the_staff_or_holder_areas_is_public_but_signing_in_and_out():
    public = {
        route
        for route, view in routes()
        if route.startswith(PRIVATE_AREAS)
        and (access := access_of(view))
        and access.kind == "public"
    }
    assert public == PUBLIC_IN_PRIVATE_AREAS


def test_every_permission_a_view_requires_is_held_by_a_role():
    held = {name for role in ROLES for name in role.permissions}
    required = {
        name
        for _route, view in routes()
        if (access := access_of(view)) and access.kind == "permissions"
        for name in access.permissions
    }
    assert required - held == set(), "only superusers could open these views"


@pytest.mark.django_db
def test_each_role_is_a_group_holding_exactly_its_permissions():
    for role in ROLES:
        group = Group.objects.get(name=role.slug)
        names = {
            f"{app_label}.{codename}"
            for app_label, codename in group.permissions.values_list(
                "content_type__app_label", "codename"
            )
        }
        assert names == set(role.permissions), role.slug


@pytest.mark.django_db
def test_the_roles_migration_removes_and_recreates_the_groups():
    from importlib import import_module

    from django.apps import apps
    from django.db import connection

    migration = import_module("vivier.accounts.migrations.0002_roles")

    class Editor:
        pass

    editor = Editor()
    editor.connection = connection  # type: ignore[attr-defined]
    slugs = [role.slug for role in ROLES]
    migration.remove_roles(apps, editor)
    assert not Group.objects.filter(name__in=slugs).exists()
    migration.create_roles(apps, editor)
    assert sorted(Group.objects.filter(name__in=slugs).values_list("name", flat=True)) == sorted(
        slugs
    )
    assert Group.objects.get(name="analyste").permissions.filter(codename="view_response")


@pytest.mark.django_db
def test_migrate_puts_the_roles_back_as_the_table_says():
    """A permission given to a role's group by hand goes at the next ``migrate``."""
    from django.contrib.auth.models import Permission

    from vivier.accounts.roles import sync_roles

    group = Group.objects.get(name="enqueteur")
    group.permissions.add(Permission.objects.get(codename="view_responsecontact"))
    Group.objects.filter(name="analyste").delete()
    assert sync_roles() == []
    assert not group.permissions.filter(codename="view_responsecontact").exists()
    assert Group.objects.get(name="analyste").permissions.exists()


@pytest.mark.django_db
def test_a_role_naming_a_permission_that_does_not_exist_stops_migrate(monkeypatch):
    from django.apps import apps
    from django.core.exceptions import ImproperlyConfigured

    from vivier.accounts import roles
    from vivier.accounts.apps import _sync_roles

    wrong = roles.Role("essai", "Essai", ("campaigns.fly_response",))
    monkeypatch.setattr(roles, "ROLES", (*roles.ROLES, wrong))
    assert roles.sync_roles() == ["campaigns.fly_response"]
    with pytest.raises(ImproperlyConfigured, match=r"campaigns\.fly_response"):
        _sync_roles(apps.get_app_config("accounts"), using="default")


def test_every_role_reads_in_english_too():
    from django.utils import translation

    for role in ROLES:
        with translation.override("en"):
            english = (str(role.label), str(role.description))
        with translation.override("fr"):
            french = (str(role.label), str(role.description))
        assert all(english) and english[0] != french[0] and english[1] != french[1], role.slug
