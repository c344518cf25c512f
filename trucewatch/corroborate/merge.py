"""Incident merging: incidents from different reports that are the same event become one.

Two extracted incidents are the same event when, pair by pair:

- they come from **different reports** (the extractor already split one report's incidents);
- their **types are compatible**: the same type, or two kinds of remote violence (an "air strike"
  in one outlet is "shelling" or "a blast" in another), or two kinds of ground fighting; an attack
  on civilians goes with any violent type; non-violent types only with themselves;
- their **dates are compatible** given ``time_precision``: the day itself for day precision, three
  days either side for week precision, the calendar month for month precision;
- their **places are compatible** given ``geo_precision``: within a radius that grows with the
  coarser precision (5 km for a town, 25 km near a town), or, for a region, the same governorate;
- their **actors do not conflict**: two different named perpetrators (or targets) block a merge
  unless the place is a town and the date a day and both agree, because then two stories of one
  event disagree about who did it — and that disagreement is kept, not resolved.

A **rare, specific type** (a chemical attack) is different: two such incidents on the same day in
one area (the same governorate, or within the region radius: a city is often its own governorate
inside another) are one event, whatever town, city-as-region or governorate each report names and
whoever each blames, unless both name different towns *and* each gives its own toll — then the
reports present two attacks. A place named like its governorate ("Idlib") is not a distinct town:
reports use the name for the province. A rare-type incident prefers a group of its own type.
The extractor gives an attack told over a list of towns one incident per town ("the attack hit
Zamalka, Ein Tarma and Jobar"); a report that tells two towns so, on one day, tells one attack at
both: those towns are one attack for every report, and the report's own incidents at them join
one event too (their tolls are added up: they are parts, not rival counts).

A rare attack is also retold for days, dated by the day each report writes or its toll rose:
once the dated incidents are grouped, a later, smaller group of its type in its area that counts
at least half its dead folds into it (:mod:`trucewatch.corroborate.retold_attacks`).

Groups grow by *complete linkage*: an incident joins a group only if it is compatible with every
member, so a chain of neighbours (A near B near C) never joins A and C.

Incidents that lack a date or a place are *loose*: they join a group only through a report
that copies another (same reuse story), or, when only the date is missing, when the report's
publication window points at exactly one group. A loose incident with two candidates stays alone:
an ambiguous merge would invent corroboration. A loose rare-type incident looks only at groups of
its type: undated, the attack dated no later than its report (or, printed years later, the one
earlier attack at its very place: an anniversary names the place, not the day); dated but
without a place, the one attack of its type that day.

Pure: no I/O. Disagreements (tolls, perpetrators) stay side by side with the reports behind them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from trucewatch.corroborate.merged import Member, MergedIncident, summarise
from trucewatch.corroborate.pair_rules import (
    RARE_TYPES,
    MergeRules,
    dates_compatible,
    distinct_attacks,
    has_place,
    places_compatible,
    precise,
    same_area,
    types_compatible,
)
from trucewatch.corroborate.retold_attacks import RETOLD, retold_attacks
from trucewatch.model.event import actor_key, known_actor
from trucewatch.model.incident import Incident, IncidentType, TimePrecision, distance_km

SameActor = Callable[[str, str], bool]
DEFAULT_RULES = MergeRules()


def merge_incidents(
    incidents: Iterable[Incident],
    *,
    stories: Mapping[str, str] | None = None,
    published: Mapping[str, tuple[dt.date | None, dt.date | None]] | None = None,
    same_actor: SameActor | None = None,
    rules: MergeRules = DEFAULT_RULES,
) -> list[MergedIncident]:
    """Merge extracted incidents that are the same event; every incident ends in exactly one.

    ``stories`` maps a report id to its reuse story (the id of the cluster's original; reports
    not in a cluster may be left out). ``published`` maps a report id to its publication window
    (earliest, latest; equal when the date is known). ``same_actor`` says whether two canonical
    actor names are one actor (aliases, a brigade and its faction); by default, equal names.
    Incidents need ``id`` and ``report_id``. Merged incidents come ordered by date (undated last).
    """
    incidents = list(incidents)
    ctx = _Context(
        stories or {}, published or {}, same_actor or _same_name, rules, _told_together(incidents)
    )
    # Rare-type incidents of a day are placed first, so a shelling their report also tells
    # cannot take the report's seat in the attack's group before the attack itself.
    items = sorted(
        incidents,
        key=lambda i: (
            i.date or dt.date.max,
            i.type not in RARE_TYPES,
            i.report_id or "",
            i.id or "",
        ),
    )
    firm = [i for i in items if i.date is not None and has_place(i.place)]
    loose = [i for i in items if not (i.date is not None and has_place(i.place))]

    groups = _Groups(ctx)
    for incident in firm:
        best = _best_group(ctx, incident, groups)
        if best is None:
            groups.add(Member(incident, "anchor"))
        else:
            groups.add(Member(incident, best[1]), best[0])
    groups = _fold_retold(ctx, groups)
    for incident in loose:
        candidates = _loose_candidates(ctx, incident, groups)
        if len(candidates) == 1:
            groups.add(Member(incident, candidates[0][1]), candidates[0][0])
        else:
            why = (
                "anchor" if not candidates else f"anchor ({len(candidates)} candidates: ambiguous)"
            )
            groups.add(Member(incident, why))
    merged = [summarise(group, ctx.published) for group in groups.members]
    merged.sort(key=lambda m: (m.date or dt.date.max, m.id))
    return merged


def _fold_retold(ctx: _Context, groups: _Groups) -> _Groups:
    """The firm groups with a rare attack's later-dated retellings folded into the attack's
    group (:mod:`trucewatch.corroborate.retold_attacks`), indexes rebuilt."""
    folded = retold_attacks([[m.incident for m in g] for g in groups.members], ctx.rules)
    if not folded:
        return groups
    out = _Groups(ctx)
    new_index: dict[int, int] = {}
    for index, group in enumerate(groups.members):
        if index in folded:
            continue
        new_index[index] = len(out.members)
        out.members.append([])
        for member in group:
            out.add(member, new_index[index])
    for index, (into, why) in sorted(folded.items()):
        for member in groups.members[index]:
            out.add(Member(member.incident, why), new_index[into])
    return out


# --- pair rules -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Context:
    stories: Mapping[str, str]
    published: Mapping[str, tuple[dt.date | None, dt.date | None]]
    same_actor: SameActor
    rules: MergeRules
    # (type, day, town, town) for towns one report tells as places of one rare attack that day
    told_together: frozenset[tuple[IncidentType, dt.date, str, str]] = frozenset()

    def story(self, incident: Incident) -> str:
        rid = incident.report_id or ""
        return self.stories.get(rid, rid)

    def one_attack_at_both(self, a: Incident, b: Incident) -> bool:
        """Some report tells the two incidents' towns as places of one rare attack that day."""
        if a.date is None or a.date != b.date or a.place is None or b.place is None:
            return False
        return (a.type, a.date, _key(a.place.name), _key(b.place.name)) in self.told_together


