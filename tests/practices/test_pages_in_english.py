"""The main public and staff pages, read in English, show no stored code.

Vivier stores codes: a sheet's closed lists ("mise_en_oeuvre"), the choices of its models
(a campaign's status, a response's mode, a remark's kind), the events of the audit trail
("personal-data.find"), the answers to a questionnaire ("travailleur_social"), the types of
its questions ("single_choice"). Pages show
their words. Each page is read in English (the language cookie the language switch sets),
what authors wrote (the questionnaire's and the sheet's texts, in French) is set aside, and
what is left must hold none of these codes, as stored or with its underscores as spaces. A
code that is also a word of the English interface ("conclusion", "video") cannot be told
apart from it and is not looked for as it is (``test_no_stored_key``'s rule).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime
from functools import cache

import pytest
from django.apps import apps
from django.conf import settings

from tests.practices.test_catalogue import publish
from tests.practices.test_no_stored_key import CODES, _interface, _visible_text, _whole, _written
from vivier.audit import events
from vivier.campaigns import privacy, services
from vivier.practices import registry
from vivier.reports.models import Remark
from vivier.sheets import schema
from vivier.surveys.schema import QuestionType

pytestmark = pytest.mark.django_db

SHEET = schema.Sheet(
    title="Cafés des parents",
    summary="Un lieu pour parler entre parents.",
    themes=(schema.Theme.OUTREACH, schema.Theme.FAMILY_CONFERENCES),
    stage_history=(schema.StageChange(schema.Stage.EXPERIMENTATION),),
    conditions=(
        schema.Condition(
            schema.ConditionKind.SUCCESS_FACTOR, schema.ConditionCategory.HIERARCHY_SUPPORT
        ),
    ),
    media=(schema.MediaLink("https://example.org/film", schema.MediaKind.VIDEO),),
    timeline=(schema.TimelineEvent(schema.PartialDate(2016, 3), "Premier café."),),
)
#: The second version: a new stage, a consent given, a theme and a category changed.
CHANGED = replace(
    SHEET,
    themes=(schema.Theme.OUTREACH, schema.Theme.EMPOWERMENT),
    stage_history=(
        schema.StageChange(schema.Stage.EXPERIMENTATION),
        schema.StageChange(schema.Stage.IMPLEMENTATION),
    ),
    conditions=(
        schema.Condition(schema.ConditionKind.OBSTACLE, schema.ConditionCategory.WORKLOAD),
    ),
    media=(
        schema.MediaLink("https://example.org/film", schema.MediaKind.VIDEO, consent_recorded=True),
    ),
)


def _model_codes() -> set[str]:
    """The stored values of every choice field of Vivier's models."""
    codes: set[str] = set()
    for model in apps.get_models():
        if not model.__module__.startswith("vivier."):
            continue
        for field in model._meta.get_fields():
            for value, _label in getattr(field, "flatchoices", None) or ():
                if isinstance(value, str):
                    codes.add(value)
    return codes


def _questionnaire_texts(q) -> set[str]:
    """What the questionnaire's author wrote: texts, and the conditions of its pages and
    questions (an expression names answers by their codes, as written)."""
    texts = {q.title}
    for section in q.sections:
        texts.update(t for t in (section.title, section.relevant) if t)
        for question in section.questions:
            texts.update(t for t in (question.label, question.hint, question.relevant) if t)
            texts.update(t for t in (question.constraint,) if t)
            texts.update(c.label for c in question.choices)
            if question.other:
                texts.add(question.other_label)
    return {t for t in texts if t}


def _answer_codes(q) -> set[str]:
    return {c.value for question in q.questions() for c in question.choices}


@cache
def _looked_for(codes: frozenset[str], authored: str = "") -> list[tuple[str, re.Pattern[str]]]:
    """What the scan looks for: each code, as stored and with spaces, unless it is also a word
    of the English interface or of what authors wrote ("autre", "professionnels"), in any
    case but for codes in capitals."""
    words = _interface("en") + "\n" + authored
    patterns = []
    for code in sorted(codes):
        if len(code) < 3 or not re.search(r"[a-z]", code, re.IGNORECASE):
            continue  # "a", "1", "33": too short, or a number, to be a code seen
        # A code in capitals ("ATTENTION") is told apart from the word by its case.
        flags = 0 if code.isupper() else re.IGNORECASE
        for shown in dict.fromkeys((code, code.replace("_", " "))):
            if not _whole(shown, flags).search(words):
                patterns.append((shown, _whole(shown, flags)))
    return patterns


