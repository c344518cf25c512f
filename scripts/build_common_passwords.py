"""Build the list of common passwords that new passwords are checked against.

Usage::

    .venv/bin/python scripts/build_common_passwords.py   # writes trucewatch/centre/data/

Input: the ``zxcvbn`` package (MIT, pinned in the dev extras), whose ``passwords`` frequency list
holds the 30,000 most common passwords of a 10-million-password corpus, most common first. The
output is that list lower-cased, without repeats, one per line, in zxcvbn's order, plus zxcvbn's
licence beside it; the same package version gives the same bytes, and a test checks the shipped
file against a fresh build. Nothing here runs at run time: ``centre/accounts.py`` reads the file.
"""

from __future__ import annotations

import argparse
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO / "trucewatch" / "centre" / "data"
LIST_NAME = "common-passwords.txt"
LICENSE_NAME = "common-passwords.LICENSE.txt"


def build() -> tuple[str, str]:
    """(the list as text, the licence text to ship beside it)."""
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    seen: dict[str, None] = {}
    for word in FREQUENCY_LISTS["passwords"]:
        if word.strip():
            seen.setdefault(word.strip().lower(), None)
    licence = next(
        f for f in metadata.distribution("zxcvbn").files or () if f.name.startswith("LICENSE")
    )
    version = metadata.version("zxcvbn")
    notice = (
        f"{LIST_NAME} is the 'passwords' frequency list of zxcvbn {version} "
        "(https://pypi.org/project/zxcvbn/), lower-cased, built by "
        "scripts/build_common_passwords.py. zxcvbn's licence:\n\n"
        + licence.read_text(encoding="utf-8")
    )
    return "\n".join(seen) + "\n", notice


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    words, notice = build()
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / LIST_NAME).write_text(words, encoding="utf-8")
    (args.out / LICENSE_NAME).write_text(notice, encoding="utf-8")
    print(f"{len(words.splitlines()):,} passwords written to {args.out / LIST_NAME}")


if __name__ == "__main__":
    main()
