"""Stories of change on the staff's side: recording (assisted or not), the teller's name kept
apart and erasable, consent and its withdrawal honoured by ``quotable``, ``publishable`` and
every page, selection at successive levels with reasons and feedback."""

from __future__ import annotations

import re
from typing import Any

import pytest
from auditlog.models import LogEntry

from tests.conftest import signed_in
from vivier.evaluation import plans, stories
from vivier.evaluation.models import Plan, PlanContributor, Story, StorySelection, StoryTeller
from vivier.practices import registry
from vivier.sheets.schema import Sheet

pytestmark = pytest.mark.django_db

WORDS = "J’ai retrouvé un logement et je dors enfin au calm"


def make_plan(holder: Any = None, title: str = "Cafés des parents") -> Plan:
    practice = registry.save_sheet(Sheet(title=title))
    if holder is not None:
        practice.holder = holder
        practice.save(update_fields=["holder"])
    return plans.start(practice)


def make_story(plan: Plan, consent: str = stories.CONSENT_QUOTE, **fields: Any) -> Story:
    values: dict[str, Any] = {
        "teller_group": "personnes_concernees",
        "teller_alias": "Mme A.",
        "domain": "logement",
        "title": "Un toit",
        "what_changed": WORDS,
        "why_it_matters": "Je peux inviter mes enfants",
        **fields,
    }
    story = Story.objects.create(plan=plan, **values)
    stories.set_consent(story, consent)
    return story


def contribute(plan: Plan, user: Any, group: str = "personnes_concernees") -> PlanContributor:
    return PlanContributor.objects.create(plan=plan, user=user, group=group)


def base(plan: Plan) -> str:
    return f"/evaluation/{plan.practice.slug}/recits/"


@pytest.fixture
def plan(db) -> Plan:
    return make_plan()


# --------------------------------------------------------------------------------------------
# The consent rule


def test_quotable_and_publishable_follow_each_answer_and_drop_a_withdrawn_story(plan):
    none = make_story(plan, stories.CONSENT_NONE, title="aucun")
    quote = make_story(plan, stories.CONSENT_QUOTE, title="citer")
    publish = make_story(plan, stories.CONSENT_PUBLISH, title="publier")
    assert set(stories.quotable(plan)) == {quote, publish}
    # The plan must also publish its stories for the public to read them.
    assert list(stories.publishable(plan)) == []
    plan.publish_stories = True
    plan.save()
    assert list(stories.publishable(plan)) == [publish]

    stories.withdraw_consent(publish)
    assert set(stories.quotable(plan)) == {quote}
    assert list(stories.publishable(plan)) == []
    assert none not in stories.quotable(plan)


def test_consent_is_dated_and_a_new_answer_after_a_withdrawal_stands_again(plan):
    story = make_story(plan, stories.CONSENT_PUBLISH)
    first = story.consent_recorded_at
    assert first is not None
    stories.withdraw_consent(story)
    withdrawn = story.consent_withdrawn_at
    assert withdrawn is not None
    stories.withdraw_consent(story)  # the first withdrawal's date is kept
    assert Story.objects.get(pk=story.pk).consent_withdrawn_at == withdrawn
    stories.set_consent(story, stories.CONSENT_QUOTE)
    story.refresh_from_db()
    assert story.consent_withdrawn_at is None and story.consent_recorded_at > first
    assert (story.consent_quote, story.consent_publish) == (True, False)
    assert stories.consent_of(story) == stories.CONSENT_QUOTE


def test_a_selected_story_leaves_the_selections_once_consent_is_withdrawn(plan, group_gael):
    story = make_story(plan)
    stories.decide(story, 1, True, "Fort", group_gael)
    stories.decide(story, 2, True, "Très fort", group_gael)
    assert list(stories.selected_at(plan, 2)) == [story]
    stories.withdraw_consent(story)
    assert list(stories.selected_at(plan, 1)) == []
    assert list(stories.selected_at(plan, 2)) == []


# --------------------------------------------------------------------------------------------
# Pages honour the consent


