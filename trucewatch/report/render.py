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

from trucewatch.report.charts import bar_chart, trend_chart
from trucewatch.report.daily import SituationReport
from trucewatch.report.feeds import local_text
from trucewatch.report.maps import incident_map
from trucewatch.report.records import IncidentRecord, toll_range


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


def _when(record: IncidentRecord, tz: str) -> str:
    if record.incident.time is not None:
        return local_text(record.incident.time, tz)
    return f"{record.incident.date.isoformat()} (date only)" if record.incident.date else ""


def render_html(report: SituationReport) -> str:
    """The report as one HTML document."""
    tz = report.period.tz
    charts = {
        "governorate": data_uri(bar_chart(report.by_governorate, "By governorate")),
        "party": data_uri(bar_chart(report.by_party, "By party (perpetrator)")),
        "type": data_uri(bar_chart(report.by_type, "By type")),
        "trend": data_uri(trend_chart(report.trend, "Per report day")),
    }
    map_uri = data_uri(incident_map(report.incidents, report.regimes))
    template = _environment().get_template("report.html.j2")
    return template.render(
        report=report,
        charts=charts,
        map_uri=map_uri,
        when=lambda record: _when(record, tz),
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
    """Write ``report-<label>.html`` (and ``.pdf``) into ``out_dir``."""
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
