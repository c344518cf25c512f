"""The registers in Debian's Chromium (Playwright): an analyst registers a party, logs its
accession request and moves it to accepted; a liaison replies on a hotline thread. Every request
stays on the app's origin and the CSP lets every page run without errors.

Without /usr/bin/chromium these skip on a developer's machine but fail under CI.
"""

from __future__ import annotations

import re

from tests.test_web_browser import assert_same_origin, log_in, page, server

__all__ = ["page", "server"]  # the fixtures, shared with the other browser tests


def test_an_analyst_registers_an_accession_and_accepts_it(server, page) -> None:
    base, _ = server
    log_in(page, base, "analyst")
    page.goto(base + "/centre/parties")
    form = page.locator("#add-party")
    form.locator("input[name=name]").fill("Council of Browser Town")
    form.locator("select[name=kind]").select_option("local_council")
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/centre/parties#party-\d+$"))
    assert page.locator("section.entry h2", has_text="Council of Browser Town").count() == 1

    page.goto(base + "/centre/accessions")
    form = page.locator("#receive-accession")
    form.locator("select[name=agreement]").select_option("coh-2016-02")
    form.locator("input[name=party]").fill("Council of Browser Town")
    form.locator("select[name=channel]").select_option("meeting")
    form.locator("input[name=sender]").fill("The head of the council")
    form.locator("input[name=through]").fill("Russia")
    form.locator("input[name=received_at]").fill("2016-03-01T10:30")
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/centre/accessions#accession-\d+$"))
    anchor = page.url.rsplit("#", 1)[1]
    entry = page.locator(f"#{anchor}")
    assert entry.locator("p > span.state").inner_text() == "received"
    assert "08:30 UTC" in entry.inner_text()  # 10:30 in Damascus

    entry.locator("form.move select[name=to]").select_option("accepted")
    entry.locator("form.move input[name=reason]").fill("Signed at the meeting")
    entry.locator("form.move button[type=submit]").click()
    page.wait_for_url(f"{base}/centre/accessions#{anchor}")
    entry = page.locator(f"#{anchor}")
    assert entry.locator("p > span.state").inner_text() == "accepted"
    entry.locator("details.history summary").click()
    assert "Signed at the meeting" in entry.locator("ol.history").inner_text()
    assert not page.console_errors, page.console_errors
    assert_same_origin(page, base)


def test_a_liaison_replies_on_a_hotline_thread(server, page) -> None:
    base, _ = server
    log_in(page, base, "ru")
    threads = page.request.get(base + "/api/v1/hotline/threads").json()
    bakery = next(t["id"] for t in threads if t["subject"] == "Strike on a bakery")
    page.goto(f"{base}/hotline/{bakery}/reply")
    assert "From Russia to United States" in page.locator("#reply").inner_text()
    page.fill("#reply textarea[name=body]", "Our side is checking the strike on the bakery.")
    page.click("#reply button[type=submit]")
    page.wait_for_url(re.compile(r"/hotline#message-\d+$"))
    sent = page.locator(f"#{page.url.rsplit('#', 1)[1]}")
    assert "Our side is checking the strike on the bakery." in sent.inner_text()
    assert "Russia" in sent.inner_text() and "United States" in sent.inner_text()
    assert not page.console_errors, page.console_errors
    assert_same_origin(page, base)
