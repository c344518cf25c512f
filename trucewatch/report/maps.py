"""A map of a period's incidents over Syria's governorates, as SVG text.

The outlines are Natural Earth admin-1 (public domain), simplified and shipped in
``data/syria-governorates.geojson`` (built by ``scripts/build_basemap.py``). Governorates are
shaded by their violent incidents; incidents with coordinates are dots (violations in red);
regimes in force are hatched over the governorates they name and outlined where they give a
polygon.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Sequence
from functools import cache
from importlib import resources

from matplotlib.patches import PathPatch
from matplotlib.path import Path as MplPath
from shapely.geometry import shape

from trucewatch.model.agreement import Agreement
from trucewatch.report.charts import STYLE, VIOLATION_COLOUR, plt, svg_text
from trucewatch.report.records import IncidentRecord

BASEMAP = "syria-governorates.geojson"
SHADES = ["#f7f7f7", "#fee0d2", "#fcbba1", "#fc9272", "#fb6a4a", "#de2d26"]
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


def _shade(count: int, most: int) -> str:
    if count <= 0 or most <= 0:
        return SHADES[0]
    step = math.ceil(count / most * (len(SHADES) - 1))
    return SHADES[min(max(step, 1), len(SHADES) - 1)]


def incident_map(
    records: Sequence[IncidentRecord], regimes: Sequence[Agreement] = (), title: str = ""
) -> str:
    """The map as SVG: shaded governorates, incident dots, regimes in force."""
    per_governorate = Counter(r.governorate for r in records)
    most = max(per_governorate.values(), default=0)
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
                    facecolor=_shade(per_governorate.get(name, 0), most),
                    edgecolor="#969696",
                    linewidth=0.5,
                    hatch="///" if name in regime_governorates else None,
                )
            )
            centre = shape(feature["geometry"]).representative_point()
            if name != "Damascus":  # too small to label legibly at this scale
                axes.annotate(name, (centre.x, centre.y), ha="center", fontsize=6, color="#525252")
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
        placed = [r for r in records if r.incident.place and r.incident.place.lat is not None]
        for is_violation, colour, label in (
            (False, "#525252", "incident"),
            (True, VIOLATION_COLOUR, "violation"),
        ):
            points = [r.incident.place for r in placed if r.violation == is_violation]
            if points:
                axes.scatter(
                    [p.lon for p in points],
                    [p.lat for p in points],
                    s=14,
                    color=colour,
                    edgecolors="white",
                    linewidths=0.4,
                    zorder=3,
                    label=f"{label} ({len(points)})",
                )
        if any(a.kind == "regime" for a in regimes):
            axes.plot([], [], color=REGIME_COLOUR, linestyle="--", label="regime in force")
        axes.set_xlim(35.5, 42.5)
        axes.set_ylim(32.2, 37.5)
        axes.set_aspect(1 / math.cos(math.radians(34.8)))  # degrees of longitude shrink north
        axes.set_axis_off()
        if title:
            axes.set_title(title, loc="left", fontsize=10)
        unplaced = len(records) - len(placed)
        axes.text(
            0.0,
            -0.02,
            f"Shading: violent incidents per governorate (most: {most}). "
            f"{unplaced} incident(s) without coordinates counted in shading only. "
            "Outlines: Natural Earth.",
            transform=axes.transAxes,
            fontsize=6,
            color="#525252",
            va="top",
        )
        if placed or regimes:
            axes.legend(loc="upper left", frameon=False, fontsize=7)
        figure.tight_layout()
    return svg_text(figure)
