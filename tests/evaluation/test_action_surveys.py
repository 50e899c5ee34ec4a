"""Every action of the questionnaires of evaluation: it works for the right person, it
rejects the wrong method, it requires the right (anonymous visitors sign in, others get the
same 404 as for a plan that does not exist); and the panel member's own pages."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from auditlog.models import LogEntry

from tests.conftest import PERSONAS
from tests.evaluation.test_surveys import make_plan, submit
from vivier.campaigns.models import Campaign, Response
from vivier.evaluation import surveys
from vivier.evaluation.models import EvaluationSurvey, LockedPeriod, Measurement, PanelMember
from vivier.reports import snapshots

pytestmark = pytest.mark.django_db

#: Personas who neither read nor change the plan (no role opens it, they hold no sheet).
STRANGERS = [
    name
    for role, name in PERSONAS.items()
    if role not in ("groupe_de_travail", "evaluateur", "analyste", "porteur_de_projet")
]
#: Personas who read every plan but change none.
READERS = ["evaluator_eva", "analyst_axel"]


@pytest.fixture(autouse=True)
def _fresh_snapshots():
    snapshots.forget(files=True)
    yield
    snapshots.forget(files=True)


@pytest.fixture
def plan(holder_hugo):
    return make_plan(holder=holder_hugo)


@pytest.fixture
def survey(plan):
    return surveys.attach(plan, template="satisfaction_falc", milestone="demarrage")


@pytest.fixture
def wave(plan):
    return surveys.attach(plan, template="suivi", milestone="demarrage")


def base(plan) -> str:
    return f"/evaluation/{plan.practice.slug}/questionnaires/"


def signs_in(answer) -> bool:
    return answer.status_code == 302 and answer["Location"].startswith("/staff/connexion/")


def html(answer) -> str:
    return answer.content.decode()


# --------------------------------------------------------------------------- the list


def test_the_list_shows_the_attached_questionnaires(holder_hugo_client, survey, plan):
    answer = holder_hugo_client.get(base(plan))
    assert answer.status_code == 200
    assert survey.campaign.title in html(answer)
    assert f'href="{base(plan)}rattacher/"' in html(answer)


@pytest.mark.parametrize("reader", READERS)
def test_readers_see_the_list_without_the_button(request, reader, survey, plan):
    answer = request.getfixturevalue(f"{reader}_client").get(base(plan))
    assert answer.status_code == 200 and f'href="{base(plan)}rattacher/"' not in html(answer)


def test_the_list_rejects_the_wrong_method(holder_hugo_client, plan):
    assert holder_hugo_client.post(base(plan)).status_code == 405


@pytest.mark.parametrize("persona", STRANGERS)
def test_the_list_is_a_404_to_strangers(request, persona, plan):
    client = request.getfixturevalue(f"{persona}_client")
    assert client.get(base(plan)).status_code == 404


def test_the_list_sends_anonymous_visitors_to_sign_in(client, plan):
    assert signs_in(client.get(base(plan)))


# --------------------------------------------------------------------------- attaching


def test_the_holder_attaches_a_template(holder_hugo_client, plan):
    answer = holder_hugo_client.post(
        base(plan) + "rattacher/", {"template": "suivi", "milestone": "six_mois"}
    )
    survey = EvaluationSurvey.objects.get(plan=plan)
    assert answer.status_code == 302 and answer["Location"] == f"{base(plan)}{survey.pk}/"
    assert (survey.template, survey.milestone) == ("suivi", "six_mois")
    assert survey.campaign.is_open


def test_the_working_group_attaches_an_existing_version(group_gael_client, plan, survey):
    version = survey.campaign.questionnaire
    answer = group_gael_client.post(
        base(plan) + "rattacher/",
        {"template": "version", "version": str(version.pk), "title": "Deuxième vague"},
    )
    assert answer.status_code == 302
    made = EvaluationSurvey.objects.exclude(pk=survey.pk).get()
    assert made.campaign.questionnaire == version and made.campaign.title == "Deuxième vague"


def test_a_refused_attachment_says_why_and_keeps_what_was_typed(holder_hugo_client, plan):
    answer = holder_hugo_client.post(
        base(plan) + "rattacher/", {"template": "suivi", "title": "Ma vague de suivi"}
    )
    assert answer.status_code == 400
    page = html(answer)
    assert "Certains champs sont à corriger" in page
    assert "Choisissez l’étape du plan de cette vague de suivi." in page
    assert 'value="Ma vague de suivi"' in page
    assert not EvaluationSurvey.objects.exists() and not Campaign.objects.exists()


def test_an_existing_version_must_be_chosen(holder_hugo_client, plan):
    answer = holder_hugo_client.post(base(plan) + "rattacher/", {"template": "version"})
    assert answer.status_code == 400
    assert "Choisissez le questionnaire déjà en place." in html(answer)


def test_attaching_rejects_the_wrong_method(holder_hugo_client, plan):
    assert holder_hugo_client.get(base(plan) + "rattacher/").status_code == 200
    assert holder_hugo_client.put(base(plan) + "rattacher/").status_code == 405


@pytest.mark.parametrize("persona", STRANGERS + READERS)
def test_attaching_needs_the_right_to_change_the_plan(request, persona, plan):
    client = request.getfixturevalue(f"{persona}_client")
    answer = client.post(base(plan) + "rattacher/", {"template": "professionnels"})
    assert answer.status_code == 404
    assert not EvaluationSurvey.objects.exists()


def test_attaching_sends_anonymous_visitors_to_sign_in(client, plan):
    assert signs_in(client.post(base(plan) + "rattacher/", {"template": "professionnels"}))
    assert not EvaluationSurvey.objects.exists()


# --------------------------------------------------------------------------- one survey


def test_the_detail_page(holder_hugo_client, survey, plan):
    answer = holder_hugo_client.get(f"{base(plan)}{survey.pk}/")
    assert answer.status_code == 200
    page = html(answer)
    assert survey.campaign.title in page and f"/q/{survey.campaign.slug}/" in page
    assert "Ajouter un chiffre" in page
    # The dashboard reads every response: the holder, who may not, gets no link to it.
    assert "/analyse/" not in page


def test_the_analyst_gets_the_dashboard_link(analyst_axel_client, survey, plan):
    answer = analyst_axel_client.get(f"{base(plan)}{survey.pk}/")
    assert f"/staff/campagnes/{survey.campaign.slug}/analyse/" in html(answer)
    assert "Ajouter un chiffre" not in html(answer)


def test_the_detail_page_rejects_the_wrong_method(holder_hugo_client, survey, plan):
    assert holder_hugo_client.post(f"{base(plan)}{survey.pk}/").status_code == 405


@pytest.mark.parametrize("persona", STRANGERS)
def test_the_detail_page_is_a_404_to_strangers(request, persona, survey, plan):
    client = request.getfixturevalue(f"{persona}_client")
    assert client.get(f"{base(plan)}{survey.pk}/").status_code == 404


def test_a_survey_of_another_plan_is_a_404(holder_hugo_client, plan):
    other = surveys.attach(make_plan("Autre"), template="professionnels")
    assert holder_hugo_client.get(f"{base(plan)}{other.pk}/").status_code == 404


def test_the_detail_page_sends_anonymous_visitors_to_sign_in(client, survey, plan):
    assert signs_in(client.get(f"{base(plan)}{survey.pk}/"))


FEED = {
    "feed-indicator": "satisfaits",
    "feed-question": "satisfaction",
    "feed-kind": "part",
    "feed-values": ["satisfaction:tres_satisfait", "satisfaction:satisfait"],
}


def feeds_of(survey) -> list:
    return EvaluationSurvey.objects.get(pk=survey.pk).feeds


def test_the_holder_adds_a_feed(holder_hugo_client, survey, plan):
    answer = holder_hugo_client.post(f"{base(plan)}{survey.pk}/chiffres/", FEED, follow=True)
    assert answer.redirect_chain == [(f"{base(plan)}{survey.pk}/", 302)]
    assert feeds_of(survey) == [
        {
            "indicator": "satisfaits",
            "question": "satisfaction",
            "kind": "part",
            "values": ["tres_satisfait", "satisfait"],
        }
    ]
    assert "Part de « Êtes-vous content de l’accompagnement ? » (Très content, Content)" in html(
        answer
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"feed-values": []}, "Cochez au moins une réponse pour calculer une part."),
        ({"feed-values": ["ecoute:yes"]}, "Cochez seulement des réponses de la question choisie."),
        ({"feed-kind": "moyenne"}, "Une moyenne se calcule sur une note ou un nombre."),
        (
            {"feed-indicator": "taux_satisfaits", "feed-kind": "nombre"},
            "Cet indicateur est un taux : seule une part des réponses l’alimente.",
        ),
        ({"feed-indicator": ""}, "Choisissez l’indicateur."),
    ],
)
def test_a_refused_feed_says_why(holder_hugo_client, survey, plan, change, message):
    answer = holder_hugo_client.post(f"{base(plan)}{survey.pk}/chiffres/", {**FEED, **change})
    assert answer.status_code == 400
    assert message in html(answer) and "Certains champs sont à corriger" in html(answer)
    assert feeds_of(survey) == []


def test_adding_a_feed_rejects_the_wrong_method(holder_hugo_client, survey, plan):
    assert holder_hugo_client.get(f"{base(plan)}{survey.pk}/chiffres/").status_code == 405


@pytest.mark.parametrize("persona", [*READERS, "person_pia"])
def test_adding_a_feed_needs_the_right_to_change(request, persona, survey, plan):
    client = request.getfixturevalue(f"{persona}_client")
    assert client.post(f"{base(plan)}{survey.pk}/chiffres/", FEED).status_code == 404
    assert feeds_of(survey) == []


def test_adding_a_feed_sends_anonymous_visitors_to_sign_in(client, survey, plan):
    assert signs_in(client.post(f"{base(plan)}{survey.pk}/chiffres/", FEED))


def test_the_holder_removes_a_feed(holder_hugo_client, survey, plan):
    surveys.add_feed(survey, surveys.Feed("reponses", "ecoute", surveys.FeedKind.COUNT))
    url = f"{base(plan)}{survey.pk}/chiffres/0/retirer/"
    assert holder_hugo_client.get(url).status_code == 405
    assert holder_hugo_client.post(url).status_code == 302
    assert feeds_of(survey) == []
    assert holder_hugo_client.post(url).status_code == 404


@pytest.mark.parametrize("persona", ["evaluator_eva", "person_pia"])
def test_removing_a_feed_needs_the_right_to_change(request, persona, survey, plan):
    surveys.add_feed(survey, surveys.Feed("reponses", "ecoute", surveys.FeedKind.COUNT))
    client = request.getfixturevalue(f"{persona}_client")
    assert client.post(f"{base(plan)}{survey.pk}/chiffres/0/retirer/").status_code == 404
    assert len(feeds_of(survey)) == 1


JANUARY = datetime(2025, 1, 15, 10, tzinfo=UTC)


@pytest.fixture
def fed(survey):
    surveys.add_feed(
        survey,
        surveys.Feed("satisfaits", "satisfaction", surveys.FeedKind.SHARE, ("satisfait",)),
    )
    submit(survey.campaign, "a", JANUARY, satisfaction="satisfait")
    submit(survey.campaign, "b", JANUARY, satisfaction="pas_satisfait")
    return survey


def test_the_holder_computes_a_figure_into_a_draft(holder_hugo_client, fed, plan):
    url = f"{base(plan)}{fed.pk}/calculer/"
    answer = holder_hugo_client.post(
        url, {"figure-feed": "0", "figure-period": " 2025 "}, follow=True
    )
    measurement = Measurement.objects.get()
    assert (measurement.state, measurement.period, measurement.value) == ("draft", "2025", 50)
    page = html(answer)
    assert "Valeur 50 enregistrée en brouillon pour 2025, calculée sur 2 réponses" in page
    assert fed.campaign.title in page


def test_a_wrong_period_is_said_beside_the_field_and_kept(holder_hugo_client, fed, plan):
    url = f"{base(plan)}{fed.pk}/calculer/"
    answer = holder_hugo_client.post(url, {"figure-feed": "0", "figure-period": "2025-13"})
    assert answer.status_code == 400
    assert "« 2025-13 » n’est pas une période" in html(answer)
    assert 'value="2025-13"' in html(answer)
    assert not Measurement.objects.exists()


def test_a_locked_period_is_refused_on_the_page(holder_hugo_client, fed, plan):
    LockedPeriod.objects.create(plan=plan, period="2025")
    url = f"{base(plan)}{fed.pk}/calculer/"
    answer = holder_hugo_client.post(url, {"figure-feed": "0", "figure-period": "2025"})
    assert answer.status_code == 400
    assert "La période 2025 est close" in html(answer)
    assert not Measurement.objects.exists()


def test_computing_rejects_the_wrong_method(holder_hugo_client, fed, plan):
    assert holder_hugo_client.get(f"{base(plan)}{fed.pk}/calculer/").status_code == 405


@pytest.mark.parametrize("persona", ["evaluator_eva", "analyst_axel", "person_pia"])
def test_computing_needs_the_right_to_change(request, persona, fed, plan):
    client = request.getfixturevalue(f"{persona}_client")
    answer = client.post(
        f"{base(plan)}{fed.pk}/calculer/", {"figure-feed": "0", "figure-period": "2025"}
    )
    assert answer.status_code == 404 and not Measurement.objects.exists()


def test_computing_sends_anonymous_visitors_to_sign_in(client, fed, plan):
    data = {"figure-feed": "0", "figure-period": "2025"}
    assert signs_in(client.post(f"{base(plan)}{fed.pk}/calculer/", data))


# --------------------------------------------------------------------------- the panel


def test_the_holder_creates_panel_links_and_prints_them(holder_hugo_client, wave, plan):
    url = f"{base(plan)}{wave.pk}/panel/"
    answer = holder_hugo_client.post(url + "ajouter/", {"count": "3"}, follow=True)
    assert answer.redirect_chain == [(url, 302)]
    members = list(PanelMember.objects.filter(plan=plan))
    assert len(members) == 3
    page = html(answer)
    for member in members:
        assert member.panel_id in page
        assert "http://testserver" + surveys.panel_url(member, wave) in page
    assert LogEntry.objects.filter(additional_data__event="evaluation.panel-links").exists()


def test_the_panel_list_as_csv(holder_hugo_client, wave, plan):
    first, second = surveys.add_members(plan, 2)
    surveys.withdraw(second)
    answer = holder_hugo_client.get(f"{base(plan)}{wave.pk}/panel.csv")
    assert answer.status_code == 200 and answer["Content-Type"].startswith("text/csv")
    lines = answer.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "identifiant de panel,lien,a quitté le suivi,Démarrage"
    assert lines[1] == f"{first.panel_id},http://testserver{surveys.panel_url(first, wave)},non,"
    assert lines[2].startswith(f"{second.panel_id},") and lines[2].endswith(",oui,")


def test_a_wrong_count_is_refused(holder_hugo_client, wave, plan):
    answer = holder_hugo_client.post(f"{base(plan)}{wave.pk}/panel/ajouter/", {"count": "0"})
    assert answer.status_code == 400
    assert 'value="0"' in html(answer) and "Certains champs sont à corriger" in html(answer)
    assert not PanelMember.objects.exists()


def test_only_follow_up_waves_have_panel_links(holder_hugo_client, survey, plan):
    assert holder_hugo_client.get(f"{base(plan)}{survey.pk}/panel/").status_code == 404


def test_the_panel_pages_reject_the_wrong_method(holder_hugo_client, wave, plan):
    url = f"{base(plan)}{wave.pk}/panel"
    assert holder_hugo_client.post(url + "/").status_code == 405
    assert holder_hugo_client.get(url + "/ajouter/").status_code == 405
    assert holder_hugo_client.post(url + ".csv").status_code == 405


@pytest.mark.parametrize("persona", [*READERS, "person_pia", "committee_cleo"])
def test_the_panel_pages_need_the_right_to_change(request, persona, wave, plan):
    surveys.add_members(plan, 1)
    client = request.getfixturevalue(f"{persona}_client")
    url = f"{base(plan)}{wave.pk}/panel"
    assert client.get(url + "/").status_code == 404
    assert client.get(url + ".csv").status_code == 404
    assert client.post(url + "/ajouter/", {"count": "2"}).status_code == 404
    assert PanelMember.objects.count() == 1


def test_the_panel_pages_send_anonymous_visitors_to_sign_in(client, wave, plan):
    url = f"{base(plan)}{wave.pk}/panel"
    assert signs_in(client.get(url + "/"))
    assert signs_in(client.get(url + ".csv"))
    assert signs_in(client.post(url + "/ajouter/", {"count": "2"}))


# --------------------------------------------------------------------------- the member's pages


@pytest.fixture
def member(plan):
    return surveys.add_members(plan, 1)[0]


def link(member, wave) -> str:
    return surveys.panel_url(member, wave)


def test_the_member_opens_their_link_and_starts_the_wave(client, member, wave):
    answer = client.get(link(member, wave))
    assert answer.status_code == 200
    assert f"Votre numéro de suivi est {member.panel_id}." in html(answer)
    started = client.post(link(member, wave) + "commencer/")
    response = Response.objects.get(campaign=wave.campaign)
    assert started.status_code == 302
    assert started["Location"] == f"/q/{wave.campaign.slug}/r/{response.resume_token()}/"
    assert response.panel_link.member == member
    again = client.post(link(member, wave) + "commencer/")  # the same response, not a second
    assert again["Location"] == started["Location"]
    assert Response.objects.filter(campaign=wave.campaign).count() == 1


def test_the_member_pages_reject_the_wrong_method(client, member, wave):
    assert client.post(link(member, wave)).status_code == 405
    assert client.get(link(member, wave) + "commencer/").status_code == 405
    assert client.put(link(member, wave) + "quitter/").status_code == 405


def test_a_forged_link_is_a_404(client, member, wave):
    forged = link(member, wave)[:-3] + "aa/"
    assert client.get(forged).status_code == 404
    assert client.post(forged + "commencer/").status_code == 404
    assert client.post(forged + "quitter/", {"confirm": "on"}).status_code == 404
    assert not Response.objects.exists()


def test_the_member_withdraws(client, member, wave):
    url = link(member, wave) + "quitter/"
    assert client.get(url).status_code == 200
    refused = client.post(url, {})
    assert refused.status_code == 400 and "Cochez la case pour quitter le suivi." in html(refused)
    answer = client.post(url, {"confirm": "on"}, follow=True)
    assert answer.redirect_chain == [(link(member, wave), 302)]
    assert "Vous avez quitté le suivi" in html(answer)
    member.refresh_from_db()
    assert member.withdrawn_at is not None
    closed = client.post(link(member, wave) + "commencer/")
    assert closed.status_code == 410 and not Response.objects.exists()


def test_a_closed_wave_starts_nothing(client, member, wave):
    Campaign.objects.filter(pk=wave.campaign_id).update(
        closes_at=JANUARY, opens_at=JANUARY.replace(year=2024)
    )
    assert "Ce questionnaire est fermé." in html(client.get(link(member, wave)))
    assert client.post(link(member, wave) + "commencer/").status_code == 410
    assert not Response.objects.exists()


# --------------------------------------------------------------------------- the evaluation page


def test_the_evaluation_page_shows_questionnaires_waves_counts_and_panel(
    holder_hugo_client, analyst_axel_client, survey, wave, plan
):
    submit(survey.campaign, "a", JANUARY, satisfaction="satisfait")
    members = surveys.add_members(plan, 3)
    surveys.withdraw(members[0])
    response = surveys.start_panel_response(members[1], wave)
    from vivier.campaigns import services

    assert services.submit(response).submitted
    url = f"/evaluation/{plan.practice.slug}/"
    page = html(holder_hugo_client.get(url))
    assert "Le panel suit 2 personnes." in page
    for each in (survey, wave):
        assert f'href="{base(plan)}{each.pk}/"' in page
    assert "Suivi des mêmes personnes à chaque étape (panel, facile à lire)" in page
    assert f'href="{base(plan)}{wave.pk}/panel/"' in page
    assert f'href="{base(plan)}{survey.pk}/panel/"' not in page
    assert "/analyse/" not in page
    rows = [row for row in page.split("<tr>") if "Démarrage" in row]
    assert [row.count("<td>1</td>") for row in rows] == [1, 2]  # submitted; and the panel's
    analyst = html(analyst_axel_client.get(url))
    assert f"/staff/campagnes/{wave.campaign.slug}/analyse/" in analyst
    assert f'href="{base(plan)}{wave.pk}/panel/"' not in analyst


def test_the_member_pages_speak_english_when_asked(client, member, wave, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    answer = client.get(link(member, wave))
    assert f"Your follow-up number is {member.panel_id}." in html(answer)
    assert "Leave the follow-up" in html(answer)
