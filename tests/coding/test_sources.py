"""The texts to code of a campaign (``vivier.coding.sources``): answers synced from the
submitted responses, with their cases; kept in step with redactions, erasures, deletions and
new submissions; notes typed, imported and corrected, their codings following their words;
documents of a practice."""

from __future__ import annotations

import io

import docx
import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from odf.opendocument import OpenDocumentText
from odf.text import P

from vivier.campaigns import privacy, services
from vivier.campaigns.models import Response
from vivier.coding import sources
from vivier.coding.models import Case, Code, Codebook, Coding, PiiFlag, Quote, Source
from vivier.practices import registry
from vivier.qualitative import spans
from vivier.sheets.schema import Sheet

pytestmark = pytest.mark.django_db


def submitted(campaign, key: str, **answers):
    return services.create_submitted(
        campaign, key=key, answers=answers, submitted_at=timezone.now()
    )


def texts(campaign) -> dict[tuple[str, str], str]:
    return {
        (s.response.key, s.question): s.text
        for s in Source.objects.filter(campaign=campaign, kind="answer").select_related("response")
    }


def events(code: str) -> list[dict]:
    return [
        entry.additional_data
        for entry in LogEntry.objects.filter(additional_data__event=code).order_by("pk")
    ]


@pytest.fixture
def code(campaign):
    book = Codebook.objects.create(campaign=campaign, name="Livre")
    return Code.objects.create(codebook=book, name="Groupe de parole")


def code_span(source: Source, code: Code, words: str, user=None) -> Coding:
    start = source.text.index(words)
    end = start + len(words)
    exact, prefix, suffix = spans.selector(source.text, start, end)
    return Coding.objects.create(
        source=source,
        code=code,
        coder=user,
        start=start,
        end=end,
        exact=exact,
        prefix=prefix,
        suffix=suffix,
    )


@pytest.fixture
def answered(campaign):
    submitted(campaign, "a", role="pro", connait="yes", nom="Groupe de parole", themes=["a", "b"])
    submitted(campaign, "b", role="other", role_other="Bénévole au CCAS", connait="no")
    submitted(campaign, "c", role="pc", nom="   ")  # a blank text is no text to code
    Response.objects.create(
        campaign=campaign,
        key="brouillon",
        version=campaign.questionnaire,
        answers={"nom": "Pas encore envoyée"},
    )
    return campaign


# -- Answers -----------------------------------------------------------------------------------


def test_every_non_empty_free_text_of_a_submitted_response_is_a_source(answered):
    assert sources.sync_answers(answered) == 2
    assert texts(answered) == {
        ("a", "nom"): "Groupe de parole",
        ("b", "role_other"): "Bénévole au CCAS",
    }
    names = set(Source.objects.values_list("name", flat=True))
    assert names == {"Réponse a · nom", "Réponse b · role autre"}
    assert events("coding.sources-sync")[-1]["added"] == 2


def test_a_second_sync_changes_nothing(answered):
    sources.sync_answers(answered)
    before = list(Source.objects.values_list("pk", "text", "updated_at"))
    report = sources.refresh(answered)
    assert (report.added, report.changed, report.removed, report.touched) == (0, 0, 0, 0)
    assert list(Source.objects.values_list("pk", "text", "updated_at")) == before
    assert Case.objects.count() == 3
    assert len(events("coding.sources-sync")) == 1  # nothing done, nothing written


def test_each_submitted_response_is_a_case_with_its_closed_answers_as_labels(answered):
    sources.sync_answers(answered)
    cases = {c.response.key: c for c in Case.objects.select_related("response")}
    assert set(cases) == {"a", "b", "c"}
    assert cases["a"].name == "Réponse a"
    assert cases["a"].attributes == {
        "role": "Professionnel",
        "connait": "Oui",
        "themes": "Aller vers ; Pair-aidance",
    }
    assert cases["b"].attributes == {"role": "Autre (précisez)", "connait": "Non"}
    source = Source.objects.get(question="nom")
    assert source.case == cases["a"]


