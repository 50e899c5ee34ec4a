"""The dashboard's "Codage" block: the coding of the campaign's free texts at a glance.

The figures are ``vivier.coding.results.dashboard``'s (top codes per coded question, with
N); the block is shown to those the campaign's coding is open to, and only when something
is coded. The report's part is added by ``rendering.render_report``.
"""

from __future__ import annotations

from typing import Any

from vivier.campaigns.models import Campaign


def dashboard_block(user: Any, campaign: Campaign) -> list[dict[str, Any]] | None:
    from vivier.coding import access, results

    if not access.may_open(user, campaign):
        return None
    return results.dashboard(campaign)
