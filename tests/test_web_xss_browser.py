"""Stored and reflected XSS in a real browser: every page of the hostile store, the map's popups
and tooltips included, opens no dialog, sets no canary and holds no live markup.

Each payload in ``tests/web_payloads.py`` would set ``window.__pwned`` or call ``alert`` if it
ran. Without /usr/bin/chromium this skips on a developer's machine but fails under CI.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.test_web_api import PASSWORD
from tests.test_web_browser import ARGS, CHROMIUM, _need_browser, serving
from tests.test_web_security import Hostile, build_hostile, hostile_pages
from tests.web_payloads import XSS

# Anything in the live DOM that could run script: handlers, javascript: URLs, srcdoc, foreign or
# inline scripts, and the elements the payloads try to smuggle in.
LIVE_DOM = """
(root) => {
  const bad = [];
  const scope = root ? document.querySelectorAll(root) : [document.documentElement];
  for (const top of scope) {
    for (const el of [top, ...top.querySelectorAll('*')]) {
      for (const a of el.attributes) {
        const url = /^(href|src|action|formaction|xlink:href)$/.test(a.name);
        if (a.name.startsWith('on') || a.name === 'srcdoc' ||
            (url && /^\\s*javascript:/i.test(a.value))) {
          bad.push(el.tagName + ' ' + a.name + '=' + a.value);
        }
      }
      if (['IFRAME', 'IMG', 'DETAILS', 'MATH', 'STYLE', 'OBJECT', 'EMBED'].includes(el.tagName)) {
        bad.push(el.tagName);
      }
    }
  }
  for (const s of document.scripts) {
    if (!s.src || new URL(s.src).origin !== location.origin) { bad.push('script ' + s.src); }
  }
  return bad;
}
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Hostile]]:
    """The app over the hostile store, on a real port."""
    _need_browser()
    from trucewatch.web import create_app

    hostile = build_hostile(tmp_path_factory.mktemp("xss"))
    app = create_app(hostile.url, hostile.agreements, secret_key="xss", secure_cookies=False)
    with serving(app) as base:
        yield base, hostile
    app.state.store.close()


@pytest.fixture
def browser_page(server) -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        tab = browser.new_context().new_page()
        tab.dialogs = []  # type: ignore[attr-defined]

        def dialog(d) -> None:
            tab.dialogs.append(d.message)
            d.dismiss()

        tab.on("dialog", dialog)
        yield tab
        browser.close()


def _log_in(tab, base: str) -> None:
    tab.goto(f"{base}/login")
    tab.fill("input[name=username]", "admin")
    tab.fill("input[name=password]", PASSWORD)
    tab.click("button[type=submit]")
    tab.wait_for_url(f"{base}/")


def _assert_inert(tab, where: str, root: str | None = None) -> None:
    assert tab.evaluate("window.__pwned") is None, where
    assert not tab.dialogs, (where, tab.dialogs)
    assert tab.evaluate(LIVE_DOM, root) == [], where


def test_no_payload_runs_on_any_page(server, browser_page) -> None:
    base, hostile = server
    tab = browser_page
    _log_in(tab, base)
    visited = 0
    for path in hostile_pages(hostile):
        tab.goto(base + path, wait_until="load")
        _assert_inert(tab, path)
        visited += 1
    assert visited >= 4 * len(XSS)
    tab.goto(f"{base}/login?next=/%22%3E%3Cscript%3Ewindow.__pwned%3D1%3C/script%3E")
    _assert_inert(tab, "login next")


def test_map_popups_and_tooltips_show_payloads_as_text(server, browser_page) -> None:
    base, _ = server
    tab = browser_page
    _log_in(tab, base)
    # A function, not an expression string: the CSP forbids the eval a string would need.
    count = "(n) => document.getElementById('map').dataset.count === String(n)"
    tab.wait_for_function(count, arg=len(XSS), timeout=15000)
    markers = tab.locator("path.event")
    assert markers.count() == len(XSS)
    shown = set()
    for i in range(markers.count()):
        markers.nth(i).dispatch_event("click")
        tab.wait_for_selector(".leaflet-popup-content a")
        _assert_inert(tab, f"popup {i}", ".leaflet-popup-content")
        shown.add(tab.text_content(".leaflet-popup-content a"))
        tab.click(".leaflet-popup-close-button")
        tab.wait_for_selector(".leaflet-popup", state="detached")
    # The popup's heading names the place: every payload appears there, as text.
    assert all(any(p.strip() in text for text in shown) for p in XSS), shown
    zones = tab.locator("path.leaflet-interactive:not(.event)")
    assert zones.count() >= len(XSS)
    tips = set()
    for i in range(zones.count()):
        zones.nth(i).dispatch_event("mouseover")
        tips.update(tab.locator(".leaflet-tooltip").all_text_contents())
        _assert_inert(tab, f"zone tooltip {i}", ".leaflet-tooltip")
        zones.nth(i).dispatch_event("mouseout")
    assert all(any(p.strip() in t for t in tips) for p in XSS), tips
    _assert_inert(tab, "dashboard after the map")
