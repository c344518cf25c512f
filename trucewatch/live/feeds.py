"""Polling one source: an RSS/Atom feed or a drop folder, into reports, each item once.

Every poll ends in ``record_poll``: a feed that fails (error status, timeout, too big, not a
feed) is marked unhealthy with the reason and retried after an exponential back-off; the others
are polled as usual. Items are stored and marked seen in one transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from trucewatch.ingest.records import Rejected, ReportDraft, finish
from trucewatch.live.fetch import MAX_BYTES, TIMEOUT, FetchError, fetch
from trucewatch.model.report import Report
from trucewatch.store import Store
from trucewatch.store.live import DEFAULT_EVERY, Feed, record_poll, save_items, seen_keys

Items = list[tuple[str, list[Report | Rejected]]]  # (item key, what it was read as)
POLL_THREADS = 4  # feeds fetched at once: one that hangs holds one thread, not the cycle
FULL_TEXT_BELOW = 600  # characters: a shorter item body is taken for a summary


@dataclass
class PollResult:
    """How one poll of one feed went."""

    feed: str
    new_reports: list[str] = field(default_factory=list)
    items: int = 0  # items the source offered
    new_items: int = 0
    quarantined: int = 0
    not_modified: bool = False
    error: str | None = None
    seconds: float = 0.0


@dataclass(frozen=True, slots=True)
class Limits:
    """The bounds on every GET a poll makes (the feed and the articles it links)."""

    timeout: float = TIMEOUT
    max_bytes: int = MAX_BYTES
    full_text: bool = True


def item_key(*parts: str | None) -> str:
    """The identity of an item within its feed (guid, else link, else title and date)."""
    return hashlib.sha256("\x1f".join(p or "" for p in parts).encode()).hexdigest()


_BLOCK = re.compile(r"<\s*(br|/p|/div|/li|/h\d)\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def html_text(fragment: str) -> str:
    """The text of an HTML fragment from a feed (feedparser has already sanitised it)."""
    text = html.unescape(_TAG.sub("", _BLOCK.sub("\n", fragment)))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _published(entry: dict) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return entry.get("published") or entry.get("updated")
    return dt.datetime(*parsed[:6], tzinfo=dt.UTC).isoformat()


def _full_text(link: str, limits: Limits) -> tuple[str | None, str]:
    """The article's text from its page, and a note of how that went."""
    from trucewatch.ingest.html import read_html

    try:
        page = fetch(link, timeout=limits.timeout, max_bytes=limits.max_bytes)
    except FetchError as exc:
        return None, f"full text not fetched: {exc}"
    for got in read_html(page.body or b"", link):
        if isinstance(got, ReportDraft):
            return got.text, "full text from the linked page"
        return None, f"full text not found: {got.reason}"
    return None, "full text not found"


def entry_report(entry: dict, feed: Feed, limits: Limits) -> Report | Rejected:
    """One feed entry as a report: its link, title, text (full when only a summary) and time."""
    title = html_text(entry.get("title", "")) or None
    link = entry.get("link")
    content = entry.get("content") or []
    body = html_text(" ".join(c.get("value", "") for c in content)) if content else ""
    summary = html_text(entry.get("summary", ""))
    text, note = body or summary, "text from the feed"
    if not body and link and limits.full_text and len(summary) < FULL_TEXT_BELOW:
        full, note = _full_text(link, limits)
        if full and len(full) > len(summary):
            text = full
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}".strip()
    if not text:
        raw = repr(dict(entry)).encode()[:10_000]
        return Rejected(link or feed.url, "item", "feed item without title or text", raw)
    draft = ReportDraft(
        text=text,
        source=feed.name,
        title=title,
        url=link,
        published=_published(entry),
        origin=feed.url,
        external_id=entry.get("id") or link,
        annotations={"feed": feed.name, "full_text": note},
    )
    return finish(draft)


