"""One bounded HTTP GET: conditional, with a timeout on the whole answer and a cap on its size.

A feed that hangs, trickles, or serves 50 MB costs one poll at most ``timeout`` seconds and
``max_bytes`` of memory, then is reported as an error for the feed's health, never raised past it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import httpx

TIMEOUT = 20.0  # seconds for the whole answer, headers and body
MAX_BYTES = 5_000_000  # a feed or an article page; far above any real one
USER_AGENT = "trucewatch-watch/1 (+ceasefire monitoring)"


class FetchError(Exception):
    """A GET that did not give a usable answer: the message says why, for the feed's health."""


@dataclass(frozen=True, slots=True)
class Fetched:
    """What a GET gave: the body (None on 304 Not Modified) and the validators to send next."""

    status: int
    body: bytes | None
    etag: str | None
    last_modified: str | None
    content_type: str


def fetch(
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    timeout: float = TIMEOUT,
    max_bytes: int = MAX_BYTES,
) -> Fetched:
    """GET ``url``; raise ``FetchError`` on an error status, a timeout or a body over the cap."""
    headers = {"User-Agent": USER_AGENT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    deadline = time.monotonic() + timeout
    try:
        with (
            httpx.Client(timeout=timeout, follow_redirects=True, max_redirects=5) as client,
            client.stream("GET", url, headers=headers) as response,
        ):
            if response.status_code == 304:
                return Fetched(304, None, etag, last_modified, "")
            if response.status_code >= 400:
                raise FetchError(f"HTTP {response.status_code} from {url}")
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(f"{url} announces {int(declared):,} bytes, over {max_bytes:,}")
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(f"{url} sent more than {max_bytes:,} bytes")
                if time.monotonic() > deadline:  # a trickle that never times out a read
                    raise FetchError(f"{url} took more than {timeout:g} s")
                chunks.append(chunk)
            return Fetched(
                response.status_code,
                b"".join(chunks),
                response.headers.get("etag"),
                response.headers.get("last-modified"),
                response.headers.get("content-type", ""),
            )
    except httpx.TimeoutException as exc:
        raise FetchError(f"{url} timed out after {timeout:g} s") from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"{url}: {exc.__class__.__name__}: {exc}") from exc
