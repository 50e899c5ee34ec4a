"""What each role opens: for every action, the roles it works for, 403 for every other role
and for an account without any, the sign-in page for the anonymous visitor.

One row per action: (name, method, URL, the roles it works for, the status they get). The
personas hold one role each (tests/conftest.py ``PERSONAS``); the data is small and made for
each row, so an action that changes it (erase, publish, delete a remark) changes only its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.conftest import PERSONAS, make_persona, signed_in
from tests.support import make_campaign, small_questionnaire

pytestmark = pytest.mark.django_db

ADMIN = "administrateur"
ANALYST = "analyste"
PRIVACY = "donnees_personnelles"
INTERVIEWER = "enqueteur"
GROUP = "groupe_de_travail"
HOLDER = "porteur_de_projet"
EVALUATOR = "evaluateur"
EVERY_ROLE = frozenset(PERSONAS)
#: Not a role: a signed-in account with no role at all.
NO_ROLE = "sans_role"


@dataclass(frozen=True)
class Row:
    name: str
    method: str
    url: Callable[[Any], str]
    allowed: frozenset[str]
    #: The status the allowed roles get.
    ok: int
    data: dict[str, Any] = field(default_factory=dict)
    #: What the others get: 403, or the 404 of "not yours" on a holder's pages.
    denied: int = 403
    #: Whether a signed-in account without role is among the allowed.
    any_account: bool = False


def _(*roles: str) -> frozenset[str]:
    return frozenset(roles)


def staff(name: str, *args: Any) -> str:
    return reverse(f"staff:{name}", args=args)


ROWS = (
    # Campaigns: the list and a campaign's page, for whoever works on responses.
    Row("campaigns", "get", lambda w: staff("home"), _(ANALYST, PRIVACY, INTERVIEWER), 200),
    Row(
        "campaign",
        "get",
        lambda w: staff("campaign", w.slug),
        _(ANALYST, PRIVACY, INTERVIEWER),
        200,
    ),
    Row(
        "responses",
        "get",
        lambda w: staff("responses", w.slug),
        _(ANALYST, PRIVACY, INTERVIEWER),
        200,
    ),
    # One response: the analyst any, the enquêteur the one they entered.
    Row(
        "entered response",
        "get",
        lambda w: staff("response", w.slug, w.entered.key),
        _(ANALYST, INTERVIEWER),
        200,
    ),
    Row("online response", "get", lambda w: staff("response", w.slug, "r1"), _(ANALYST), 200),
    Row("export", "get", lambda w: staff("export", w.slug, "csv"), _(ANALYST), 200),
    Row(
        "assisted entry",
        "post",
        lambda w: staff("start_entry", w.slug),
        _(INTERVIEWER),
        302,
        {"mode": "assisted"},
    ),
    # No file: the analyst gets the form back saying so.
    Row("import responses", "post", lambda w: staff("import_responses", w.slug), _(ANALYST), 400),
    # Personal data.
    Row(
        "flagged texts",
        "get",
        lambda w: staff("privacy_flagged", w.slug),
        _(ANALYST, PRIVACY),
        200,
    ),
    Row("scan texts", "post", lambda w: staff("privacy_scan", w.slug), _(PRIVACY), 302),
    Row(
        "review a text",
        "post",
        lambda w: staff("privacy_review_text", w.slug, "r1", "nom"),
        _(PRIVACY),
        302,
        {"action": "garder"},
    ),
    Row("personal data", "get", lambda w: staff("privacy"), _(PRIVACY), 200),
    Row(
        "find a person",
        "post",
        lambda w: staff("privacy_find"),
        _(PRIVACY),
        200,
        {"contact": "x@example.org"},
    ),
    Row(
        "export a person",
        "post",
        lambda w: staff("privacy_export"),
        _(PRIVACY),
        200,
        {"contact": "x@example.org"},
    ),
    Row(
        "erase a person",
        "post",
        lambda w: staff("privacy_erase"),
        _(PRIVACY),
        302,
        {"contact": "x@example.org", "confirmer": "1"},
    ),
    Row("retention", "get", lambda w: staff("privacy_retention"), _(PRIVACY), 200),
    Row("purge", "post", lambda w: staff("privacy_purge"), _(PRIVACY), 302),
    # Questionnaires.
    Row("questionnaires", "get", lambda w: staff("questionnaires"), _(ANALYST), 200),
    Row("questionnaire", "get", lambda w: staff("questionnaire", w.questionnaire), _(ANALYST), 200),
    Row(
        "questionnaire download",
        "get",
        lambda w: staff("questionnaire_download", w.questionnaire, "json"),
        _(ANALYST),
        200,
    ),
    Row(
        "questionnaire preview",
        "get",
        lambda w: staff("questionnaire_preview", w.questionnaire),
        _(ANALYST),
        200,
    ),
    Row(
        "questionnaire preview page",
        "post",
        lambda w: staff("questionnaire_preview_page", w.questionnaire, "profil"),
        _(ANALYST),
        302,
        {"role": "pc"},
    ),
    Row(
        "open a campaign",
        "post",
        lambda w: staff("questionnaire_campaign", w.questionnaire),
        _(ANALYST),
        302,
        {"title": "Deuxième vague", "campaign_slug": "deuxieme-vague"},
    ),
    # Analysis.
    Row(
        "analysis",
        "get",
        lambda w: reverse("reports:overview", args=[w.slug]),
        _(ANALYST),
        200,
    ),
    Row(
        "per day csv",
        "get",
        lambda w: reverse("reports:per_day_csv", args=[w.slug]),
        _(ANALYST),
        200,
    ),
    Row(
        "crosstab",
        "get",
        lambda w: reverse("reports:crosstab", args=[w.slug]),
        _(ANALYST),
        200,
    ),
    Row(
        "question",
        "get",
        lambda w: reverse("reports:question", args=[w.slug, "role"]),
        _(ANALYST),
        200,
    ),
    Row(
        "question csv",
        "get",
        lambda w: reverse("reports:question_csv", args=[w.slug, "role"]),
        _(ANALYST),
        200,
    ),
    Row(
        "add a remark",
        "post",
        lambda w: reverse("reports:add_remark", args=[w.slug]),
        _(ANALYST),
        302,
        {"kind": "ANALYSE", "text": "Une remarque."},
    ),
    # The analyst persona wrote it (the world makes it so).
    Row(
        "delete one's remark",
        "post",
        lambda w: reverse("reports:delete_remark", args=[w.slug, w.remark.pk]),
        _(ANALYST),
        302,
    ),
    Row(
        "report",
        "get",
        lambda w: reverse("reports:download", args=[w.slug, "json"]),
        _(ANALYST),
        200,
    ),
    # The registry.
    Row(
        "propose a response",
        "post",
        lambda w: reverse("practices_staff:propose", args=[w.slug, "r1"]),
        _(ANALYST),
        302,
    ),
    # The analyst reads the registry (to follow what they proposed); the group acts on it.
    Row(
        "registry",
        "get",
        lambda w: reverse("practices_staff:list"),
        _(ANALYST, GROUP, EVALUATOR),
        200,
    ),
    Row("import sheets", "get", lambda w: reverse("practices_staff:import"), _(GROUP), 200),
    Row(
        "sheet",
        "get",
        lambda w: reverse("practices_staff:detail", args=[w.sheet.slug]),
        _(ANALYST, GROUP, EVALUATOR),
        200,
    ),
    Row(
        "sheet version",
        "get",
        lambda w: reverse("practices_staff:diff", args=[w.sheet.slug, 1]),
        _(ANALYST, GROUP, EVALUATOR),
        200,
    ),
    Row(
        "edit a sheet",
        "get",
        lambda w: reverse("practices_staff:edit", args=[w.sheet.slug]),
        _(GROUP),
        200,
    ),
    Row(
        "publish a sheet",
        "post",
        lambda w: reverse("practices_staff:move", args=[w.sheet.slug]),
        _(GROUP),
        302,
        {"state": "submitted"},
    ),
    Row(
        "name a holder",
        "post",
        lambda w: reverse("practices_staff:assign_holder", args=[w.sheet.slug]),
        _(GROUP),
        302,
        {"username": "group_gael"},
    ),
    Row(
        "merge a candidate",
        "post",
        lambda w: reverse("practices_staff:merge", args=[w.candidate.pk]),
        _(GROUP),
        302,
        {"into": "cafes-des-parents"},
    ),
    Row(
        "reject a candidate",
        "post",
        lambda w: reverse("practices_staff:reject", args=[w.candidate.pk]),
        _(GROUP),
        302,
        {"reason": "Hors champ."},
    ),
    # A holder's own sheets: any account opens the list (their own, often none); another's
    # sheet answers as if it did not exist.
    Row(
        "my sheets",
        "get",
        lambda w: reverse("practices_holder:list"),
        EVERY_ROLE,
        200,
        any_account=True,
    ),
    Row(
        "edit my sheet",
        "get",
        lambda w: reverse("practices_holder:edit", args=[w.sheet.slug]),
        _(HOLDER, GROUP),
        200,
        denied=404,
    ),
    Row(
        "submit my sheet",
        "post",
        lambda w: reverse("practices_holder:submit", args=[w.sheet.slug]),
        _(HOLDER, GROUP),
        302,
        denied=404,
    ),
    Row(
        "after signing in",
        "get",
        lambda w: reverse("after_login"),
        EVERY_ROLE,
        302,
        any_account=True,
    ),
    # People and the audit trail.
    Row("people", "get", lambda w: reverse("people:list"), _(ADMIN), 200),
    Row(
        "a person's roles",
        "get",
        lambda w: reverse("people:person", args=[w.people[ANALYST].pk]),
        _(ADMIN),
        200,
    ),
    # No box ticked: every role taken away (a person may hold none).
    Row(
        "change a person's roles",
        "post",
        lambda w: reverse("people:person", args=[w.people[ANALYST].pk]),
        _(ADMIN),
        302,
    ),
    Row(
        "deactivate an account",
        "post",
        lambda w: reverse("people:deactivate", args=[w.people[ANALYST].pk]),
        _(ADMIN),
        302,
        {"confirm": "on"},
    ),
    Row(
        "reactivate an account",
        "get",
        lambda w: reverse("people:reactivate", args=[w.people[ANALYST].pk]),
        _(ADMIN),
        # The analyst's account is active: back to their page.
        302,
    ),
    Row("invitations", "get", lambda w: reverse("invitations:list"), _(ADMIN), 200),
    Row("invite", "get", lambda w: reverse("invitations:new"), _(ADMIN), 200),
    Row("sign-in codes", "get", lambda w: reverse("invitations:codes"), _(ADMIN), 200),
    Row("audit trail", "get", lambda w: reverse("audit:journal"), _(ADMIN), 200),
)


@pytest.fixture
def world():
    from vivier.campaigns import services
    from vivier.campaigns.models import Response
    from vivier.practices import candidates, registry
    from vivier.reports.models import Remark
    from vivier.sheets.schema import Sheet

    people = {role: make_persona(name, role) for role, name in PERSONAS.items()}
    people[NO_ROLE] = make_persona("nobody_noa")
    campaign = make_campaign(small_questionnaire())
    when = datetime(2026, 3, 2, 10, tzinfo=UTC)
    answers = {"role": "pro", "connait": "yes", "nom": "Écrire au 06 12 34 56 78"}
    services.create_submitted(campaign, key="r1", answers=answers, submitted_at=when)
    proposed = services.create_submitted(campaign, key="r2", answers=answers, submitted_at=when)
    entered = services.start_response(
        campaign, key="e1", mode=Response.Mode.ASSISTED, entered_by=people[INTERVIEWER]
    )
    sheet = registry.save_sheet(Sheet(title="Cafés des parents"))
    sheet.holder = people[HOLDER]
    sheet.save(update_fields=["holder"])
    remark = Remark.objects.create(
        campaign=campaign, kind="ANALYSE", text="À relire.", author=people[ANALYST]
    )
    return SimpleNamespace(
        people=people,
        slug=campaign.slug,
        questionnaire=campaign.questionnaire.slug,
        entered=entered,
        sheet=sheet,
        remark=remark,
        candidate=candidates.propose(proposed),
    )


def _call(client: Client, row: Row, url: str):
    return getattr(client, row.method)(url, row.data)


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.name)
def test_each_role_opens_what_its_row_says(world, row):
    url = row.url(world)
    # One client, signed in as each persona in turn: each new client would load the
    # middleware again, and WhiteNoise's scan of the static files with it.
    client = Client()
    anonymous = _call(client, row, url)
    assert anonymous.status_code == 302, "anonymous"
    assert anonymous["Location"].startswith(settings.LOGIN_URL), "anonymous"
    # The refused first, so that an allowed action changing the data comes last.
    order = sorted(world.people, key=lambda role: role in row.allowed)
    for role in order:
        client.logout()
        client.force_login(world.people[role])
        answer = _call(client, row, url)
        allowed = role in row.allowed or (role == NO_ROLE and row.any_account)
        expected = row.ok if allowed else row.denied
        assert answer.status_code == expected, f"{role}: {answer.status_code}"


def test_the_table_covers_every_route_that_requires_a_role(world):
    """A new action gets its row here: each route needing a permission is in the table."""
    from django.urls import resolve

    from tests.accounts.test_routes import routes
    from vivier.accounts.access import access_of

    covered = {resolve(row.url(world).split("?")[0]).route for row in ROWS}
    needing = {
        route
        for route, view in routes()
        if (access := access_of(view)) is not None and access.kind == "permissions"
    }
    # Left to the invitations' own tests: actions on one invitation or one code.
    elsewhere = {
        "comptes/invitations/nouvelle/",
        "comptes/invitations/<int:pk>/revoquer/",
        "comptes/codes/nouveau/",
        "comptes/codes/<int:pk>/renouveler/",
        "comptes/codes/<int:pk>/revoquer/",
    }
    # The evaluation's routes have one action module per area: test_action_coverage.py there.
    evaluation = {route for route in needing if route.startswith("evaluation/")}
    # So have the coding's: tests/coding/test_action_coverage.py.
    coding = {route for route in needing if route.startswith("codage/")}
    assert needing - covered - elsewhere - evaluation - coding == set()


#: Actions posted to a page that also shows a form (GET is theirs too).
POSTED_TO_A_PAGE = {
    "questionnaire preview page",
    "change a person's roles",
    "deactivate an account",
}


#: The method each row's action must refuse: GET for an action that changes data, and for a
#: page, a method no page of Vivier takes (each view declares the methods it accepts).
def _wrong_method(row: Row) -> str:
    return "get" if row.method == "post" and row.name not in POSTED_TO_A_PAGE else "delete"


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.name)
def test_each_action_rejects_the_wrong_method(world, row):
    """405 for the wrong method, for a role the action is for: the view refuses it before
    doing anything (nothing changes: the data is checked after)."""
    from auditlog.models import LogEntry

    role = next(iter(sorted(row.allowed)))
    client = signed_in(world.people[role])
    before = LogEntry.objects.count()
    answer = getattr(client, _wrong_method(row))(row.url(world))
    assert answer.status_code == 405, f"{_wrong_method(row).upper()} {answer.status_code}"
    assert LogEntry.objects.count() == before
