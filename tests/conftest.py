"""Shared fixtures: the personas of Vivier's tests.

- ``alice``: staff analyst allowed to see personal data (superuser);
- ``bob``: staff member without the right to see personal data;
- ``carol``: a logged-in account that is not staff;
- the public: an anonymous ``client``.
"""

from __future__ import annotations

import pytest

from tests.support import make_campaign, small_questionnaire


@pytest.fixture(autouse=True, scope="session")
def _no_start_rate_limit():
    """Tests start many drafts from one address; the limit has its own tests, which lower it."""
    from django.conf import settings

    settings.VIVIER_START_RATE = "1000000/m"


@pytest.fixture
def alice(django_user_model):
    return django_user_model.objects.create_user(
        "alice", password="alice-pass", is_staff=True, is_superuser=True
    )


@pytest.fixture
def bob(django_user_model):
    return django_user_model.objects.create_user("bob", password="bob-pass", is_staff=True)


@pytest.fixture
def carol(django_user_model):
    return django_user_model.objects.create_user("carol", password="carol-pass")


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture
def bob_client(client, bob):
    client.force_login(bob)
    return client


@pytest.fixture
def campaign(db):
    return make_campaign(small_questionnaire())


@pytest.fixture
def hcts_campaign(db):
    from vivier.surveys.templates import hcts_2020

    return make_campaign(hcts_2020.build())
