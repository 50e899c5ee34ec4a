"""Template context shared by every page."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _


def site(request: HttpRequest) -> dict[str, Any]:
    # django-dsfr's own processor reads a configuration row on every request; ours comes from
    # settings, so a fresh database needs no setup and the State brand stays behind a flag.
    brand = "République<br>française" if settings.VIVIER_DSFR_BRAND else ""
    config = SimpleNamespace(
        site_title=settings.VIVIER_SITE_TITLE,
        site_tagline=settings.VIVIER_SITE_TAGLINE
        or _("Repérer, documenter et essaimer les pratiques émergentes du travail social"),
        header_brand_html=brand,
        footer_brand_html=brand,
        footer_description="",
        mourning=False,
        beta_tag=True,
        notice_title="",
        notice_description="",
        operator_logo_file=None,
        operator_logo_alt="",
        accessibility_status="",
    )
    return {"SITE_CONFIG": config, "DSFR_BRAND": settings.VIVIER_DSFR_BRAND}
