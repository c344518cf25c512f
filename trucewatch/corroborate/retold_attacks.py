"""Rare attacks retold on later days: a chemical attack is reported for days after it happens,
and many of those reports date it by the day they write, the day its dead were counted or the
day of the reaction ("on Wednesday, the toll rose to 72"). Pair by pair those copies fall on
other days than the attack and form groups of their own; read as a whole they are one attack.

A group of a rare type whose first day lies a few days (``MergeRules.rare_retell_days``) after
an earlier group's first day, in the same area, is that attack told again when fewer reports
tell it than the earlier group, it counts at least half the earlier group's dead (a second,
smaller attack nearby, or one told with no toll, keeps its own event), and no two of their
members name different towns each with its own toll
(:func:`~trucewatch.corroborate.pair_rules.distinct_attacks`). Pure: groups of incidents in,
which group folds into which out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from trucewatch.corroborate.pair_rules import (
    RARE_TYPES,
    MergeRules,
    distinct_attacks,
    same_area,
)
from trucewatch.model.incident import Incident, TimePrecision

#: How a folded retelling's join reason begins (merging reads it to tell retellings apart).
RETOLD = "retells the attack of"


def _rare_and_dated(group: Sequence[Incident]) -> bool:
    """Every member is of one rare type, with a place and a day-precise date."""
    kind = group[0].type
    return kind in RARE_TYPES and all(
        i.type == kind
        and i.place is not None
        and i.date is not None
        and (i.time_precision or TimePrecision.DAY) == TimePrecision.DAY
        for i in group
    )


def _most_dead(group: Sequence[Incident]) -> int | None:
    counts = [i.killed.best or i.killed.low or i.killed.high for i in group]
    known = [c for c in counts if c is not None]
    return max(known) if known else None


def _retells(earlier: Sequence[Incident], later: Sequence[Incident], rules: MergeRules) -> bool:
    for a in earlier:
        for b in later:
            assert a.place is not None and b.place is not None
            if a.type != b.type or not same_area(a.place, b.place, rules):
                return False
            if distinct_attacks(a, b, rules):
                return False
    # The attack is the story most reports tell; a retelling counts its dead (a later day alone,
    # with no toll, may be another attack on the same town).
    if len({i.report_id for i in later}) >= len({i.report_id for i in earlier}):
        return False
    first, then = _most_dead(earlier), _most_dead(later)
    return first is not None and then is not None and 2 * then >= first


def retold_attacks(
    groups: Sequence[Sequence[Incident]], rules: MergeRules
) -> dict[int, tuple[int, str]]:
    """Later groups that retell an earlier group's rare attack: ``{later: (earlier, reason)}``.

    A later group folds into the earliest attack it retells (never into another retelling), so
    a chain of daily updates ends in the attack's own group."""
    firsts = {
        index: min(i.date for i in group if i.date is not None)
        for index, group in enumerate(groups)
        if group and _rare_and_dated(group)
    }
    order = sorted(firsts, key=lambda index: (firsts[index], index))
    reach = dt.timedelta(days=rules.rare_retell_days)
    folded: dict[int, tuple[int, str]] = {}
    grown: dict[int, list[Incident]] = {index: list(groups[index]) for index in order}
    for position, later in enumerate(order):
        for earlier in order[:position]:
            if earlier in folded:
                continue
            gap = firsts[later] - firsts[earlier]
            if not (dt.timedelta(0) < gap <= reach):
                continue
            if _retells(grown[earlier], groups[later], rules):
                folded[later] = (
                    earlier,
                    f"retells the attack of {firsts[earlier]} {gap.days} day(s) later, same area",
                )
                grown[earlier].extend(groups[later])
                break
    return folded
