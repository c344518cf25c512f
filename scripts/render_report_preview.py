"""Render the first two pages of the demo's situation report to ``docs/report-preview.png``.

Writes the daily report for a day (default 2016-03-01) from the demo store with the demo's
settings file (``examples/syria-2016/trucewatch.toml``: mission header, marking, cut-off and
zone), then puts its pages 1 and 2 side by side in one PNG for the README. Pages are rasterised
with ``pdftoppm`` (Debian's poppler-utils) when it is on the PATH, else with the ``pypdfium2``
package; it says which it used and fails clearly when neither is there.

    .venv/bin/python -m trucewatch.demo --out demo-output      # the demo store
    .venv/bin/python scripts/render_report_preview.py [--db demo-output/trucewatch.db]
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "syria-2016"
DEFAULT_OUT = ROOT / "docs" / "report-preview.png"
DPI = 70  # readable in a README, small in the repository
PAGES = 2


def write_pdf(db: Path, day: dt.date, folder: Path) -> Path:
    """The demo's daily report for ``day`` as a PDF in ``folder``."""
    from trucewatch.agreements import read_record
    from trucewatch.report.daily import collect
    from trucewatch.report.period import Period
    from trucewatch.report.render import write_report
    from trucewatch.report.settings import load_settings
    from trucewatch.store import open_store

    settings = load_settings(EXAMPLE / "trucewatch.toml")
    store = open_store(f"sqlite:///{db}")
    try:
        with store.engine.connect() as conn:
            period = Period(day, day, settings.cutoff, settings.tz)
            report = collect(conn, period, read_record(EXAMPLE / "agreements"), settings=settings)
    finally:
        store.close()
    written = write_report(report, folder)
    assert written.pdf is not None
    return written.pdf


def page_images(pdf: Path, folder: Path) -> tuple[list[Path], str]:
    """PNGs of the first pages, and the tool that made them."""
    if shutil.which("pdftoppm"):
        stem = folder / "page"
        subprocess.run(
            ["pdftoppm", "-png", "-r", str(DPI), "-f", "1", "-l", str(PAGES), pdf, stem],
            check=True,
        )
        return sorted(folder.glob("page-*.png")), "pdftoppm"
    import pypdfium2  # ImportError: the caller says neither tool is there

    document = pypdfium2.PdfDocument(str(pdf))
    paths = []
    for i in range(min(PAGES, len(document))):
        path = folder / f"page-{i + 1}.png"
        document[i].render(scale=DPI / 72).to_pil().save(path)
        paths.append(path)
    document.close()
    return paths, "pypdfium2"


def side_by_side(images: list[Path], out: Path) -> None:
    """The pages next to each other on a light grey ground, each with a thin border."""
    from PIL import Image, ImageOps

    pages = [
        ImageOps.expand(Image.open(p).convert("RGB"), border=1, fill="#9e9e9e") for p in images
    ]
    gap = 12
    width = sum(p.width for p in pages) + gap * (len(pages) + 1)
    height = max(p.height for p in pages) + 2 * gap
    sheet = Image.new("RGB", (width, height), "#eceff1")
    x = gap
    for page in pages:
        sheet.paste(page, (x, gap))
        x += page.width + gap
    sheet.save(out, optimize=True)


def main(argv: list[str] | None = None) -> int:
    """Render the preview; return a shell exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=ROOT / "demo-output" / "trucewatch.db")
    parser.add_argument("--date", default="2016-03-01", help="the report day")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    if not args.db.exists():
        print(f"no demo store at {args.db}: run `make demo` or give --db", file=sys.stderr)
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        pdf = write_pdf(args.db, dt.date.fromisoformat(args.date), Path(tmp))
        try:
            images, used = page_images(pdf, Path(tmp))
        except ImportError:
            print(
                "neither pdftoppm (apt-get install poppler-utils) nor pypdfium2 "
                "(pip install pypdfium2) is available",
                file=sys.stderr,
            )
            return 1
        side_by_side(images, args.out)
    print(f"wrote {args.out} from pages 1–{len(images)} of the report for {args.date} ({used})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
