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


@pytest.fixture
def admin_ana(db):
    return make_persona("admin_ana", "administrateur")


@pytest.fixture
def analyst_axel(db):
    return make_persona("analyst_axel", "analyste")


@pytest.fixture
def privacy_paul(db):
    return make_persona("privacy_paul", "donnees_personnelles")


@pytest.fixture
def interviewer_ines(db):
    return make_persona("interviewer_ines", "enqueteur")


@pytest.fixture
def group_gael(db):
    return make_persona("group_gael", "groupe_de_travail")


@pytest.fixture
def holder_hugo(db):
    return make_persona("holder_hugo", "porteur_de_projet")


@pytest.fixture
def committee_cleo(db):
    return make_persona("committee_cleo", "membre_de_comite")


@pytest.fixture
def person_pia(db):
    return make_persona("person_pia", "personne_concernee")


@pytest.fixture
def admin_ana_client(admin_ana):
    return signed_in(admin_ana)


@pytest.fixture
def analyst_axel_client(analyst_axel):
    return signed_in(analyst_axel)


@pytest.fixture
def privacy_paul_client(privacy_paul):
    return signed_in(privacy_paul)


@pytest.fixture
def interviewer_ines_client(interviewer_ines):
    return signed_in(interviewer_ines)


@pytest.fixture
def group_gael_client(group_gael):
    return signed_in(group_gael)


@pytest.fixture
def holder_hugo_client(holder_hugo):
    return signed_in(holder_hugo)


@pytest.fixture
def committee_cleo_client(committee_cleo):
    return signed_in(committee_cleo)


@pytest.fixture
def person_pia_client(person_pia):
    return signed_in(person_pia)


@pytest.fixture
def campaign(db):
    return make_campaign(small_questionnaire())


@pytest.fixture
def hcts_campaign(db):
    from vivier.surveys.questionnaires import hcts_2020

    return make_campaign(hcts_2020.build())
