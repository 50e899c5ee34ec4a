""" "Pratiques similaires": other published practices a reader of one sheet may want next.

Ranked by what a social worker looks for first: the same kind of practice (shared themes),
then the same place (shared région or département), then the same words in the title and
summary (stems, so "conférence familiale" meets "conférences familiales"). A practice with
nothing in common is never proposed: an empty list is better than a random one.
"""

from __future__ import annotations

from django.db.models import Count, Q

from vivier.text import stems

from .models import Practice, PracticePlace, PracticeTheme

#: Beyond the practices sharing a theme or a place, at most this many others are read for
#: shared words: the sheet page must stay fast on a registry of tens of thousands of sheets.
WORD_POOL = 500


def _words(practice: Practice) -> set[str]:
    return set(stems(f"{practice.title} {practice.data.get('summary', '')}"))


def similar(practice: Practice, limit: int = 4) -> list[Practice]:
    published = Practice.objects.filter(state=Practice.State.PUBLISHED).exclude(pk=practice.pk)
    themes = list(practice.theme_rows.values_list("theme", flat=True))
    places = list(practice.places.values_list("departement", "region"))
    departements = [d for d, _ in places]
    regions = [r for _, r in places]

    theme_hits = dict(
        PracticeTheme.objects.filter(practice__in=published, theme__in=themes)
        .values_list("practice_id")
        .annotate(n=Count("theme"))
        .order_by()
    )
    # A shared département counts more than a shared région alone.
    place_rows = (
        PracticePlace.objects.filter(practice__in=published)
        .filter(Q(departement__in=departements) | Q(region__in=regions))
        .values_list("practice_id")
        .annotate(
            d=Count("pk", filter=Q(departement__in=departements)),
            r=Count("region", distinct=True, filter=Q(region__in=regions)),
        )
        .order_by()
    )
    place_hits = {pk: (d, r) for pk, d, r in place_rows}

    pool = {p.pk: p for p in published.filter(pk__in=set(theme_hits) | set(place_hits))}
    if len(pool) < limit:
        for other in published.exclude(pk__in=pool).order_by("-updated_at")[:WORD_POOL]:
            pool[other.pk] = other
    own = _words(practice)

    def score(other: Practice) -> tuple[int, int, int, int]:
        shared_d, shared_r = place_hits.get(other.pk, (0, 0))
        return (theme_hits.get(other.pk, 0), shared_r, shared_d, len(own & _words(other)))

    scored = [(score(p), p) for p in pool.values()]
    ranked = sorted(
        (item for item in scored if any(item[0])), key=lambda item: (item[0], -item[1].pk)
    )
    return [p for _, p in reversed(ranked)][:limit]
