"""What a monitor narrows events and incidents by: one filter for the API, the pages and their
JSON twins, with repeated values meaning "any of" and names read through the gazetteer.

``type=air_strike&type=shelling`` keeps both types; different filters all apply
(``type=shelling&governorate=Idlib`` is shelling in Idlib). Governorates and actors are matched
by what they denote, not how they are spelt: ``governorate=Halab`` is Aleppo (the places
gazetteer's governorate spellings), ``actor=VKS`` is the Russian Aerospace Forces and
``actor=Russian forces`` also finds the units under them (the actor dictionary's aliases and
hierarchy). A country's name the dictionary lacks as an alias finds the actors named after
its people (``Russia``: the Russian forces and government), see :func:`actor_names`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from functools import lru_cache

from trucewatch.gazetteer import load_actors, load_gazetteer
from trucewatch.gazetteer.actors import actor_key
from trucewatch.model.dates import FIRST_DAY, LAST_DAY
from trucewatch.model.incident import Actor, Grade, IncidentType
from trucewatch.report.words import RULING_ORDER

#: The filters a repeated parameter gives several values for ("any of").
ANY_OF = ("governorate", "type", "actor", "ruling", "grade", "agreement")
#: At most this many values per filter: enough for any menu, short of a denial of service.
MAX_VALUES = 50
MAX_TEXT = 200

# The suffixes that make a people's adjective of a country's name (Russia -> Russian,
# Israel -> Israeli, Iran -> Iranian, Lebanon -> Lebanese), compared on normalised keys.
_DEMONYM_ENDINGS = ("n", "an", "ian", "i", "ese")


def values_of(value: str | Iterable[str] | None) -> tuple[str, ...]:
    """One value, several, or none as a tuple: blanks dropped, order kept, repeats once."""
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else list(value)
    out: list[str] = []
    for item in items:
        cleaned = item.strip()
        if cleaned and cleaned not in out:
            out.append(cleaned)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class IncidentFilter:
    """What a monitor narrows the events and incidents by; every field is optional.

    The any-of fields take one value or several (a string is one value) and always hold a
    tuple, empty when the filter is not used."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    governorate: tuple[str, ...] = ()
    type: tuple[str, ...] = ()
    actor: tuple[str, ...] = ()  # perpetrator or target
    ruling: tuple[str, ...] = ()  # any current ruling (of the event) with one of these values
    grade: tuple[str, ...] = ()  # "unverified" also matches incidents never graded
    agreement: tuple[str, ...] = ()  # with ``ruling``: a ruling under one of these agreements
    q: str | None = None  # words in the place, actors, report title or report text

    def __post_init__(self) -> None:
        for name in ANY_OF:
            object.__setattr__(self, name, values_of(getattr(self, name)))

    def active(self) -> dict[str, str | list[str]]:
        """The filters in use, as query-string pairs for links that keep them: one value as a
        string, several as a list (``urlencode(..., doseq=True)`` repeats the parameter)."""
        pairs: dict[str, str | list[str]] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, dt.date):
                pairs[f.name] = value.isoformat()
            elif isinstance(value, tuple):
                if value:
                    pairs[f.name] = value[0] if len(value) == 1 else list(value)
            elif value:
                pairs[f.name] = value
        return pairs

    def governorates(self) -> tuple[str, ...]:
        """The governorate filter's values, lower-case, each with its canonical name."""
        return tuple(sorted({n for g in self.governorate for n in governorate_names(g)}))

    def actors(self) -> tuple[str, ...]:
        """The actor filter's values, lower-case, each with every name it stands for."""
        return tuple(sorted({n for a in self.actor for n in actor_names(a)}))


# --- names through the gazetteer ---------------------------------------------------------------


@lru_cache(maxsize=1024)
def governorate_names(name: str) -> frozenset[str]:
    """``name`` and the governorate it spells (``Halab``: halab, aleppo), lower-case; a name
    that is no governorate's stays itself."""
    canonical = load_gazetteer().governorate(name)
    return frozenset({name.lower(), *([canonical.lower()] if canonical else [])})


def _under(actor: Actor, by_parent: Mapping[str | None, Sequence[Actor]]) -> list[Actor]:
    """``actor`` and every actor below it in the dictionary's hierarchy."""
    out, todo = [], [actor]
    while todo:
        current = todo.pop()
        out.append(current)
        todo.extend(by_parent.get(current.id, ()))
    return out


def _named_after(key: str, every: Sequence[Actor]) -> list[Actor]:
    """The actors with a name or alias starting with the adjective of the people of ``key``
    (a normalised country name: "rusia" finds "Russian forces"), outermost only."""
    if len(key.split()) != 1:
        return []
    adjectives = {key + ending for ending in _DEMONYM_ENDINGS}

    def first_word(name: str) -> str:
        words = actor_key(name).split()
        return words[0] if words else ""

    found = [a for a in every if any(first_word(n) in adjectives for n in (a.name, *a.aliases))]
    ids = {a.id for a in found}
    return [a for a in found if a.parent not in ids]


@lru_cache(maxsize=1024)
def actor_names(name: str) -> frozenset[str]:
    """Every name, lower-case, that ``name`` matches as a perpetrator or target.

    The name itself; the actor the dictionary resolves it to (on any date) with its aliases;
    and every actor under that one with theirs (``Syrian opposition`` finds an event whose
    perpetrator is written ``Ahrar al-Sham``). A name that resolves to no actor but is a
    country's ("Russia", "Israel") stands for the actors named after its people, each with the
    actors under it. Stored events carry the dictionary's canonical names; incidents may still
    carry the words of the report, which the aliases cover."""
    actors = load_actors()
    every = actors.actors()
    found = actors.resolve(name)
    roots = [found] if found is not None else _named_after(actor_key(name), every)
    by_parent: dict[str | None, list[Actor]] = {}
    for a in every:
        by_parent.setdefault(a.parent, []).append(a)
    names = {name.lower()}
    for root in roots:
        for actor in _under(root, by_parent):
            names.update(n.lower() for n in (actor.name, *actor.aliases))
    return frozenset(names)


# --- the pages' query string -------------------------------------------------------------------

_CHOICES: dict[str, frozenset[str]] = {
    "type": frozenset(t.value for t in IncidentType),
    "ruling": frozenset(RULING_ORDER),
    "grade": frozenset(g.value for g in Grade),
}


def _text(value: str | None) -> str | None:
    cleaned = (value or "").replace("\x00", "").strip()[:MAX_TEXT]
    return cleaned or None


def _day(value: str | None) -> dt.date | None:
    try:
        day = dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None
    return day if day is None or FIRST_DAY <= day <= LAST_DAY else None


def from_query(params: Mapping[str, str] | object) -> IncidentFilter:
    """The filter a page's query string asks for (a Starlette ``QueryParams`` or any mapping
    with ``getlist``): repeated parameters are any-of; values that make no sense are dropped,
    as a page shows what it can rather than an error."""
    getlist = getattr(params, "getlist", None)

    def many(name: str) -> list[str]:
        raw = getlist(name) if getlist else values_of(params.get(name))  # type: ignore[attr-defined]
        kept = [t for t in (_text(v) for v in raw[:MAX_VALUES]) if t]
        allowed = _CHOICES.get(name)
        return [v for v in kept if allowed is None or v in allowed]

    def one(name: str) -> str | None:
        values = getlist(name) if getlist else [params.get(name)]  # type: ignore[attr-defined]
        return values[-1] if values else None

    return IncidentFilter(
        date_from=_day(one("date_from")),
        date_to=_day(one("date_to")),
        **{name: many(name) for name in ANY_OF},
        q=_text(one("q")),
    )