def _told_together(
    incidents: Iterable[Incident],
) -> frozenset[tuple[IncidentType, dt.date, str, str]]:
    """Pairs of towns each report tells as places of one rare attack on one day."""
    towns: dict[tuple[str, IncidentType, dt.date], set[str]] = defaultdict(set)
    for i in incidents:
        day_precise = (i.time_precision or TimePrecision.DAY) == TimePrecision.DAY
        named = i.place.name if i.place is not None else ""
        if i.type in RARE_TYPES and i.date is not None and day_precise and named:
            towns[(i.report_id or "", i.type, i.date)].add(_key(named))
    return frozenset(
        (kind, day, a, b)
        for (_, kind, day), names in towns.items()
        for a in names
        for b in names
        if a != b
    )


def _same_name(a: str, b: str) -> bool:
    return _key(a) == _key(b)


_key = actor_key  # places and actors are compared case- and space-blind alike
_known_actor = known_actor


def _day_of(ctx: _Context, incident: Incident) -> tuple[dt.date, dt.date] | None:
    """The days a rare-type incident can be on: its day, or, undated, its report's window."""
    if incident.date is None:
        return _publication_window(ctx, incident)
    if (incident.time_precision or TimePrecision.DAY) != TimePrecision.DAY:
        return None
    return incident.date, incident.date


def rare_same_attack(ctx: _Context, a: Incident, b: Incident) -> bool:
    """Two incidents of one rare type, on one day, in one area, not two named attacks."""
    if a.type != b.type or a.type not in RARE_TYPES or a.place is None or b.place is None:
        return False
    da, db = _day_of(ctx, a), _day_of(ctx, b)
    if da is None or db is None or (a.date is None and b.date is None):
        return False
    if not (da[0] <= db[1] and db[0] <= da[1]):
        return False
    if not same_area(a.place, b.place, ctx.rules):
        return False
    return not distinct_attacks(a, b, ctx.rules) or ctx.one_attack_at_both(a, b)