def test_hcts_cases_carry_profile_structure_departement_region_and_branch(hcts_campaign):
    submitted(
        hcts_campaign,
        "h1",
        q1="travailleur_social",
        q12="ccas",
        q13="07",
        q23="besoin_terrain",
        q15="Des conférences familiales.",
        q74="marie@exemple.fr",
    )
    sources.sync_answers(hcts_campaign)
    case = Case.objects.get()
    assert case.attributes == {
        "q1": "Un.e travailleur.euse social.e",
        "q12": "CCAS ou CIAS",
        "q13": "07 - Ardèche",
        "q13_region": "Auvergne-Rhône-Alpes",
        "q23": "Un besoin identifié sur le terrain",
    }
    assert Source.objects.get().name == "Réponse h1 · Q15"


def test_a_sync_costs_the_same_queries_for_few_and_for_many_responses(campaign):
    def queries_for(count: int, prefix: str) -> int:
        for i in range(count):
            submitted(campaign, f"{prefix}{i}", role="pro", nom=f"Pratique {prefix} {i}")
        with CaptureQueriesContext(connection) as captured:
            report = sources.refresh(campaign)
        assert report.added == count
        return len(captured)

    assert queries_for(3, "x") == queries_for(40, "y")


def test_a_text_changed_in_the_answers_carries_its_codings(answered, code, analyst_axel):
    sources.sync_answers(answered)
    source = Source.objects.get(question="nom")
    coding = code_span(source, code, "parole", analyst_axel)
    whole = Coding.objects.create(source=source, code=code, coder=analyst_axel)
    Response.objects.filter(key="a").update(
        answers={"role": "pro", "nom": "Le Groupe de parole du mardi"}
    )
    report = sources.refresh(answered)
    assert (report.changed, report.codings_kept, report.codings_lost) == (1, 1, 0)
    coding.refresh_from_db()
    source.refresh_from_db()
    assert source.text[coding.start : coding.end] == "parole"
    assert coding.prefix == "Le Groupe de " and coding.suffix == " du mardi"
    assert Coding.objects.filter(pk=whole.pk, start__isnull=True).exists()
    assert source.pii_checked_at is None


def test_a_text_emptied_removes_its_source_and_counts_its_codings(answered, code):
    sources.sync_answers(answered)
    Coding.objects.create(source=Source.objects.get(question="nom"), code=code)
    Response.objects.filter(key="a").update(answers={"role": "pro", "nom": ""})
    report = sources.refresh(answered)
    assert (report.removed, report.codings_lost) == (1, 1)
    assert not Source.objects.filter(question="nom").exists()


# -- Kept in step ------------------------------------------------------------------------------


def test_a_redaction_reaches_the_source_and_its_codings(
    campaign, code, analyst_axel, django_capture_on_commit_callbacks
):
    submitted(
        campaign,
        "paul",
        role="other",
        role_other="Appelez le 06 12 34 56 78 : le groupe de parole accueille tout le monde.",
    )
    sources.sync_answers(campaign)
    source = Source.objects.get()
    kept = code_span(source, code, "le groupe de parole", analyst_axel)
    lost = code_span(source, code, "06 12 34 56 78", analyst_axel)
    Quote.objects.create(coding=lost, source=source, text="[numéro]", consent="survey_terms")
    phone = source.text.index("06")
    flag = PiiFlag.objects.create(source=source, kind="phone", start=phone, end=phone + 14)
    word = source.text.index("accueille")
    other = PiiFlag.objects.create(source=source, kind="person", start=word, end=word + 9)
    Source.objects.filter(pk=source.pk).update(personal_data=True)
    syncs = len(events("coding.sources-sync"))
    with django_capture_on_commit_callbacks(execute=True):
        privacy.redact_text(campaign, "paul", "role_other", actor="test")
    source.refresh_from_db()
    assert "06 12" not in source.text and "[numéro de téléphone effacé]" in source.text
    kept.refresh_from_db()
    assert source.text[kept.start : kept.end] == "le groupe de parole"
    assert not Coding.objects.filter(pk=lost.pk).exists()
    assert not Quote.objects.exists()  # a quote of the redacted number goes with it
    assert not PiiFlag.objects.filter(pk=flag.pk).exists()
    other.refresh_from_db()
    assert source.text[other.start : other.end] == "accueille"
    assert source.personal_data  # the flag nobody dismissed still holds
    # One sensitive action, one line: the redaction's; the texts that follow it add none.
    assert events("personal-data.redact-text")
    assert len(events("coding.sources-sync")) == syncs