def test_the_plan_staff_see_a_withdrawn_story_marked_and_other_readers_do_not_see_it(
    plan, group_gael_client, evaluator_eva_client, analyst_axel_client
):
    kept = make_story(plan, title="Gardé", what_changed="Des mots qui restent")
    gone = make_story(plan, title="Retiré", what_changed=WORDS)
    never = make_story(plan, stories.CONSENT_NONE, title="Équipe", what_changed="Pour l’équipe")
    stories.withdraw_consent(gone)

    staff = group_gael_client.get(base(plan)).content.decode()
    assert "Retiré" in staff and "consentement retiré" in staff and "Équipe" in staff
    page = group_gael_client.get(f"{base(plan)}{gone.pk}/").content.decode()
    assert WORDS in page and "Consentement retiré" in page

    for client in (evaluator_eva_client, analyst_axel_client):
        listing = client.get(base(plan)).content.decode()
        assert "Gardé" in listing
        assert "Retiré" not in listing and "Équipe" not in listing
        assert client.get(f"{base(plan)}{gone.pk}/").status_code == 404
        assert client.get(f"{base(plan)}{never.pk}/").status_code == 404
        detail = client.get(f"{base(plan)}{kept.pk}/").content.decode()
        assert "Des mots qui restent" in detail


def test_the_evaluation_page_counts_stories_without_showing_their_words(
    plan, group_gael_client, evaluator_eva_client
):
    story = make_story(plan)
    stories.decide(story, 1, True, "Fort", None)
    stories.withdraw_consent(make_story(plan))
    url = f"/evaluation/{plan.practice.slug}/"
    staff = group_gael_client.get(url).content.decode()
    assert "2 récits de changement" in staff and "1 consentement retiré" in staff
    assert "1 récit sélectionné au niveau 1 (équipe)" in staff
    reader = evaluator_eva_client.get(url).content.decode()
    assert "2 récits de changement" in reader and "consentement retiré" not in reader
    assert WORDS not in staff and WORDS not in reader


# --------------------------------------------------------------------------------------------
# Recording


def test_the_holder_records_an_assisted_story_with_the_teller_kept_apart(holder_hugo):
    plan = make_plan(holder=holder_hugo)
    client = signed_in(holder_hugo)
    answer = client.post(
        f"{base(plan)}nouveau/",
        {
            "teller_group": "personnes_concernees",
            "teller_alias": "Mme A.",
            "teller_name": "Aïcha Benali",
            "teller_contact": "06 00 00 00 00",
            "assisted": "on",
            "domain": "logement",
            "title": "Un toit",
            "what_changed": WORDS,
            "why_it_matters": "Je peux inviter mes enfants",
            "tags": "logement, Famille, famille ,",
            "consent": "publier",
        },
        follow=True,
    )
    story = Story.objects.get(plan=plan)
    assert answer.redirect_chain == [(f"{base(plan)}{story.pk}/", 302)]
    assert story.assisted and story.recorded_by == holder_hugo and story.teller is None
    assert story.tags == ["logement", "Famille"]
    assert (story.consent_quote, story.consent_publish) == (True, True)
    assert story.consent_recorded_at is not None
    contact = StoryTeller.objects.get(story=story)
    assert (contact.name, contact.contact) == ("Aïcha Benali", "06 00 00 00 00")
    html = answer.content.decode()
    assert "Aïcha Benali" in html and "saisie accompagnée" in html


def test_a_refused_story_comes_back_with_everything_typed(plan, group_gael_client):
    answer = group_gael_client.post(
        f"{base(plan)}nouveau/",
        {
            "teller_group": "professionnels",
            "teller_contact": "06 11",
            "domain": "",
            "what_changed": WORDS,
            "why_it_matters": "",
            "tags": "emploi",
        },
    )
    assert answer.status_code == 400
    html = answer.content.decode()
    assert '<div class="fr-alert fr-alert--error fr-mb-3w" role="alert" id="error-summary"' in html
    assert '<a href="#f-domain">Domaine du changement : Indiquez le domaine du changement.' in html
    assert "Indiquez le nom de la personne à qui appartient ce contact." in html
    assert 'href="#f-consent_0">Consentement de la personne : Indiquez ce que' in html
    assert WORDS in html and 'value="emploi"' in html and 'value="06 11"' in html
    assert not Story.objects.exists()


