"""Perpetrators on passages we wrote (round 19, r19-perp): a headline naming the acting party
names it for the story's lead when the headline tells the lead's kind of act (its toll need not
match); a headline's parties after its act verb, or counted dead, are no acting party."""

from __future__ import annotations

import datetime as dt

from tests.passages import main_incident, passage, passage_incidents
from trucewatch.extract.attribution_fallbacks import kind_agent_before
from trucewatch.extract.attribution_status import _sentences
from trucewatch.extract.headline_attribution import headline_agent
from trucewatch.extract.pipeline import build_pipeline, make_doc
from trucewatch.model.incident import IncidentType

TUESDAY = dt.date(2016, 3, 8)
WEDNESDAY = dt.date(2016, 3, 9)
T = IncidentType


def setup_module() -> None:
    build_pipeline()  # the doc extensions the headline reading uses


def test_headline_party_names_the_lead_whose_kind_it_tells() -> None:
    main = main_incident(
        "A war monitor raised on Tuesday the toll from air strikes on a market in the town of "
        "Saraqeb to 40 as rescuers dug through the rubble. Regime forces held the hills nearby.",
        TUESDAY,
        title="Regime air strikes kill 38 in Idlib market town",
    )
    assert main.type == T.AIR_STRIKE
    assert main.perpetrator == "Syrian government forces"


def test_headline_party_after_the_act_verb_is_its_object() -> None:
    title = "Coalition kills over 30 Daesh fighters planning terrorist attacks"
    assert headline_agent(title) == "US-led coalition"


def test_headline_party_counted_dead_is_no_agent() -> None:
    assert headline_agent("40 militants dead in fierce fighting near Hama") is None
    # a count of acts is no count of men: "Two terrorist attacks hit ..."
    assert headline_agent("Two terrorist bombings hit Homs district") == "Syrian opposition"


def test_fire_from_a_party_names_its_firer() -> None:
    main = main_incident(
        "A volley of rocket fire from Syrian rebels killed nine people in the Hamdaniyeh "
        "district of Aleppo on Tuesday, state media said.",
        TUESDAY,
    )
    assert main.type == T.SHELLING
    assert main.perpetrator == "Syrian opposition"


def test_headline_side_acts_in_the_lead_clash_though_its_toll_differs() -> None:
    main = main_incident(
        "Nusra Front militants clashed with the army near the town of Adra on Tuesday after "
        "they tried to storm a military post, state media said. A monitor said at least 40 "
        "militants were killed in the clashes.",
        TUESDAY,
        title="Syrian Army Kills Dozens of Nusra Militants in Ambush near Adra",
    )
    assert main.type == T.ARMED_CLASH
    assert main.perpetrator == "Syrian government forces"


def _kind_agents(text: str) -> dict[int | None, str | None]:
    """Each air strike's toll and the agent the lead lends it for its kind (none lent: None)."""
    nlp = build_pipeline()
    doc = nlp(make_doc(nlp, passage(text, WEDNESDAY)))
    out: dict[int | None, str | None] = {}
    for incident in doc._.incidents:
        if incident.type == T.AIR_STRIKE:
            lent = kind_agent_before(doc, incident, _sentences(doc, incident))
            out[incident.killed.low] = lent.canonical if lent is not None else None
    return out


LEAD = (
    "Air strikes kill dozens in Homs towns. Regime air strikes on two besieged towns in Homs "
    "province have killed some 45 people in two days, a war monitor said on Wednesday. "
)


def test_a_part_told_after_the_lead_takes_the_leads_agent_for_its_kind() -> None:
    text = (
        LEAD + '"On Tuesday 24 people died in air strikes on Rastan," the monitor said, adding '
        "that a rebel leader was among them."
    )
    (part,) = [i for i in passage_incidents(text, WEDNESDAY) if i.killed.low == 24]
    assert part.perpetrator == "Syrian government forces"
    # the lead's words name it (since round 22 the party passes on with them)
    assert [m.text for m in part.evidence if m.field == "perpetrator"] == ["Regime"]


def test_another_incident_does_not_take_the_leads_agent() -> None:
    other = _kind_agents(
        LEAD + '"In another incident on Tuesday 24 people died in air strikes on Rastan," the '
        "monitor said, adding that a rebel leader was among them."
    )
    assert other[24] is None


def test_fighters_told_with_one_named_group_are_that_groups() -> None:
    main = main_incident(
        "Militants shelled the town of Suran in Hama province on Tuesday, killing four "
        "civilians, as the Nusra Front pressed its offensive in the area, a source said.",
        TUESDAY,
    )
    assert main.type == T.SHELLING
    assert main.perpetrator == "Jabhat al-Nusra"


def test_fighters_told_with_a_rebel_coalition_stay_the_opposition() -> None:
    main = main_incident(
        "Militants shelled the town of Suran in Hama province on Tuesday, killing four "
        "civilians, as the Nusra Front and its allies of Faylaq al-Sham pressed their offensive "
        "in the area, a source said.",
        TUESDAY,
    )
    assert main.perpetrator == "Syrian opposition"
