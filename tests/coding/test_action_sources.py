"""Each action of the texts to code (/codage/<slug>/sources/…): it works for the right
person, refuses the wrong method, sends anonymous visitors to sign in and refuses the others
(404 where the campaign's coding or the text is not theirs, 403 where the role is missing).

Analysts read and add every text; the personal-data role reads every text, names unmasked;
an enquêteur types notes and reads their own; the working group opens the campaign's coding
(the codebook) but reads no text.
"""

from __future__ import annotations

import io

import docx
import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from tests.campaigns.actions import client_of, others, sent_to_sign_in
from tests.conftest import make_persona
from vivier.campaigns import services
from vivier.coding import sources
from vivier.coding.models import Code, Codebook, Coding, CodingRound, PiiFlag, Source
from vivier.practices import registry
from vivier.sheets.schema import Sheet

pytestmark = pytest.mark.django_db

READERS = ["analyst_axel", "privacy_paul"]
#: Open the campaign's coding (hub, list) but read no text of it.
#: Everyone but the readers, the enquêteur and the working group: the campaign's 404.
STRANGERS = others("analyste", "donnees_personnelles", "enqueteur", "groupe_de_travail")
ADDERS = ["analyst_axel", "interviewer_ines"]
NOT_ADDERS = others("analyste", "enqueteur")


def base(campaign) -> str:
    return f"/codage/{campaign.slug}/sources/"


@pytest.fixture
def world(campaign, analyst_axel, interviewer_ines):
    for key, text in [("a", "Le groupe de parole du mardi"), ("b", "Une maraude de nuit")]:
        services.create_submitted(
            campaign, key=key, answers={"role": "pro", "nom": text}, submitted_at=timezone.now()
        )
    sources.sync_answers(campaign)
    note = sources.add_note(
        campaign, title="Entretien d’Inès", text="Mme Durand parle du répit.", user=interviewer_ines
    )
    other = sources.add_note(
        campaign, title="Audition d’Axel", text="Une directrice parle.", user=analyst_axel
    )
    return {"campaign": campaign, "note": note, "other": other}


def answer(campaign, key: str = "a") -> Source:
    return Source.objects.get(campaign=campaign, response__key=key)


