"""A chart as a PNG, for the DOCX report (python-docx takes PNG, not SVG)."""

from __future__ import annotations

import functools
import re
import shutil
import subprocess

from vivier.charts.svg import FONT_FAMILY

__all__ = ["to_png"]


def to_png(svg: str, *, width: int = 1200) -> bytes:
    """Rasterise a chart to ``width`` pixels.

    ``width="100%"`` means nothing without a container, so the root's width is replaced by
    the viewBox's before CairoSVG scales the drawing to ``width`` pixels.
    """
    import cairosvg  # imported here: only the DOCX export needs the cairo library

    # CairoSVG uses only the first family of the list: name one that is installed, so that
    # the PNG gets Arial's metrics (Liberation Sans) rather than fontconfig's default.
    family = _installed_family()
    if family:
        svg = svg.replace(f'font-family="{FONT_FAMILY}"', f'font-family="{family}"')

    match = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg)
    if match:
        svg = svg.replace('width="100%"', f'width="{match.group(1)}" height="{match.group(2)}"', 1)
    png = cairosvg.svg2png(
        bytestring=svg.encode("utf-8"), output_width=width, background_color="white"
    )
    if not isinstance(png, bytes):  # svg2png returns None only when given a write_to
        raise RuntimeError("CairoSVG returned no image")
    return png


@functools.cache
def _installed_family() -> str | None:
    """The first family of :data:`FONT_FAMILY` that fontconfig knows, if it can be asked."""
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return None
    try:
        listed = subprocess.run(
            [fc_list, ":", "family"], capture_output=True, text=True, timeout=10, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    installed = {
        name.strip().casefold() for line in listed.splitlines() for name in line.split(",")
    }
    aliases = {"arial": ("arial", "liberation sans", "arimo")}
    for wanted in (name.strip() for name in FONT_FAMILY.split(",")):
        for candidate in aliases.get(wanted.casefold(), (wanted.casefold(),)):
            if candidate in installed:
                return wanted if candidate == wanted.casefold() else candidate.title()
    return None
