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


Span = tuple[int, int, str]


def merge(spans: list[Span]) -> list[Span]:
    """``spans`` in order, overlapping ones merged into one (the first one's kind)."""
    out: list[Span] = []
    for start, end, kind in sorted(spans):
        if out and start < out[-1][1]:
            last = out[-1]
            out[-1] = (last[0], max(last[1], end), last[2])
        else:
            out.append((start, end, kind))
    return out


def spans(source: Source, *, sees: bool) -> list[Span]:
    """What is masked in ``source`` for someone who sees personal data (nothing) or not.

    The flags of the personal-data pass, but those a reviewer dismissed; and while the pass
    has not read the text yet (it runs in the background), what the rules alone find
    (e-mails, telephone numbers, social security numbers, addresses…).
    """
    if sees:
        return []
    found: list[Span] = []
    unread = source.pii_checked_at is None
    if source.personal_data or unread:
        found += source.pii_flags.exclude(status=PiiFlag.Status.DISMISSED).values_list(
            "start", "end", "kind"
        )
    if unread:
        from vivier.qualitative.pii import find_by_rules

        found += [(f.start, f.end, f.kind) for f in find_by_rules(source.text)]
    return merge([(start, end, kind) for start, end, kind in found if end <= len(source.text)])


def masked(text: str, found: list[Span]) -> str:
    """``text`` with each (start, end, kind) span replaced by its placeholder; overlapping
    spans are masked once, from the first start to the furthest end."""
    out: list[str] = []
    at = 0
    for start, end, kind in merge(found):
        out.append(text[at:start])
        out.append(placeholder(kind))
        at = end
    out.append(text[at:])
    return "".join(out)


def visible_text(source: Source, user: Any) -> str:
    """The text of ``source`` as this person may read it."""
    return masked(source.text, spans(source, sees=sees_personal_data(user)))