@pytest.fixture
def site(alice, hcts_campaign):
    """A campaign with responses and a remark, a published sheet with two versions, audit
    lines of both trails."""
    q = hcts_campaign.questionnaire.questionnaire()
    for index, (answer, mode) in enumerate(
        [("travailleur_social", "online"), ("responsable_equipe", "assisted")]
    ):
        services.create_submitted(
            hcts_campaign,
            key=f"r{index}",
            answers={"q1": answer},
            submitted_at=datetime(2026, 12, 7, 10, 30, tzinfo=UTC),
            mode=mode,
        )
    Remark.objects.create(
        campaign=hcts_campaign, question="q1", kind="ATTENTION", text="Few answers.", author=alice
    )
    practice = publish(SHEET)
    registry.save_sheet(CHANGED, practice=practice)
    privacy.audit("alice", "personal-data.find", "personne:0123456789abcdef0123")
    from vivier import audit

    audit.record(None, "report.export", hcts_campaign, format="pdf", publication=False)
    return {"campaign": hcts_campaign, "q": q, "practice": practice}


def test_the_main_pages_in_english_show_no_stored_code(alice_client, site):
    campaign, q, practice = site["campaign"], site["q"], site["practice"]
    codes = frozenset(
        CODES | _model_codes() | set(events.EVENTS) | _answer_codes(q) | set(QuestionType)
    )
    authored = "\n".join(sorted(_questionnaire_texts(q)))
    # The scan looks for what once reached pages.
    looked_for = {code for code, _ in _looked_for(codes, authored)}
    assert {"mise_en_oeuvre", "soutien_hierarchie", "personal-data.find", "ATTENTION"} <= looked_for
    assert {"travailleur_social", "single_choice"} <= looked_for

    written = _written([SHEET, CHANGED]) + [
        _whole(text) for text in sorted(_questionnaire_texts(q), key=len, reverse=True)
    ]
    slug, sheet = campaign.slug, practice.slug
    pages = [
        "/",
        "/pratiques/",
        f"/pratiques/{sheet}/",
        f"/q/{slug}/",
        "/staff/",
        f"/staff/campagnes/{slug}/",
        f"/staff/campagnes/{slug}/reponses/",
        f"/staff/campagnes/{slug}/reponses/r0/",
        f"/staff/campagnes/{slug}/analyse/",
        f"/staff/campagnes/{slug}/analyse/q/q1/",
        "/staff/pratiques/",
        f"/staff/pratiques/{sheet}/",
        f"/staff/pratiques/{sheet}/versions/2/",
        "/staff/journal/",
        "/staff/donnees-personnelles/",
        "/staff/questionnaires/",
        f"/staff/questionnaires/{slug}/",
    ]
    alice_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    shown: dict[str, list[str]] = {}
    for url in pages:
        answer = alice_client.get(url)
        assert answer.status_code == 200, url
        page = answer.content.decode()
        assert 'lang="en"' in page[:400], url
        text = _visible_text(page)
        for line in written:
            text = line.sub("\n", text)
        found = [code for code, pattern in _looked_for(codes, authored) if pattern.search(text)]
        if found:
            shown[url] = found
    assert shown == {}


def test_the_scan_finds_a_stored_code():
    """The scan itself: codes of each origin are found, words of the interface are not."""
    codes = frozenset({"mise_en_oeuvre", "personal-data.find", "ANALYSE", "conclusion"})
    page = '<main id="content"><p>personal-data.find</p><p>Mise en oeuvre</p><p>ANALYSE</p></main>'
    found = [code for code, pattern in _looked_for(codes) if pattern.search(_visible_text(page))]
    assert found == ["ANALYSE", "mise en oeuvre", "personal-data.find"]
    # A word of the interface is not a code; nor is a code in capitals written as a word.
    assert "conclusion" not in {code for code, _ in _looked_for(codes)}
    page = '<main id="content"><p>Analyse des réponses</p></main>'
    assert not [code for code, pattern in _looked_for(codes) if pattern.search(_visible_text(page))]
    # What authors wrote may hold a code's word: it is then not looked for.
    assert "mise en oeuvre" not in {code for code, _ in _looked_for(codes, "Sa mise en oeuvre")}
