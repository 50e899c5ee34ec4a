"""Staff sessions end after 30 minutes without a request; each request pushes the end back."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

pytestmark = pytest.mark.django_db

IDLE = timedelta(minutes=30)


def _session(client) -> Session:
    return Session.objects.get(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value)


def test_the_idle_limit_is_thirty_minutes():
    assert timedelta(seconds=settings.SESSION_COOKIE_AGE) == IDLE
    assert settings.SESSION_SAVE_EVERY_REQUEST


def test_each_request_pushes_the_end_of_the_session_back(alice_client):
    session = _session(alice_client)
    session.expire_date = timezone.now() + timedelta(minutes=2)
    session.save()
    answer = alice_client.get("/staff/")
    assert answer.status_code == 200
    assert _session(alice_client).expire_date > timezone.now() + IDLE - timedelta(minutes=5)
    cookie = answer.cookies[settings.SESSION_COOKIE_NAME]
    assert int(cookie["max-age"]) == IDLE.total_seconds()


def test_after_thirty_idle_minutes_the_staff_member_must_log_in_again(alice_client):
    session = _session(alice_client)
    # Thirty-one minutes without a request: the session's end is past.
    session.expire_date = timezone.now() - timedelta(minutes=1)
    session.save()
    answer = alice_client.get("/staff/")
    assert answer.status_code == 302
    assert answer["Location"].startswith(settings.LOGIN_URL)


def test_the_public_gets_no_session(client, campaign):
    # Saving sessions at every request writes only sessions that hold something.
    client.get("/")
    client.get(f"/q/{campaign.slug}/")
    client.get("/pratiques/")
    assert Session.objects.count() == 0
