"""What a person sees of a text to code: the whole text with the personal-data right, the
text with every name and contact found in it masked otherwise.

Masking goes by the flags of the personal-data pass (:mod:`vivier.coding.pii`): a flag a
reviewer dismissed ("Centre social" is not a person) leaves the words as they are. Every
page, export and suggestion that shows a source's text to staff goes through
:func:`visible_text`.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from .models import PiiFlag, Source


def placeholder(kind: str) -> str:
    """What stands in a masked text for one kind of personal data."""
    labels: dict[str, object] = {
        "person": _("[nom]"),
        "email": _("[adresse électronique]"),
        "phone": _("[numéro de téléphone]"),
        "address": _("[adresse]"),
        "nir": _("[numéro de sécurité sociale]"),
        "birth_date": _("[date de naissance]"),
        "place": _("[lieu]"),
    }
    return str(labels.get(kind, _("[masqué]")))


def sees_personal_data(user: Any) -> bool:
    return bool(user.has_perm("coding.review_pii"))


def masked(text: str, flags: list[tuple[int, int, str]]) -> str:
    """``text`` with each (start, end, kind) span replaced by its placeholder; overlapping
    spans are masked once, from the first start to the furthest end."""
    out: list[str] = []
    at = 0
    for start, end, kind in sorted(flags):
        if start < at:
            # Overlaps the span just masked: that placeholder now reaches this end too.
            at = max(at, end)
            continue
        out.append(text[at:start])
        out.append(placeholder(kind))
        at = end
    out.append(text[at:])
    return "".join(out)


def visible_text(source: Source, user: Any) -> str:
    """The text of ``source`` as this person may read it."""
    if sees_personal_data(user):
        return source.text
    if source.pii_checked_at is None:
        # Not read by the pass yet (it runs in the background): what the rules alone find
        # (e-mails, telephone numbers, social security numbers, addresses…) is masked now.
        from vivier.qualitative.pii import find_by_rules

        return masked(source.text, [(f.start, f.end, f.kind) for f in find_by_rules(source.text)])
    if not source.personal_data:
        return source.text
    flags = list(
        source.pii_flags.exclude(status=PiiFlag.Status.DISMISSED).values_list(
            "start", "end", "kind"
        )
    )
    return masked(source.text, flags)
