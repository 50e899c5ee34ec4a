"""Rights on one object (rules.py of each app): the enquêteur's own entries, the holder's own
sheet, the author's own remark; and what a role holds for every object stays Django's."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.test import Client

from tests.conftest import make_persona
from tests.support import make_campaign, small_questionnaire
from vivier.campaigns import services
from vivier.campaigns.models import Response

pytestmark = pytest.mark.django_db

WHEN = datetime(2026, 3, 2, 10, tzinfo=UTC)


@pytest.fixture
def campaign():
    return make_campaign(small_questionnaire())


def _entered(campaign, key, user):
    return services.start_response(campaign, key=key, mode=Response.Mode.ASSISTED, entered_by=user)


def test_an_enqueteur_sees_the_responses_they_entered_and_no_other(
    campaign, interviewer_ines, interviewer_ines_client
):
    other = make_persona("other_olga", "enqueteur")
    mine = _entered(campaign, "mine", interviewer_ines)
    theirs = _entered(campaign, "theirs", other)
    services.create_submitted(campaign, key="online", answers={"role": "pc"}, submitted_at=WHEN)

    listing = interviewer_ines_client.get(
        f"/staff/campagnes/{campaign.slug}/reponses/?statut=draft"
    )
    html = listing.content.decode()
    assert "/reponses/mine/" in html
    assert "/reponses/theirs/" not in html
    sent = interviewer_ines_client.get(f"/staff/campagnes/{campaign.slug}/reponses/")
    assert "/reponses/online/" not in sent.content.decode()

    base = f"/staff/campagnes/{campaign.slug}/reponses/"
    assert interviewer_ines_client.get(base + "mine/").status_code == 200
    assert interviewer_ines_client.get(base + "theirs/").status_code == 403
    assert interviewer_ines_client.get(base + "online/").status_code == 403
    assert interviewer_ines.has_perm("campaigns.view_response", mine)
    assert not interviewer_ines.has_perm("campaigns.view_response", theirs)
    # For every response: no, so exports and the analysis stay closed.
    assert not interviewer_ines.has_perm("campaigns.view_response")


def test_an_enqueteur_who_loses_the_role_loses_their_entries(campaign, interviewer_ines):
    mine = _entered(campaign, "mine", interviewer_ines)
    interviewer_ines.groups.clear()
    fresh = type(interviewer_ines).objects.get(pk=interviewer_ines.pk)
    assert not fresh.has_perm("campaigns.view_response", mine)


def test_an_analyst_sees_every_response(campaign, analyst_axel, interviewer_ines):
    entered = _entered(campaign, "mine", interviewer_ines)
    assert analyst_axel.has_perm("campaigns.view_response")
    assert analyst_axel.has_perm("campaigns.view_response", entered)


def test_the_enqueteur_does_assisted_entry_from_start_to_end(
    campaign, interviewer_ines, interviewer_ines_client
):
    """The campaign page offers the entry and nothing else; the entry is theirs to reopen."""
    page = interviewer_ines_client.get(f"/staff/campagnes/{campaign.slug}/").content.decode()
    assert "Commencer une saisie" in page
    for other in ("Analyser les réponses", "Exporter en CSV", "Importer des réponses"):
        assert other not in page
    started = interviewer_ines_client.post(
        f"/staff/campagnes/{campaign.slug}/saisie/", {"mode": "assisted"}
    )
    assert started.status_code == 302
    entry = Response.objects.get(entered_by=interviewer_ines)
    assert entry.mode == Response.Mode.ASSISTED
    # The campaign closes: the enquêteur may still finish an interview.
    campaign.closes_at = WHEN
    campaign.opens_at = datetime(2026, 1, 1, tzinfo=UTC)
    campaign.save(update_fields=["opens_at", "closes_at"])
    resumed = interviewer_ines_client.get(started["Location"])
    assert resumed.status_code == 302 and "/p/" in resumed["Location"]
    # Someone else with the link but without the right meets the closed campaign.
    assert "/p/" not in Client().get(started["Location"]).get("Location", "")


def test_a_holder_may_change_their_sheet_and_no_other(holder_hugo, group_gael, analyst_axel):
    from vivier.practices import registry
    from vivier.sheets.schema import Sheet

    held = registry.save_sheet(Sheet(title="Cafés des parents"))
    held.holder = holder_hugo
    held.save(update_fields=["holder"])
    other = registry.save_sheet(Sheet(title="Jardins partagés"))

    assert holder_hugo.has_perm("practices.change_practice", held)
    assert not holder_hugo.has_perm("practices.change_practice", other)
    assert not holder_hugo.has_perm("practices.change_practice")  # not the staff registry
    assert group_gael.has_perm("practices.change_practice", other)
    assert not analyst_axel.has_perm("practices.change_practice", held)


def test_an_analyst_deletes_their_own_remark_not_a_colleagues(campaign, analyst_axel):
    from vivier.reports.models import Remark

    colleague = make_persona("analyst_anna", "analyste")
    own = Remark.objects.create(campaign=campaign, text="La mienne.", author=analyst_axel)
    theirs = Remark.objects.create(campaign=campaign, text="La sienne.", author=colleague)
    client = Client()
    client.force_login(analyst_axel)
    base = f"/staff/campagnes/{campaign.slug}/analyse/remarques/"
    assert client.post(f"{base}{theirs.pk}/supprimer/").status_code == 403
    assert Remark.objects.filter(pk=theirs.pk).exists()
    assert client.post(f"{base}{own.pk}/supprimer/").status_code == 302
    assert not Remark.objects.filter(pk=own.pk).exists()
