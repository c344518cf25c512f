"""The report's main incident chosen by a small learned ranker.

Each candidate incident of a report is described by a few features (where the text first tells
it, what the headline shares with it, its toll, day, place, perpetrator, type and how much of the
text backs it); a conditional logistic regression scores the candidates of one report against
each other and the highest score is the main incident. The weights are learned from the
development gold by ``scripts/build_main_model.py`` and shipped as ``data/main_model.json``
(learned from FA-KES, CC BY 4.0; no text of it ships: see docs/main-incident-model.md). When the
file is missing the hand rule (:func:`trucewatch.extract.incidents.choose_main`) decides.
"""

from __future__ import annotations

import json
import math
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
from spacy.tokens import Doc

from trucewatch.extract.events import trigger_lexicon
from trucewatch.extract.headline_attribution import headline_agent
from trucewatch.extract.lexicon import blank_tokenizer, words
from trucewatch.extract.places import (
    CAPITAL,
    CAPITAL_REGION,
    headline_figures,
    headline_tiers,
)
from trucewatch.extract.spans import doc_text
from trucewatch.gazetteer import normalise
from trucewatch.model.incident import (
    Attribution,
    GeoPrecision,
    Incident,
    IncidentType,
    Place,
)

T = IncidentType

#: The types that get a feature of their own; the others (truces, accessions) share "type_other".
TYPE_FEATURES: tuple[IncidentType, ...] = (
    T.AIR_STRIKE,
    T.SHELLING,
    T.ARMED_CLASH,
    T.EXPLOSION,
    T.CHEMICAL_ATTACK,
    T.TERRITORY_TAKEN,
    T.ATTACK_ON_CIVILIANS,
    T.HUMANITARIAN_DELIVERY,
)

#: Feature names, in the order of a candidate's vector (the weights file repeats them).
FEATURES: tuple[str, ...] = (
    "first_told",  # told before every other candidate
    "first_violent_told",  # the first violent candidate told
    "in_lead",  # first told in the report's first two sentences
    "position",  # first sentence that tells it / number of sentences (0 = top, 1 = end)
    "headline_type",  # the headline names its type ("Air strikes kill ...")
    "first_of_headline_type",  # ... and told before the others of that type
    "headline_first_governorate",  # in the governorates the headline names first
    "first_in_headline_governorate",  # ... and told before the others there
    "headline_governorate",  # in any governorate the headline names
    "headline_place",  # the headline names its town
    "headline_figure",  # the headline gives its toll
    "headline_actor",  # the headline names its perpetrator as acting
    "toll",  # a killed figure is known
    "toll_size",  # log10(1 + killed) / 3
    "largest_toll",  # its killed figure is the largest of the report (and above 0)
    "injured",  # an injured figure is known
    "dated",  # the text states its day
    "town",  # placed at a town or neighbourhood
    "placed_by_headline",  # the text places it nowhere; only the headline would
    "perpetrator",  # a perpetrator is named
    "stated",  # ... and the text states it (not alleged, denied or disputed)
    "support",  # log2(1 + sentences that back it)
    "violent",
    *(f"type_{t.value}" for t in TYPE_FEATURES),
    "type_other",
)

MODEL_FILE = "main_model.json"
M = TypeVar("M")  # a learned model read from its weights file


@dataclass(frozen=True, slots=True)
class MainModel:
    """Weights of the ranker: a score is ``features @ weights`` (no intercept: scores are only
    compared within one report)."""

    features: tuple[str, ...]
    weights: np.ndarray

    def scores(self, x: np.ndarray) -> np.ndarray:
        """One score per row of ``x`` (candidates × features)."""
        return x @ self.weights


class MainModelError(ValueError):
    """A weights file that cannot be used: the message names the file."""


