"""Server-side SVG charts in DSFR colours, part of the pure core (no Django import).

Pure functions from figures to an SVG string: the same string is inlined in the staff
dashboard, in the HTML/PDF report (WeasyPrint draws inline SVG) and, through
:func:`~vivier.charts.png.to_png`, in the DOCX report.

* :mod:`vivier.charts.svg`: colours, escaping and the SVG shell every chart shares;
* :mod:`vivier.charts.wording`: :class:`Wording`, every word a chart draws and how it writes
  numbers and dates, given by the caller (the Django shell builds it in
  ``vivier.reports.chart_words``, from the translation catalogue and Django's formats);
* :mod:`vivier.charts.bars`: horizontal bars and the completion funnel;
* :mod:`vivier.charts.timeline`: responses per day;
* :mod:`vivier.charts.tilemap`: the tile-grid map of the départements;
* :mod:`vivier.charts.png`: a chart as a PNG.
"""

from vivier.charts.bars import bar_chart, funnel_chart
from vivier.charts.png import to_png
from vivier.charts.tilemap import tile_map
from vivier.charts.timeline import timeline_chart
from vivier.charts.wording import DateKind, Unit, Wording

__all__ = [
    "DateKind",
    "Unit",
    "Wording",
    "bar_chart",
    "funnel_chart",
    "tile_map",
    "timeline_chart",
    "to_png",
]
