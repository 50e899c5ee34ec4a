"""A campaign's report in a file format: the figures and the remarks, through one renderer."""

from __future__ import annotations

import json

from vivier.analysis import DEFAULT_K
from vivier.campaigns.models import Campaign
from vivier.text import strip_controls_deep

from . import localized, service


def render_report(
    campaign: Campaign,
    fmt: str,
    *,
    publication: bool = False,
    k: int = DEFAULT_K,
    lang: str | None = None,
) -> bytes:
    """``json`` is the report dict itself; the other formats come from ``documents``.

    A publication hides small cells and leaves out free texts, which may name people. The
    document speaks ``lang``, by default the language of the page that asked for it.
    """
    report = service.campaign_report(campaign, publication=publication, k=k)
    # The coding of free texts, when there is some (absent otherwise, never empty).
    from vivier.coding.results import report_section

    coding = report_section(campaign, publication=publication, k=k)
    if coding is not None:
        report["coding"] = coding
    if fmt == "json":
        # Free texts stored before entries removed control characters leave without them,
        # as in every other format (``documents.render`` does the same).
        report = strip_controls_deep(report)
        return (json.dumps(report, ensure_ascii=False, indent=2) + "\n").encode()
    # Imported here: the document libraries are heavy and only these formats need them.
    from .documents import render
    from .documents.common import Remark as DocumentRemark

    remarks = [
        DocumentRemark(question=r.question or None, kind=r.kind, text=r.text)
        for r in service.remarks(campaign)
    ]
    return render(
        report,
        campaign.questionnaire.questionnaire(),
        remarks=remarks,
        fmt=fmt,
        include_texts=not publication,
        lang=lang or localized.page_lang(),
    )
