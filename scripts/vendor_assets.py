"""Vendor the web app's third-party assets (Leaflet) from the npm registry into the package.

Run once when the pinned version changes; the result is committed so the app works offline:

    .venv/bin/python scripts/vendor_assets.py

It runs ``npm pack leaflet@<pinned>`` in a temporary directory (no install scripts run), checks
the tarball's SHA-512 integrity against the one pinned here, and copies ``dist/leaflet.js``,
``dist/leaflet.css``, ``dist/images/*`` and the licence into
``trucewatch/web/static/vendor/leaflet/`` with a ``VENDOR.md`` naming version and licence.
Fonts: the app uses the system font stack, so no font is vendored.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENDOR = ROOT / "trucewatch" / "web" / "static" / "vendor"
LEAFLET_VERSION = "1.9.4"
# npm's "integrity" for leaflet-1.9.4.tgz; a changed tarball is refused, not vendored.
LEAFLET_INTEGRITY = (
    "sha512-nxS1ynzJOmOlHp+iL3FyWqK89GtNL8U8rvlMOsQdTTssxZwCXh8N2NB3GDQOL+YR3XnWyZAxwQixURb"
    "+FA74PA=="
)
FILES = ("dist/leaflet.js", "dist/leaflet.css", "LICENSE")


def npm_pack(package: str, version: str, workdir: Path) -> Path:
    """Download one package tarball with npm's own client; return its path."""
    out = subprocess.run(
        ["npm", "pack", f"{package}@{version}", "--json", "--ignore-scripts"],
        cwd=workdir,
        check=True,
        capture_output=True,
        text=True,
    )
    info = json.loads(out.stdout)[0]
    return workdir / info["filename"]


def integrity(path: Path) -> str:
    """The tarball's Subresource-Integrity string, as npm records it."""
    digest = hashlib.sha512(path.read_bytes()).digest()
    return "sha512-" + base64.b64encode(digest).decode()


def safe_members(archive: tarfile.TarFile) -> dict[str, tarfile.TarInfo]:
    """Regular files of the tarball by their path under ``package/``, refusing odd paths."""
    members = {}
    for member in archive.getmembers():
        name = member.name.removeprefix("package/")
        if not member.isfile() or name.startswith("/") or ".." in Path(name).parts:
            continue
        members[name] = member
    return members


def vendor_leaflet(target: Path) -> None:
    """Fetch, check and copy Leaflet into ``target``."""
    with tempfile.TemporaryDirectory() as tmp:
        tarball = npm_pack("leaflet", LEAFLET_VERSION, Path(tmp))
        found = integrity(tarball)
        if found != LEAFLET_INTEGRITY:
            sys.exit(f"leaflet {LEAFLET_VERSION}: integrity {found} is not the pinned one")
        if target.exists():
            shutil.rmtree(target)
        (target / "images").mkdir(parents=True)
        with tarfile.open(tarball) as archive:
            members = safe_members(archive)
            wanted = [*FILES, *(n for n in members if n.startswith("dist/images/"))]
            for name in wanted:
                data = archive.extractfile(members[name])
                assert data is not None
                out = target / name.removeprefix("dist/")
                out.write_bytes(data.read())
    (target / "VENDOR.md").write_text(
        f"# Leaflet {LEAFLET_VERSION}\n\n"
        f"- from: npm `leaflet@{LEAFLET_VERSION}` (`npm pack`), integrity `{LEAFLET_INTEGRITY}`\n"
        "- licence: BSD-2-Clause (see `LICENSE`)\n"
        "- files: `dist/leaflet.js`, `dist/leaflet.css`, `dist/images/*`\n"
        "- refreshed by: `scripts/vendor_assets.py`\n",
        encoding="utf-8",
    )


def main() -> None:
    vendor_leaflet(VENDOR / "leaflet")
    print(f"vendored leaflet {LEAFLET_VERSION} into {VENDOR / 'leaflet'}")


if __name__ == "__main__":
    main()
