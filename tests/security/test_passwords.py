"""Password rules: 12 characters at least, not common, not all digits, not like the username."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db

GOOD = "Vivier-pratiques-2020!"


def _refusal(password: str, user=None) -> set[str]:
    with pytest.raises(ValidationError) as refused:
        validate_password(password, user)
    return {error.code for error in refused.value.error_list}


def test_a_one_character_password_is_refused_as_short_common_and_numeric():
    assert _refusal("1") == {
        "password_too_short",
        "password_too_common",
        "password_entirely_numeric",
    }


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("vivier-demo", "password_too_short"),  # 11 characters
        ("123456789012", "password_entirely_numeric"),
        ("password1234", "password_too_common"),
    ],
)
def test_each_rule_refuses_what_it_is_for(password, code):
    assert code in _refusal(password)


def test_a_password_like_the_username_is_refused(django_user_model):
    user = django_user_model(username="claire.dubois-martin", email="claire@example.org")
    assert "password_too_similar" in _refusal("claire.dubois-martin", user)


def test_a_long_uncommon_password_is_accepted(django_user_model):
    validate_password(GOOD, django_user_model(username="alice"))


def test_the_password_change_form_refuses_a_weak_password(alice):
    form = SetPasswordForm(alice, data={"new_password1": "1", "new_password2": "1"})
    assert not form.is_valid()
    assert "new_password2" in form.errors
    form = SetPasswordForm(alice, data={"new_password1": GOOD, "new_password2": GOOD})
    assert form.is_valid()


def test_changepassword_refuses_a_weak_password(alice, monkeypatch):
    # The command asks twice for each try, three tries in all, then gives up.
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "1")
    with pytest.raises(CommandError, match="Aborting password change"):
        call_command("changepassword", "alice", stdout=io.StringIO())
    alice.refresh_from_db()
    assert alice.check_password("alice-pass")


def test_changepassword_accepts_a_strong_password(alice, monkeypatch):
    monkeypatch.setattr("getpass.getpass", lambda prompt="": GOOD)
    call_command("changepassword", "alice", stdout=io.StringIO())
    alice.refresh_from_db()
    assert alice.check_password(GOOD)
