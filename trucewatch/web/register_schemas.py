"""Request bodies of the registers' API (``web/registers_api.py``): what each form sends, typed.

Times carry their zone (ISO 8601 with an offset); a time without one is refused, as in the CLI.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import AfterValidator, BaseModel, Field

NO_NUL = r"^[^\x00]*$"  # PostgreSQL refuses NUL in text


def _zoned(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    if value.tzinfo is None:
        raise ValueError("give the time zone, e.g. 2016-02-27T00:00+02:00")
    try:
        return value.astimezone(dt.UTC)
    except OverflowError:
        raise ValueError(f"{value.isoformat()} is out of range") from None


Zoned = Annotated[dt.datetime | None, AfterValidator(_zoned)]
Name = Annotated[str, Field(min_length=1, max_length=200, pattern=NO_NUL)]
OptName = Annotated[str | None, Field(max_length=200, pattern=NO_NUL)]
Words = Annotated[str, Field(min_length=1, max_length=4000, pattern=NO_NUL)]
OptWords = Annotated[str | None, Field(max_length=4000, pattern=NO_NUL)]
Reason = Annotated[str, Field(min_length=1, max_length=2000, pattern=NO_NUL)]
# Values stored in narrower columns (store/centre_tables.py) are refused past their width.
Key = Annotated[str, Field(min_length=1, max_length=80, pattern=NO_NUL)]
OptKey = Annotated[str | None, Field(max_length=80, pattern=NO_NUL)]
Side = Annotated[str, Field(min_length=1, max_length=120, pattern=NO_NUL)]
OptSide = Annotated[str | None, Field(max_length=120, pattern=NO_NUL)]
OptArea = Annotated[str | None, Field(max_length=40, pattern=NO_NUL)]


class Written(BaseModel):
    """The record a write created or changed, and its version now."""

    id: int
    version: int = 1


class PartyIn(BaseModel):
    name: Name
    kind: Annotated[str, Field(pattern="^(faction|local_council|government|foreign_force)$")]
    actor: OptSide = None
    governorate: OptArea = None


class PartyEdit(BaseModel):
    kind: Annotated[
        str | None, Field(pattern="^(faction|local_council|government|foreign_force)$")
    ] = None
    actor: OptSide = None
    governorate: OptArea = None
    reason: Annotated[str | None, Field(max_length=2000, pattern=NO_NUL)] = None
    seen: int | None = Field(None, description="the version the change was made from")


class AccessionIn(BaseModel):
    agreement: Key
    party: Name
    channel: Annotated[str, Field(min_length=1, max_length=40, pattern=NO_NUL)]
    sender: Name
    received_at: Zoned = Field(None, description="default: now")
    through: OptKey = Field(None, description="the guarantor it came through")
    notes: OptWords = None


class StatusIn(BaseModel):
    """A move along a register's status machine, at the time it happened (default now)."""

    to: Name
    reason: Reason
    at: Zoned = None
    seen: int | None = None


class ReviewIn(BaseModel):
    """A step in the review of a ruling: under review, upheld or overturned, and why."""

    state: Annotated[str, Field(pattern="^(under_review|upheld|overturned)$")]
    reason: Reason
    seen: int | None = None


class AssignIn(BaseModel):
    to_whom: Side
    reason: Reason
    seen: int | None = None


class NoteIn(BaseModel):
    note: Words


class MeetingIn(BaseModel):
    held_at: Zoned = Field(None, description="default: now")
    place: Name
    participants: Annotated[list[Name], Field(min_length=1, max_length=100)]
    outcome: OptWords = None
    notes: OptWords = None


class MeetingEdit(BaseModel):
    place: OptName = None
    held_at: Zoned = None
    outcome: OptWords = None
    notes: OptWords = None
    reason: Annotated[str | None, Field(max_length=2000, pattern=NO_NUL)] = None
    seen: int | None = None


class SignatoryIn(BaseModel):
    signer: Name
    for_party: Name


class LocalAgreementIn(BaseModel):
    title: Name
    signed_at: Zoned = Field(None, description="default: now")
    signatories: Annotated[list[SignatoryIn], Field(min_length=1, max_length=100)]
    place: OptName = None
    agreement: OptKey = None
    meeting_id: Annotated[int | None, Field(ge=1, le=2**31 - 1)] = None
    document: OptName = None


class ProtectionIn(BaseModel):
    requester: Name
    threat: Words
    received_at: Zoned = Field(None, description="default: now")
    place: OptName = None
    party: OptName = None


class DeliveryIn(BaseModel):
    agency: Side
    place: Name
    method: Annotated[str, Field(pattern="^(convoy|airdrop)$")]
    date: dt.date | None = None
    status: Annotated[str, Field(pattern="^(planned|done|blocked)$")] = "planned"
    tonnes: Annotated[float | None, Field(gt=0, le=1e6)] = None
    trucks: Annotated[int | None, Field(gt=0, le=100_000)] = None
    governorate: OptArea = None
    agreement: OptKey = None
    access_clause: OptArea = None
    notes: OptWords = None


class DeliveryEdit(BaseModel):
    place: OptName = None
    governorate: OptArea = None
    date: dt.date | None = None
    tonnes: Annotated[float | None, Field(gt=0, le=1e6)] = None
    trucks: Annotated[int | None, Field(gt=0, le=100_000)] = None
    agreement: OptKey = None
    access_clause: OptArea = None
    notes: OptWords = None
    reason: Annotated[str | None, Field(max_length=2000, pattern=NO_NUL)] = None
    seen: int | None = None


class MessageIn(BaseModel):
    """A hotline message; a liaison's ``sender`` is its guarantor (the default for one)."""

    body: Words
    sender: OptSide = None
    recipients: Annotated[list[Side], Field(max_length=50)] = Field(
        default_factory=list, description="default: every other participant"
    )
    ack_hours: Annotated[float | None, Field(ge=0, le=24 * 30)] = None
    subject_incidents: Annotated[list[Name], Field(max_length=50)] = Field(default_factory=list)


class ThreadIn(BaseModel):
    subject: Name
    participants: Annotated[list[Side], Field(min_length=1, max_length=50)]
    shared: bool = False
    first: MessageIn


class ThreadWritten(BaseModel):
    thread_id: int
    message_id: int


class ReportIn(BaseModel):
    """A situation report to generate into the archive."""

    first_day: dt.date
    last_day: dt.date | None = Field(None, description="default: the first day")
    cutoff: Annotated[str, Field(pattern=r"^\d{1,2}:\d{2}$")] = "19:30"
    tz: Annotated[str, Field(max_length=64, pattern=NO_NUL)] = "Asia/Damascus"
    pdf: bool = True


class ReportFiles(BaseModel):
    files: list[str]
