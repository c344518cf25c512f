"""Actor names as the adjudicator sees them: resolved through the actor dictionary.

Rulings depend on who did what to whom, and reports spell actors many ways ("Daesh", "IS",
"al-Nusra Front"). The adjudicator therefore never compares raw names: it asks a ``resolve``
function for the canonical name on the incident's day, and a ``lineage`` function for the
canonical names of the organisations above it (a brigade belongs to a faction). Both are
injected, so tests can run on a small table and the product on the real dictionary.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

Resolve = Callable[[str, dt.date | None], str | None]
Lineage = Callable[[str, dt.date | None], list[str]]

CIVILIANS = "civilians"
UNKNOWN_NAMES = frozenset({"", "unknown", "unidentified", "unknown perpetrator", "none", "n/a"})


def key(name: str) -> str:
    """Comparison key for actor names: case and spacing do not matter."""
    return " ".join(name.casefold().replace("’", "'").split())


def is_unknown(name: str | None) -> bool:
    """True when a perpetrator or target field holds no actor ("Unknown" counts as missing)."""
    return name is None or key(name) in UNKNOWN_NAMES


@dataclass(frozen=True, slots=True)
class ActorLookup:
    """Canonical names and lineages for actor names on a given day."""

    resolve: Resolve
    lineage: Lineage

    def canonical(self, name: str, on: dt.date | None) -> str:
        """The canonical name, or the name itself (trimmed) when the dictionary lacks it."""
        return self.resolve(name, on) or " ".join(name.split())

    def names(self, name: str, on: dt.date | None) -> list[str]:
        """The actor's canonical name, then those of the organisations it belongs to."""
        canonical = self.canonical(name, on)
        out = [canonical]
        for above in self.lineage(canonical, on):
            if above not in out:
                out.append(above)
        return out


def _no_lineage(name: str, on: dt.date | None) -> list[str]:
    return []


def table_lookup(aliases: dict[str, str], parents: dict[str, str] | None = None) -> ActorLookup:
    """A lookup from a plain alias table (alias -> canonical) and parent table (for tests)."""
    by_key = {key(k): v for k, v in aliases.items()}
    by_key.update({key(v): v for v in aliases.values()})
    ups = dict(parents or {})

    def resolve(name: str, on: dt.date | None) -> str | None:
        return by_key.get(key(name))

    def lineage(name: str, on: dt.date | None) -> list[str]:
        out, cur = [], ups.get(name)
        while cur and cur not in out:
            out.append(cur)
            cur = ups.get(cur)
        return out

    return ActorLookup(resolve, lineage)


@cache
def dictionary_lookup() -> ActorLookup:
    """The lookup backed by ``trucewatch.gazetteer.actors``; names pass through if it is absent."""
    try:
        from trucewatch.gazetteer.actors import load_actors
    except ImportError:  # the dictionary is optional: rulings still work on canonical names
        return ActorLookup(lambda name, on: None, _no_lineage)
    actors = load_actors()

    def resolve(name: str, on: dt.date | None) -> str | None:
        return actors.canonical(name, on)

    def lineage(name: str, on: dt.date | None) -> list[str]:
        actor = actors.resolve(name, on)
        if actor is None:
            return []
        return [a.name for a in actors.ancestors(actor.id)]

    return ActorLookup(resolve, lineage)


def make_lookup(resolve: Resolve | None = None, lineage: Lineage | None = None) -> ActorLookup:
    """A lookup from injected functions, defaulting to the actor dictionary."""
    if resolve is None and lineage is None:
        return dictionary_lookup()
    base = dictionary_lookup() if resolve is None or lineage is None else None
    return ActorLookup(
        resolve or (base.resolve if base else (lambda name, on: None)),
        lineage or _no_lineage,
    )
