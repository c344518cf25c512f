"""Perpetrators on passages we wrote (round 21, r21-perp): a sentence lying between two
tellings of a one-sided incident that tells a party attacking retells it, so that party (the
first named of a joint subject) carried it out, unless the sentence turns to other news
("Elsewhere, ...")."""

from __future__ import annotations

import datetime as dt

from tests.passages import main_incident
from trucewatch.model.incident import IncidentType

SUNDAY = dt.date(2017, 4, 16)
MONDAY = dt.date(2016, 6, 20)
T = IncidentType


def test_a_party_attacking_between_two_tellings_carried_out_the_bombing() -> None:
    main = main_incident(
        "Toll in bomb attack on Hama evacuees rises to 60. Dozens of families from two "
        "besieged villages lost their lives after terrorists attacked their convoy. The toll "
        "in the suicide car bomb attack on the convoy at a crossing west of Hama has risen to "
        "at least 60, a monitor said on Sunday.",
        SUNDAY,
    )
    assert main.type == T.EXPLOSION
    assert main.perpetrator == "Syrian opposition"


def test_a_joint_subject_attacking_between_tellings_gives_its_first_named_party() -> None:
    main = main_incident(
        "At least 30 militants were killed on Sunday in northern Syria in an operation near "
        "the border, officials said. Turkish artillery and coalition jets hit 40 rocket "
        "launchers and weapons depots, the officials said on Monday. During Sunday's "
        "operation 30 militants were killed and two depots destroyed by rockets, they said.",
        MONDAY,
    )
    assert main.type == T.SHELLING
    assert main.perpetrator == "Turkish forces"


def test_a_party_attacking_in_a_sentence_telling_another_incident_is_not_lent() -> None:
    main = main_incident(
        "A car bomb killed 14 people near a bakery in the town of Azaz on Sunday, a monitor "
        "said. Elsewhere, rebels attacked an army post near Hama, killing six soldiers. The "
        "car bomb also wounded 30 people, the monitor said.",
        SUNDAY,
    )
    assert main.type == T.EXPLOSION
    assert main.perpetrator is None
