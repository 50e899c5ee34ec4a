"""Atom feed of the catalogue: new and updated published sheets, most recent first.

The feed speaks the visitor's language (its title, and each theme's label); a theme's code
stays the category's ``term``, the identifier a reader filters on.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from vivier.sheets import schema
from vivier.text import strip_controls

from .labels import label_of
from .models import Practice

#: Feed readers keep what they have seen: the latest changes are enough.
ITEMS = 50


class TextSummaryAtom1Feed(Atom1Feed):
    """Atom whose entry summaries are plain text.

    Django's Atom writer always declares ``<summary type="html">``: a reader would then
    render a summary's "<" or "&" as markup. A sheet's summary is plain text, so it is
    declared so (RFC 4287, 3.1.1) and escaped by the XML writer like any text.
    """

    def add_item_elements(self, handler: Any, item: dict[str, Any]) -> None:
        super().add_item_elements(handler, {**item, "description": None, "categories": ()})
        if item["description"]:
            handler.addQuickElement("summary", item["description"], {"type": "text"})
        # A category's term is its code; its label is what a reader shows (RFC 4287, 4.2.2).
        for term in item["categories"] or ():
            handler.addQuickElement(
                "category", "", {"term": term, "label": label_of(schema.Theme, term)}
            )


class PracticeFeed(Feed):
    feed_type = TextSummaryAtom1Feed
    title = _("Vivier — pratiques émergentes du travail social")
    subtitle = _("Fiches de pratiques publiées et mises à jour dans le catalogue.")
    # No ``language``: Django writes the active one, French unless the visitor chose English.

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # A feed is only read: other methods get 405, as every read-only page does.
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        return super().__call__(request, *args, **kwargs)

    def link(self) -> str:
        return reverse("practices:catalogue")

    def items(self) -> list[Practice]:
        return list(
            Practice.objects.filter(state=Practice.State.PUBLISHED).order_by("-updated_at", "-pk")[
                :ITEMS
            ]
        )

    # Texts are cleaned of control characters here too: XML cannot carry them, and a sheet
    # saved before entries removed them must not break the feed.
    def item_title(self, item: Practice) -> str:
        return strip_controls(item.title)

    def item_description(self, item: Practice) -> str:
        return strip_controls(str(item.data.get("summary", "")))

    def item_link(self, item: Practice) -> str:
        return reverse("practices:detail", args=[item.slug])

    def item_pubdate(self, item: Practice) -> datetime | None:
        return item.published_at

    def item_updateddate(self, item: Practice) -> datetime:
        return item.updated_at

    def item_categories(self, item: Practice) -> list[str]:
        return [strip_controls(str(theme)) for theme in item.data.get("themes", [])]
