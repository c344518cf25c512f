"""The actor dictionary: forces, factions, official bodies and officials, read from shipped JSON.

Built offline by ``scripts/build_gazetteer.py`` from ``scripts/gazetteer_sources/actors.yaml``.
Typical use::

    actors = load_actors()
    actors.canonical("Daesh")                                   # 'ISIL'
    actors.canonical("Fateh al-Sham", on=date(2016, 8, 1))      # 'Jabhat al-Nusra'
    actors.canonical("Fateh al-Sham", on=date(2016, 7, 1))      # None: not yet its name
    actors.canonical("Konashenkov")                             # 'Russian Defence Ministry'
    actors.top("Ahrar al-Sham")                                 # 'Syrian opposition'
    has_aircraft("Russian Aerospace Forces")                    # True
    has_aircraft("Ahrar al-Sham")                               # False: the opposition has none
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from trucewatch.gazetteer.normalise import normalise, surface_variants
from trucewatch.model.incident import Actor

DATA = Path(__file__).resolve().parent / "data" / "actors.json"

#: The word our gold data uses for targets that are not an armed actor.
CIVILIANS = "civilians"

#: Kinds that never fly combat aircraft, whatever body they stand under (SANA under the Syrian
#: government, OCHA under the UN).
_NEVER_FLY = frozenset({"media", "monitor", "humanitarian", "international_org"})


_DOTTED_ACRONYM = re.compile(r"\b(?:[A-Z]\.){2,}")


@lru_cache(maxsize=65536)
def actor_key(name: str) -> str:
    """Lookup key of an actor name: :func:`normalise` without a leading "the", dotted acronyms
    read undotted ("U.N. refugee agency" = "UN refugee agency")."""
    key = normalise(_DOTTED_ACRONYM.sub(lambda m: m.group(0).replace(".", ""), name))
    return key[4:] if key.startswith("the ") else key


@dataclasses.dataclass(frozen=True, slots=True)
class _Alias:
    actor_id: str
    valid_from: dt.date | None
    valid_to: dt.date | None

    def valid_on(self, on: dt.date | None) -> bool:
        if on is None:
            return True
        return (self.valid_from is None or on >= self.valid_from) and (
            self.valid_to is None or on <= self.valid_to
        )


class ActorDictionary:
    """Aliases -> actors, with hierarchy (``parent``) and validity dates (actor and alias)."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.target_words = frozenset(data.get("target_words", ()))
        self._by_id: dict[str, Actor] = {}
        self._index: dict[str, list[_Alias]] = {}
        self._exact: dict[str, list[_Alias]] = {}
        self._surface: dict[str, list[Actor]] = {}
        self._exact_forms: dict[str, list[Actor]] = {}
        self._aircraft: set[str] = set()
        for record in data["actors"]:
            actor = Actor(
                id=record["id"],
                name=record["name"],
                kind=record["kind"],
                aliases=tuple(a["name"] for a in record["aliases"]),
                parent=record["parent"],
                valid_from=_date(record["valid_from"]),
                valid_to=_date(record["valid_to"]),
            )
            self._by_id[actor.id] = actor
            if record.get("aircraft"):
                self._aircraft.add(actor.id)
            for alias in record["aliases"]:
                entry = _Alias(
                    actor.id, _date(alias.get("valid_from")), _date(alias.get("valid_to"))
                )
                if alias.get("exact"):
                    self._exact.setdefault(alias["name"], []).append(entry)
                    _add(self._exact_forms, alias["name"], actor)
                    continue
                self._index.setdefault(actor_key(alias["name"]), []).append(entry)
                for form in surface_variants(alias["name"]):
                    _add(self._surface, form, actor)

    def actors(self) -> list[Actor]:
        """Every actor, in dictionary order."""
        return list(self._by_id.values())

    def get(self, actor_id: str) -> Actor:
        """The actor with this id (KeyError when unknown)."""
        return self._by_id[actor_id]

    def resolve(self, name: str, on: dt.date | None = None) -> Actor | None:
        """The actor a name or alias denotes on a date (any date when ``on`` is None).

        Case, diacritics, hyphens, articles and a leading "the" do not matter, except for
        acronyms that are also English words ("IS", "US"), which must match exactly; an actor
        id (such as another actor's ``parent``) resolves to that actor. A name
        not yet (or no longer) in use on ``on`` resolves to None: "Jabhat Fateh al-Sham"
        only from 28 July 2016. Target words such as "civilians" are not actors.
        """
        name = name.strip()
        if name in self._by_id:  # an actor id, e.g. another actor's ``parent``
            actor = self._by_id[name]
            return actor if _actor_valid_on(actor, on) else None
        for entry in self._exact.get(name, []) + self._index.get(actor_key(name), []):
            actor = self._by_id[entry.actor_id]
            if entry.valid_on(on) and _actor_valid_on(actor, on):
                return actor
        return None

    def canonical(self, name: str, on: dt.date | None = None) -> str | None:
        """The canonical name behind an alias; an official gives the body they speak for.

        "Daesh" -> "ISIL"; "Konashenkov" -> "Russian Defence Ministry"; a faction stays
        itself ("Ahrar al-Sham"; use :meth:`top` for "Syrian opposition").
        """
        actor = self.resolve(name, on)
        while actor is not None and actor.kind == "person" and actor.parent is not None:
            actor = self._by_id[actor.parent]
        return actor.name if actor is not None else None

    def top(self, name: str, on: dt.date | None = None) -> str | None:
        """The top-level actor a name belongs to: "Ahrar al-Sham" -> "Syrian opposition",
        "YPG" -> "Kurdish forces (YPG/SDF)", "Russian Aerospace Forces" -> "Russian forces"."""
        actor = self.resolve(name, on)
        if actor is None:
            return None
        chain = self.ancestors(actor.id)
        return chain[-1].name if chain else actor.name

    def has_aircraft(self, name: str, on: dt.date | None = None) -> bool | None:
        """Whether the actor a name denotes flies combat aircraft; None for an unknown name.

        The mark is inherited down the hierarchy: "Russian Aerospace Forces" and "RAF" (under
        the US-led coalition) fly, "Ahrar al-Sham" (under the Syrian opposition) does not.
        Media, monitors, humanitarian and international bodies never do. Used for attribution
        plausibility: a party without aircraft is never the perpetrator of an air strike.
        """
        actor = self.resolve(name, on)
        if actor is None:
            return None
        if actor.kind in _NEVER_FLY:
            return False
        chain = [actor, *self.ancestors(actor.id)]
        return any(a.id in self._aircraft for a in chain)

    def ancestors(self, actor_id: str) -> list[Actor]:
        """The parent chain of an actor, nearest first (empty for a top-level actor)."""
        chain: list[Actor] = []
        parent = self._by_id[actor_id].parent
        while parent is not None:
            chain.append(self._by_id[parent])
            parent = self._by_id[parent].parent
        return chain

    def surface_forms(self) -> dict[str, list[Actor]]:
        """Every case-insensitive text spelling -> actors (for ``PhraseMatcher(attr="LOWER")``).

        Acronyms that must match case exactly ("IS", "US") are left out: see
        :meth:`exact_forms`. Alias validity dates are not applied here; check the match with
        :meth:`resolve` and the report's date.
        """
        return {form: list(actors) for form, actors in self._surface.items()}

    def exact_forms(self) -> dict[str, list[Actor]]:
        """Case-sensitive spellings ("IS", "US") -> actors (for ``PhraseMatcher(attr="ORTH")``)."""
        return {form: list(actors) for form, actors in self._exact_forms.items()}

    def is_target_word(self, word: str) -> bool:
        """True for words such as "civilians" that name a target but not an actor."""
        return word.strip().casefold() in self.target_words


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _actor_valid_on(actor: Actor, on: dt.date | None) -> bool:
    if on is None:
        return True
    return (actor.valid_from is None or on >= actor.valid_from) and (
        actor.valid_to is None or on <= actor.valid_to
    )


def _add(index: dict[str, list[Actor]], key: str, actor: Actor) -> None:
    bucket = index.setdefault(key, [])
    if actor not in bucket:
        bucket.append(actor)


def read_actors(path: Path | str) -> ActorDictionary:
    """An actor dictionary from an actors.json file (the shipped one, or a fresh build)."""
    with open(path, encoding="utf-8") as fh:
        return ActorDictionary(json.load(fh))


@cache
def load_actors() -> ActorDictionary:
    """The shipped actor dictionary, loaded once per process."""
    return read_actors(DATA)


def has_aircraft(name: str) -> bool | None:
    """Whether the shipped dictionary's actor ``name`` flies combat aircraft (None: unknown name).

    See :meth:`ActorDictionary.has_aircraft`.
    """
    return load_actors().has_aircraft(name)


def may_fly(name: str) -> bool:
    """Whether ``name`` may have carried out an air strike: every actor but one the shipped
    dictionary knows to fly nothing (an unknown name is not ruled out)."""
    return has_aircraft(name) is not False
