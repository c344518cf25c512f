"""Field readers shared by the agreement, accession, designation and control-area parsers.

Each reader takes the parsed document, a path and the raw value, and either returns a clean
value or records a :class:`Problem` at that path and returns ``None``; parsing goes on so one
run of ``agreements check`` lists every problem in a file, not just the first.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from trucewatch.agreements.errors import Problem
from trucewatch.agreements.yamlfile import YamlDoc
from trucewatch.gazetteer.places import GOVERNORATES

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class Reader:
    """Collects problems for one document while its fields are read."""

    def __init__(self, doc: YamlDoc) -> None:
        self.doc = doc
        self.problems: list[Problem] = []

    def bad(self, path: str, message: str) -> None:
        self.problems.append(self.doc.problem(path, message))

    def mapping(self, value: Any, path: str, *, required: bool = True) -> dict[str, Any] | None:
        if value is None and not required:
            return None
        if not isinstance(value, dict):
            self.bad(path, "expected a mapping of fields" if value is not None else "missing")
            return None
        return value

    def unknown_keys(self, value: dict[str, Any], path: str, allowed: set[str]) -> None:
        for key in value:
            if key not in allowed:
                child = f"{path}.{key}" if path else key
                self.bad(child, f"unknown field (allowed: {', '.join(sorted(allowed))})")

    def text(self, value: Any, path: str, *, required: bool = True) -> str | None:
        if value is None:
            if required:
                self.bad(path, "missing")
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.bad(path, "expected text")
            return None
        out = str(value).strip()
        if not out and required:
            self.bad(path, "empty")
            return None
        return out or None

    def texts(self, value: Any, path: str) -> tuple[str, ...]:
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.bad(path, "expected a list of text")
            return ()
        out = []
        for i, item in enumerate(value):
            got = self.text(item, f"{path}[{i}]")
            if got:
                out.append(got)
        return tuple(out)

    def ident(self, value: Any, path: str) -> str | None:
        got = self.text(value, path)
        if got is not None and not ID_PATTERN.match(got):
            self.bad(path, f"{got!r} is not an id (lower case letters, digits and hyphens)")
            return None
        return got

    def integer(self, value: Any, path: str) -> int | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.bad(path, "expected a whole number, 0 or more")
            return None
        return value

    def instant(self, value: Any, path: str, *, required: bool = False) -> dt.datetime | None:
        """A moment with an explicit UTC offset ("2016-02-26T22:00:00Z"), returned in UTC."""
        if value is None:
            if required:
                self.bad(path, "missing")
            return None
        if isinstance(value, str):
            try:
                value = dt.datetime.fromisoformat(value.strip())
            except ValueError:
                self.bad(path, f"{value!r} is not an ISO 8601 date-time")
                return None
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            self.bad(path, "needs a time of day and a UTC offset, e.g. 2016-02-26T22:00:00Z")
            return None
        if not isinstance(value, dt.datetime):
            self.bad(path, "expected a date-time")
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            self.bad(path, "needs a UTC offset (write Z for UTC, or +02:00)")
            return None
        return value.astimezone(dt.UTC)

    def day(self, value: Any, path: str) -> dt.date | None:
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            self.bad(path, "expected a day (YYYY-MM-DD), not a date-time")
            return None
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.bad(path, f"{value!r} is not a day (YYYY-MM-DD)")
        return None

    def day_or_instant(self, value: Any, path: str) -> tuple[dt.datetime | None, dt.date | None]:
        """Either a day (only the day is known) or an instant with offset."""
        if value is None:
            return None, None
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return None, value
        if isinstance(value, str) and len(value.strip()) == 10:
            return None, self.day(value, path)
        return self.instant(value, path), None

    def zone(self, value: Any, path: str) -> str | None:
        name = self.text(value, path)
        if name is None:
            return None
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            self.bad(path, f"{name!r} is not an IANA time zone (e.g. Asia/Damascus)")
            return None
        return name

    def local_matches(self, utc: dt.datetime | None, local: Any, tz: str | None, path: str) -> None:
        """Check a wall-clock time as stated locally against the UTC instant given beside it."""
        if local is None or utc is None or tz is None:
            return
        text = self.text(local, path)
        if text is None:
            return
        try:
            wall = dt.datetime.fromisoformat(text)
        except ValueError:
            self.bad(path, f"{text!r} is not a local date-time (YYYY-MM-DDTHH:MM)")
            return
        if wall.tzinfo is not None:
            self.bad(path, "give the wall-clock time without an offset; local_tz supplies it")
            return
        expected = utc.astimezone(ZoneInfo(tz)).replace(tzinfo=None)
        if wall != expected:
            as_utc = wall.replace(tzinfo=ZoneInfo(tz)).astimezone(dt.UTC)
            self.bad(
                path,
                f"{text} in {tz} is {as_utc:%Y-%m-%d %H:%M} UTC, but the UTC time given is "
                f"{utc:%Y-%m-%d %H:%M} (local clock then: {expected:%Y-%m-%dT%H:%M})",
            )

    def governorates(self, value: Any, path: str) -> tuple[str, ...]:
        names = self.texts(value, path)
        for i, name in enumerate(names):
            if name not in GOVERNORATES:
                known = ", ".join(GOVERNORATES)
                self.bad(f"{path}[{i}]", f"{name!r} is not a governorate ({known})")
        return tuple(n for n in names if n in GOVERNORATES)

    def geometry(self, value: Any, path: str) -> dict | None:
        """A GeoJSON Polygon or MultiPolygon in lon/lat order, checked with shapely."""
        geom = self.mapping(value, path)
        if geom is None:
            return None
        if geom.get("type") not in ("Polygon", "MultiPolygon"):
            self.bad(f"{path}.type", "expected Polygon or MultiPolygon")
            return None
        from shapely.geometry import shape  # local: shapely is only needed for polygons

        try:
            shp = shape(geom)
        except (ValueError, TypeError, IndexError, AttributeError, KeyError) as exc:
            self.bad(f"{path}.coordinates", f"not a valid polygon ({exc})")
            return None
        if not shp.is_valid or shp.is_empty:
            self.bad(f"{path}.coordinates", "polygon is empty or crosses itself")
            return None
        minx, miny, maxx, maxy = shp.bounds
        if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
            self.bad(f"{path}.coordinates", "coordinates must be lon, lat in degrees")
            return None
        return geom
