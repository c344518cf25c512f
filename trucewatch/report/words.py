"""Every stored value in the words a reader uses: rulings, types, attribution, grades, dates.

The web pages and the situation reports both show values through these functions, so a
snake_case code or a bare agreement id never reaches a reader, and ``alleged_violation`` reads
the same ("alleged violation") everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping

# Gravest first: an event with several rulings is coloured and sorted by the first that applies.
RULING_ORDER = (
    "violation",
    "alleged_violation",
    "disputed",
    "undetermined",
    "permitted_excluded_target",
    "perpetrator_not_party",
    "out_of_scope",
    "not_in_force",
)

RULING_WORDS = {
    "violation": "violation",
    "alleged_violation": "alleged violation",
    "disputed": "disputed",
    "undetermined": "undetermined",
    "permitted_excluded_target": "permitted (excluded target)",
    "perpetrator_not_party": "perpetrator not a party",
    "out_of_scope": "out of scope",
    "not_in_force": "not in force",
    "none": "not ruled",
}

# One colour per ruling, shared by the web map, the web pills and the report's map.
# Okabe–Ito, colour-blind safe; the web app's app.css carries the same values as --ruling-*
# (tests/test_web_map_palette.py keeps the two equal), so the PDF map reads like the web one.
RULING_COLOURS = {
    "violation": "#d55e00",
    "alleged_violation": "#e69f00",
    "disputed": "#cc79a7",
    "undetermined": "#f0e442",
    "permitted_excluded_target": "#009e73",
    "perpetrator_not_party": "#0072b2",
    "out_of_scope": "#56b4e9",
    "not_in_force": "#bbbbbb",
    "none": "#000000",
}

ATTRIBUTION_WORDS = {
    "stated": "stated",
    "alleged": "alleged (residents, activists or unnamed sources)",
    "denied": "denied by the accused",
    "disputed": "disputed (parties blame each other)",
}

DATE_BASIS_WORDS = {
    "text": "the day the text states",
    "dateline_week": "no day in the text: the week up to publication",
    "inferred_range": "undated report: its inferred publication range",
    "unknown": "date unknown",
}

TYPE_WORDS = {
    "air_strike": "air strike",
    "shelling": "shelling",
    "armed_clash": "armed clash",
    "explosion": "explosion",
    "chemical_attack": "chemical attack",
    "territory_taken": "territory taken",
    "attack_on_civilians": "attack on civilians",
    "humanitarian_delivery": "humanitarian delivery",
    "accession": "accession",
    "truce_declared": "truce declared",
}


# Who keeps a designation list, for "Excluded: ISIL (UN Security Council list)".
DESIGNATOR_WORDS = {"UNSC": "UN Security Council sanctions list"}

# ACLED's geo precision: 2 is "near a town, or part of a region" (gazetteer.places).
_NEAR, _REGION = 2, 3


def words(value: object) -> str:
    """Any stored code in words: a known one from the tables above, else underscores as spaces."""
    if value is None:
        return "—"
    text = str(getattr(value, "value", value))
    for table in (RULING_WORDS, TYPE_WORDS, DATE_BASIS_WORDS):
        if text in table:
            return table[text]
    return text.replace("_", " ")


def ruling_words(value: object) -> str:
    """A ruling value in words (``alleged_violation`` → "alleged violation")."""
    text = str(getattr(value, "value", value))
    return RULING_WORDS.get(text, text.replace("_", " "))


def attribution_words(value: object) -> str:
    """How the perpetrator is known, in words; "not stated" when nobody says."""
    if value is None:
        return "not stated"
    text = str(getattr(value, "value", value))
    return ATTRIBUTION_WORDS.get(text, text.replace("_", " "))


def grade_words(value: object) -> str:
    """A grade in words; "ungraded" when there is none."""
    if value is None:
        return "ungraded"
    return str(getattr(value, "value", value)).replace("_", " ")


def place_words(place: str | None, governorate: str | None, precision: object = None) -> str:
    """The one way a place is written: "Ashrafiyeh, Aleppo"; a town named like its governorate
    once ("Aleppo"); "near Damascus, Rif Dimashq" for the outskirts; "Aleppo governorate" for
    the governorate as a whole; "—" when nothing is known.

    The gazetteer tells same-named places apart by their governorate ("Ashrafiyeh (Aleppo)"):
    that suffix is dropped, the governorate being written once after the comma."""
    name, gov = (place or "").strip(), (governorate or "").strip()
    if name and gov and name.casefold().endswith(f"({gov.casefold()})"):
        name = name[: -len(gov) - 2].rstrip()
    level = int(precision) if isinstance(precision, int) else None  # an IntEnum is an int
    if not name:
        return f"{gov} governorate" if gov else "—"
    if name.casefold() == gov.casefold() and level == _REGION:
        return f"{gov} governorate"
    written = name if not gov or name.casefold() == gov.casefold() else f"{name}, {gov}"
    return f"near {written}" if level == _NEAR else written


def designator_words(by: str) -> str:
    """Who keeps a designation list: "UN Security Council sanctions list", "Turkey only"."""
    return DESIGNATOR_WORDS.get(by, f"{by} only")


def agreement_title(agreement: str, titles: Mapping[str, str]) -> str:
    """An agreement's title for its id; an id the record does not know is written as words."""
    found = titles.get(agreement)
    if found:
        return found
    return "agreement " + agreement.replace("_", " ").replace("-", " ")


def ruling_sentence(value: object, agreement: str, titles: Mapping[str, str]) -> str:
    """One ruling as a sentence part: "violation under Cessation of hostilities (Feb 2016)"."""
    return f"{ruling_words(value)} under {agreement_title(agreement, titles)}"


def gravest(values: object) -> str:
    """The gravest of some ruling values ("none" when there is none)."""
    found = set(str(getattr(v, "value", v)) for v in values)  # type: ignore[attr-defined]
    for value in RULING_ORDER:
        if value in found:
            return value
    return "none"