def read_weights(
    path: str | Path, features: tuple[str, ...], kind: str, error: type[ValueError]
) -> tuple[dict[str, Any], np.ndarray]:
    """A learned model's weights file (its JSON and the weights in ``features`` order), the
    one reader of the main-incident ranker's and the incident filter's files: ``error`` naming
    the file when it is not ``kind`` or was built for other features (it would score
    nonsense)."""
    where = str(path)
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        names = tuple(data["features"])
        weights = np.asarray([float(data["weights"][n]) for n in names], dtype=float)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise error(f"{where}: not {kind} ({exc})") from exc
    if names != features:
        raise error(f"{where}: built for other features; rebuild it")
    return data, weights


def shipped_weights(file_name: str, read: Callable[[Path], M]) -> M | None:
    """The model the package ships as ``data/<file_name>``, read by ``read``; None when it
    ships none."""
    resource = resources.files("trucewatch.extract").joinpath("data", file_name)
    if not resource.is_file():
        return None
    with resources.as_file(resource) as path:
        return read(path)


def read_model(path: str | Path) -> MainModel:
    """A weights file as written by ``scripts/build_main_model.py``; its features must be
    :data:`FEATURES` in order."""
    _, weights = read_weights(path, FEATURES, "a main-incident model", MainModelError)
    return MainModel(FEATURES, weights)


@lru_cache(maxsize=1)
def shipped_model() -> MainModel | None:
    """The shipped weights, or None when the package carries none (the hand rule decides)."""
    return shipped_weights(MODEL_FILE, read_model)


# --- what the headline says ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Headline:
    """What a report's headline says about its story, read once per report."""

    tiers: list[list[str]]  # governorates, grouped as named (places.headline_tiers)
    figures: frozenset[int]  # tolls it gives
    types: frozenset[IncidentType]  # incident types its words name
    words: str  # normalised text, for town names
    agent: str | None  # the one party it names as acting
    # strike types it names by a weapon ("air strikes", "shells"), not by a word naming none
    weapons: frozenset[IncidentType] = frozenset()


#: The strike types: fire from the air or from the ground.
STRIKE_TYPES = frozenset({T.AIR_STRIKE, T.SHELLING})

#: Strike words that say neither where the fire came from nor with what: "bombardment" and
#: "pounded" are read as shelling and "strikes" and "bombing" as air strikes only for want of a
#: word naming the weapon ("raids" is not among them: in this news they are air raids).
UNSAID_WEAPON = words(
    """bombardment bombardments bombarded pounded pounding barrage barrages strike strikes
    struck bombing bombings bombed attack attacks"""
)


def read_headline(title: str | None) -> Headline:
    """The headline's governorates, tolls, incident types, words and acting party."""
    types: set[IncidentType] = set()
    weapons: set[IncidentType] = set()
    if title:
        doc = blank_tokenizer()(title)
        for m in trigger_lexicon().find(doc):
            named = doc[m.start : m.end].text.lower() not in UNSAID_WEAPON
            for kind, _ in m.values:
                types.add(kind)
                if named and kind in STRIKE_TYPES:
                    weapons.add(kind)
    return Headline(
        tiers=headline_tiers(title),
        figures=headline_figures(title),
        types=frozenset(types),
        words=f" {normalise(title)} " if title else "",
        agent=headline_agent(title),
        weapons=frozenset(weapons),
    )


def weapon_unsaid(incident: Incident) -> bool:
    """True when a strike is told only by words naming no weapon (:data:`UNSAID_WEAPON`)."""
    told = [m.text.lower() for m in incident.evidence if m.field == "type"]
    return incident.type in STRIKE_TYPES and bool(told) and all(w in UNSAID_WEAPON for w in told)


# --- a candidate's features ----------------------------------------------------------------


def widen(governorates: Sequence[str]) -> set[str]:
    """A headline's governorates, its "Damascus" taking in the countryside around the city."""
    out = set(governorates)
    return out | ({CAPITAL_REGION} if CAPITAL in out else set())


def _sentence_at(starts: list[int], char: int) -> int:
    return max(bisect_right(starts, char) - 1, 0)


def _killed(incident: Incident) -> int | None:
    k = incident.killed
    return k.best if k.best is not None else (k.low if k.low is not None else k.high)