def test_an_erasure_reaches_the_sources(campaign, django_capture_on_commit_callbacks):
    submitted(
        campaign,
        "marie",
        role="other",
        role_other="Écrivez-moi à marie.dupont@exemple.fr, merci.",
        courriel="marie.dupont@exemple.fr",
    )
    sources.sync_answers(campaign)
    with django_capture_on_commit_callbacks(execute=True):
        privacy.erase_person(["marie.dupont@exemple.fr"], actor="test")
    text = Source.objects.get().text
    assert "marie.dupont" not in text
    assert text == "Écrivez-moi à [adresse électronique effacée], merci."


def test_a_deleted_response_takes_its_sources_and_case(answered):
    sources.sync_answers(answered)
    Response.objects.filter(key="a").delete()
    assert not Source.objects.filter(question="nom").exists()
    assert not Case.objects.filter(name="Réponse a").exists()


def test_a_response_stored_as_submitted_is_synced_when_it_commits(
    campaign, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        submitted(campaign, "neuve", role="pro", nom="Une pratique neuve")
        submitted(campaign, "autre", role="pro", nom="Une autre")
    assert len(callbacks) >= 2
    assert texts(campaign) == {
        ("neuve", "nom"): "Une pratique neuve",
        ("autre", "nom"): "Une autre",
    }


def test_a_web_submission_is_caught_up_by_the_pages(campaign):
    draft = Response.objects.create(
        campaign=campaign, key="web", version=campaign.questionnaire, answers={"nom": "Du web"}
    )
    # services.submit writes the row with one UPDATE, which sends no signal.
    Response.objects.filter(pk=draft.pk).update(status="submitted", submitted_at=timezone.now())
    assert not Source.objects.exists()
    assert sources.catch_up(campaign).added == 1
    assert texts(campaign) == {("web", "nom"): "Du web"}
    with CaptureQueriesContext(connection) as captured:
        assert sources.catch_up(campaign).touched == 0
    assert len(captured) == 1


# -- Notes -------------------------------------------------------------------------------------


def docx_note() -> bytes:
    document = docx.Document()
    document.add_paragraph("Entretien : le groupe de parole.")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Lieu"
    table.rows[0].cells[1].text = "Centre social"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def odt_note() -> bytes:
    document = OpenDocumentText()
    document.text.addElement(P(text="Audition de la directrice."))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("filename", "data", "text"),
    [
        ("entretien.txt", "Note d’entretien\r\nseconde ligne".encode("cp1252"), None),
        ("entretien.docx", docx_note(), "Entretien : le groupe de parole.\nLieu\tCentre social"),
        ("audition.odt", odt_note(), "Audition de la directrice."),
    ],
)
def test_a_note_is_imported_from_each_format(campaign, interviewer_ines, filename, data, text):
    source = sources.import_note(campaign, filename, data, user=interviewer_ines)
    expected = text or "Note d’entretien\nseconde ligne"
    assert (source.kind, source.text, source.origin) == ("note", expected, filename)
    assert source.name == filename.rsplit(".", 1)[0]
    assert source.created_by == interviewer_ines
    line = events("coding.note-import")[-1]
    assert line["file"] == filename and line["chars"] == len(expected)