def _actors_conflict(ctx: _Context, a: Incident, b: Incident) -> bool:
    for x, y in ((a.perpetrator, b.perpetrator), (a.target, b.target)):
        if _known_actor(x) and _known_actor(y) and not ctx.same_actor(x or "", y or ""):
            return True
    return False


def _pair(ctx: _Context, a: Incident, b: Incident) -> bool:
    """The pair rule of the module docstring; a missing date or place is not checked here."""
    if a.report_id == b.report_id:
        # One report's incidents are apart, but for the towns of one rare attack it told.
        return ctx.one_attack_at_both(a, b) and rare_same_attack(ctx, a, b)
    if not types_compatible(a.type, b.type):
        return False
    dated = a.date is not None and b.date is not None
    if dated and not dates_compatible(a, b, ctx.rules):
        return False
    if rare_same_attack(ctx, a, b):
        return True  # one attack; its places and attributions stay side by side
    placed = a.place is not None and b.place is not None
    if placed and not places_compatible(a.place, b.place, ctx.rules):  # type: ignore[arg-type]
        return False
    if _actors_conflict(ctx, a, b):
        # Competing attributions of one event are kept (and make it contested), but only when
        # the event is pinned down; otherwise different actors mean different events.
        return precise(a, b) or ctx.story(a) == ctx.story(b)
    return True


class _Groups:
    """Groups being built, indexed by member day and by reuse story so lookups stay local."""

    _REACH = 40  # days: no date window (a month at most) spans more than this either side

    def __init__(self, ctx: _Context) -> None:
        self.ctx = ctx
        self.members: list[list[Member]] = []
        self.by_day: dict[dt.date, set[int]] = defaultdict(set)
        self.by_story: dict[str, set[int]] = defaultdict(set)

    def add(self, member: Member, index: int | None = None) -> None:
        if index is None:
            index = len(self.members)
            self.members.append([])
        self.members[index].append(member)
        if member.incident.date is not None:
            self.by_day[member.incident.date].add(index)
        self.by_story[self.ctx.story(member.incident)].add(index)

    def near(self, start: dt.date, end: dt.date) -> set[int]:
        """Groups with a member dated between ``start`` and ``end``."""
        out: set[int] = set()
        day = start
        while day <= end:
            out |= self.by_day.get(day, set())
            day += dt.timedelta(days=1)
        return out


def _best_group(ctx: _Context, incident: Incident, groups: _Groups) -> tuple[int, str] | None:
    """The group a firm incident joins (the closest compatible one), with the reason."""
    assert incident.date is not None
    reach = dt.timedelta(days=_Groups._REACH)
    best: tuple[int, float, int, int] | None = None
    for index in sorted(groups.near(incident.date - reach, incident.date + reach)):
        group = groups.members[index]
        if not all(_pair(ctx, incident, m.incident) for m in group):
            continue
        anchor = group[0].incident
        if anchor.date is None or anchor.place is None or incident.place is None:
            continue
        km = distance_km(incident.place, anchor.place)
        days = abs((incident.date - anchor.date).days) if incident.date else 0
        score = (_type_rank(incident, group), km if km is not None else 0.0, days, index)
        if best is None or score < best:
            best = score
    if best is None:
        return None
    _, km, days, index = best
    anchor = groups.members[index][0].incident
    where = (
        "same place"
        if incident.place and anchor.place and _key(incident.place.name) == _key(anchor.place.name)
        else f"{km:.1f} km apart"
    )
    when = "same day" if days == 0 else f"{days} day(s) apart within the date precision"
    return index, f"{where}, {when}, compatible type and actors"


def _type_rank(incident: Incident, group: list[Member]) -> int:
    """0 when a rare-type incident meets a group of its own type (it goes there first), else 1."""
    rare = incident.type in RARE_TYPES
    return 0 if rare and any(m.incident.type == incident.type for m in group) else 1


def _publication_window(ctx: _Context, incident: Incident) -> tuple[dt.date, dt.date] | None:
    earliest, latest = ctx.published.get(incident.report_id or "", (None, None))
    if latest is None:
        return None
    start = (earliest or latest) - dt.timedelta(days=ctx.rules.publication_lookback)
    return start, latest


