"""Statement versus event: which casualty figures are an incident's toll and which are claims
(period tallies, campaign totals, estimates), on passages we wrote."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.passages import passage
from trucewatch.extract import extract
from trucewatch.extract.figure_roles import FigureRole
from trucewatch.extract.pipeline import build_pipeline, make_doc
from trucewatch.ingest import read_inputs
from trucewatch.model.incident import IncidentType as T
from trucewatch.model.incident import Toll
from trucewatch.model.report import Report

THURSDAY = dt.date(2016, 8, 11)
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


def report(text: str, title: str | None = None) -> Report:
    return passage(text, THURSDAY, title=title)


def roles(text: str) -> list[tuple[str, FigureRole]]:
    nlp = build_pipeline()
    doc = nlp(make_doc(nlp, report(text)))
    return [(q.text, r) for q, r in zip(doc._.quantities, doc._.figure_roles, strict=True)]


def violent(text: str, title: str | None = None):
    return [i for i in extract(report(text, title)).incidents if i.type.violent]


@pytest.mark.parametrize(
    "text",
    [
        "Air strikes have killed 1,200 civilians in Aleppo since September, the monitor said.",
        "So far 450 people have been killed in the shelling of Daraa, activists said.",
        "In total 310 fighters were killed in the battles for Hama, the group said.",
        "We estimate that 2,000 militants were killed in Idlib by our raids, the minister said.",
        "The coalition's campaign has killed 600 people in Raqqa, the monitor said.",
    ],
)
def test_a_tally_or_an_estimate_is_a_claim_and_no_incident_toll(text: str) -> None:
    assert [r for _, r in roles(text)] == [FigureRole.CLAIM]
    for inc in violent(text):
        assert not inc.killed.known


def test_a_wave_of_days_since_a_weekday_keeps_its_toll() -> None:
    text = "At least 40 fighters have been killed since Saturday in clashes near Tal Abyad."
    assert [r for _, r in roles(text)] == [FigureRole.TOLL]
    (inc,) = violent(text)
    assert inc.type == T.ARMED_CLASH and inc.killed.low == 40


def test_a_heading_restating_a_claimed_figure_is_that_claim() -> None:
    text = (
        "Army killed 4,000 terrorists in Syria\n"
        "We estimate that of the 10,000 fighters 4,000 have been eliminated near Aleppo, "
        "the general said."
    )
    assert all(inc.killed.low != 4000 for inc in violent(text))


def test_a_figure_the_next_sentence_shows_part_of_a_tally_is_that_tally() -> None:
    text = (
        "Some 30 civilians have been killed in air strikes by the coalition, a report says. "
        "The report counts 400 people killed including 30 civilians in Raqqa and Hasakeh "
        "since the strikes began."
    )
    assert violent(text) == []


def test_a_campaign_is_no_incident() -> None:
    text = "Russia launched its air campaign against the militants upon a request by Damascus."
    assert violent(text) == []


def test_a_statement_about_unplaced_violence_yields_no_incident() -> None:
    text = (
        "The Security Council said on Wednesday it was seeking clarity on reports that "
        "regime forces killed 900 people with chemical weapons. Diplomats held talks "
        "with Damascus and Moscow."
    )
    assert violent(text) == []


def test_an_incident_still_has_its_toll_beside_a_tally() -> None:
    text = (
        "An air strike killed 12 people in Maarat al-Numan on Wednesday, the monitor said. "
        "Strikes have killed 3,000 civilians in Idlib since the start of the year."
    )
    (inc,) = violent(text)
    assert inc.killed == Toll(12, 12, 12)


@pytest.mark.parametrize(("seed", "figure"), [("000_*.txt", 967), ("001_*.txt", 28000)])
def test_seed_cumulative_figures_are_no_incident_toll(seed: str, figure: int) -> None:
    (path,) = SEEDS.glob(seed)
    (rep,) = list(read_inputs([path]))
    for inc in extract(rep).incidents:
        assert figure not in (inc.killed.low, inc.killed.best, inc.killed.high)


def test_seed_004_has_no_air_strike_in_damascus() -> None:
    (path,) = SEEDS.glob("004_*.txt")
    (rep,) = list(read_inputs([path]))
    assert not [i for i in extract(rep).incidents if i.type == T.AIR_STRIKE]