@pytest.mark.parametrize(
    ("filename", "data", "code"),
    [
        ("entretien.pdf", b"%PDF", "NOTE_FORMAT"),
        ("entretien.docx", b"PK\x03\x04 abime", "ARCHIVE_CORRUPT"),
        ("vide.txt", b"\r\n  ", "NOTE_EMPTY"),
        ("image.txt", b"\x89PNG\x00\x00", "NOTE_UNREADABLE"),
    ],
)
def test_a_bad_note_file_is_refused_with_its_name_and_nothing_is_saved(
    campaign, analyst_axel, filename, data, code
):
    with pytest.raises(sources.NoteRefused) as caught:
        sources.import_note(campaign, filename, data, user=analyst_axel)
    assert caught.value.code == code
    assert caught.value.diagnostic.location.file == filename
    assert not Source.objects.exists()
    assert not events("coding.note-import")


def test_a_typed_note_keeps_its_date_and_practice(campaign, analyst_axel):
    practice = registry.save_sheet(Sheet(title="Groupe de pairs"))
    source = sources.add_note(
        campaign,
        title="  Entretien\tavec une cheffe de service ",
        text="Texte\r\n",
        user=analyst_axel,
        held_on=timezone.localdate(),
        practice=practice,
    )
    assert (source.name, source.text, source.practice) == (
        "Entretien avec une cheffe de service",
        "Texte",
        practice,
    )
    assert events("coding.note-create")[-1]["chars"] == 5


def test_correcting_a_note_carries_its_codings_and_counts_those_lost(campaign, code, analyst_axel):
    note = sources.add_note(
        campaign,
        title="Entretien",
        text="Mme Durand anime un groupe de parole. Elle parle du répit des aidants.",
        user=analyst_axel,
    )
    moved = code_span(note, code, "groupe de parole", analyst_axel)
    gone = code_span(note, code, "Mme Durand", analyst_axel)
    carried = sources.edit_text(
        note,
        "Une bénévole anime depuis 2019 un groupe de parole. Elle parle du répit des aidants.",
        user=analyst_axel,
        title="Entretien corrigé",
    )
    assert (carried.kept, carried.lost) == (1, 1)
    moved.refresh_from_db()
    assert note.text[moved.start : moved.end] == "groupe de parole"
    assert note.name == "Entretien corrigé"
    assert not Coding.objects.filter(pk=gone.pk).exists()
    line = events("coding.note-edit")[-1]
    assert (line["codings_kept"], line["codings_lost"]) == (1, 1)


def test_an_answer_is_not_edited_as_a_note(answered, analyst_axel):
    sources.sync_answers(answered)
    answer = Source.objects.get(question="nom")
    with pytest.raises(sources.NoteRefused) as caught:
        sources.edit_text(answer, "Autre chose", user=analyst_axel)
    assert caught.value.code == "NOTE_NOT_EDITABLE"
    answer.refresh_from_db()
    assert answer.text == "Groupe de parole"


# -- Documents of a practice -------------------------------------------------------------------


def test_a_practice_sheet_becomes_one_document_brought_up_to_date(campaign, code, analyst_axel):
    practice = registry.save_sheet(
        Sheet(title="Conférences familiales", summary="La famille décide du plan d’aide.")
    )
    document = sources.add_document(campaign, practice, user=analyst_axel)
    assert document.kind == "document" and document.practice == practice
    assert document.text == ("Conférences familiales\n\nRésumé\nLa famille décide du plan d’aide.")
    coding = code_span(document, code, "plan d’aide", analyst_axel)
    registry.save_sheet(
        Sheet(
            title="Conférences familiales",
            summary="Réunie sans les professionnels, la famille décide du plan d’aide.",
        ),
        practice=practice,
    )
    practice.refresh_from_db()
    again = sources.add_document(campaign, practice, user=analyst_axel)
    assert again.pk == document.pk
    again.refresh_from_db()
    coding.refresh_from_db()
    assert again.text[coding.start : coding.end] == "plan d’aide"
    assert Source.objects.filter(kind="document").count() == 1


def test_a_file_of_a_practice_is_a_document_too(campaign, analyst_axel):
    practice = registry.save_sheet(Sheet(title="Pair-aidance"))
    source = sources.add_document(
        campaign, practice, user=analyst_axel, filename="bilan.docx", data=docx_note()
    )
    assert (source.kind, source.origin, source.practice) == ("document", "bilan.docx", practice)
