"""Servers the live-monitoring tests start on 127.0.0.1: feeds, a webhook receiver, SMTP.

Nothing here reaches beyond the machine: each server binds 127.0.0.1 on a free port.
"""

from __future__ import annotations

import email
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from trucewatch.live.deliver import verify


@dataclass
class Route:
    """What the feed server answers on one path."""

    body: bytes = b""
    status: int = 200
    content_type: str = "application/rss+xml"
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0  # seconds before answering (a hanging feed)
    endless: bool = False  # keep sending bytes until the client gives up (a huge feed)


class FeedServer:
    """An http.server answering each path as its ``Route`` says; counts requests and 304s."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.not_modified = 0
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args: object) -> None:
                pass

            def do_GET(self) -> None:
                server.requests.append((self.path, dict(self.headers)))
                route = server.routes.get(self.path)
                if route is None:
                    self.send_error(404)
                    return
                if route.delay:
                    time.sleep(route.delay)
                unchanged = (route.etag and self.headers.get("If-None-Match") == route.etag) or (
                    route.last_modified
                    and self.headers.get("If-Modified-Since") == route.last_modified
                )
                if unchanged:
                    server.not_modified += 1
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                if route.etag:
                    self.send_header("ETag", route.etag)
                if route.last_modified:
                    self.send_header("Last-Modified", route.last_modified)
                if route.endless:
                    self.end_headers()
                    chunk = b"<rss>" + b"x" * 65536
                    try:
                        for _ in range(800):  # 50 MB at most
                            self.wfile.write(chunk)
                    except OSError:
                        pass  # the client stopped reading: what a size cap does
                    return
                self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                self.wfile.write(route.body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self) -> FeedServer:
        self.thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@dataclass
class Received:
    """One POST the webhook receiver got."""

    headers: dict[str, str]
    body: bytes


@dataclass
class WebhookReceiver:
    """Records every POST; answers ``status`` (set it to 500 to make deliveries fail)."""

    status: int = 204
    received: list[Received] = field(default_factory=list)

    def __post_init__(self) -> None:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args: object) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length)
                receiver.received.append(
                    Received({k.lower(): v for k, v in self.headers.items()}, body)
                )
                self.send_response(receiver.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/hook"

    def __enter__(self) -> WebhookReceiver:
        self.thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def verified(self, secret: str) -> list[Received]:
        """Every delivery, after checking its signature (an assertion error names a bad one)."""
        for got in self.received:
            ts, sig = got.headers["x-trucewatch-timestamp"], got.headers["x-trucewatch-signature"]
            assert verify(secret, ts, got.body, sig), f"bad signature on {got.headers}"
        return self.received


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SmtpServer:
    """aiosmtpd on 127.0.0.1, keeping every message it accepts."""

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        self.messages: list[Message] = []
        server = self

        class Handler:
            async def handle_DATA(self, _server, _session, envelope) -> str:
                server.messages.append(email.message_from_bytes(envelope.content))
                return "250 OK"

        self.port = free_port()
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> SmtpServer:
        self.controller.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.controller.stop()

    def verified(self, secret: str) -> list[tuple[Message, bytes]]:
        """Every message with its JSON attachment, after checking the signature over it."""
        out = []
        for message in self.messages:
            (attachment,) = [p for p in message.walk() if p.get_filename() == "alert.json"]
            body = attachment.get_payload(decode=True)
            ts, sig = message["X-Trucewatch-Timestamp"], message["X-Trucewatch-Signature"]
            assert verify(secret, ts, body, sig), f"bad signature on {dict(message.items())}"
            out.append((message, body))
        return out


def rss(items: list[dict[str, str]], title: str = "Test wire") -> bytes:
    """An RSS 2.0 document with the given items (keys: title, link, guid, description, pubDate)."""
    from xml.sax.saxutils import escape

    parts = [
        f"<rss version='2.0'><channel><title>{escape(title)}</title><link>http://127.0.0.1/</link>"
    ]
    for item in items:
        parts.append(
            "<item>" + "".join(f"<{k}>{escape(v)}</{k}>" for k, v in item.items()) + "</item>"
        )
    parts.append("</channel></rss>")
    return "".join(parts).encode()


def wait_for(condition: Callable[[], bool], timeout: float = 30.0) -> bool:
    """Poll ``condition`` until true or ``timeout`` seconds pass."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.1)
    return condition()
