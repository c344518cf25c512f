"""A mission's report settings: its name, logo, marking, distribution, cut-off and time zone.

Read from the ``[report]`` table of a TOML file (``trucewatch.toml`` in the working directory
by default, or ``--settings FILE``)::

    [report]
    mission = "Ceasefire Monitoring Mission, Syria"
    logo = "logo.svg"              # relative to the settings file
    classification = "RESTRICTED"
    distribution = ["Co-chairs of the ISSG ceasefire task force", "Participating guarantors"]
    cutoff = "19:30"
    tz = "Asia/Damascus"

Every key is optional; a file that is not there gives the defaults. A bad file or value is an
error that names the file and the key.
"""

from __future__ import annotations

import base64
import datetime as dt
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from trucewatch.report.period import DEFAULT_CUTOFF, DEFAULT_TZ, parse_cutoff

DEFAULT_FILE = Path("trucewatch.toml")
_MEDIA = {".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}


class SettingsError(ValueError):
    """A settings file that cannot be used, with the file and key named."""


@dataclass(frozen=True, slots=True)
class ReportSettings:
    """How a mission's reports are headed, marked and cut off."""

    mission: str = "Ceasefire monitoring"
    logo: str | None = None  # a data: URI, ready for <img src>
    classification: str | None = None
    distribution: tuple[str, ...] = ()
    cutoff: dt.time = DEFAULT_CUTOFF
    tz: str = DEFAULT_TZ
    source: str | None = None  # the file the settings came from
    notes: tuple[str, ...] = field(default=())

    @property
    def zone_label(self) -> str:
        """The zone as written beside every time: "Damascus time", or "UTC"."""
        return zone_label(self.tz)


def zone_label(tz: str) -> str:
    """A time zone's name as a reader says it ("Asia/Damascus" -> "Damascus time")."""
    if tz.upper() in ("UTC", "ETC/UTC", "GMT"):
        return "UTC"
    return tz.rsplit("/", 1)[-1].replace("_", " ") + " time"


def load_settings(path: Path | None = None) -> ReportSettings:
    """The ``[report]`` settings of ``path`` (default ``./trucewatch.toml``; missing: defaults)."""
    chosen = path or DEFAULT_FILE
    if not chosen.exists():
        if path is not None:
            raise SettingsError(f"{chosen}: no such settings file")
        return ReportSettings()
    try:
        table = tomllib.loads(chosen.read_text(encoding="utf-8")).get("report", {})
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{chosen}: not valid TOML ({exc})") from None
    if not isinstance(table, dict):
        raise SettingsError(f"{chosen}: [report] must be a table")
    known = {"mission", "logo", "classification", "distribution", "cutoff", "tz"}
    unknown = sorted(set(table) - known)
    if unknown:
        raise SettingsError(f"{chosen}: unknown key(s) in [report]: {', '.join(unknown)}")

    def text(key: str) -> str | None:
        value = table.get(key)
        if value is not None and not isinstance(value, str):
            raise SettingsError(f"{chosen}: [report] {key} must be text")
        return value.strip() if value else None

    distribution = table.get("distribution", [])
    if isinstance(distribution, str):
        distribution = [distribution]
    if not all(isinstance(d, str) for d in distribution):
        raise SettingsError(f"{chosen}: [report] distribution must be a list of names")
    cutoff = DEFAULT_CUTOFF
    if text("cutoff"):
        try:
            cutoff = parse_cutoff(text("cutoff") or "")
        except ValueError:
            raise SettingsError(
                f"{chosen}: [report] cutoff {table['cutoff']!r} is not a time like 19:30"
            ) from None
    tz = text("tz") or DEFAULT_TZ
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingsError(f"{chosen}: [report] tz {tz!r} is not a known time zone") from None
    return ReportSettings(
        mission=text("mission") or ReportSettings.mission,
        logo=_logo(chosen, text("logo")),
        classification=text("classification"),
        distribution=tuple(d.strip() for d in distribution if d.strip()),
        cutoff=cutoff,
        tz=tz,
        source=str(chosen),
    )


def _logo(settings_file: Path, name: str | None) -> str | None:
    """The logo file (relative to the settings file) as a data URI, so the report stays one file."""
    if not name:
        return None
    path = (settings_file.parent / name).resolve()
    media = _MEDIA.get(path.suffix.lower())
    if media is None:
        raise SettingsError(f"{settings_file}: [report] logo must be .svg, .png or .jpg: {name}")
    if not path.is_file():
        raise SettingsError(f"{settings_file}: [report] logo {name} not found")
    return f"data:{media};base64," + base64.b64encode(path.read_bytes()).decode("ascii")
