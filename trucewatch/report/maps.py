"""A map of a period's events over Syria's governorates, as SVG text.

The outlines are Natural Earth admin-1 (public domain), simplified and shipped in
``data/syria-governorates.geojson`` (built by ``scripts/build_basemap.py``). Governorates are
outlines only (no shading by count: a count says nothing about violations); events with
coordinates are dots coloured by their gravest ruling, with a legend and place labels; regimes
in force are hatched over the governorates they name and outlined where they give a polygon.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from functools import cache
from importlib import resources

from matplotlib.patches import PathPatch
from matplotlib.path import Path as MplPath
from shapely.geometry import shape

from trucewatch.model.agreement import Agreement
from trucewatch.report.charts import STYLE, plt, svg_text
from trucewatch.report.event_records import EventRecord
from trucewatch.report.words import RULING_COLOURS, RULING_ORDER, ruling_words

BASEMAP = "syria-governorates.geojson"
LAND = "#f4f4f0"
REGIME_COLOUR = "#1b7837"


@cache
def basemap() -> dict:
    """The shipped GeoJSON FeatureCollection of governorates (and the country outline)."""
    text = resources.files("trucewatch.report").joinpath("data", BASEMAP).read_text("utf-8")
    return json.loads(text)


def governorate_names() -> list[str]:
    """The governorate names the basemap knows, sorted."""
    return sorted(
        f["properties"]["name"]
        for f in basemap()["features"]
        if f["properties"]["kind"] == "governorate"
    )


def _path(geometry: dict) -> MplPath:
    """A matplotlib path for a Polygon or MultiPolygon (holes included)."""
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    vertices: list[tuple[float, float]] = []
    codes: list[int] = []
    for polygon in polygons:
        for ring in polygon:
            vertices.extend((x, y) for x, y in ring)
            codes.extend(
                [MplPath.MOVETO] + [MplPath.LINETO] * (len(ring) - 2) + [MplPath.CLOSEPOLY]
            )
    return MplPath(vertices, codes)


def _label_points(records: Sequence[EventRecord]) -> dict[str, tuple[float, float]]:
    """One label per place with events (the first event's coordinates)."""
    out: dict[str, tuple[float, float]] = {}
    for r in records:
        place = r.event.place
        if place and place.lat is not None and place.lon is not None:
            out.setdefault(place.name, (place.lon, place.lat))
    return out


def event_map(
    records: Sequence[EventRecord], regimes: Sequence[Agreement] = (), title: str = ""
) -> str:
    """The map as SVG: governorate outlines, events as dots coloured by their gravest ruling
    (with a legend of the rulings shown), place labels, regimes in force hatched."""
    regime_governorates = {
        g for a in regimes if a.kind == "regime" for g in a.territory.governorates
    }
    with plt.rc_context(STYLE):
        figure, axes = plt.subplots(figsize=(6.4, 5.6), dpi=100)
        for feature in basemap()["features"]:
            props = feature["properties"]
            if props["kind"] == "country":
                axes.add_patch(
                    PathPatch(
                        _path(feature["geometry"]), fill=False, linewidth=1.2, edgecolor="#252525"
                    )
                )
                continue
            name = props["name"]
            axes.add_patch(
                PathPatch(
                    _path(feature["geometry"]),
                    facecolor=LAND,
                    edgecolor="#969696",
                    linewidth=0.5,
                    hatch="///" if name in regime_governorates else None,
                )
            )
            centre = shape(feature["geometry"]).representative_point()
            if name != "Damascus":  # too small to label legibly at this scale
                axes.annotate(
                    name, (centre.x, centre.y), ha="center", fontsize=6, color="#9e9e9e",
                    style="italic",
                )  # fmt: skip
        for agreement in regimes:
            for polygon in agreement.territory.polygons:
                if polygon.get("type") in ("Polygon", "MultiPolygon"):
                    axes.add_patch(
                        PathPatch(
                            _path(polygon),
                            fill=False,
                            edgecolor=REGIME_COLOUR,
                            linewidth=1.2,
                            linestyle="--",
                        )
                    )
        placed = [r for r in records if r.event.place and r.event.place.lat is not None]
        # Gravest last, so a violation is drawn over an event of lesser concern at one place.
        for value in reversed((*RULING_ORDER, "none")):
            points = [r.event.place for r in placed if r.ruling == value]
            if points:
                axes.scatter(
                    [p.lon for p in points if p],
                    [p.lat for p in points if p],
                    s=28,
                    color=RULING_COLOURS[value],
                    edgecolors="#252525",
                    linewidths=0.5,
                    zorder=3,
                    label=f"{ruling_words(value)} ({len(points)})",
                )
        for name, (x, y) in _label_points(placed).items():
            axes.annotate(
                name, (x, y), xytext=(4, 3), textcoords="offset points", fontsize=8,
                color="#252525", zorder=4,
            )  # fmt: skip
        if any(a.kind == "regime" for a in regimes):
            axes.plot([], [], color=REGIME_COLOUR, linestyle="--", label="regime in force")
        axes.set_xlim(35.5, 42.5)
        axes.set_ylim(32.2, 37.5)
        axes.set_aspect(1 / math.cos(math.radians(34.8)))  # degrees of longitude shrink north
        axes.set_axis_off()
        if title:
            axes.set_title(title, loc="left", fontsize=10)
        unplaced = len(records) - len(placed)
        note = "Dots: events with coordinates, coloured by their gravest ruling."
        if unplaced:
            note += f" {unplaced} event(s) without coordinates are listed in their section only."
        axes.text(
            0.0, -0.02, note + " Outlines: Natural Earth.", transform=axes.transAxes,
            fontsize=6, color="#525252", va="top",
        )  # fmt: skip
        # Only when something carries a label: an empty legend is a matplotlib warning.
        if axes.get_legend_handles_labels()[0]:
            axes.legend(loc="lower right", frameon=False, fontsize=8, title="Ruling")
        figure.tight_layout()
    return svg_text(figure)
