"""Hand-made gold in one form, and the pure scoring of predictions against it.

Two kinds of gold file are read: FA-KES rows annotated by us (``gold-dev.jsonl``,
``gold-dev-2.jsonl``: ``row``, ``kind``, ``main`` or ``main: null``, ``incidents``) and our own
statements (``statements-dev.jsonl``: ``id``, ``text``, ``gold`` with incidents and claims).
:func:`tally_gold` counts what :mod:`trucewatch.extract.evaluate` turns into its table.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trucewatch.extract.spans import Extraction
from trucewatch.model.incident import Claim, GeoPrecision, Incident, Place

#: Incident types the FA-KES gold codes (truces and accessions are outside its scope).
GOLD_TYPES = frozenset(
    {
        "air_strike",
        "shelling",
        "armed_clash",
        "explosion",
        "chemical_attack",
        "territory_taken",
        "humanitarian_delivery",
    }
)


def main_incident(extraction: Extraction) -> Incident | None:
    """The incident flagged main, if any."""
    return next((i for i in extraction.incidents if i.main), None)


def ratio(hits: int, total: int) -> float | None:
    """hits / total, None when there is nothing to count."""
    return hits / total if total else None


# --- hand-made gold: FA-KES rows (gold-dev*.jsonl) and our own statements (statements-dev.jsonl)

#: Incident types the statements gold also codes: truces and accessions the text reports as done.
STATEMENT_TYPES = GOLD_TYPES | {"truce_declared", "accession"}
#: Types a discourse article must never yield (a delivery or a truce may be reported as done).
VIOLENT_TYPES = GOLD_TYPES - {"humanitarian_delivery"}
#: Gold files split once into halves (docs/benchmarks.md): the tuning half is the rows at even
#: 0-based line index, the checking half the rows at odd index. Other files are read whole.
SPLIT_FILES = frozenset({"gold-dev-2.jsonl"})
HALVES = ("tune", "check")


class GoldFileError(ValueError):
    """A gold file, or the FA-KES CSV its rows index, that cannot be read: the message names
    the file and line."""


@dataclass(slots=True)
class GoldSet:
    """One gold file (or half of one) in a common form, ready to score.

    ``articles`` hold ``key`` (the FA-KES ``row`` or the statement ``id``), ``kind``, ``main``
    (an index, or None when no main incident is coded), ``incidents`` in gold-dev's field names
    and ``claims``; statement articles also keep ``text``, ``title`` and ``published``.
    """

    name: str
    kind: str  # "fakes" (rows of FA-KES-Dataset.csv) | "statements" (texts in the file)
    articles: list[dict[str, Any]]

    @property
    def scope(self) -> frozenset[str]:
        """The incident types this gold codes; predictions of other types are not scored."""
        return STATEMENT_TYPES if self.kind == "statements" else GOLD_TYPES


def _read_lines(path: Path) -> list[tuple[int, dict[str, Any]]]:
    """(0-based line index, object) for each non-blank line; a bad line raises GoldFileError."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldFileError(f"{path}: cannot read: {exc}") from exc
    out = []
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldFileError(f"{path}:{index + 1}: not JSON: {exc.msg}") from exc
        if not isinstance(obj, dict):
            raise GoldFileError(f"{path}:{index + 1}: expected a JSON object")
        out.append((index, obj))
    return out


def read_gold(gold_path: str | Path) -> list[dict[str, Any]]:
    """The gold articles, one JSON object per line."""
    return [obj for _, obj in _read_lines(Path(gold_path))]


def in_half(line_index: int, half: str | None) -> bool:
    """Whether a row at this 0-based line index belongs to ``half`` ("tune": even, "check": odd)."""
    if half is None:
        return True
    if half not in HALVES:
        raise ValueError(f"half must be one of {', '.join(HALVES)}, not {half!r}")
    return line_index % 2 == (0 if half == "tune" else 1)


def _statement_incident(g: dict[str, Any]) -> dict[str, Any]:
    killed = g.get("killed") or {}
    return {
        "type": g["type"],
        "place": g.get("place"),
        "governorate": g.get("governorate"),
        "date": g.get("date"),
        "perpetrator": g.get("perpetrator"),
        "perpetrator_stated": g.get("attribution") == "stated",
        "killed_low": killed.get("low"),
        "killed_high": killed.get("high"),
    }


