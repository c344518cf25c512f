"""The HTML situation report links only to web addresses and forbids scripts (issue 18, item 3)."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import update

from tests.test_report_fixtures import DAY, build_day
from trucewatch.report.daily import collect
from trucewatch.report.period import Period
from trucewatch.report.render import render_html, web_link
from trucewatch.store.schema import reports

HOSTILE_URLS = [
    "javascript:alert(document.cookie)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "\x01javascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "https://example.org/\nx",
    "//attacker.example/",
]


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_only_http_and_https_addresses_are_links(url):
    assert web_link(url) is None


@pytest.mark.parametrize("url", ["https://example.org/a?b=1&c=2", "HTTP://example.org/"])
def test_web_addresses_stay_links(url):
    assert web_link(url) == url


def _html(store) -> str:
    with store.engine.connect() as conn:
        return render_html(collect(conn, Period.day(DAY)))


@pytest.mark.parametrize("url", HOSTILE_URLS[:4])
def test_a_report_with_a_script_url_is_named_without_a_link(store, url):
    ids = build_day(store)
    with store.transaction() as conn:
        conn.execute(update(reports).where(reports.c.id == ids["Outlet A"]).values(url=url))
    html = _html(store)
    # Links out of the report (its own #anchors aside) are only the sources' http(s) pages.
    hrefs = [h for h in re.findall(r'href="([^"]*)"', html) if not h.startswith("#")]
    assert hrefs and all(h.startswith("https://") for h in hrefs), hrefs
    assert "script:" not in html.lower()
    assert "Outlet A" in html  # the source is still named


def test_the_report_carries_a_content_security_policy(store):
    build_day(store)
    html = _html(store)
    meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
    assert meta, "no CSP meta tag"
    policy = {part.split()[0]: part.split()[1:] for part in meta[1].split("; ")}
    assert policy["default-src"] == ["'none'"]  # so no script-src: nothing runs
    assert "script-src" not in policy
    assert policy["img-src"] == ["data:"]  # charts and the map are inline; nothing is fetched
    assert html.index("Content-Security-Policy") < html.index("<style>")
