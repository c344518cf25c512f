"""Response shapes of the JSON API; FastAPI turns them into the OpenAPI schema."""

from __future__ import annotations

import datetime as dt
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, Field

from trucewatch.web.queries import COUNT_LIMIT

T = TypeVar("T")

RulingName = Literal[
    "violation",
    "alleged_violation",
    "permitted_excluded_target",
    "not_in_force",
    "out_of_scope",
    "perpetrator_not_party",
    "disputed",
    "undetermined",
]
GradeName = Literal["unverified", "corroborated", "confirmed", "contested", "discounted"]
IncidentTypeName = Literal[
    "air_strike",
    "shelling",
    "armed_clash",
    "explosion",
    "chemical_attack",
    "territory_taken",
    "attack_on_civilians",
    "humanitarian_delivery",
    "accession",
    "truce_declared",
]


class Page(BaseModel, Generic[T]):
    """One page of a list: the items, how many match in all, and where the page starts."""

    total: int = Field(
        description="How many match in all. Exact when `total_exact` is true; otherwise more "
        f"than this many match: the incident list stops counting past {COUNT_LIMIT:,} matches, "
        "since an exact count reads every match (a million in a backfilled store) on every page."
    )
    total_exact: bool = Field(
        True,
        description="False when counting stopped at `total`: more than `total` match. The last "
        "page (fewer than `limit` items) always knows the exact total, offset plus its items; "
        "`/api/v1/stats/daily` with the same filters gives exact counts per day.",
    )
    limit: int
    offset: int
    items: list[T]


class CursorPage(Page[T], Generic[T]):
    """A page of a list that also pages by cursor: pass `next` back as `after` for the page
    that follows (stable when rows are added meanwhile, and as fast deep in the list as at its
    top), or follow `next_url`; both are null on the last page. `offset` still works."""

    next: str | None = Field(
        None, description="Opaque cursor of the page that follows; null on the last page."
    )
    next_url: str | None = Field(
        None,
        description="This request's path and query with `after` set to `next` (and `offset` "
        "dropped); null on the last page.",
    )


class Me(BaseModel):
    name: str
    role: str
    guarantor: str | None


class RulingOut(BaseModel):
    event_id: str
    agreement: str
    ruling: str
    version: int
    ruled_at: dt.datetime
    reasons: list[dict[str, Any]]


class Toll(BaseModel):
    low: int | None
    best: int | None
    high: int | None


class IncidentOut(BaseModel):
    id: str
    report_id: str
    type: str
    date: dt.date | None
    time: dt.datetime | None
    place: str | None
    governorate: str | None
    lat: float | None
    lon: float | None
    geo_precision: int | None
    time_precision: int | None
    perpetrator: str | None
    target: str | None
    killed: Toll
    injured: Toll
    main: bool
    event_id: str | None = Field(description="The event this report's incident belongs to.")
    grade: str | None
    source: str
    report_title: str | None
    ruling: str
    rulings: list[RulingOut] | None = Field(
        None,
        description="Current rulings, one per agreement, with their reasons: in lists only with "
        "`include=rulings` (`ruling` is always the gravest of them).",
    )


class MentionOut(BaseModel):
    field: str
    start: int
    end: int
    text: str
    report_id: str | None


class IncidentDetail(IncidentOut):
    evidence: list[MentionOut]
    ruling_history: list[RulingOut]


class ReportOut(BaseModel):
    id: str
    title: str | None
    url: str | None
    language: str
    source: str
    published_date: dt.date | None
    published_earliest: dt.date | None
    published_latest: dt.date | None
    published_basis: str
    published_reason: str | None


class ReportDetail(ReportOut):
    text: str


class ClaimOut(BaseModel):
    id: str
    report_id: str
    claimant: str | None
    quantity: float
    unit: str
    period: str | None
    subject: str | None
    of_total: float | None
    percent: float | None
    source: str
    report_title: str | None