def test_editing_keeps_consent_and_an_emptied_name_erases_the_teller(plan, group_gael_client):
    story = make_story(plan, stories.CONSENT_PUBLISH)
    StoryTeller.objects.create(story=story, name="Aïcha", contact="06")
    page = group_gael_client.get(f"{base(plan)}{story.pk}/modifier/").content.decode()
    assert 'value="Aïcha"' in page and 'name="consent"' not in page
    answer = group_gael_client.post(
        f"{base(plan)}{story.pk}/modifier/",
        {
            "teller_group": "personnes_concernees",
            "domain": "santé",
            "what_changed": "Autre chose",
            "why_it_matters": "Parce que",
        },
    )
    assert answer.status_code == 302
    story.refresh_from_db()
    assert story.domain == "santé" and story.consent_publish
    assert not StoryTeller.objects.filter(story=story).exists()


def test_the_teller_s_name_is_seen_only_by_those_who_change_the_plan(
    plan, group_gael_client, evaluator_eva_client
):
    story = make_story(plan)
    StoryTeller.objects.create(story=story, name="Aïcha Benali", contact="06 22")
    assert "Aïcha Benali" in group_gael_client.get(f"{base(plan)}{story.pk}/").content.decode()
    page = evaluator_eva_client.get(f"{base(plan)}{story.pk}/").content.decode()
    assert WORDS in page and "Aïcha Benali" not in page and "06 22" not in page


def test_erasing_the_teller_takes_one_button_and_is_audited(plan, group_gael_client):
    story = make_story(plan)
    StoryTeller.objects.create(story=story, name="Aïcha Benali", contact="06 22")
    url = f"{base(plan)}{story.pk}/conteur/effacer/"
    refused = group_gael_client.post(url, {})
    assert refused.status_code == 400
    assert "Cochez la case pour confirmer." in refused.content.decode()
    assert StoryTeller.objects.filter(story=story).exists()

    answer = group_gael_client.post(url, {"confirm": "on"}, follow=True)
    assert "Le nom et le contact de la personne sont effacés." in answer.content.decode()
    assert not StoryTeller.objects.filter(story=story).exists()
    erasure = LogEntry.objects.get(additional_data__event="personal-data.erase")
    assert erasure.actor.username == "group_gael" and erasure.object_pk == str(story.pk)
    # auditlog's own line of the deletion shows neither the name nor the contact.
    deleted = LogEntry.objects.get(additional_data__event="delete")
    assert "Aïcha" not in str(deleted.changes) and "06 22" not in str(deleted.changes)


def test_staff_change_and_withdraw_consent(plan, group_gael_client):
    story = make_story(plan, stories.CONSENT_NONE)
    url = f"{base(plan)}{story.pk}/"
    refused = group_gael_client.post(f"{url}consentement/", {"consent": "toujours"})
    assert refused.status_code == 400
    assert "Indiquez ce que la personne a accepté." in refused.content.decode()

    group_gael_client.post(f"{url}consentement/", {"consent": "publier"})
    story.refresh_from_db()
    assert story.consent_publish and story.consent_quote
    group_gael_client.post(f"{url}retrait/", {})
    story.refresh_from_db()
    assert story.consent_withdrawn_at is not None
    assert story not in stories.quotable(plan)


# --------------------------------------------------------------------------------------------
# Selection at successive levels


def test_a_story_reaches_a_level_only_if_selected_at_the_one_before(plan, group_gael):
    story = make_story(plan)
    assert stories.open_levels(story) == [1]
    with pytest.raises(stories.SelectionRefused):
        stories.decide(story, 2, True, "Trop tôt", group_gael)
    stories.decide(story, 1, False, "Pas cette fois", group_gael)
    assert stories.open_levels(story) == [1]
    stories.decide(story, 1, True, "Finalement oui", group_gael)
    assert stories.open_levels(story) == [1, 2]
    stories.decide(story, 2, True, "Le comité", group_gael)
    stories.decide(story, 3, True, "Les financeurs", group_gael)
    assert stories.open_levels(story) == [3] and stories.reached(story) == 3
    assert StorySelection.objects.filter(story=story).count() == 3


