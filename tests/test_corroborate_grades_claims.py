"""Grades (copies count once, competing attributions, admissions) and the claims ledger."""

from __future__ import annotations

import datetime as dt

from trucewatch.corroborate.claims import (
    check_arithmetic,
    compare_claims,
    compare_merged,
    compare_truce_starts,
)
from trucewatch.corroborate.grades import Witness, compute_grade, responsibility_accepted
from trucewatch.corroborate.merge import merge_incidents
from trucewatch.model.incident import Claim, Grade, Incident, IncidentType, Place, Toll
from trucewatch.model.report import Mention

D = dt.date(2016, 5, 23)
JABLEH = Place("Jableh", "Latakia", 35.3609, 35.9256)


def strike(report: str, **kw) -> Incident:
    return Incident(
        type=IncidentType.EXPLOSION, date=D, place=JABLEH, report_id=report, id=f"{report}-i0", **kw
    )


def witnesses(*rows: tuple[str, str, str]) -> dict[str, Witness]:
    """(report id, source, story) rows."""
    return {r: Witness(r, source, r, story) for r, source, story in rows}


def test_two_independent_outlets_corroborate_and_a_reprint_counts_once():
    merged = merge_incidents([strike("a"), strike("b"), strike("c")])
    assert len(merged) == 1
    ws = witnesses(("a", "Levant Daily", "a"), ("b", "Gulf Wire", "a"), ("c", "Aid Bulletin", "c"))
    result = compute_grade(merged[0], ws)
    assert result.grade == Grade.CORROBORATED
    assert "corroborated by Levant Daily (a) and Aid Bulletin (c)" in result.explanation
    assert "Gulf Wire (b) is a reprint of Levant Daily (a)" in result.explanation

    # Without the independent third outlet, the original and its reprint are one source.
    alone = merge_incidents([strike("a"), strike("b")])[0]
    result = compute_grade(alone, ws)
    assert result.grade == Grade.UNVERIFIED and len(result.independent) == 1


def test_two_reports_of_one_outlet_are_one_source():
    merged = merge_incidents([strike("a"), strike("b")])[0]
    ws = witnesses(("a", "Levant Daily", "a"), ("b", "Levant Daily", "b"))
    result = compute_grade(merged, ws)
    assert result.grade == Grade.UNVERIFIED
    assert "second report from Levant Daily" in result.explanation


def test_competing_attributions_make_an_incident_contested():
    merged = merge_incidents(
        [strike("a", perpetrator="Syrian government forces"), strike("b", perpetrator="ISIL")]
    )[0]
    ws = witnesses(("a", "Levant Daily", "a"), ("b", "Moscow Desk", "b"))
    result = compute_grade(merged, ws)
    assert result.grade == Grade.CONTESTED
    assert "Syrian government forces according to Levant Daily (a)" in result.explanation
    # Aliases of one actor are not competing.
    same = compute_grade(merged, ws, same_actor=lambda x, y: True)
    assert same.grade == Grade.CORROBORATED


def test_an_accepted_responsibility_confirms():
    text = "Two blasts hit the bus station. The group later claimed responsibility online."
    incident = strike("a", evidence=[Mention("type", 4, 10, "blasts", "a")])
    assert responsibility_accepted(incident, text) == "claimed responsibility"
    assert responsibility_accepted(incident, "Two blasts hit the bus station.") is None
    merged = merge_incidents([incident])[0]
    ws = witnesses(("a", "Levant Daily", "a"))
    result = compute_grade(merged, ws, admissions={"a": "claimed responsibility"})
    assert result.grade == Grade.CONFIRMED


def claim(report: str, quantity: float, claimant: str, **kw) -> Claim:
    return Claim(claimant=claimant, quantity=quantity, report_id=report, **kw)


def test_claims_about_the_same_quantity_are_placed_side_by_side():
    claims = [
        claim("a", 56, "SOHR", unit="civilians", subject="Tokhar strike"),
        claim("b", 85, "a justice group", unit="civilian", subject="Tokhar strike"),
        claim("c", 56, "SOHR", unit="civilians", subject="Tokhar strike", period="19 July"),
        claim("d", 12, "SOHR", unit="civilians", subject="another town"),
    ]
    out = compare_claims(claims)
    assert len(out) == 1  # the one with a period and the other subject have no partner
    c = out[0]
    assert c.verdict == "contradiction" and c.contradiction
    assert [i.value for i in c.items] == ["56", "85"]
    assert "56 (SOHR) against 85 (a justice group)" in c.explanation


