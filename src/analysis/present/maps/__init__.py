"""Maps of the report, drawn from the committed Natural Earth layers (``data/geo``) and the gazetteer.

Two maps, each a function that takes frames and returns a matplotlib :class:`~matplotlib.figure.Figure`
in the house style (:mod:`analysis.present.style`), with a source line and its alt text as ``fig.alt_text`` (the
same convention as :mod:`analysis.present.figures`):

* :func:`regional_overview`: Algeria, Mali and the other Alliance of Sahel States members, capitals and
  every point place the seeds name;
* :func:`border_incidents`: the Algeria–Mali border zone, the events located there as numbered markers
  with a key (date, place, distance to the border, what happened), the location uncertainty of
  Tinzaouaten, and the contested claims.

The meetings with Russia and the events of each pair of actors are drawn on timelines, not maps
(:mod:`analysis.present.pairs`).

Projections: the regional maps use a Lambert azimuthal equal-area projection centred on 20°N 2°E
(:data:`REGION_CRS`, the middle of the Algeria–Mali border), in metres, so the scale bars are true at the
centre of the map; at the edges of the regional overview, about 2,000 km from the centre, the linear scale
is off by about 2 %.

Regions and countries are never drawn as points: places of kind ``region`` or ``country`` appear as
italic labels (regions, no agreed boundary) or filled polygons (countries). Events located only to a region
or a country are counted in a note on the map instead.

Output is deterministic: no randomness, label placement by a fixed number of adjustText iterations, and
:func:`analysis.present.style.save` for the bytes.

Layout of the package: :mod:`.base` holds the drawing toolkit the maps share (projections, countries,
graticule, scale bar, locator, markers, labels, label placement); each map has its module
(:mod:`.overview`, :mod:`.border`), where it is a data function (the
frame to draw), layout functions (positions, label placement) and drawing functions. This module
re-exports their public names, so ``from analysis.present import maps`` and ``maps.border_incidents(...)``
work as before.
"""

from analysis.present.maps.base import (
    AES,
    BORDER_EXTENT,
    BORDER_PAIR,
    BORDER_ZONE_PLACES,
    CAPITALS,
    DETAIL_HALF_KM,
    GEOD,
    LONLAT,
    NE10,
    NE110,
    REGION_CENTRE,
    REGION_CRS,
    REGION_EXTENT,
    REGION_ROLES,
    _project_xy,
    nice_length_km,
)
from analysis.present.maps.border import ZONE_COLUMNS, border_incidents, border_title, zone_data
from analysis.present.maps.overview import OVERVIEW_COLUMNS, overview_places, regional_overview

__all__ = [
    "AES",
    "BORDER_EXTENT",
    "BORDER_PAIR",
    "BORDER_ZONE_PLACES",
    "CAPITALS",
    "DETAIL_HALF_KM",
    "GEOD",
    "LONLAT",
    "NE10",
    "NE110",
    "OVERVIEW_COLUMNS",
    "REGION_CENTRE",
    "REGION_CRS",
    "REGION_EXTENT",
    "REGION_ROLES",
    "ZONE_COLUMNS",
    "_project_xy",
    "border_incidents",
    "border_title",
    "nice_length_km",
    "overview_places",
    "regional_overview",
    "zone_data",
]
