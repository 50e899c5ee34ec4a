"""Atom feed of the catalogue: new and updated published sheets, most recent first."""

from __future__ import annotations

from datetime import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from .models import Practice

#: Feed readers keep what they have seen: the latest changes are enough.
ITEMS = 50


class PracticeFeed(Feed):
    feed_type = Atom1Feed
    title = "Vivier — pratiques émergentes du travail social"
    subtitle = "Fiches de pratiques publiées et mises à jour dans le catalogue."
    language = "fr"

    def link(self) -> str:
        return reverse("practices:catalogue")

    def items(self) -> list[Practice]:
        return list(
            Practice.objects.filter(state=Practice.State.PUBLISHED).order_by("-updated_at", "-pk")[
                :ITEMS
            ]
        )

    def item_title(self, item: Practice) -> str:
        return item.title

    def item_description(self, item: Practice) -> str:
        return str(item.data.get("summary", ""))

    def item_link(self, item: Practice) -> str:
        return reverse("practices:detail", args=[item.slug])

    def item_pubdate(self, item: Practice) -> datetime | None:
        return item.published_at

    def item_updateddate(self, item: Practice) -> datetime:
        return item.updated_at

    def item_categories(self, item: Practice) -> list[str]:
        return list(item.data.get("themes", []))