def _article(path: Path, index: int, row: dict[str, Any]) -> dict[str, Any]:
    where = f"{path}:{index + 1}"
    try:
        if "gold" in row:  # statements-dev.jsonl: the text travels with its gold
            gold = row["gold"]
            return {
                "key": str(row["id"]),
                "kind": row.get("kind", "incident"),
                "main": None,  # the statements gold codes no main incident
                "incidents": [_statement_incident(g) for g in gold.get("incidents", [])],
                "claims": list(gold.get("claims", [])),
                "must_not": list(gold.get("must_not", [])),
                "text": row["text"],
                "title": row.get("title"),
                "published": row.get("published"),
            }
        incidents = list(row["incidents"])
        main = row.get("main", 0 if incidents else None)
        if main is not None and not 0 <= main < len(incidents):
            raise GoldFileError(f"{where}: main {main} is not an incident index")
        for g in incidents:
            if "type" not in g:
                raise GoldFileError(f"{where}: an incident has no type")
        return {
            "key": int(row["row"]),
            "kind": row.get("kind", "incident"),
            "main": main,
            "incidents": incidents,
            "claims": [],
        }
    except (KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, GoldFileError):
            raise
        raise GoldFileError(f"{where}: not a gold row ({type(exc).__name__}: {exc})") from exc


def gold_set(name: str, rows: list[dict[str, Any]]) -> GoldSet:
    """A gold set from rows already read (FA-KES or statements rows, not mixed)."""
    articles = [_article(Path(name), i, row) for i, row in enumerate(rows)]
    kind = "statements" if rows and "gold" in rows[0] else "fakes"
    return GoldSet(name=name, kind=kind, articles=articles)


def load_gold_set(gold_path: str | Path, half: str | None = None) -> GoldSet:
    """A gold file in the common form; ``half`` keeps one half of a split file (SPLIT_FILES)."""
    path = Path(gold_path)
    rows = _read_lines(path)
    if not rows:
        raise GoldFileError(f"{path}: no gold rows")
    split = half is not None and path.name in SPLIT_FILES
    articles = [_article(path, i, row) for i, row in rows if not split or in_half(i, half)]
    kind = "statements" if "gold" in rows[0][1] else "fakes"
    name = f"{path.name} ({half} half)" if split else path.name
    return GoldSet(name=name, kind=kind, articles=articles)


def _within(a: dt.date | None, b: dt.date | None, days: int = 1) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs((a - b).days) <= days


def _gold_date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def day_agrees(got: dt.date | None, want: str | None) -> bool:
    """Whether a predicted day is the gold's (ISO text or None): within one day, or both
    undated."""
    return _within(got, _gold_date(want))


def matches(pred: Incident, gold: dict[str, Any]) -> bool:
    """Whether a predicted incident is the gold one: same type and governorate, day within one
    (or both undated); the one rule `eval gold` and the main-incident model both use."""
    gov = pred.place.governorate if pred.place else None
    return (
        str(pred.type) == gold["type"]
        and gov == gold.get("governorate")
        and day_agrees(pred.date, gold.get("date"))
    )


def _toll_ok(pred: Incident, gold: dict[str, Any]) -> bool:
    return toll_agrees(pred, gold.get("killed_low"), gold.get("killed_high"))


def toll_agrees(pred: Incident, low: int | None, high: int | None) -> bool:
    """Whether a predicted toll (its best figure, else its low end) lies in the gold's range;
    a range with no end known wants no toll at all."""
    point = pred.killed.best if pred.killed.best is not None else pred.killed.low
    if low is None and high is None:
        return not pred.killed.known
    if point is None:
        return False
    return (low is None or point >= low) and (high is None or point <= high)


_PLACE_PARTS = re.compile(r"\s*(?:,|;|&|\band\b)\s*")