def test_consent_limits_how_far_a_story_goes(plan, group_gael):
    team_only = make_story(plan, stories.CONSENT_NONE)
    stories.decide(team_only, 1, True, "Fort", group_gael)
    with pytest.raises(stories.SelectionRefused, match="citée"):
        stories.decide(team_only, 2, True, "Comité", group_gael)
    withdrawn = make_story(plan)
    stories.withdraw_consent(withdrawn)
    with pytest.raises(stories.SelectionRefused, match="retiré"):
        stories.decide(withdrawn, 1, True, "Fort", group_gael)
    # Saying it is not selected is still recorded.
    stories.decide(withdrawn, 1, False, "Retiré", group_gael)


def test_selecting_from_the_page_requires_reasons_and_keeps_what_was_typed(plan, group_gael_client):
    story = make_story(plan)
    url = f"{base(plan)}{story.pk}/selection/"
    refused = group_gael_client.post(url, {"level": "1", "selected": "oui", "reason": ""})
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "Raisons : Donnez les raisons de la décision." in html
    assert re.search(r'name="selected" value="oui"[^>]*checked', html)

    too_far = group_gael_client.post(url, {"level": "2", "selected": "oui", "reason": "Déjà"})
    assert too_far.status_code == 400
    assert "sélectionné au niveau précédent" in too_far.content.decode()
    assert "Déjà" in too_far.content.decode()

    answer = group_gael_client.post(url, {"level": "1", "selected": "oui", "reason": "Parlant"})
    assert answer.status_code == 302
    selection = StorySelection.objects.get(story=story, level=1)
    assert selection.selected and selection.reason == "Parlant"
    assert selection.decided_by.username == "group_gael"


def test_feedback_to_the_teller_is_recorded_with_its_date(plan, group_gael_client):
    story = make_story(plan)
    stories.decide(story, 1, True, "Parlant", None)
    url = f"{base(plan)}{story.pk}/retour/1/"
    refused = group_gael_client.post(url, {"l1-feedback": ""})
    assert refused.status_code == 400
    assert "Écrivez ce qui a été dit à la personne." in refused.content.decode()
    group_gael_client.post(url, {"l1-feedback": "Je lui ai dit au téléphone."})
    selection = StorySelection.objects.get(story=story, level=1)
    assert selection.feedback == "Je lui ai dit au téléphone." and selection.fed_back_at
    assert group_gael_client.post(f"{base(plan)}{story.pk}/retour/2/", {}).status_code == 404


def test_a_story_recorded_by_the_team_is_linked_to_a_co_builder_who_then_sees_it(
    holder_hugo, person_pia
):
    plan = make_plan(holder=holder_hugo)
    contribute(plan, person_pia)
    client = signed_in(holder_hugo)
    fields = {
        "teller_group": "personnes_concernees",
        "teller_alias": "Pia",
        "domain": "logement",
        "title": "Un toit à moi",
        "what_changed": WORDS,
        "why_it_matters": "Je peux inviter mes enfants",
        "consent": "citer",
    }
    # Only the plan's co-builders may be chosen.
    refused = client.post(f"{base(plan)}nouveau/", {**fields, "teller_account": "999999"})
    assert refused.status_code == 400 and not Story.objects.exists()
    client.post(f"{base(plan)}nouveau/", {**fields, "teller_account": str(person_pia.pk)})
    story = Story.objects.get(plan=plan)
    assert story.teller == person_pia
    assert "Un toit à moi" in signed_in(person_pia).get("/participer/recits/").content.decode()
    # Unlinked from the edit page, she no longer finds it.
    edit = {**fields, "teller_account": ""}
    del edit["consent"]
    assert client.post(f"{base(plan)}{story.pk}/modifier/", edit).status_code == 302
    story.refresh_from_db()
    assert story.teller is None