def parse_feed(body: bytes, url: str) -> list[dict]:
    """The entries of an RSS or Atom document; ``FetchError`` when it is not a readable feed."""
    import feedparser

    parsed = feedparser.parse(body, sanitize_html=True, resolve_relative_uris=True)
    if parsed.get("bozo"):
        exc = parsed.get("bozo_exception")
        # A wrong declared encoding is repaired by feedparser; anything else is a broken feed.
        if exc is not None and exc.__class__.__name__ not in (
            "CharacterEncodingOverride",
            "NonXMLContentType",
        ):
            raise FetchError(f"{url} is not a well-formed feed: {exc}")
    if not parsed.get("version") and not parsed.entries:
        raise FetchError(f"{url} is not an RSS or Atom feed")
    return list(parsed.entries)


def _rss_items(
    feed: Feed, store: Store, limits: Limits, result: PollResult
) -> tuple[Items, str | None, str | None]:
    """The feed's unseen entries as reports, and the validators for the next conditional GET."""
    got = fetch(
        feed.url,
        etag=feed.etag,
        last_modified=feed.last_modified,
        timeout=limits.timeout,
        max_bytes=limits.max_bytes,
    )
    if got.status == 304 or got.body is None:
        result.not_modified = True
        return [], got.etag, got.last_modified
    entries = parse_feed(got.body, feed.url)
    result.items = len(entries)
    keyed: dict[str, dict] = {}
    for entry in entries:
        key = item_key(
            entry.get("id"), entry.get("link"), None if entry.get("id") else entry.get("title")
        )
        keyed.setdefault(key, entry)
    with store.engine.connect() as conn:
        seen = seen_keys(conn, feed.id, keyed)
    items: Items = [(k, [entry_report(e, feed, limits)]) for k, e in keyed.items() if k not in seen]
    return items, got.etag, got.last_modified


def _folder_items(feed: Feed, store: Store, result: PollResult) -> Items:
    """Files in the folder not read before (by name and content), each read with ingest's
    readers."""
    from trucewatch.ingest import read_inputs
    from trucewatch.ingest.readers import iter_files

    folder = Path(feed.url)
    if not folder.is_dir():
        raise FetchError(f"folder {folder} does not exist (any more)")
    files: dict[str, Path] = {}
    for path in iter_files([folder]):
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            continue  # removed or unreadable between listing and reading: next poll
        files.setdefault(item_key(str(path.relative_to(folder)), digest), path)
    result.items = len(files)
    with store.engine.connect() as conn:
        seen = seen_keys(conn, feed.id, files)
    return [(k, list(read_inputs([p]))) for k, p in sorted(files.items()) if k not in seen]


def poll_feed(
    store: Store, feed: Feed, limits: Limits | None = None, every: int = DEFAULT_EVERY
) -> PollResult:
    """Poll one feed: store what is new, record its health. Never raises for the feed's faults."""
    limits = limits or Limits()
    result = PollResult(feed.name)
    started = time.monotonic()
    etag = last_modified = None
    items: Items = []
    try:
        if feed.kind == "folder":
            items = _folder_items(feed, store, result)
        else:
            items, etag, last_modified = _rss_items(feed, store, limits, result)
    except FetchError as exc:
        result.error = str(exc)
    except (ImportError, MemoryError):
        raise  # our fault, not the feed's: the cycle fails and says so
    except Exception as exc:  # a parser crash on hostile input is the feed's fault, not ours
        result.error = f"{exc.__class__.__name__}: {exc}"
    now = dt.datetime.now(dt.UTC)
    with store.transaction() as conn:
        if items:
            result.new_reports = save_items(conn, feed.id, items, now)
        result.new_items = len(items)
        result.quarantined = sum(isinstance(r, Rejected) for _, got in items for r in got)
        record_poll(
            conn,
            feed,
            now,
            error=result.error,
            etag=etag,
            last_modified=last_modified,
            new_items=len(items),
            every=every,
        )
    result.seconds = time.monotonic() - started
    return result


def poll_all(
    store: Store, feeds: Iterable[Feed], limits: Limits | None = None, every: int = DEFAULT_EVERY
) -> list[PollResult]:
    """Poll ``feeds`` a few at a time; one that hangs or fails does not hold up the others."""
    feeds = list(feeds)
    if not feeds:
        return []
    with ThreadPoolExecutor(max_workers=min(POLL_THREADS, len(feeds))) as pool:
        return list(pool.map(lambda f: poll_feed(store, f, limits, every), feeds))
