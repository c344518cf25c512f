"""The offline API documentation page: Swagger UI from the package, over the app's own spec."""

from __future__ import annotations

from tests.test_web_browser import assert_same_origin, log_in, page, server  # noqa: F401


def test_api_docs_render_every_endpoint_without_leaving_the_origin(server, page) -> None:  # noqa: F811
    base, _ = server
    log_in(page, base, "analyst")
    page.goto(base + "/docs")
    # Swagger UI draws one block per operation once it has read /openapi.json.
    page.wait_for_selector(".opblock", state="attached")
    listed = page.locator(".opblock-summary-path").all_inner_texts()
    assert any(p.startswith("/api/v1/incidents") for p in listed), listed
    assert not page.console_errors, page.console_errors  # the CSP let Swagger UI run
    assert_same_origin(page, base)


def test_api_docs_need_a_login(server, page) -> None:  # noqa: F811
    base, _ = server
    page.goto(base + "/docs")
    assert "/login" in page.url