def is_town(place: Place | None) -> bool:
    """Whether a place is a town or part of one, not a governorate (or its seat) or a region."""
    return (
        place is not None
        and place.geo_precision != GeoPrecision.REGION
        and (place.name != place.governorate)
    )


def candidate_features(
    doc: Doc,
    candidates: Sequence[Incident],
    headline: Headline,
    headline_places: Sequence[Place | None] = (),
) -> np.ndarray:
    """The feature matrix (candidates × :data:`FEATURES`) of one report's candidates.

    ``headline_places[k]`` is the place the headline would give candidate ``k`` when the text
    places it nowhere (None otherwise); it is used for the headline features of such a one."""
    starts = [s.start for s in doc._.sentences or ()] or [0]
    n_sents = max(len(starts), 1)
    firsts, supports = [], []
    for inc in candidates:
        spans = [m.start for m in inc.evidence] or [len(doc_text(doc))]
        told = [m.start for m in inc.evidence if m.field == "type"] or spans
        firsts.append(_sentence_at(starts, min(told)))
        supports.append(len({_sentence_at(starts, s) for s in spans}))
    order = sorted(range(len(candidates)), key=lambda k: (firsts[k], k))
    violent_order = [k for k in order if candidates[k].type.violent]
    tolls = [_killed(i) for i in candidates]
    top = max((t for t in tolls if t is not None), default=0)
    first_tier = widen(headline.tiers[0]) if headline.tiers else set()
    named = widen([g for tier in headline.tiers for g in tier])
    govs = [
        (inc.place or (headline_places[k] if k < len(headline_places) else None))
        for k, inc in enumerate(candidates)
    ]
    in_first = [k for k in order if govs[k] is not None and govs[k].governorate in first_tier]
    of_type = [k for k in order if candidates[k].type in headline.types]
    rows = []
    for k, inc in enumerate(candidates):
        given = headline_places[k] if k < len(headline_places) else None
        place = inc.place or given
        gov = place.governorate if place else None
        killed = tolls[k]
        values = {inc.killed.low, inc.killed.best, inc.killed.high}
        values |= {inc.injured.low, inc.injured.best, inc.injured.high}
        town = inc.place.name if is_town(inc.place) else None
        row = {
            "first_told": float(order[0] == k),
            "first_violent_told": float(bool(violent_order) and violent_order[0] == k),
            "in_lead": float(firsts[k] <= 1),
            "position": firsts[k] / n_sents,
            "headline_type": float(inc.type in headline.types),
            "first_of_headline_type": float(bool(of_type) and of_type[0] == k),
            "first_in_headline_governorate": float(bool(in_first) and in_first[0] == k),
            "headline_first_governorate": float(gov is not None and gov in first_tier),
            "headline_governorate": float(gov is not None and gov in named),
            "headline_place": float(town is not None and f" {normalise(town)} " in headline.words),
            "headline_figure": float(bool(values & headline.figures)),
            "headline_actor": float(
                inc.perpetrator is not None and inc.perpetrator == headline.agent
            ),
            "toll": float(killed is not None),
            "toll_size": math.log10(1 + killed) / 3 if killed else 0.0,
            "largest_toll": float(killed is not None and killed == top and top > 0),
            "injured": float(inc.injured.known),
            "dated": float(inc.date is not None),
            "town": float(town is not None),
            "placed_by_headline": float(inc.place is None and given is not None),
            "perpetrator": float(inc.perpetrator is not None),
            "stated": float(inc.attribution == Attribution.STATED),
            "support": math.log2(1 + supports[k]),
            "violent": float(inc.type.violent),
            "type_other": float(inc.type not in TYPE_FEATURES),
        }
        for t in TYPE_FEATURES:
            row[f"type_{t.value}"] = float(inc.type == t)
        rows.append([row[name] for name in FEATURES])
    return np.asarray(rows, dtype=float).reshape(len(candidates), len(FEATURES))


def rank_candidates(x: np.ndarray, model: MainModel) -> int:
    """Index of the best-scoring candidate (the first told among equals)."""
    return int(np.argmax(model.scores(x)))
