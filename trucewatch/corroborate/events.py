"""Events from merged incidents: each value combined from the members, with where it came from.

The rules (issue 14, ``docs/agreements.md``):

- **window**: the narrowest its members support (:func:`trucewatch.model.dates.narrowest`); a
  member the text leaves undated reads as the week up to its report's publication;
- **place**: the most specific the members give;
- **perpetrator**: the one most reports give; its *attribution* is ``stated`` when any member's
  text (or a party quoted in it) says so, else ``alleged`` or ``denied`` as the members tell it;
  ``disputed`` when independent members name different perpetrators;
- **tolls**: a range over the independent sources' *current* figures. A later report from the
  same outlet (or of the same reuse story), or one whose text says the toll rose ("has risen
  to"), *updates* an earlier figure: the earlier one is kept, marked ``updated``, and leaves the
  range. Two independent sources still disagreeing are each marked ``contradicted``.

Pure: no I/O.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from trucewatch.corroborate.grades import GradeResult, Witness
from trucewatch.corroborate.merged import MergedIncident, Supported
from trucewatch.model.dates import DateWindow, narrowest
from trucewatch.model.event import (
    Event,
    Publication,
    Sided,
    actor_key,
    known_actor,
    member_attribution,
    member_window,
)
from trucewatch.model.incident import Attribution, Grade, Incident, Toll

UPDATED, CONTRADICTED, CURRENT = "updated", "contradicted", "current"
# Words before a toll that say it rose since an earlier count.
_ROSE = re.compile(
    r"\b(?:risen|rose|rising|climbed|increased|jumped|grown|mounted|gone up)\s+to\b|"
    r"\b(?:new|updated|revised|latest)\s+(?:death\s+)?(?:toll|count|figure)\b",
    re.IGNORECASE,
)
_ROSE_REACH = 80  # characters before the toll's words searched for "has risen to"


@dataclass(frozen=True, slots=True)
class _Figure:
    member: str
    report: str
    toll: Toll
    source: str  # independence key: the outlet
    story: str  # the reuse story
    published: dt.date | None
    rose: bool
    words: str | None


def _toll_words(incident: Incident, which: str) -> tuple[str | None, int, int]:
    for m in incident.evidence:
        if m.field == which:
            return m.text, m.start, m.end
    return None, 0, 0


def _span(t: Toll) -> tuple[int, int]:
    known = [v for v in (t.low, t.best, t.high) if v is not None]
    return min(known), max(known)


def combine_tolls(figures: Sequence[_Figure]) -> tuple[Toll, tuple[Sided, ...], tuple[str, ...]]:
    """The event's toll range, every figure with its status, and the members behind the range."""
    status = {f.member: CURRENT for f in figures}
    for a in figures:
        for b in figures:
            if a is b or a.toll == b.toll:
                continue
            dated = a.published is not None and b.published is not None
            later = dated and b.published > a.published  # type: ignore[operator]
            not_earlier = not dated or b.published >= a.published  # type: ignore[operator]
            same_outlet = a.source == b.source or a.story == b.story
            rose = b.rose and _span(b.toll)[1] > _span(a.toll)[1] and not_earlier
            if (same_outlet and later) or rose:
                status[a.member] = UPDATED
    current = [f for f in figures if status[f.member] != UPDATED]
    if len({f.toll for f in current}) > 1 and len({f.source for f in current}) > 1:
        for f in current:
            status[f.member] = CONTRADICTED
    sided: dict[tuple[Toll, str], list[_Figure]] = {}
    for f in figures:
        sided.setdefault((f.toll, status[f.member]), []).append(f)
    values = tuple(
        Sided(
            toll,
            tuple(dict.fromkeys(f.report for f in fs)),
            tuple(f.member for f in fs),
            state,
            fs[0].words,
        )
        for (toll, state), fs in sided.items()
    )
    if not current:
        return Toll(), values, ()
    # Low, best and high as the current figures give them: "at least 27" has no high and no
    # best, and none is invented for it.
    lows = [_span(f.toll)[0] for f in current]
    highs = [v for f in current if (v := _first(f.toll.high, f.toll.best)) is not None]
    bests = {f.toll.best for f in current}
    best = bests.pop() if len(bests) == 1 else None
    return (
        Toll(min(lows), best, max(highs) if highs else None),
        values,
        tuple(f.member for f in current),
    )


def _first(*values: int | None) -> int | None:
    return next((v for v in values if v is not None), None)


