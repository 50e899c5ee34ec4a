"""Counts shown in the staff area (the full analysis lives in its own module)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from .models import Campaign, Response


@dataclass
class CampaignCounts:
    total: int
    submitted: int
    drafts: int
    per_day: list[tuple[date, int]]
    per_link: list[tuple[str, int]]
    per_mode: list[tuple[str, int]]

    @property
    def peak(self) -> tuple[date, int] | None:
        return max(self.per_day, key=lambda item: item[1]) if self.per_day else None


def campaign_counts(campaign: Campaign) -> CampaignCounts:
    # Rows of an import still being staged are nobody's draft yet (see staged_imports).
    responses = Response.objects.filter(campaign=campaign).exclude(status=Response.Status.STAGED)
    totals = responses.aggregate(
        total=Count("pk"), submitted=Count("pk", filter=Q(status=Response.Status.SUBMITTED))
    )
    done = responses.filter(status=Response.Status.SUBMITTED)
    # Days are counted in the campaign's time zone, as the people running it read them.
    per_day = (
        done.annotate(day=TruncDate("submitted_at", tzinfo=timezone.get_current_timezone()))
        .values("day")
        .annotate(n=Count("pk"))
        .order_by("day")
    )
    per_link = done.values("channel").annotate(n=Count("pk")).order_by("-n", "channel")
    modes = dict(Response.Mode.choices)
    per_mode = done.values("mode").annotate(n=Count("pk")).order_by("-n")
    return CampaignCounts(
        total=totals["total"],
        submitted=totals["submitted"],
        drafts=totals["total"] - totals["submitted"],
        per_day=[(row["day"], row["n"]) for row in per_day],
        per_link=[(row["channel"] or "—", row["n"]) for row in per_link],
        per_mode=[(str(modes.get(row["mode"], row["mode"])), row["n"]) for row in per_mode],
    )