class DayCount(BaseModel):
    date: dt.date = Field(description="An events' best day (calendar day, UTC).")
    events: int
    violations: int
    alleged_violations: int = Field(
        description="Events ruled an alleged violation and not a violation (counted apart)."
    )


class EventOut(BaseModel):
    """One event: what happened, combined from every report that tells it."""

    id: str
    type: str
    event_date: dt.date | None = Field(description="The best day (ACLED's event_date).")
    date_earliest: dt.date | None
    date_latest: dt.date | None
    time_precision: int | None
    date_basis: str
    window_straddles: bool = Field(
        description="The window reaches outside the date range asked for; the event is "
        "counted where its best day falls."
    )
    place: str | None
    governorate: str | None
    lat: float | None
    lon: float | None
    geo_precision: int | None
    perpetrator: str | None
    attribution: str | None
    perpetrator_alternatives: list[str]
    target: str | None
    killed: Toll
    injured: Toll
    sources: int = Field(description="Independent sources (copies counted once).")
    reports: int
    grade: str
    ruling: str
    rulings: list[RulingOut] | None = Field(
        None,
        description="Current rulings, one per agreement, with their reasons: in lists only with "
        "`include=rulings` (`ruling` is always the gravest of them).",
    )


class SidedOut(BaseModel):
    value: Any
    reports: list[str]
    members: list[str]
    status: str
    words: str | None


class EventMemberOut(BaseModel):
    incident_id: str
    report_id: str
    joined: str
    source: str
    title: str | None
    url: str | None
    published_date: dt.date | None
    evidence: list[MentionOut]


class GradeEventOut(BaseModel):
    kind: str
    grade: str | None
    why: str
    by: str
    at: dt.datetime


class EventDetail(EventOut):
    explanation: str
    computed_grade: str
    perpetrators: list[SidedOut]
    targets: list[SidedOut]
    killed_values: list[SidedOut]
    injured_values: list[SidedOut]
    provenance: dict[str, list[str]]
    members: list[EventMemberOut]
    ruling_history: list[RulingOut]
    grade_history: list[GradeEventOut]


class ClauseOut(BaseModel):
    number: str
    text: str
    prohibits: list[str]
    requires: list[str]


class AgreementOut(BaseModel):
    id: str
    title: str
    kind: str
    instrument: str
    effective_from: dt.datetime
    effective_to: dt.datetime | None
    local_tz: str
    guarantors: list[str]
    parent: str | None
    governorates: list[str]
    places: list[str]
    whole_country: bool


class AgreementDetail(AgreementOut):
    clauses: list[ClauseOut]
    excluded: list[str]
    accede_through: list[str]
    supersedes: list[str]
    sources: list[str]
    regimes: list[str]


class AccessionOut(BaseModel):
    agreement: str
    party: str
    status: str
    through: str | None
    at: dt.datetime | None
    on: dt.date | None
    source: str | None
    recorded_by: Literal["agreements", "centre"]


class HotlineThreadOut(BaseModel):
    id: int | None
    subject: str
    participants: list[str]
    opened_at: dt.datetime
    shared: bool
    escalation: str


class HotlineMessageOut(BaseModel):
    id: int | None
    thread_id: int | None
    sender: str
    recipients: list[str]
    body: str
    sent_at: dt.datetime
    ack_due: dt.datetime | None
    acked_at: dt.datetime | None
    acked_by: str | None
    reply: str | None
    overdue: bool
    subject_incidents: list[str]


class Acknowledgement(BaseModel):
    """The body of an acknowledgement: an optional reply to the message."""

    reply: str | None = Field(default=None, max_length=4000, pattern=r"^[^\x00]*$")


class DeliveryOut(BaseModel):
    id: str | None
    agency: str
    place: str
    governorate: str | None
    method: str
    status: str
    date: dt.date | None
    tonnes: float | None
    trucks: int | None
    agreement: str | None
    access_clause: str | None
    notes: str | None


class UserOut(BaseModel):
    name: str
    role: str
    guarantor: str | None
    active: bool