def place_correct(pred: Place | None, gold_place: str | None) -> bool:
    """Whether the predicted place is the one the gold names, through the gazetteer's aliases.

    The gold place is as written ("al-Foua", "outside Aleppo", "Foua and Kefraya"); each part
    of a pair counts. A part matches when its normalised name equals the prediction's, or when
    the gazetteer reads it as the same place at the same level: "Aleppo countryside" is the
    governorate, so the city of Aleppo does not match it, while "outside Aleppo" does.
    """
    if pred is None or not gold_place:
        return False
    from trucewatch.gazetteer import load_gazetteer, normalise

    gaz = load_gazetteer()
    want = (pred.name, pred.governorate, pred.geo_precision == GeoPrecision.REGION)
    for part in _PLACE_PARTS.split(gold_place):
        words = part.split()
        # "outside Aleppo", "the town of Ghandoura": leading lower-case words are modifiers
        # ("al-Foua" keeps its article: it carries a hyphen)
        while len(words) > 1 and words[0].islower() and words[0].isalpha():
            words = words[1:]
        for name in dict.fromkeys([part, " ".join(words)]):
            if name and normalise(name) == normalise(pred.name):
                return True
            for c in gaz.lookup(name):
                if (c.name, c.governorate, c.geo_precision == GeoPrecision.REGION) == want:
                    return True
    return False


def same_claimant(pred: str | None, gold: str) -> bool:
    """Whether a predicted claimant is the gold one.

    Equal names (case, articles and diacritics aside), the same actor through the actor
    gazetteer (an official counts for the body they speak for: "Konashenkov" = "Russian Defence
    Ministry"), a surname for the full name the gold gives ("Cameron" for "David Cameron"), or
    the gold's name given more fully with the same head noun ("Syrian state television" for
    "state television", "US-led coalition" for "coalition"): the same actor named in more words.
    """
    if not pred:
        return False
    from trucewatch.gazetteer.actors import actor_key, load_actors

    p, g = actor_key(pred), actor_key(gold)
    if p == g:
        return True
    actors = load_actors()
    canonical = actors.canonical(pred)
    if canonical is not None and canonical == actors.canonical(gold):
        return True
    pw, gw = p.split(), g.split()
    if pred[:1].isupper() and bool(pw) and set(pw) <= set(gw) and gw[-1] in pw:
        return True
    # the fuller name of the same actor: every gold word kept, the head noun the same, and each
    # added word a name's ("Syrian", "US-led"), not a stray word glued on ("military State
    # television" where a full stop was lost)
    if not gw or not set(gw) <= set(pw) or pw[-1] != gw[-1]:
        return False
    added = [w for w in pred.split() if actor_key(w) not in gw]
    return all(w[:1].isupper() for w in added)


def _same_quantity(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(b))


@dataclass(slots=True)
class GoldTally:
    """The counts behind every gold measure of one set."""

    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0
    n_main: int = 0
    main_type: int = 0
    main_gov: int = 0
    main_date: int = 0
    toll: int = 0
    perp: int = 0
    perp_n: int = 0
    place: int = 0
    place_n: int = 0
    discourse: int = 0
    discourse_violent_rows: int = 0
    discourse_violent: int = 0
    empty: int = 0
    empty_false: int = 0
    claims: int = 0
    claims_found: int = 0
    claimant_ok: int = 0
    must_not_claimants: int = 0
    must_not_tolls: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def f1(self) -> float | None:
        """Incident F1 (None when there is neither a prediction nor a gold incident)."""
        if not self.n_pred and not self.n_gold:
            return None
        p, r = ratio(self.tp, self.n_pred) or 0.0, ratio(self.tp, self.n_gold) or 0.0
        return 2 * p * r / (p + r) if p + r else 0.0


