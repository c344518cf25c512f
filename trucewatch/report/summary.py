"""The summary paragraph at the top of a situation report, written from the period's events.

It says what happened and how that changed from the period before: violent events, violations
by party and place, alleged violations apart, casualties as ranges, deliveries and overdue
hotline items. Every number is a :class:`Piece` with the anchor of the table it comes from, so
the rendered paragraph links each number to the table a reader can check it against.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from trucewatch.report.daily import SituationReport, anchor, range_text, toll_total
from trucewatch.report.event_records import EventRecord


@dataclass(frozen=True, slots=True)
class Piece:
    """Some text of the paragraph; with ``anchor``, a number linked to its table."""

    text: str
    anchor: str | None = None


def _n(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def _change(now: int, before: int, previous: str) -> str:
    if now == before:
        return f"as many as {previous}"
    return f"{'up' if now > before else 'down'} from {before} {previous}"


def _by_party_and_place(records: Sequence[EventRecord]) -> list[Piece]:
    """``2 by Syrian Arab Army in Aleppo, 1 by … in Idlib``, each number linked to its section."""
    groups = Counter((r.party, r.governorate) for r in records)
    ordered = sorted(groups.items(), key=lambda kv: (-kv[1], kv[0]))
    pieces: list[Piece] = []
    for i, ((party, place), n) in enumerate(ordered):
        if i:
            pieces.append(Piece("; " if i < len(ordered) - 1 else " and "))
        who = "an unnamed party" if party == "unknown" else party
        where = "an unknown place" if place == "unknown" else place
        pieces += [Piece(str(n), anchor("gov", place)), Piece(f" by {who} in {where}")]
    return pieces


def summary(report: SituationReport) -> list[Piece]:
    """The paragraph's pieces (one piece saying so when the period has no events)."""
    period = report.period
    cut = f"{period.cutoff:%H:%M} {report.settings.zone_label}"
    if period.length == 1:
        span = f"In the 24 hours to {cut} on {period.last_day:%-d %B %Y}"
        previous = "the day before"
    else:
        span = f"In the {period.length} report days to {cut} on {period.last_day:%-d %B %Y}"
        previous = "the previous period"
    if not report.counted:
        return [Piece(f"{span} the mission recorded no events.")]
    events, before = report.events, report.previous_events
    violations = [r for r in events if r.violation]
    alleged = [r for r in events if r.alleged]
    pieces = [
        Piece(f"{span} the mission recorded "),
        Piece(_n(len(events), "violent event"), "headline"),
        Piece(f" ({_change(len(events), len(before), previous)})"),
    ]
    if violations:
        was = sum(r.violation for r in before)
        pieces += [
            Piece(", of which "),
            Piece(_n(len(violations), "violation"), "by-party"),
            Piece(f" ({_change(len(violations), was, previous)}): "),
            *_by_party_and_place(violations),
        ]
    elif events:
        pieces.append(Piece(", none of them ruled a violation"))
    pieces.append(Piece(". "))
    if alleged:
        pieces += [
            Piece("A further "),
            Piece(_n(len(alleged), "event"), "by-party"),
            Piece(
                " were ruled alleged violations, counted apart because the attribution rests on "
                "a single unconfirmed source: "
                if len(alleged) > 1
                else " was ruled an alleged violation, counted apart because the attribution "
                "rests on a single unconfirmed source: "
            ),
            *_by_party_and_place(alleged),
            Piece(". "),
        ]
    killed, injured = toll_total(events, "killed"), toll_total(events, "injured")
    if killed != (0, 0) or injured != (0, 0):
        pieces += [
            Piece("The sources give "),
            Piece(f"{range_text(killed)} killed", "headline"),
            Piece(" and "),
            Piece(f"{range_text(injured)} injured", "headline"),
            Piece(" (ranges from the lowest to the highest figure reported). "),
        ]
    elif events:
        pieces.append(Piece("No casualty figures were reported. "))
    delivered = len(report.deliveries.rows)
    if delivered:
        pieces += [
            Piece(_n(delivered, "humanitarian delivery", "humanitarian deliveries"), "deliveries"),
            Piece(" was recorded. " if delivered == 1 else " were recorded. "),
        ]
    overdue = dict(report.hotline.counts).get("overdue at cut-off", 0)
    if overdue:
        pieces += [
            Piece(_n(overdue, "hotline message"), "hotline"),
            Piece(
                " was overdue for acknowledgement at the cut-off."
                if overdue == 1
                else " were overdue for acknowledgement at the cut-off."
            ),
        ]
    if pieces[-1].text.endswith(" "):
        pieces[-1] = Piece(pieces[-1].text.rstrip(), pieces[-1].anchor)
    return pieces
