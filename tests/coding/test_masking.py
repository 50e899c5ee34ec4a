"""What staff see of a text holding names: the personal-data role sees it whole, others see
each name and contact found replaced by a placeholder, except what a reviewer dismissed."""

from __future__ import annotations

import pytest
from django.utils import timezone

from vivier.coding.masking import masked, visible_text
from vivier.coding.models import PiiFlag, Source

pytestmark = pytest.mark.django_db

TEXT = "J'ai reçu Mme Claire Dubois au CCAS, 06 12 34 56 78."


@pytest.fixture
def source(campaign):
    found = Source.objects.create(
        campaign=campaign,
        kind="note",
        name="Entretien",
        text=TEXT,
        personal_data=True,
        pii_checked_at=timezone.now(),
    )
    start = TEXT.index("Claire")
    PiiFlag.objects.create(
        source=found, kind="person", start=start, end=start + len("Claire Dubois")
    )
    phone = TEXT.index("06")
    PiiFlag.objects.create(source=found, kind="phone", start=phone, end=phone + 14)
    return found


def test_an_analyst_sees_names_and_numbers_masked(source, analyst_axel):
    assert visible_text(source, analyst_axel) == (
        "J'ai reçu Mme [nom] au CCAS, [numéro de téléphone]."
    )


def test_the_personal_data_role_sees_the_whole_text(source, privacy_paul):
    assert visible_text(source, privacy_paul) == TEXT


def test_a_dismissed_flag_leaves_the_words(source, analyst_axel):
    source.pii_flags.filter(kind="phone").update(status=PiiFlag.Status.DISMISSED)
    assert "06 12 34 56 78" in visible_text(source, analyst_axel)
    assert "Claire" not in visible_text(source, analyst_axel)


def test_a_text_without_personal_data_is_shown_whole(campaign, analyst_axel):
    plain = Source.objects.create(
        campaign=campaign,
        kind="note",
        name="N",
        text="Rien à cacher.",
        pii_checked_at=timezone.now(),
    )
    assert visible_text(plain, analyst_axel) == "Rien à cacher."


def test_a_text_the_pass_has_not_read_yet_is_masked_by_the_rules(campaign, analyst_axel):
    unread = Source.objects.create(
        campaign=campaign, kind="answer", name="R", text="Écrivez à claire.dubois@exemple.fr."
    )
    Source.objects.filter(pk=unread.pk).update(pii_checked_at=None)
    unread.refresh_from_db()
    assert visible_text(unread, analyst_axel) == "Écrivez à [adresse électronique]."


def test_overlapping_spans_are_masked_once():
    assert masked("abcdefgh", [(1, 4, "person"), (2, 6, "place")]) == "a[nom]gh"
