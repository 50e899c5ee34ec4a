"""The demo has an account for every role, with the demo password, listed by `vivier demo`."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from vivier.accounts.roles import PERSONNE_CONCERNEE, ROLES
from vivier.demo.builder import DEMO_ACCOUNTS, STAFF_PASSWORD, DemoSummary, _staff_user

pytestmark = pytest.mark.django_db


def test_every_role_has_a_demo_account_holding_it_alone():
    _staff_user()
    users = get_user_model().objects
    covered = set()
    for username, slug in DEMO_ACCOUNTS:
        account = users.get(username=username)
        assert list(account.groups.values_list("name", flat=True)) == [slug]
        assert not account.is_superuser
        covered.add(slug)
    # The person concerned signs in with a code, not a password (vivier.accounts.demo).
    assert covered | {PERSONNE_CONCERNEE} == {role.slug for role in ROLES}
    analyst = users.get(username="analyste")
    assert analyst.check_password(STAFF_PASSWORD)
    # One hash made for all: the accounts share it.
    assert users.get(username="groupe").password == analyst.password


def test_building_twice_changes_nothing():
    _staff_user()
    before = list(get_user_model().objects.order_by("username").values_list("username", "password"))
    _staff_user()
    after = list(get_user_model().objects.order_by("username").values_list("username", "password"))
    assert after == before


def test_the_holder_account_holds_a_sheet():
    from vivier.practices import registry
    from vivier.practices.models import Practice
    from vivier.sheets.schema import Sheet

    registry.save_sheet(Sheet(title="Cafés des parents"))
    _staff_user()
    assert Practice.objects.get().holder.username == "porteur"


def test_the_summary_lists_every_demo_account(campaign):
    text = DemoSummary(campaign, 0, "equipe", STAFF_PASSWORD).text()
    for username, _slug in DEMO_ACCOUNTS:
        assert f"  {username} " in text
    assert "Enquêteur" in text and STAFF_PASSWORD in text
