"""The demo's centre records for the Syrian cessation of February 2016.

Dated facts follow the public record (SPEC §3, the seeds, ``examples/syria-2016``); records
marked "illustrative" stand for the kind of entry the Hmeimim centre kept, not a named event.
"""

from __future__ import annotations

import datetime as dt

from trucewatch.centre import deliveries, hotline, meetings, parties, protection
from trucewatch.centre.users import SYSTEM, add_user, get_user
from trucewatch.model.centre import Escalation, PartyKind, Role, Signatory
from trucewatch.store import Store

COH = "coh-2016-02"
US, RU = "United States", "Russia"
DAMASCUS = dt.timezone(dt.timedelta(hours=2), "Damascus winter time")
COUNCIL = "Local council, Homs countryside (illustrative)"


def _damascus(day: int, hour: int, minute: int = 0, month: int = 2) -> dt.datetime:
    return dt.datetime(2016, month, day, hour, minute, tzinfo=DAMASCUS)


def seed_demo(store: Store) -> dict[str, int]:
    """Record the demo's centre data once (a second run adds nothing); return what was added."""
    with store.transaction() as conn:
        if parties.find_party(conn, "Syrian government") is not None:
            return {}
        me = SYSTEM
        for name, role, guarantor in (
            ("demo-admin", Role.ADMIN, None),
            ("hmeimim-analyst", Role.ANALYST, None),
            ("us-liaison", Role.LIAISON, US),
            ("ru-liaison", Role.LIAISON, RU),
            ("researcher", Role.VIEWER, None),
        ):
            if get_user(conn, name) is None:  # no passwords: set one with the CLI to log in
                add_user(conn, me, name, role, guarantor=guarantor)
        parties.add_party(
            conn, me, "Syrian government", PartyKind.GOVERNMENT, actor="Syrian government forces"
        )
        parties.add_party(
            conn, me, "Syrian opposition", PartyKind.FACTION, actor="Syrian opposition"
        )
        parties.add_party(conn, me, COUNCIL, PartyKind.LOCAL_COUNCIL, governorate="Homs")

        gov = parties.receive_accession(
            conn,
            me,
            agreement=COH,
            party="Syrian government",
            channel="statement",
            sender="Syrian Foreign Ministry",
            received_at=_damascus(23, 12),
            through=RU,
        )
        parties.change_accession(
            conn,
            me,
            gov,
            "accepted",
            at=_damascus(23, 12),
            reason="Foreign Ministry statement accepting the terms",
        )
        opp = parties.receive_accession(
            conn,
            me,
            agreement=COH,
            party="Syrian opposition",
            channel="statement",
            sender="High Negotiations Committee",
            received_at=_damascus(26, 13, 50),
            through=US,
        )
        parties.change_accession(
            conn,
            me,
            opp,
            "accepted",
            at=_damascus(26, 13, 50),
            reason="HNC statement: factions accept a truce from midnight",
        )
        council = parties.receive_accession(
            conn,
            me,
            agreement=COH,
            party=COUNCIL,
            channel="message",
            sender="head of the local administration",
            received_at=_damascus(25, 9),
            through=RU,
            notes="received at the Hmeimim reconciliation centre",
        )
        parties.change_accession(
            conn,
            me,
            council,
            "in_negotiation",
            at=_damascus(25, 15),
            reason="talks opened at Hmeimim",
        )

        meeting = meetings.record_meeting(
            conn,
            me,
            held_at=_damascus(25, 15),
            place="Hmeimim air base, Latakia",
            participants=["Russian reconciliation centre", COUNCIL],
            outcome="terms of joining the cessation discussed; a further meeting agreed",
        )
        meetings.record_local_agreement(
            conn,
            me,
            title="Reconciliation undertaking (illustrative)",
            signed_at=_damascus(28, 11),
            signatories=[Signatory("head of the local administration", COUNCIL)],
            place="Homs countryside",
            agreement=COH,
            meeting_id=meeting,
        )
        request = protection.receive_protection_request(
            conn,
            me,
            requester="leaders of opposition units that signed reconciliation terms",
            threat="hunted by Jabhat al-Nusra for joining the cessation",
            received_at=_damascus(1, 10, month=3),
            place="Homs countryside",
            party=COUNCIL,
        )
        protection.assign_protection(
            conn,
            me,
            request,
            "Russian reconciliation centre",
            reason="security of signatories promised",
            at=_damascus(1, 16, month=3),
        )

        thread = hotline.open_thread(
            conn,
            me,
            subject="Cessation of hostilities: violation reports",
            participants=[US, RU],
            opened_at=_damascus(23, 18),
        )
        first = hotline.send_message(
            conn,
            me,
            thread,
            sender=RU,
            recipients=[US],
            sent_at=_damascus(27, 20),
            body="Reported shelling in the first day of the cessation; please check with the "
            "groups that accepted through you.",
            ack_due=_damascus(28, 20),
        )
        hotline.acknowledge(conn, me, first, at=_damascus(28, 9), reply="Received; checking.")
        hotline.send_message(
            conn,
            me,
            thread,
            sender=US,
            recipients=[RU],
            sent_at=_damascus(28, 11),
            body="Reports of air strikes on areas held by groups that accepted; request "
            "the coordinates struck.",
            ack_due=_damascus(29, 11),
            subject_areas=["east-aleppo-2016"],
        )
        shared = hotline.send_message(
            conn,
            me,
            thread,
            sender=RU,
            recipients=[US],
            sent_at=_damascus(29, 9),
            body="Positions of Jabhat al-Nusra, which the cessation does not cover.",
        )
        positions = hotline.share_positions(
            conn,
            me,
            shared,
            control_area="east-aleppo-2016",
            description="Jabhat al-Nusra said to hold the eastern districts (illustrative)",
        )
        hotline.respond_to_positions(
            conn,
            me,
            positions,
            "disputed",
            side=US,
            at=_damascus(29, 18),
            text="Opposition groups that accepted also hold these districts.",
        )
        hotline.escalate(
            conn,
            me,
            thread,
            Escalation.CO_CHAIRS,
            at=_damascus(29, 19),
            reason="second message left unacknowledged",
        )

        deliveries.record_delivery(
            conn,
            me,
            agency="WFP",
            place="Deir ez-Zor",
            governorate="Deir ez-Zor",
            method="airdrop",
            date=dt.date(2016, 2, 24),
            status="done",
            tonnes=21.0,
            agreement=COH,
            access_clause="3",
            at=_damascus(24, 9),
            notes="first UN airdrop to the besieged city",
        )
    return {
        "parties": 3,
        "accessions": 3,
        "meetings": 1,
        "local_agreements": 1,
        "protection_requests": 1,
        "hotline_threads": 1,
        "hotline_messages": 3,
        "deliveries": 1,
    }