def docx_bytes(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# -- The list of texts -------------------------------------------------------------------------


@pytest.mark.parametrize("persona", READERS)
def test_the_list_counts_the_free_texts_per_question(request, persona, world):
    campaign = world["campaign"]
    book = Codebook.objects.create(campaign=campaign, name="Livre")
    Coding.objects.create(
        source=answer(campaign), code=Code.objects.create(codebook=book, name="X")
    )
    page = client_of(request, persona).get(base(campaign))
    assert page.status_code == 200
    html = page.content.decode()
    row = html.split('id="question-nom"')[1].split("</tr>")[0]
    assert "<td>2</td>" in row and "<td>1</td>" in row
    assert "Audition d’Axel" in html


def test_the_list_catches_up_with_a_web_submission(analyst_axel_client, world):
    campaign = world["campaign"]
    draft = services.start_response(campaign, key="web")
    services.save_section(draft, {"role": "pro"}, "profil")
    services.save_section(draft, {"connait": "yes", "nom": "Venue du web"}, "pratique")
    assert services.submit(draft).submitted
    page = analyst_axel_client.get(base(campaign))
    assert page.status_code == 200
    assert Source.objects.filter(text="Venue du web").exists()


def test_an_enqueteur_lists_only_their_own_notes(interviewer_ines_client, world):
    html = interviewer_ines_client.get(base(world["campaign"])).content.decode()
    assert "Entretien d’Inès" in html
    assert "Audition d’Axel" not in html and 'id="question-nom"' not in html


def test_the_working_group_opens_the_list_without_any_text(group_gael_client, world):
    page = group_gael_client.get(base(world["campaign"]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Entretien d’Inès" not in html and 'id="question-nom"' not in html


def test_the_list_rejects_the_wrong_method(analyst_axel_client, world):
    assert analyst_axel_client.post(base(world["campaign"])).status_code == 405


@pytest.mark.parametrize("persona", STRANGERS)
def test_the_list_is_a_404_to_others(request, persona, world):
    assert client_of(request, persona).get(base(world["campaign"])).status_code == 404


def test_the_list_sends_anonymous_visitors_to_sign_in(client, world):
    assert sent_to_sign_in(client.get(base(world["campaign"])))


def test_the_hub_links_to_the_list(analyst_axel_client, world):
    html = analyst_axel_client.get(f"/codage/{world['campaign'].slug}/").content.decode()
    assert f'href="{base(world["campaign"])}"' in html


# -- The texts of one question -----------------------------------------------------------------


@pytest.mark.parametrize("persona", READERS)
def test_a_question_lists_its_texts(request, persona, world):
    page = client_of(request, persona).get(base(world["campaign"]) + "question/nom/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Le groupe de parole du mardi" in html and "Une maraude de nuit" in html


def test_a_question_is_searched_and_paged(analyst_axel_client, world, monkeypatch):
    from vivier.coding import views_sources

    url = base(world["campaign"]) + "question/nom/"
    html = analyst_axel_client.get(url, {"q": "MARAUDE"}).content.decode()
    assert "Une maraude de nuit" in html and "groupe de parole" not in html
    monkeypatch.setattr(views_sources, "PAGE_SIZE", 1)
    first = analyst_axel_client.get(url).content.decode()
    second = analyst_axel_client.get(url, {"page": "2"}).content.decode()
    assert "Le groupe de parole" in first and "maraude" not in first
    assert "maraude" in second and "Page 2 sur 2" in second


def test_a_masked_name_is_neither_shown_nor_found(request, world):
    campaign = world["campaign"]
    source = answer(campaign)
    PiiFlag.objects.create(source=source, kind="person", start=3, end=9)  # "groupe"
    Source.objects.filter(pk=source.pk).update(personal_data=True)
    url = base(campaign) + "question/nom/"
    axel = client_of(request, "analyst_axel")
    html = axel.get(url).content.decode()
    assert "Le [nom] de parole" in html and "groupe" not in html
    assert "Aucun texte ne contient ces mots" in axel.get(url, {"q": "groupe"}).content.decode()
    paul = client_of(request, "privacy_paul")
    assert "Le groupe de parole" in paul.get(url, {"q": "groupe"}).content.decode()


def test_an_unknown_question_is_a_404(analyst_axel_client, world):
    assert analyst_axel_client.get(base(world["campaign"]) + "question/age/").status_code == 404


def test_a_question_rejects_the_wrong_method(analyst_axel_client, world):
    assert analyst_axel_client.post(base(world["campaign"]) + "question/nom/").status_code == 405


@pytest.mark.parametrize("persona", [*STRANGERS, "interviewer_ines", "group_gael"])
def test_a_question_is_refused_to_others(request, persona, world):
    page = client_of(request, persona).get(base(world["campaign"]) + "question/nom/")
    assert page.status_code == 403


def test_a_question_sends_anonymous_visitors_to_sign_in(client, world):
    assert sent_to_sign_in(client.get(base(world["campaign"]) + "question/nom/"))


# -- The notes ---------------------------------------------------------------------------------


def test_the_notes_page_lists_and_searches_notes(analyst_axel_client, world):
    url = base(world["campaign"]) + "notes/"
    html = analyst_axel_client.get(url).content.decode()
    assert "Entretien d’Inès" in html and "Audition d’Axel" in html
    html = analyst_axel_client.get(url, {"q": "directrice"}).content.decode()
    assert "Audition d’Axel" in html and "Entretien d’Inès" not in html


def test_an_enqueteur_finds_only_their_own_notes(interviewer_ines_client, world):
    html = interviewer_ines_client.get(base(world["campaign"]) + "notes/").content.decode()
    assert "Entretien d’Inès" in html and "Audition d’Axel" not in html


def test_the_notes_reject_the_wrong_method(analyst_axel_client, world):
    assert analyst_axel_client.post(base(world["campaign"]) + "notes/").status_code == 405


@pytest.mark.parametrize("persona", STRANGERS)
def test_the_notes_are_a_404_to_others(request, persona, world):
    assert client_of(request, persona).get(base(world["campaign"]) + "notes/").status_code == 404


def test_the_notes_send_anonymous_visitors_to_sign_in(client, world):
    assert sent_to_sign_in(client.get(base(world["campaign"]) + "notes/"))


# -- One text ----------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", READERS)
def test_a_text_shows_its_words_codings_and_case(request, persona, world):
    campaign = world["campaign"]
    source = answer(campaign)
    book = Codebook.objects.create(campaign=campaign, name="Livre")
    code = Code.objects.create(codebook=book, name="Entraide")
    Coding.objects.create(source=source, code=code, start=3, end=19, exact="groupe de parole")
    page = client_of(request, persona).get(f"{base(campaign)}{source.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Le groupe de parole du mardi" in html
    assert "Entraide" in html and "« groupe de parole »" in html
    # Only who may code it is sent to the coding screen.
    screen = f"/codage/{campaign.slug}/coder/?source={source.pk}"
    assert (screen in html) == (persona == "analyst_axel")
    assert "Professionnel" in html  # the case's attributes


def test_a_masked_text_masks_its_codings_too_and_unmasking_is_audited(request, world):
    campaign = world["campaign"]
    source = answer(campaign)
    book = Codebook.objects.create(campaign=campaign, name="Livre")
    code = Code.objects.create(codebook=book, name="Entraide")
    Coding.objects.create(source=source, code=code, start=0, end=19, exact="Le groupe de parole")
    PiiFlag.objects.create(source=source, kind="person", start=3, end=9)
    Source.objects.filter(pk=source.pk).update(personal_data=True)
    url = f"{base(campaign)}{source.pk}/"
    html = client_of(request, "analyst_axel").get(url).content.decode()
    assert "groupe" not in html and "« Le [nom] de parole »" in html
    assert not LogEntry.objects.filter(additional_data__event="coding.source-view-personal")
    html = client_of(request, "privacy_paul").get(url).content.decode()
    assert "Le groupe de parole du mardi" in html
    line = LogEntry.objects.get(additional_data__event="coding.source-view-personal")
    assert line.additional_data["actor_name"] == "privacy_paul"


def test_codings_of_an_open_blind_round_stay_their_coders(request, world, analyst_bea):
    campaign = world["campaign"]
    source = answer(campaign)
    book = Codebook.objects.create(campaign=campaign, name="Livre")
    code = Code.objects.create(codebook=book, name="Code de Béa")
    blind = CodingRound.objects.create(campaign=campaign, number=1, title="C1", sample_size=2)
    Coding.objects.create(source=source, code=code, coder=analyst_bea, round=blind)
    url = f"{base(campaign)}{source.pk}/"
    assert "Code de Béa" not in client_of(request, "analyst_axel").get(url).content.decode()
    assert "Code de Béa" in client_of(request, "analyst_bea").get(url).content.decode()
    CodingRound.objects.filter(pk=blind.pk).update(status="closed")
    assert "Code de Béa" in client_of(request, "analyst_axel").get(url).content.decode()


def test_an_enqueteur_reads_their_note_and_no_other_text(interviewer_ines_client, world):
    campaign = world["campaign"]
    own = interviewer_ines_client.get(f"{base(campaign)}{world['note'].pk}/")
    assert own.status_code == 200 and "Mme Durand parle du répit." in own.content.decode()
    for source in (world["other"], answer(campaign)):
        assert interviewer_ines_client.get(f"{base(campaign)}{source.pk}/").status_code == 404


def test_a_second_enqueteur_does_not_read_the_first_ones_note(world):
    from tests.conftest import signed_in

    campaign = world["campaign"]
    second = make_persona("interviewer_ivo", "enqueteur")
    sources.add_note(campaign, title="La sienne", text="Texte", user=second)
    page = signed_in(second).get(f"{base(campaign)}{world['note'].pk}/")
    assert page.status_code == 404


def test_a_text_of_another_campaign_is_a_404(analyst_axel_client, world):
    from tests.support import make_campaign, small_questionnaire

    elsewhere = make_campaign(small_questionnaire("ailleurs"))
    url = f"/codage/{elsewhere.slug}/sources/{world['other'].pk}/"
    assert analyst_axel_client.get(url).status_code == 404


def test_a_text_rejects_the_wrong_method(analyst_axel_client, world):
    url = f"{base(world['campaign'])}{world['other'].pk}/"
    assert analyst_axel_client.post(url).status_code == 405


@pytest.mark.parametrize("persona", STRANGERS)
def test_a_text_is_a_404_to_others(request, persona, world):
    url = f"{base(world['campaign'])}{world['other'].pk}/"
    assert client_of(request, persona).get(url).status_code == 404


def test_a_text_sends_anonymous_visitors_to_sign_in(client, world):
    assert sent_to_sign_in(client.get(f"{base(world['campaign'])}{world['other'].pk}/"))


# -- Update from the answers -------------------------------------------------------------------


def test_the_update_syncs_and_says_what_it_did(analyst_axel_client, world):
    campaign = world["campaign"]
    services.create_submitted(
        campaign, key="c", answers={"nom": "Une nouvelle"}, submitted_at=timezone.now()
    )
    answer(campaign).delete()
    answer_url = base(campaign) + "mettre-a-jour/"
    done = analyst_axel_client.post(answer_url, follow=True)
    assert done.redirect_chain == [(base(campaign), 302)]
    assert "2 textes ajoutés, 0 modifié(s), 0 retiré(s)." in done.content.decode()
    assert Source.objects.filter(campaign=campaign, kind="answer").count() == 3
    again = analyst_axel_client.post(answer_url, follow=True)
    assert "Les textes à coder suivent déjà les réponses." in again.content.decode()


def test_the_update_rejects_the_wrong_method(analyst_axel_client, world):
    assert analyst_axel_client.get(base(world["campaign"]) + "mettre-a-jour/").status_code == 405


@pytest.mark.parametrize("persona", [*STRANGERS, "privacy_paul", "interviewer_ines", "group_gael"])
def test_the_update_is_refused_to_others(request, persona, world):
    page = client_of(request, persona).post(base(world["campaign"]) + "mettre-a-jour/")
    assert page.status_code == 403


def test_the_update_sends_anonymous_visitors_to_sign_in(client, world):
    assert sent_to_sign_in(client.post(base(world["campaign"]) + "mettre-a-jour/"))


# -- Typing a note -----------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ADDERS)
def test_a_note_is_typed(request, persona, world):
    client = client_of(request, persona)
    url = base(world["campaign"]) + "notes/nouvelle/"
    assert client.get(url).status_code == 200
    done = client.post(
        url, {"title": "Audition du 4 mars", "held_on": "2024-03-04", "text": "Il dit :\r\nmerci."}
    )
    source = Source.objects.get(name="Audition du 4 mars")
    assert done.status_code == 302 and done["Location"] == f"{base(world['campaign'])}{source.pk}/"
    assert (source.text, str(source.held_on)) == ("Il dit :\nmerci.", "2024-03-04")


def test_an_enqueteur_types_a_first_note_in_a_new_campaign(interviewer_ines_client):
    from tests.support import make_campaign, small_questionnaire

    fresh = make_campaign(small_questionnaire("neuve"))
    url = f"/codage/{fresh.slug}/sources/notes/nouvelle/"
    done = interviewer_ines_client.post(url, {"title": "Première", "text": "Bonjour."})
    assert done.status_code == 302
    assert interviewer_ines_client.get(f"/codage/{fresh.slug}/sources/").status_code == 200


def test_a_note_with_a_known_practice(analyst_axel_client, world):
    practice = registry.save_sheet(Sheet(title="Pair-aidance", code="1A"))
    url = base(world["campaign"]) + "notes/nouvelle/"
    analyst_axel_client.post(url, {"title": "T", "text": "Texte.", "practice": "1a"})
    assert Source.objects.get(name="T").practice == practice
    refused = analyst_axel_client.post(url, {"title": "T2", "text": "Texte.", "practice": "9Z"})
    assert refused.status_code == 400
    assert "Aucune fiche ne porte le numéro ou l’adresse « 9Z »" in refused.content.decode()


def test_an_empty_note_is_refused_beside_its_field(analyst_axel_client, world):
    url = base(world["campaign"]) + "notes/nouvelle/"
    refused = analyst_axel_client.post(url, {"title": "Vide", "text": " \r\n "})
    assert refused.status_code == 400
    html = refused.content.decode()
    assert '<a href="#f-text">Texte de la note : ' in html
    assert not Source.objects.filter(name="Vide").exists()


def test_typing_a_note_rejects_the_wrong_method(analyst_axel_client, world):
    assert analyst_axel_client.put(base(world["campaign"]) + "notes/nouvelle/").status_code == 405


@pytest.mark.parametrize("persona", NOT_ADDERS)
def test_typing_a_note_is_refused_to_others(request, persona, world):
    url = base(world["campaign"]) + "notes/nouvelle/"
    assert client_of(request, persona).post(url, {"title": "T", "text": "x"}).status_code == 403
    assert not Source.objects.filter(name="T").exists()


def test_typing_a_note_sends_anonymous_visitors_to_sign_in(client, world):
    assert sent_to_sign_in(client.get(base(world["campaign"]) + "notes/nouvelle/"))


# -- Importing a note --------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ADDERS)
def test_a_note_is_imported(request, persona, world):
    client = client_of(request, persona)
    url = base(world["campaign"]) + "notes/importer/"
    assert client.get(url).status_code == 200
    upload = io.BytesIO(docx_bytes("Audition : la pair-aidance."))
    upload.name = "audition-12.docx"
    done = client.post(url, {"document": upload})
    source = Source.objects.get(origin="audition-12.docx")
    assert done.status_code == 302
    assert (source.name, source.text) == ("audition-12", "Audition : la pair-aidance.")


def test_a_bad_note_file_is_refused_naming_the_file(analyst_axel_client, world):
    url = base(world["campaign"]) + "notes/importer/"
    upload = io.BytesIO(b"%PDF-1.7 ...")
    upload.name = "entretien.pdf"
    refused = analyst_axel_client.post(url, {"document": upload})
    assert refused.status_code == 400
    assert "fichier « entretien.pdf » : le format « .pdf » n’est pas lu" in refused.content.decode()
    assert not Source.objects.filter(origin="entretien.pdf").exists()


def test_importing_a_note_rejects_the_wrong_method(analyst_axel_client, world):
    assert analyst_axel_client.put(base(world["campaign"]) + "notes/importer/").status_code == 405


@pytest.mark.parametrize("persona", NOT_ADDERS)
def test_importing_a_note_is_refused_to_others(request, persona, world):
    assert (
        client_of(request, persona).get(base(world["campaign"]) + "notes/importer/").status_code
        == 403
    )


def test_importing_a_note_sends_anonymous_visitors_to_sign_in(client, world):
    assert sent_to_sign_in(client.get(base(world["campaign"]) + "notes/importer/"))


# -- Correcting a note -------------------------------------------------------------------------


def edit_url(world, source) -> str:
    return f"{base(world['campaign'])}{source.pk}/modifier/"


@pytest.mark.parametrize(
    ("persona", "which"),
    [("analyst_axel", "note"), ("interviewer_ines", "note"), ("analyst_axel", "other")],
)
def test_a_note_is_corrected(request, persona, which, world):
    client = client_of(request, persona)
    source = world[which]
    assert client.get(edit_url(world, source)).status_code == 200
    done = client.post(
        edit_url(world, source), {"title": "Corrigée", "text": "Texte corrigé.", "held_on": ""}
    )
    assert done.status_code == 302
    source.refresh_from_db()
    assert (source.name, source.text) == ("Corrigée", "Texte corrigé.")


def test_a_correction_says_how_many_codings_were_lost(analyst_axel_client, world):
    note = world["note"]
    book = Codebook.objects.create(campaign=world["campaign"], name="Livre")
    code = Code.objects.create(codebook=book, name="Répit")
    Coding.objects.create(source=note, code=code, start=0, end=10, exact="Mme Durand")
    done = analyst_axel_client.post(
        edit_url(world, note), {"title": "N", "text": "Elle parle du répit."}, follow=True
    )
    assert "1 codage portait sur des mots qui n’y sont plus" in done.content.decode()


def test_an_answer_is_not_corrected_here(analyst_axel_client, world):
    source = answer(world["campaign"])
    assert analyst_axel_client.get(edit_url(world, source)).status_code == 404


def test_an_enqueteur_does_not_correct_another_ones_note(interviewer_ines_client, world):
    assert interviewer_ines_client.get(edit_url(world, world["other"])).status_code == 404


def test_correcting_rejects_the_wrong_method(analyst_axel_client, world):
    assert analyst_axel_client.put(edit_url(world, world["note"])).status_code == 405


@pytest.mark.parametrize("persona", NOT_ADDERS)
def test_correcting_is_refused_to_others(request, persona, world):
    url = edit_url(world, world["note"])
    assert client_of(request, persona).post(url, {"title": "X", "text": "X"}).status_code == 403


def test_correcting_sends_anonymous_visitors_to_sign_in(client, world):
    assert sent_to_sign_in(client.get(edit_url(world, world["note"])))


# -- A document of a practice ------------------------------------------------------------------


def test_a_sheet_is_added_as_a_document(analyst_axel_client, world):
    practice = registry.save_sheet(Sheet(title="Maraude", summary="Aller vers la nuit."))
    url = base(world["campaign"]) + "documents/ajouter/"
    assert analyst_axel_client.get(url).status_code == 200
    done = analyst_axel_client.post(url, {"practice": practice.slug})
    source = Source.objects.get(kind="document")
    assert done.status_code == 302
    assert source.text == "Maraude\n\nRésumé\nAller vers la nuit."


def test_a_file_of_a_practice_is_added_and_a_bad_one_refused(analyst_axel_client, world):
    practice = registry.save_sheet(Sheet(title="Maraude"))
    url = base(world["campaign"]) + "documents/ajouter/"
    upload = io.BytesIO(b"Rapport d'activite 2023")
    upload.name = "rapport.txt"
    assert (
        analyst_axel_client.post(url, {"practice": practice.slug, "document": upload}).status_code
        == 302
    )
    bad = io.BytesIO(b"PK\x03\x04 abime")
    bad.name = "bilan.odt"
    refused = analyst_axel_client.post(url, {"practice": practice.slug, "document": bad})
    assert refused.status_code == 400
    assert "fichier « bilan.odt » : Ce document OpenDocument" in refused.content.decode()
    assert Source.objects.filter(kind="document").count() == 1


def test_adding_a_document_rejects_the_wrong_method(analyst_axel_client, world):
    assert (
        analyst_axel_client.put(base(world["campaign"]) + "documents/ajouter/").status_code == 405
    )


@pytest.mark.parametrize("persona", [*NOT_ADDERS, "interviewer_ines"])
def test_adding_a_document_is_refused_to_others(request, persona, world):
    assert (
        client_of(request, persona).get(base(world["campaign"]) + "documents/ajouter/").status_code
        == 403
    )


def test_adding_a_document_sends_anonymous_visitors_to_sign_in(client, world):
    assert sent_to_sign_in(client.get(base(world["campaign"]) + "documents/ajouter/"))