def _score_claims(
    key: object, golds: list[dict[str, Any]], preds: list[Claim], tally: GoldTally
) -> None:
    """Pair gold claims with predicted ones of the same quantity, a right claimant first."""
    free = list(preds)
    left = []
    for g in golds:
        hit = next(
            (
                c
                for c in free
                if _same_quantity(c.quantity, g["quantity"])
                and same_claimant(c.claimant, g["claimant"])
            ),
            None,
        )
        if hit is None:
            left.append(g)
            continue
        free.remove(hit)
        tally.claims_found += 1
        tally.claimant_ok += 1
    for g in left:
        hit = next((c for c in free if _same_quantity(c.quantity, g["quantity"])), None)
        got = "no claim"
        if hit is not None:
            free.remove(hit)
            tally.claims_found += 1
            got = f"claimant {hit.claimant!r}"
        tally.misses.append(f"{key}: {g['quantity']:g} {g['unit']} by {g['claimant']!r}: {got}")
    tally.claims += len(golds)


_QUOTED = re.compile(r"'([^']+)'")
_FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?")


def must_not_rules(notes: list[str]) -> tuple[set[str], set[float]]:
    """The claimants and incident tolls a statements row forbids, read from its ``must_not``
    notes: "claimant 'GENEVA' (dateline city)" and "any incident with 250,000 killed"."""
    claimants: set[str] = set()
    tolls: set[float] = set()
    for note in notes:
        if note.startswith("claimant"):
            claimants |= {q.casefold() for q in _QUOTED.findall(note.split("(")[0])}
        elif note.startswith("any incident"):
            tolls |= {float(f.replace(",", "")) for f in _FIGURE.findall(note.split("(")[0])}
    return claimants, tolls


def _score_must_not(article: dict[str, Any], extraction: Extraction, t: GoldTally) -> None:
    claimants, tolls = must_not_rules(article.get("must_not", []))
    for c in extraction.claims:
        if (c.claimant or "").casefold() in claimants:
            t.must_not_claimants += 1
            t.misses.append(f"{article['key']}: forbidden claimant {c.claimant!r}")
    for i in extraction.incidents:
        figures = {i.killed.low, i.killed.best, i.killed.high} - {None}
        if figures & tolls:
            t.must_not_tolls += 1
            t.misses.append(f"{article['key']}: {i.type} carries forbidden toll {figures & tolls}")


def tally_gold(gold: GoldSet, predictions: dict[Any, Extraction]) -> GoldTally:
    """Score predictions (by article key) against one gold set; pure apart from gazetteers."""
    t = GoldTally()
    for article in gold.articles:
        extraction = predictions.get(article["key"], Extraction())
        # types outside the gold's scope are neither hits nor false alarms (the FA-KES gold
        # codes no truces or accessions; the statements gold codes those reported as done)
        preds = [i for i in extraction.incidents if str(i.type) in gold.scope]
        golds = list(article["incidents"])
        t.n_pred += len(preds)
        t.n_gold += len(golds)
        free = list(preds)
        for g in golds:  # greedy one-to-one matching in gold order (main first)
            hit = next((p for p in free if matches(p, g)), None)
            if hit is not None:
                t.tp += 1
                free.remove(hit)
        violent = [p for p in extraction.incidents if str(p.type) in VIOLENT_TYPES]
        if article["kind"] == "discourse":
            t.discourse += 1
            t.discourse_violent += len(violent)
            t.discourse_violent_rows += int(bool(violent))
        if not golds:
            t.empty += 1
            t.empty_false += len(preds)
        _score_claims(article["key"], article["claims"], extraction.claims, t)
        _score_must_not(article, extraction, t)
        if article["main"] is None:
            continue  # no main incident coded: only false incidents and claims count
        _score_main(golds[article["main"]], main_incident(extraction), t)
    return t


def _score_main(g_main: dict[str, Any], p_main: Incident | None, t: GoldTally) -> None:
    t.n_main += 1
    stated = bool(g_main.get("perpetrator_stated"))
    t.perp_n += int(stated)
    t.place_n += int(bool(g_main.get("place")))
    if p_main is None:
        return
    t.main_type += int(str(p_main.type) == g_main["type"])
    p_gov = p_main.place.governorate if p_main.place else None
    t.main_gov += int(p_gov == g_main.get("governorate"))
    t.main_date += int(day_agrees(p_main.date, g_main.get("date")))
    t.toll += int(_toll_ok(p_main, g_main))
    t.perp += int(stated and p_main.perpetrator == g_main.get("perpetrator"))
    t.place += int(place_correct(p_main.place, g_main.get("place")))
