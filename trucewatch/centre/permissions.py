"""Who may do what: the role × action matrix, as data, and the checks the services make first."""

from __future__ import annotations

from collections.abc import Collection
from enum import StrEnum

from trucewatch.centre.errors import PermissionDenied
from trucewatch.model.centre import Role, User


class Action(StrEnum):
    """Everything the centre's services do, one name per permission."""

    CENTRE_READ = "centre.read"  # parties, accessions, meetings, protection, deliveries
    PARTY_RECORD = "party.record"
    ACCESSION_RECORD = "accession.record"
    ACCESSION_CHANGE = "accession.change"
    MEETING_RECORD = "meeting.record"  # meetings, their edits, local agreements signed
    PROTECTION_RECORD = "protection.record"
    PROTECTION_CHANGE = "protection.change"
    HOTLINE_READ = "hotline.read"
    HOTLINE_SEND = "hotline.send"  # open threads, send messages, share positions
    HOTLINE_ACK = "hotline.acknowledge"
    HOTLINE_ESCALATE = "hotline.escalate"
    POSITION_RESPOND = "position.respond"
    DELIVERY_RECORD = "delivery.record"
    DELIVERY_CHANGE = "delivery.change"
    GRADE_CHANGE = "verification.grade"
    REVIEW_CHANGE = "verification.review"
    USER_MANAGE = "user.manage"
    AUDIT_VERIFY = "audit.verify"
    REPORT_SUBMIT = "report.submit"  # POST a report for the pipeline (intake form and API)
    LIVE_STATUS = "live.status"  # feeds' health and the queues of live monitoring
    REPORT_GENERATE = "report.generate"  # write a daily or period report into the archive
    CORRECT = "event.correct"  # correct an event's date, place, actors, attribution or tolls


class Scope(StrEnum):
    ALL = "all"  # any record
    OWN = "own"  # only records of the user's own guarantor (and shared hotline threads)


_ALL_ACTIONS = {action: Scope.ALL for action in Action}
_ANALYST = {
    a: Scope.ALL
    for a in (
        Action.CENTRE_READ,
        Action.PARTY_RECORD,
        Action.ACCESSION_RECORD,
        Action.ACCESSION_CHANGE,
        Action.MEETING_RECORD,
        Action.PROTECTION_RECORD,
        Action.PROTECTION_CHANGE,
        Action.HOTLINE_READ,
        Action.DELIVERY_RECORD,
        Action.DELIVERY_CHANGE,
        Action.GRADE_CHANGE,
        Action.REVIEW_CHANGE,
        Action.AUDIT_VERIFY,
        Action.REPORT_SUBMIT,
        Action.LIVE_STATUS,
        Action.REPORT_GENERATE,
        Action.CORRECT,
    )
}
# A liaison works the hotline for its guarantor and logs acceptances received through it.
_LIAISON = {
    Action.CENTRE_READ: Scope.ALL,
    Action.ACCESSION_RECORD: Scope.OWN,
    Action.HOTLINE_READ: Scope.OWN,
    Action.HOTLINE_SEND: Scope.OWN,
    Action.HOTLINE_ACK: Scope.OWN,
    Action.HOTLINE_ESCALATE: Scope.OWN,
    Action.POSITION_RESPOND: Scope.OWN,
    Action.REPORT_SUBMIT: Scope.ALL,
}

MATRIX: dict[Role, dict[Action, Scope]] = {
    Role.ADMIN: _ALL_ACTIONS,
    Role.ANALYST: _ANALYST,
    Role.LIAISON: _LIAISON,
    Role.VIEWER: {Action.CENTRE_READ: Scope.ALL},
    Role.REPORTER: {Action.REPORT_SUBMIT: Scope.ALL},  # submits only: sees nothing stored
}


def allowed(
    user: User, action: Action, guarantors: Collection[str] | None = None, shared: bool = False
) -> bool:
    """True when ``user`` may do ``action``; ``guarantors`` are those the record belongs to."""
    try:
        require(user, action, guarantors, shared)
    except PermissionDenied:
        return False
    return True


def require(
    user: User, action: Action, guarantors: Collection[str] | None = None, shared: bool = False
) -> Scope:
    """Raise ``PermissionDenied`` unless ``user`` may do ``action`` on a record of ``guarantors``.

    Without ``guarantors`` an OWN-scoped permission is granted, and the caller must then narrow
    what it shows or writes to the user's guarantor (e.g. the hotline threads it lists).
    """
    if not user.active:
        raise PermissionDenied(f"user {user.name} is disabled")
    scope = MATRIX[user.role].get(action)
    if scope is None:
        raise PermissionDenied(f"{user.name} ({user.role}) may not {action}")
    outside = user.guarantor is None or user.guarantor not in (guarantors or ())
    if scope is Scope.OWN and guarantors is not None and not shared and outside:
        whose = ", ".join(sorted(guarantors)) or "no guarantor"
        raise PermissionDenied(
            f"{user.name} ({user.role} for {user.guarantor}) may {action} only on "
            f"{user.guarantor}'s records, not on one of {whose}"
        )
    return scope
