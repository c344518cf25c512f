"""What the centre's services refuse, each with a message a user can act on."""

from __future__ import annotations

from collections.abc import Iterable


class CentreError(Exception):
    """Base of the centre's refusals."""


class PermissionDenied(CentreError):
    """The acting user's role does not allow the action (or not on this record)."""


class NotFound(CentreError):
    """No record with that id in the register."""


class IllegalTransition(CentreError):
    """A status change the register's status machine does not allow."""

    def __init__(
        self, register: str, record_id: str, from_state: str, to_state: str, allowed: Iterable[str]
    ) -> None:
        self.register, self.record_id = register, record_id
        self.from_state, self.to_state = from_state, to_state
        self.allowed = tuple(sorted(allowed))
        options = ", ".join(self.allowed) if self.allowed else "nothing (it is final)"
        super().__init__(
            f"{register} {record_id}: cannot go from {from_state} to {to_state}; "
            f"from {from_state} it may go to {options}"
        )


class StaleRecord(CentreError):
    """Someone else changed what this edit was based on since the user last saw the record."""

    def __init__(
        self, register: str, record_id: str, seen: int | None, current: int, detail: str
    ) -> None:
        self.register, self.record_id, self.seen, self.current = register, record_id, seen, current
        base = f"seen as version {seen}, now version {current}" if seen else f"version {current}"
        super().__init__(f"{register} {record_id} changed meanwhile ({base}): {detail}")
