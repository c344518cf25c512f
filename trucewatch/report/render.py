"""Situation reports as HTML (Jinja2) and PDF (WeasyPrint).

The HTML is self-contained (charts and map inline as SVG data URIs), so one file can be mailed
or archived; the PDF is made from that same HTML. Nothing time-dependent goes in: the same
database and arguments give the same HTML, byte for byte.
"""

from __future__ import annotations

import base64
import os
import re
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from trucewatch.report.charts import trend_chart
from trucewatch.report.daily import SituationReport
from trucewatch.report.event_records import EventRecord
from trucewatch.report.feeds import local_text
from trucewatch.report.maps import event_map
from trucewatch.report.records import toll_range
from trucewatch.report.summary import summary
from trucewatch.report.words import attribution_words, ruling_sentence, ruling_words, words


@dataclass(frozen=True, slots=True)
class Written:
    """The files a render wrote."""

    html: Path
    pdf: Path | None


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("trucewatch.report", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,  # a misspelt name fails the render, not the reader
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["toll"] = _toll_text
    env.filters["web_link"] = web_link
    env.filters["words"] = words
    env.filters["ruling_words"] = ruling_words
    env.filters["attribution"] = attribution_words
    return env


# A link a reader may follow: http(s) only, and nothing a browser would strip before reading the
# scheme (spaces, tabs, control characters), so "java\tscript:" cannot pass as something else.
_WEB_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f]+", re.IGNORECASE | re.ASCII)


def web_link(url: str | None) -> str | None:
    """``url`` when it is an http(s) address safe to put in ``href``, else None.

    A report's URL is whatever its sender wrote: ``javascript:`` or ``data:`` would run in the
    reader's browser when clicked, so such a source is named without a link.
    """
    return url if url and _WEB_URL.fullmatch(url) else None


def _toll_text(toll) -> str:
    pair = toll_range(toll)
    if pair is None:
        return "–"
    low, high = pair
    return str(low) if low == high else f"{low}–{high}"


def data_uri(svg: str | None) -> str | None:
    """An ``<img src>`` for an SVG document, or None."""
    if svg is None:
        return None
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _when(record: EventRecord, tz: str) -> str:
    """A time with its zone, or the day (or window) when no time of day is known."""
    if record.time is not None:
        return local_text(record.time, tz)
    window = record.event.window
    if window.event_date is None:
        return "day unknown"
    if window.earliest == window.latest:
        return f"{window.event_date.isoformat()} (day only)"
    return (
        f"between {window.earliest} and {window.latest} (no day in the text; "
        f"counted on {window.event_date})"
    )


def _rulings(record: EventRecord, titles: dict[str, str]) -> str:
    """The event's rulings in words; agreements not in force at the time are summed up in one
    phrase rather than listed (a mission reads what applied, not every instrument it checked)."""
    if not record.rulings:
        return "not ruled"
    applied = [r for r in record.ordered_rulings() if r.ruling != "not_in_force"]
    idle = len(record.rulings) - len(applied)
    parts = [ruling_sentence(r.ruling, r.agreement, titles) for r in applied]
    if idle and parts:
        parts.append(f"not in force under {idle} other agreement{'s' if idle != 1 else ''}")
    elif idle:
        parts.append(f"no agreement in force ({idle} checked)")
    return "; ".join(parts)


def render_html(report: SituationReport) -> str:
    """The report as one HTML document."""
    tz = report.period.tz
    trend_uri = data_uri(trend_chart(report.trend, "Per report day"))
    map_uri = data_uri(event_map(report.events, report.regimes)) if report.events else None
    template = _environment().get_template("report.html.j2")
    return template.render(
        report=report,
        settings=report.settings,
        summary=summary(report),
        trend_uri=trend_uri,
        map_uri=map_uri,
        when=lambda record: _when(record, tz),
        rulings=lambda record: _rulings(record, report.titles),
        local=lambda moment: local_text(moment, tz),
    )


# fontTools stamps each embedded font subset with the time it was made unless SOURCE_DATE_EPOCH
# is set (reproducible-builds.org): a fixed stamp keeps the same report byte-identical.
FONT_STAMP = "1456531200"  # 2016-02-27 00:00 UTC; any fixed value would do


def write_pdf(html: str, path: Path) -> Path:
    """Render ``html`` to a PDF file with WeasyPrint, byte-identical for the same ``html``."""
    from weasyprint import HTML  # imported here: loading it costs a second

    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = before or FONT_STAMP
    try:
        HTML(string=html, base_url=str(path.parent)).write_pdf(path)
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
    return path


def write_report(report: SituationReport, out_dir: Path, *, pdf: bool = True) -> Written:
    """Write ``report-<label>.html`` (and ``.pdf``) into ``out_dir``; the header and marking
    come from ``report.settings`` (``collect(..., settings=load_settings(path))``)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    period = report.period
    stem = f"report-{period.first_day.isoformat()}"
    if period.length > 1:
        stem += f"-to-{period.last_day.isoformat()}"
    html = render_html(report)
    html_path = out_dir / f"{stem}.html"
    html_path.write_text(html, encoding="utf-8")
    pdf_path = write_pdf(html, out_dir / f"{stem}.pdf") if pdf else None
    return Written(html_path, pdf_path)
