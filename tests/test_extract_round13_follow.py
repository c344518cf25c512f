"""Follow-ups the round-13 helpers asked for in files they did not own, each on a passage we
wrote: a party passes between the drafts of one sentence only to a draft of the same kind."""

from __future__ import annotations

import datetime as dt

from tests.passages import passage
from trucewatch.extract import extract
from trucewatch.model.incident import Incident
from trucewatch.model.incident import IncidentType as T

DAY = dt.date(2016, 10, 3)


def incidents(text: str, title: str | None = None) -> list[Incident]:
    return list(extract(passage(text, DAY, title=title)).incidents)


def main(text: str, title: str | None = None) -> Incident:
    return next(i for i in incidents(text, title) if i.main)


def test_a_caption_of_another_attack_lends_no_party_to_a_blast() -> None:
    # a picture caption glued to the lead names who shelled; the bomb's maker is not told
    inc = main(
        "Rebels shell Aleppo city (archive) A bomb exploded in a market in Azaz on Monday, "
        "killing 12 people, a monitor said."
    )
    assert inc.type == T.EXPLOSION
    assert inc.perpetrator is None
