"""Accessions are recorded only when the text tells a party joining, not a call, a refusal or a
plan to join. An accession feeds the parties' register and every ruling on that party, so a
call on an excluded group "to join the truce" must not make it a party. Passages are our own."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.passages import passage
from trucewatch.extract import extract
from trucewatch.model.incident import IncidentType as T

DAY = dt.date(2016, 5, 20)


def accessions(text: str) -> list[str | None]:
    return [i.perpetrator for i in extract(passage(text, DAY)).incidents if i.type == T.ACCESSION]


@pytest.mark.parametrize(
    "text",
    [
        # a call on others to make groups join
        "MOSCOW, May 20 - The minister urged Washington to press armed groups near Jabhat "
        "al-Nusra to leave the area and join the truce.",
        # a refusal, and those who have not joined
        "MOSCOW, May 20 - Jaish al-Islam refused to join the ceasefire on Thursday.",
        "MOSCOW, May 20 - Russia said it would strike Jabhat al-Nusra and the groups who didn't "
        "join the truce.",
        "MOSCOW, May 20 - Ahrar al-Sham has not joined the truce, the ministry said.",
        # a plan
        "MOSCOW, May 20 - Ahrar al-Sham will join the ceasefire next week, a commander said.",
    ],
)
def test_a_call_refusal_or_plan_to_join_is_no_accession(text: str) -> None:
    assert accessions(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "MOSCOW, May 20 - Five more armed groups joined the truce on Thursday, the Russian "
        "centre said.",
        "MOSCOW, May 20 - Elders of two villages in Latakia signed agreements on Thursday to "
        "join the cessation of hostilities, the Russian centre said.",
        "MOSCOW, May 20 - Jaish al-Islam agreed to join the ceasefire on Thursday.",
    ],
)
def test_a_party_joining_is_an_accession(text: str) -> None:
    assert len(accessions(text)) == 1