def _figures(
    merged: MergedIncident,
    which: str,
    witnesses: Mapping[str, Witness],
    published: Mapping[str, Publication],
    texts: Mapping[str, str],
) -> list[_Figure]:
    out = []
    for incident in merged.incidents:
        toll: Toll = getattr(incident, which)
        if not toll.known:
            continue
        rid = incident.report_id or ""
        words, start, end = _toll_words(incident, which)
        text = texts.get(rid, "")
        rose = bool(words and _ROSE.search(text, max(0, start - _ROSE_REACH), end))
        w = witnesses.get(rid)
        source = w.source.casefold().strip() if w and w.source.strip() else f"report:{rid}"
        if source == "unknown":
            source = f"report:{rid}"
        pub = published.get(rid)
        out.append(
            _Figure(
                incident.id or "",
                rid,
                toll,
                source,
                w.story if w else rid,
                pub.order if pub else None,
                rose,
                words,
            )
        )
    return out


def _actors(merged: MergedIncident, values: Sequence[Supported[str]], field: str) -> tuple:
    contradicted = len(values) > 1
    out = []
    for v in values:
        members = tuple(
            i.id or ""
            for i in merged.incidents
            if known_actor(getattr(i, field)) and actor_key(getattr(i, field)) == actor_key(v.value)
        )
        words = next(
            (
                m.text
                for i in merged.incidents
                if i.id in members
                for m in i.evidence
                if m.field == field
            ),
            None,
        )
        out.append(
            Sided(v.value, v.reports, members, CONTRADICTED if contradicted else CURRENT, words)
        )
    return tuple(out)


def build_event(
    merged: MergedIncident,
    *,
    grade: GradeResult,
    grade_in_force: Grade,
    witnesses: Mapping[str, Witness],
    published: Mapping[str, Publication],
    texts: Mapping[str, str],
) -> Event:
    """One event from a merged incident: combined values, each with the members behind it."""
    members = merged.incidents
    ids = tuple(i.id or "" for i in members)
    windows = [member_window(i, published.get(i.report_id or "")) for i in members]
    chosen = narrowest(windows)
    window = windows[chosen] if chosen is not None else DateWindow.unknown()
    provenance: dict[str, tuple[str, ...]] = {
        "type": tuple(i.id or "" for i in members if i.type == merged.type),
    }
    if chosen is not None:
        provenance["window"] = tuple(
            i.id or "" for i, w in zip(members, windows, strict=True) if w == window
        )
    if merged.place is not None:
        provenance["place"] = tuple(i.id or "" for i in members if i.place == merged.place)

    perpetrators = _actors(merged, merged.perpetrators, "perpetrator")
    targets = _actors(merged, merged.targets, "target")
    perpetrator = merged.perpetrators[0].value if merged.perpetrators else None
    attribution, alternatives = None, ()
    if perpetrator is not None:
        named = [
            i
            for i in members
            if known_actor(i.perpetrator)
            and actor_key(i.perpetrator or "") == actor_key(perpetrator)
        ]
        provenance["perpetrator"] = tuple(i.id or "" for i in named)
        if len(merged.perpetrators) > 1:
            attribution = Attribution.DISPUTED
        else:
            given = {member_attribution(i) for i in named}
            for candidate in (
                Attribution.STATED,
                Attribution.DISPUTED,
                Attribution.ALLEGED,
                Attribution.DENIED,
            ):
                if candidate in given:
                    attribution = candidate
                    break
        alternatives = tuple(dict.fromkeys(a for i in named for a in i.perpetrator_alternatives))
    target = merged.targets[0].value if merged.targets else None
    if target is not None:
        provenance["target"] = targets[0].members

    killed_figures = _figures(merged, "killed", witnesses, published, texts)
    injured_figures = _figures(merged, "injured", witnesses, published, texts)
    killed, killed_values, killed_from = combine_tolls(killed_figures)
    injured, injured_values, injured_from = combine_tolls(injured_figures)
    if killed_from:
        provenance["killed"] = killed_from
    if injured_from:
        provenance["injured"] = injured_from
    return Event(
        id=merged.id,
        type=merged.type,
        window=window,
        members=ids,
        report_ids=merged.report_ids,
        sources=len(grade.independent),
        place=merged.place,
        perpetrator=perpetrator,
        attribution=attribution,
        perpetrator_alternatives=alternatives,
        target=target,
        killed=killed,
        injured=injured,
        perpetrators=perpetrators,
        targets=targets,
        killed_values=killed_values,
        injured_values=injured_values,
        grade=grade_in_force,
        computed_grade=grade.grade,
        explanation=grade.explanation,
        provenance=provenance,
    )
