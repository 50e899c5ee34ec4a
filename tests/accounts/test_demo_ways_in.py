"""The demo prints an invitation link and a sign-in code that work (vivier.accounts.demo)."""

from __future__ import annotations

from django.contrib.auth import get_user, get_user_model

from tests.accounts.ways_in_support import PASSWORD
from vivier.accounts.demo import INVITED_ROLE, PERSON_USERNAME, demo_ways_in
from vivier.accounts.models import Invitation, SignInCode
from vivier.accounts.roles import PERSONNE_CONCERNEE

BASE = "http://127.0.0.1:8000"


def _path(url: str) -> str:
    assert url.startswith(BASE)
    return url[len(BASE) :]


def test_the_link_and_the_code_work(client, db):
    ways_in = demo_ways_in(BASE)
    assert ways_in.sign_in_url == f"{BASE}/comptes/code/"
    link = _path(ways_in.invitation_url)
    response = client.post(link, {"password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 302
    invited = get_user(client)
    assert invited.get_username() == ways_in.invited_email
    assert list(invited.groups.values_list("name", flat=True)) == [INVITED_ROLE]
    client.logout()
    assert client.post("/comptes/code/", {"code": ways_in.code}).status_code == 302
    person = get_user(client)
    assert person.get_username() == PERSON_USERNAME
    assert list(person.groups.values_list("name", flat=True)) == [PERSONNE_CONCERNEE]


def test_running_it_again_gives_new_ones_and_stops_the_old(client, db):
    first = demo_ways_in(BASE)
    second = demo_ways_in(BASE)
    assert first.code != second.code and first.invitation_url != second.invitation_url
    assert client.get(_path(first.invitation_url)).status_code == 410
    assert client.post("/comptes/code/", {"code": first.code}).status_code == 400
    assert client.post("/comptes/code/", {"code": second.code}).status_code == 302
    assert get_user_model().objects.filter(username=PERSON_USERNAME).count() == 1
    assert Invitation.objects.filter(revoked_at__isnull=True).count() == 1
    assert SignInCode.objects.filter(revoked_at__isnull=True).count() == 1


def test_once_the_invitation_is_accepted_the_next_run_invites_another_address(client, db):
    first = demo_ways_in(BASE)
    client.post(_path(first.invitation_url), {"password1": PASSWORD, "password2": PASSWORD})
    second = demo_ways_in(BASE)
    assert second.invited_email != first.invited_email
    client.logout()
    page = client.get(_path(second.invitation_url))
    assert page.status_code == 200 and second.invited_email in page.content.decode()


def test_the_demo_summary_prints_them(campaign):
    from vivier.demo.builder import DemoSummary

    ways_in = demo_ways_in(BASE)
    text = DemoSummary(campaign, 0, "equipe", "secret", 0, ways_in).text()
    assert f"Invitation link (an interviewer, {ways_in.invited_email}): " in text
    assert ways_in.invitation_url in text
    assert f"sign in at {BASE}/comptes/code/ with the code {ways_in.code}" in text
