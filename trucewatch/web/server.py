"""How ``trucewatch serve`` runs uvicorn: connection limits, and time limits on reading requests.

uvicorn closes an idle kept-alive connection (``timeout_keep_alive``) but waits forever for the
rest of a request's headers or body: 2,000 connections that each sent half a header stayed open,
and with ``limit_concurrency`` set they would fill it and turn every real user away. The protocol
below closes a connection whose headers are not complete ``header_timeout`` seconds after it
opened (or after its previous response), and one whose body is not complete ``body_timeout``
seconds after its headers. A response may take as long as it likes: a server-sent event stream
is a GET whose request is complete at once, so no timer runs while it streams.
"""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

HEADER_TIMEOUT_ENV = "TRUCEWATCH_HEADER_TIMEOUT"
BODY_TIMEOUT_ENV = "TRUCEWATCH_BODY_TIMEOUT"
PROTOCOL = "trucewatch.web.server:TimedHttpProtocol"  # by name: worker processes import it


@dataclass(frozen=True, slots=True)
class Limits:
    """What one server process accepts; ``serve``'s options, documented in docs/web.md."""

    limit_concurrency: int = 1000  # connections + running requests; past it, 503
    timeout_keep_alive: int = 5  # seconds an idle kept-alive connection stays open
    header_timeout: float = 10.0  # seconds to send a request's headers
    body_timeout: float = 30.0  # seconds to send its body once the headers are in

    def export(self) -> None:
        """Hand the read timeouts to the protocol (in this process and the workers it spawns)."""
        os.environ[HEADER_TIMEOUT_ENV] = str(self.header_timeout)
        os.environ[BODY_TIMEOUT_ENV] = str(self.body_timeout)

    def uvicorn_options(self) -> dict:
        """The matching ``uvicorn.Config`` keyword arguments."""
        return {
            "http": PROTOCOL,
            "limit_concurrency": self.limit_concurrency,
            "timeout_keep_alive": self.timeout_keep_alive,
        }


def _seconds(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name) or default)
    except ValueError:
        return default


class TimedHttpProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with time limits on reading a request (see module doc)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._header_timeout = _seconds(HEADER_TIMEOUT_ENV, Limits.header_timeout)
        self._body_timeout = _seconds(BODY_TIMEOUT_ENV, Limits.body_timeout)
        self._read_timer: asyncio.TimerHandle | None = None

    def _arm(self, seconds: float) -> None:
        self._disarm()
        self._read_timer = self.loop.call_later(seconds, self._too_slow)

    def _disarm(self) -> None:
        if self._read_timer is not None:
            self._read_timer.cancel()
            self._read_timer = None

    def _too_slow(self) -> None:
        self._read_timer = None
        if not self.transport.is_closing():
            self.transport.close()  # the app, if it was reading the body, sees a disconnect

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm(self._header_timeout)

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._arm(self._header_timeout)  # the next request on a kept-alive connection

    def on_headers_complete(self) -> None:
        self._arm(self._body_timeout)
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        self._disarm()
        super().on_message_complete()
