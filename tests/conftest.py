"""Shared fixtures: the personas of Vivier's tests.

- ``alice``: staff analyst allowed to see personal data (superuser);
- ``bob``: staff member without the right to see personal data (analyste, enquêteur and
  working group: every staff role but personal data and administration);
- ``carol``: a logged-in account with no role;
- one persona per role, holding that role only (:data:`PERSONAS`), each with a client
  signed in as them (``<persona>_client``);
- the public: an anonymous ``client``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from tests.support import make_campaign, small_questionnaire

#: Role → the persona holding it and nothing else (fixture name = username).
PERSONAS = {
    "administrateur": "admin_ana",
    "analyste": "analyst_axel",
    "donnees_personnelles": "privacy_paul",
    "enqueteur": "interviewer_ines",
    "groupe_de_travail": "group_gael",
    "porteur_de_projet": "holder_hugo",
    "membre_de_comite": "committee_cleo",
    "personne_concernee": "person_pia",
    "evaluateur": "evaluator_eva",
}


def make_persona(username: str, *roles: str):
    """An account holding ``roles`` (groups made by the roles migration).

    Without a password: tests sign personas in with ``force_login``, and hashing one costs
    half a second.
    """
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(username)
    groups = list(Group.objects.filter(name__in=roles))
    assert len(groups) == len(roles), f"unknown role among {roles}"
    user.groups.set(groups)
    return user


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture(autouse=True, scope="session")
def _no_start_rate_limit():
    """Tests start many drafts from one address; the limit has its own tests, which lower it."""
    from django.conf import settings

    settings.VIVIER_START_RATE = "1000000/m"


@pytest.fixture(autouse=True)
def _empty_process_cache():
    """Each test starts with an empty process cache: a fragment kept by an earlier test (the
    evaluation page's drawn indicators) is keyed by row numbers a rolled-back database
    hands out again."""
    from django.core.cache import caches

    caches["default"].clear()
    yield


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the site's language: a request in English (the locale middleware)
    or an ``activate`` left behind would otherwise carry over to the next test of the
    process, and what a test sees would depend on the order tests run in."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing():
    """Passwords hashed at a test's cost: the demo alone gives nine accounts a password, and
    each hash at production's cost takes a third of a second of CPU. Production's hashers are
    what ``vivier serve`` runs in the serving tests, which start it in a process of its own."""
    from django.conf import settings

    original = settings.PASSWORD_HASHERS
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *original]
    yield
    settings.PASSWORD_HASHERS = original


@pytest.fixture(autouse=True, scope="session")
def _var_dir_of_this_worker(worker_id):
    """Each pytest-xdist worker keeps its snapshots and mail in a folder of its own.

    Two workers building the same demo campaign would otherwise write, and delete, the same
    snapshot files under var/ at the same time. The SQLite test databases are already per
    process (settings: ``test-<pid>.sqlite3``), PostgreSQL's per worker (pytest-django).
    """
    from django.conf import settings

    if worker_id == "master":
        yield
        return
    original = settings.VAR_DIR
    settings.VAR_DIR = Path(original) / f"test-{worker_id}"
    settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
    yield
    settings.VAR_DIR = original


@pytest.fixture
def alice(django_user_model):
    return django_user_model.objects.create_user(
        "alice", password="alice-pass", is_staff=True, is_superuser=True
    )


@pytest.fixture
def bob(db):
    user = make_persona("bob", "analyste", "enqueteur", "groupe_de_travail")
    user.set_password("bob-pass")
    user.save(update_fields=["password"])
    return user


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


def _persona_fixtures(username: str, role: str):
    """The fixtures ``<username>`` (the account) and ``<username>_client`` (signed in)."""

    @pytest.fixture(name=username)
    def persona(db):
        return make_persona(username, role)

    @pytest.fixture(name=f"{username}_client")
    def persona_client(request):
        return signed_in(request.getfixturevalue(username))

    return persona, persona_client


# pytest finds fixtures among a conftest's names: one pair per persona of PERSONAS.
for _role, _username in PERSONAS.items():
    globals()[f"_{_username}"], globals()[f"_{_username}_client"] = _persona_fixtures(
        _username, _role
    )


# A second analyst, for blind double coding (two coders of the same role).
_analyst_bea, _analyst_bea_client = _persona_fixtures("analyst_bea", "analyste")


@pytest.fixture
def campaign(db):
    return make_campaign(small_questionnaire())


@pytest.fixture
def hcts_campaign(db):
    from vivier.surveys.questionnaires import hcts_2020

    return make_campaign(hcts_2020.build())
