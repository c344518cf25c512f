"""Render the first page of a situation report PDF to ``docs/report-preview.png`` for the README.

Uses ``pdftoppm`` (Debian's poppler-utils) when it is on the PATH, else the ``pypdfium2`` Python
package when installed; says which it used, and fails clearly when neither is there.

    .venv/bin/python scripts/render_report_preview.py [demo-output/report-2016-03-01.pdf]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "docs" / "report-preview.png"
DPI = 80  # readable in a README, small in the repository


def newest_report(folder: Path) -> Path | None:
    """The newest daily report PDF in ``folder``, if any."""
    found = sorted(folder.glob("report-*.pdf"), key=lambda p: (p.stat().st_mtime, p.name))
    return found[-1] if found else None


def with_pdftoppm(pdf: Path, out: Path) -> None:
    """First page through poppler's pdftoppm."""
    with tempfile.TemporaryDirectory() as tmp:
        stem = Path(tmp) / "page"
        subprocess.run(
            ["pdftoppm", "-png", "-r", str(DPI), "-f", "1", "-l", "1", "-singlefile", pdf, stem],
            check=True,
        )
        shutil.move(f"{stem}.png", out)


def with_pypdfium2(pdf: Path, out: Path) -> None:
    """First page through pypdfium2 (PDFium)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    page = document[0]
    page.render(scale=DPI / 72).to_pil().save(out)
    document.close()


def main(argv: list[str] | None = None) -> int:
    """Render the preview; return a shell exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "pdf", nargs="?", type=Path, help="default: newest demo-output/report-*.pdf"
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    pdf = args.pdf or newest_report(ROOT / "demo-output")
    if pdf is None or not pdf.exists():
        print("no report PDF: run `make demo` or name one", file=sys.stderr)
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    if shutil.which("pdftoppm"):
        with_pdftoppm(pdf, args.out)
        used = "pdftoppm"
    else:
        try:
            with_pypdfium2(pdf, args.out)
        except ImportError:
            print(
                "neither pdftoppm (apt-get install poppler-utils) nor pypdfium2 "
                "(pip install pypdfium2) is available",
                file=sys.stderr,
            )
            return 1
        used = "pypdfium2"
    print(f"wrote {args.out} from page 1 of {pdf} with {used}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
