"""A learned incident filter: drop extracted incidents a small model judges unlikely to be real.

Each incident the extractor keeps (other than the main one) is described by general features of
what the pipeline already knows about it: where the text first tells it, what the headline shares
with it, cues of reported speech, hedging, plans or summaries in the sentence that tells it,
which of its fields are known (day, toll, perpetrator, town), how much of the text backs it, its
type, and how many other incidents of its type and governorate the report holds. A logistic
regression turns them into a probability that the incident is one the gold would code; an
incident scoring below the shipped threshold is dropped.

The weights are learned from the development gold by ``scripts/build_keep_model.py`` and shipped
as ``data/keep_model.json`` only when cross-validation shows the filter beats no filter (see
docs/incident-keep-model.md). Without that file the component ``tw_keep_incidents`` changes
nothing. The main incident is never dropped, and types outside the seven the gold codes (truces,
accessions, attacks on civilians) are never judged.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from trucewatch.extract.attribution_hedges import ALLEGING_ADVERBS
from trucewatch.extract.claim_words import SPEECH_VERBS
from trucewatch.extract.events import STRONG
from trucewatch.extract.gold import GOLD_TYPES
from trucewatch.extract.main_choice import (
    TYPE_FEATURES,
    Headline,
    is_town,
    read_headline,
    read_weights,
    shipped_weights,
    widen,
)
from trucewatch.extract.roles import HABITUAL, IRREALIS, NEGATING
from trucewatch.extract.spans import doc_lowers, doc_text
from trucewatch.model.incident import Attribution, Incident

#: Feature names, in the order of an incident's vector (the weights file repeats them).
FEATURES: tuple[str, ...] = (
    "bias",  # 1 for every incident (the intercept)
    "position",  # first sentence that tells it / number of sentences (0 = top, 1 = end)
    "in_lead",  # first told in the report's first two sentences
    "first_of_type",  # told before the other incidents of its type
    "headline_type",  # the headline names its type
    "headline_governorate",  # in a governorate the headline names
    "main_type",  # same type as the main incident
    "main_governorate",  # same governorate as the main incident
    "speech",  # a verb of saying in the sentence that tells it ("said", "reported")
    "hedge",  # an alleging adverb in that sentence ("reportedly", "allegedly")
    "irrealis",  # a plan, threat, negation or habit word in that sentence
    "context_sentence",  # the pipeline reads that sentence as background or a period tally
    "dated",  # the text states its day
    "day_distance",  # log2(1 + days between its day and publication) / 5 (0 when unknown)
    "same_day_as_main",  # its day is the main incident's day (both known)
    "toll",  # a killed figure is known
    "injured",  # an injured figure is known
    "perpetrator",  # a perpetrator is named
    "stated",  # ... and the text states it
    "placed",  # the text places it (a place with a governorate)
    "town",  # placed at a town or neighbourhood
    "support",  # log2(1 + sentences its evidence spans) / 3
    "mentions",  # log2(1 + evidence mentions) / 4
    "same_type_governorate",  # log2(1 + other incidents of its type and governorate)
    "after_same_type_governorate",  # one of its type and governorate is told before it
    "repeats",  # one of its type, governorate and day (or both undated) is told before it
    "place_in_sentence",  # its place is named in the sentence that first tells it
    "date_in_sentence",  # its day is named in that sentence
    "governorate_named",  # share of the text's place names that lie in its governorate
    "ambiguous_place",  # its place name in the text may be another place too
    "from_main",  # sentences between the main incident's first telling and its own / 10
    "day_from_main",  # log2(1 + days between its day and the main incident's) / 5 (0: unknown)
    "sentences",  # log2(1 + sentences in the report) / 6
    "strong_trigger",  # a word naming its type on its own tells it ("air strike", not "attack")
    "told_times",  # log2(1 + type mentions in its evidence) / 3
    "same_type",  # log2(1 + other incidents of its type)
    "incidents",  # log2(number of incidents in the report) / 3
    *(f"type_{t.value}" for t in TYPE_FEATURES if t.value in GOLD_TYPES),
)

MODEL_FILE = "keep_model.json"
# Reported speech, hedges and plans, read from word lists the extractor already keeps.
SPEECH = SPEECH_VERBS
IRREALIS_WORDS = IRREALIS | NEGATING | HABITUAL
LEAD_SENTENCES = 2


def judged(incident: Incident) -> bool:
    """Whether the filter judges this incident: not the main one, and of a type the gold codes
    (other types have no gold to learn from)."""
    return not incident.main and str(incident.type) in GOLD_TYPES


@dataclass(frozen=True, slots=True)
class KeepModel:
    """Weights of the filter and the probability below which an incident is dropped."""

    features: tuple[str, ...]
    weights: np.ndarray
    threshold: float

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """P(the incident is real) per row of ``x`` (incidents × features)."""
        return 1.0 / (1.0 + np.exp(-(x @ self.weights)))


class KeepModelError(ValueError):
    """A weights file that cannot be used: the message names the file."""


def read_model(path: str | Path) -> KeepModel:
    """A weights file as written by ``scripts/build_keep_model.py``; its features must be
    :data:`FEATURES` in order."""
    kind = "an incident keep model"
    data, weights = read_weights(path, FEATURES, kind, KeepModelError)
    try:
        threshold = float(data["threshold"])
    except (ValueError, KeyError, TypeError) as exc:
        raise KeepModelError(f"{path}: not {kind} ({exc})") from exc
    return KeepModel(FEATURES, weights, threshold)


@lru_cache(maxsize=1)
def shipped_model() -> KeepModel | None:
    """The shipped weights, or None when the package carries none (nothing is dropped)."""
    return shipped_weights(MODEL_FILE, read_model)


# --- an incident's features ----------------------------------------------------------------


def _first_sentence(starts: list[int], incident: Incident, end: int) -> int:
    told = [m.start for m in incident.evidence if m.field == "type"]
    told = told or [m.start for m in incident.evidence] or [end]
    return max(bisect_right(starts, min(told)) - 1, 0)


def _governorate(incident: Incident) -> str | None:
    return incident.place.governorate if incident.place else None


def incident_features(
    doc: Doc, incidents: Sequence[Incident], headline: Headline | None = None
) -> np.ndarray:
    """The feature matrix (incidents × :data:`FEATURES`) of a report's incidents, read from the
    doc the pipeline filled (sentences, dates, roles) and the incidents as flagged."""
    if headline is None:
        report = doc._.report
        headline = read_headline(report.title if report is not None else None)
    sents = list(doc._.sentences or ())
    starts = [s.start for s in sents] or [0]
    n_sents = max(len(starts), 1)
    end = len(doc_text(doc))
    lowers = doc_lowers(doc)
    roles = doc._.roles or ()
    anchor = doc._.anchor
    main = next((i for i in incidents if i.main), None)
    firsts = [_first_sentence(starts, inc, end) for inc in incidents]
    by_type = Counter(str(i.type) for i in incidents)
    by_type_gov = Counter((str(i.type), _governorate(i)) for i in incidents)
    first_of_type: dict[str, int] = {}
    seen: dict[tuple[str, str | None], list[Incident]] = {}
    after, repeats = set(), set()
    for k in sorted(range(len(incidents)), key=lambda k: (firsts[k], k)):
        inc = incidents[k]
        first_of_type.setdefault(str(inc.type), k)
        before = seen.setdefault((str(inc.type), _governorate(inc)), [])
        if before:
            after.add(k)
        if any(o.date == inc.date for o in before):
            repeats.add(k)
        before.append(inc)
    places = list(doc._.places or ())
    per_gov = Counter(p.place.governorate for p in places)
    ambiguous = {p.start for p in places if len({c.governorate for c in p.candidates}) > 1}
    main_first = next((firsts[k] for k, i in enumerate(incidents) if i.main), None)
    strong = {(t.start, t.type) for t in doc._.triggers or () if t.strength == STRONG}
    named = widen([g for tier in headline.tiers for g in tier])
    rows = []
    for k, inc in enumerate(incidents):
        s = firsts[k]
        words: set[str] = set()
        context = False
        if sents:
            sent = sents[min(s, len(sents) - 1)]
            words = set(lowers[sent.token_start : sent.token_end])
            if sent.index < len(roles):
                context = bool(roles[sent.index].context or roles[sent.index].summary)
        gov = _governorate(inc)
        spans = {max(bisect_right(starts, m.start) - 1, 0) for m in inc.evidence}
        in_sentence = {
            m.field for m in inc.evidence if max(bisect_right(starts, m.start) - 1, 0) == s
        }
        days = abs((inc.date - anchor).days) if inc.date and anchor else None
        row = {
            "bias": 1.0,
            "position": s / n_sents,
            "in_lead": float(s < LEAD_SENTENCES),
            "first_of_type": float(first_of_type.get(str(inc.type)) == k),
            "headline_type": float(inc.type in headline.types),
            "headline_governorate": float(gov is not None and gov in named),
            "main_type": float(main is not None and main.type == inc.type),
            "main_governorate": float(
                main is not None and gov is not None and _governorate(main) == gov
            ),
            "speech": float(bool(words & SPEECH)),
            "hedge": float(bool(words & ALLEGING_ADVERBS)),
            "irrealis": float(bool(words & IRREALIS_WORDS)),
            "context_sentence": float(context),
            "dated": float(inc.date is not None),
            "day_distance": math.log2(1 + days) / 5 if days is not None else 0.0,
            "same_day_as_main": float(
                main is not None and inc.date is not None and main.date == inc.date
            ),
            "toll": float(inc.killed.known),
            "injured": float(inc.injured.known),
            "perpetrator": float(inc.perpetrator is not None),
            "stated": float(inc.attribution == Attribution.STATED),
            "placed": float(gov is not None),
            "town": float(is_town(inc.place)),
            "support": math.log2(1 + len(spans)) / 3,
            "mentions": math.log2(1 + len(inc.evidence)) / 4,
            "same_type_governorate": math.log2(by_type_gov[(str(inc.type), gov)]),
            "after_same_type_governorate": float(k in after),
            "repeats": float(k in repeats),
            "place_in_sentence": float("place" in in_sentence),
            "date_in_sentence": float("date" in in_sentence),
            "governorate_named": per_gov[gov] / len(places) if gov and places else 0.0,
            "ambiguous_place": float(
                any(m.start in ambiguous for m in inc.evidence if m.field == "place")
            ),
            "from_main": abs(s - main_first) / 10 if main_first is not None else 0.0,
            "day_from_main": (
                math.log2(1 + abs((inc.date - main.date).days)) / 5
                if main is not None and inc.date and main.date
                else 0.0
            ),
            "sentences": math.log2(1 + len(sents)) / 6,
            "strong_trigger": float(
                any((m.start, inc.type) in strong for m in inc.evidence if m.field == "type")
            ),
            "told_times": math.log2(1 + sum(m.field == "type" for m in inc.evidence)) / 3,
            "same_type": math.log2(by_type[str(inc.type)]),
            "incidents": math.log2(max(len(incidents), 1)) / 3,
        }
        for t in TYPE_FEATURES:
            if t.value in GOLD_TYPES:
                row[f"type_{t.value}"] = float(inc.type == t)
        rows.append([row[name] for name in FEATURES])
    return np.asarray(rows, dtype=float).reshape(len(incidents), len(FEATURES))


def keep_mask(doc: Doc, incidents: Sequence[Incident], model: KeepModel) -> list[bool]:
    """Which incidents stay: all but those judged (:func:`judged`) and scored below the
    threshold."""
    if not incidents:
        return []
    p = model.probabilities(incident_features(doc, incidents))
    return [not judged(inc) or bool(p[k] >= model.threshold) for k, inc in enumerate(incidents)]


# The component's own slot: the incidents it dropped (None when no weights ship). Registered here,
# beside the component, so the shared slot list stays as it is.
if not Doc.has_extension("dropped"):
    Doc.set_extension("dropped", default=None)


@Language.component(
    "tw_keep_incidents",
    requires=["doc._.incidents", "doc._.main", "doc._.roles", "doc._.sentences"],
    assigns=["doc._.dropped"],
)
def keep_incidents_component(doc: Doc) -> Doc:
    """Drop the incidents the shipped filter scores below its threshold (never the main one)
    from ``doc._.incidents``, in place as the main choice drops untold violence, keep
    ``doc._.main`` pointing at the main incident, and list them on ``doc._.dropped``; without
    shipped weights, change nothing."""
    model = shipped_model()
    incidents: list[Incident] = doc._.incidents or []
    if model is None or not incidents:
        return doc
    mask = keep_mask(doc, incidents, model)
    doc._.dropped = [inc for inc, keep in zip(incidents, mask, strict=True) if not keep]
    if doc._.dropped:
        incidents[:] = [inc for inc, keep in zip(incidents, mask, strict=True) if keep]
        doc._.main = next((k for k, i in enumerate(incidents) if i.main), None)
    return doc