def test_same_value_from_two_reports_is_agreement_and_one_report_is_not_compared():
    agree = compare_claims(
        [
            claim("a", 148, "SOHR", unit="people", subject="Jableh"),
            claim("b", 148, "SOHR", unit="people", subject="Jableh"),
        ]
    )
    assert [c.verdict for c in agree] == ["agreement"]
    one_report = [
        claim("a", 7, "locals", unit="people", subject="x"),
        claim("a", 9, "locals", unit="people", subject="x"),
    ]
    assert compare_claims(one_report) == []


def test_claims_without_subject_are_compared_only_within_a_topic():
    claims = [claim("a", 20, "x", unit="people"), claim("b", 30, "y", unit="people")]
    assert compare_claims(claims) == []
    out = compare_claims(claims, topic_of=lambda c: "m-1")
    assert [c.verdict for c in out] == ["contradiction"]


def test_internal_arithmetic_is_checked():
    good = check_arithmetic(claim("a", 28_000, "MoD", unit="fighters", of_total=80_000, percent=35))
    assert good is not None and good.verdict == "consistent"
    assert "35.0 %" in good.explanation
    bad = check_arithmetic(claim("a", 28_000, "MoD", unit="fighters", of_total=80_000, percent=45))
    assert bad is not None and bad.verdict == "inconsistent" and bad.contradiction
    whole = check_arithmetic(claim("a", 31, "UN", unit="trucks", of_total=18))
    assert whole is not None and whole.verdict == "inconsistent"
    assert check_arithmetic(claim("a", 5, "UN", unit="trucks")) is None


def test_tolls_that_do_not_overlap_are_a_contradiction_overlapping_ones_are_not():
    merged = merge_incidents(
        [strike("a", killed=Toll(27, 27, 27)), strike("b", killed=Toll(55, 55, 55))]
    )[0]
    tolls = [c for c in compare_merged(merged) if c.kind == "toll"]
    assert [c.verdict for c in tolls] == ["contradiction"]
    merged = merge_incidents([strike("a", killed=Toll(3, None, 4)), strike("b", killed=Toll(4))])[0]
    assert [c.verdict for c in compare_merged(merged)] == ["overlapping"]


def test_each_side_of_a_toll_disagreement_quotes_its_report():
    def told(report: str, toll: int, words: str) -> Incident:
        evidence = [Mention("killed", 0, len(words), words, report)]
        return strike(report, killed=Toll(toll, toll, toll), evidence=evidence)

    merged = merge_incidents([told("a", 27, "killing at least 27"), told("b", 55, "risen to 55")])
    [toll] = compare_merged(merged[0])
    quoted = {item.report_id: (item.value, item.text) for item in toll.items}
    assert quoted == {"a": ("27", "killing at least 27"), "b": ("55", "risen to 55")}
    outlets = {"a": "Levant Daily", "b": "Aid Bulletin"}
    [named] = compare_merged(merged[0], outlets.__getitem__)
    assert named.explanation == "killed: 27 (Levant Daily) against 55 (Aid Bulletin)"


def truce(report: str, when: dt.datetime, place: Place | None = None) -> Incident:
    return Incident(
        type=IncidentType.TRUCE_DECLARED,
        date=when.date(),
        time=when,
        place=place,
        report_id=report,
        id=f"{report}-i0",
    )


def test_two_start_times_for_one_truce_are_a_contradiction():
    utc = dt.UTC
    aleppo = Place("Aleppo", "Aleppo", 36.2, 37.16)
    found = compare_truce_starts(
        [
            truce("a", dt.datetime(2016, 5, 6, 21, 1, tzinfo=utc), aleppo),
            truce("b", dt.datetime(2016, 5, 6, 22, 0, tzinfo=utc), aleppo),
            truce("c", dt.datetime(2016, 5, 6, 21, 1, tzinfo=utc), JABLEH),  # another place
            truce("d", dt.datetime(2016, 9, 12, 16, 0, tzinfo=utc), aleppo),  # another truce
        ]
    )
    assert len(found) == 1
    assert {i.report_id for i in found[0].items} == {"a", "b"}
    assert "21:01" in found[0].explanation and "22:00" in found[0].explanation
    same = compare_truce_starts(
        [
            truce("a", dt.datetime(2016, 2, 26, 22, 0, tzinfo=utc)),
            truce("b", dt.datetime(2016, 2, 26, 22, 0, tzinfo=utc)),
        ]
    )
    assert same == []