def _same_town(ctx: _Context, incident: Incident, group: list[Member]) -> bool:
    """An undated incident's place is the very place of a firm member (name or town radius)."""
    place = incident.place
    if place is None or not place.name:
        return False
    for m in group:
        other = m.incident.place
        if m.incident.date is None or other is None:
            continue
        km = distance_km(place, other)
        if _key(place.name) == _key(other.name) or (km is not None and km <= ctx.rules.town_km):
            return True
    return False


def _loose_candidates(ctx: _Context, incident: Incident, groups: _Groups) -> list[tuple[int, str]]:
    """Groups a loose incident (no date or no place) could join, with the reason."""
    out = []
    story = ctx.story(incident)
    window = _publication_window(ctx, incident) if incident.date is None else None
    nearby = set(groups.by_story.get(story, set()))
    if window is not None:
        nearby |= groups.near(*window)
    # A rare-type incident with a day but no place: the one attack of its type that day.
    placeless = (
        incident.type in RARE_TYPES
        and incident.date is not None
        and not has_place(incident.place)
        and (incident.time_precision or TimePrecision.DAY) == TimePrecision.DAY
    )
    if placeless and incident.date is not None:
        nearby |= groups.near(incident.date, incident.date)
    for index in sorted(nearby):
        group = groups.members[index]
        if placeless and _attack_that_day(incident, group):
            # Attributions are not compared: the attack's group already keeps competing ones.
            out.append((index, "no place given; the one attack of its type that day"))
            continue
        # Complete linkage over the attack's own reports: a retelling folded in later
        # (another day, the province for the town) is not compared again.
        told = [m for m in group if not m.joined.startswith(RETOLD)]
        if not all(_pair(ctx, incident, m.incident) for m in told):
            continue
        copies = [m for m in group if ctx.story(m.incident) == story]
        if copies and any(m.incident.report_id != incident.report_id for m in copies):
            out.append((index, "its report copies the same story as a member's report"))
            continue
        if window is not None and (
            _same_town(ctx, incident, group)
            or any(rare_same_attack(ctx, incident, m.incident) for m in group)
        ):
            dates = [m.incident.date for m in group if m.incident.date is not None]
            # A rare attack's group also holds its later-dated retellings: its first day counts.
            if incident.type in RARE_TYPES:
                dates = dates and [min(dates)]
            if dates and all(window[0] <= d <= window[1] for d in dates):
                out.append((index, "undated; the only match within its publication window"))
    # A rare-type incident goes to the one group of its own type, whatever other groups fit.
    own = [c for c in out if _type_rank(incident, groups.members[c[0]]) == 0]
    if incident.type in RARE_TYPES and own:
        # Of several, the attack a dated report gives, on or before its report was printed.
        printed = ctx.published.get(incident.report_id or "", (None, None))[1]
        dated = [c for c in own if _dated_attack(incident, groups.members[c[0]], printed)]
        return dated or own
    if not out and window is not None and incident.type in RARE_TYPES:
        return _recalled(ctx, incident, groups, window[1])
    return out


def _attack_that_day(incident: Incident, group: list[Member]) -> bool:
    """The group holds an incident of the incident's type on its day, none from its report."""
    return all(m.incident.report_id != incident.report_id for m in group) and any(
        m.incident.type == incident.type and m.incident.date == incident.date for m in group
    )


def _dated_attack(incident: Incident, group: list[Member], printed: dt.date | None) -> bool:
    """The group holds a dated incident of the incident's type, not after ``printed``."""
    return any(
        m.incident.type == incident.type
        and m.incident.date is not None
        and (printed is None or m.incident.date <= printed)
        for m in group
    )


def _recalled(
    ctx: _Context, incident: Incident, groups: _Groups, printed: dt.date
) -> list[tuple[int, str]]:
    """Earlier attacks an undated rare-type incident may recall: groups of its type, dated before
    its report, with a member at its very place (a report marking an anniversary names the
    place, not the day). Only one such group may be taken; two leave it ambiguous."""
    out = []
    for index, group in enumerate(groups.members):
        if not any(m.incident.type == incident.type for m in group):
            continue
        dates = [m.incident.date for m in group if m.incident.date is not None]
        if not dates or max(dates) > printed or not _same_town(ctx, incident, group):
            continue
        # Attributions are not compared: the attack's group already keeps competing ones.
        if all(m.incident.report_id != incident.report_id for m in group):
            out.append((index, "undated; recalls the one earlier attack of its type at its place"))
    return out
