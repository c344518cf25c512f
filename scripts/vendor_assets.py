"""Vendor the web app's third-party assets from the npm registry into the package.

Run once when a pinned version changes; the result is committed so the app works offline:

    .venv/bin/python scripts/vendor_assets.py [NAME ...]

For each package in :data:`PACKAGES` it runs ``npm pack <name>@<pinned>`` in a temporary
directory (no install scripts run), checks the tarball's SHA-512 integrity against the one pinned
here, and copies the listed files into ``trucewatch/web/static/vendor/<folder>/`` with a
``VENDOR.md`` naming version, licence and files:

- Leaflet (the map), BSD-2-Clause;
- Leaflet.markercluster (markers grouped with counts when zoomed out), MIT;
- swagger-ui-dist (the offline API documentation page at ``/docs``), Apache-2.0.

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
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENDOR = ROOT / "trucewatch" / "web" / "static" / "vendor"


@dataclass(frozen=True)
class Package:
    """One npm package to vendor: pinned version and integrity, files to copy, licence."""

    name: str
    version: str
    integrity: str  # npm's "integrity" for the tarball; a changed tarball is refused
    folder: str
    files: tuple[str, ...]  # paths in the tarball; a trailing "/" copies a folder's files
    licence: str
    strip: str = "dist/"  # prefix removed from paths when copied


PACKAGES = {
    "leaflet": Package(
        "leaflet",
        "1.9.4",
        "sha512-nxS1ynzJOmOlHp+iL3FyWqK89GtNL8U8rvlMOsQdTTssxZwCXh8N2NB3GDQOL+YR3XnWyZAxwQixURb"
        "+FA74PA==",
        "leaflet",
        ("dist/leaflet.js", "dist/leaflet.css", "dist/images/", "LICENSE"),
        "BSD-2-Clause",
    ),
    "leaflet.markercluster": Package(
        "leaflet.markercluster",
        "1.5.3",
        "sha512-vPTw/Bndq7eQHjLBVlWpnGeLa3t+3zGiuM7fJwCkiMFq+nmRuG3RI3f7f4N4TDX7T4NpbAXpR2+NTRSEGf"
        "CSeA==",
        "markercluster",
        (
            "dist/leaflet.markercluster.js",
            "dist/MarkerCluster.css",
            "dist/MarkerCluster.Default.css",
            "MIT-LICENCE.txt",
        ),
        "MIT",
    ),
    "swagger-ui-dist": Package(
        "swagger-ui-dist",
        "5.36.0",
        "sha512-Lt6/Kb0gXmLdiabLhvso4VdJP9V7qJWB0zh0gzeXUV3+CMOTzMmvpJRSXN7EAjfwixwmoi9ezDbLHie"
        "xC7lA9A==",
        "swagger-ui",
        ("swagger-ui-bundle.js", "swagger-ui.css", "LICENSE"),
        "Apache-2.0",
        strip="",
    ),
}


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


def vendor(package: Package, target: Path) -> list[str]:
    """Fetch, check and copy one package into ``target``; return the files copied."""
    with tempfile.TemporaryDirectory() as tmp:
        tarball = npm_pack(package.name, package.version, Path(tmp))
        found = integrity(tarball)
        if found != package.integrity:
            sys.exit(f"{package.name} {package.version}: integrity {found} is not the pinned one")
        if target.exists():
            shutil.rmtree(target)
        copied = []
        with tarfile.open(tarball) as archive:
            members = safe_members(archive)
            wanted = [
                n
                for f in package.files
                for n in members
                if n == f or (f.endswith("/") and n.startswith(f))
            ]
            missing = [
                f for f in package.files if not any(n == f or n.startswith(f) for n in wanted)
            ]
            if missing:
                sys.exit(f"{package.name} {package.version}: not in the tarball: {missing}")
            for name in wanted:
                data = archive.extractfile(members[name])
                assert data is not None
                out = target / name.removeprefix(package.strip)
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_bytes(data.read())
                copied.append(name)
    (target / "VENDOR.md").write_text(
        f"# {package.name} {package.version}\n\n"
        f"- from: npm `{package.name}@{package.version}` (`npm pack`), integrity "
        f"`{package.integrity}`\n"
        f"- licence: {package.licence} (see the licence file here)\n"
        f"- files: {', '.join(f'`{f}`' for f in package.files)}\n"
        "- refreshed by: `scripts/vendor_assets.py`\n",
        encoding="utf-8",
    )
    return copied


def main(names: list[str]) -> None:
    for name in names or list(PACKAGES):
        package = PACKAGES[name]
        target = VENDOR / package.folder
        copied = vendor(package, target)
        print(f"vendored {package.name} {package.version} into {target} ({len(copied)} files)")


if __name__ == "__main__":
    main(sys.argv[1:])
