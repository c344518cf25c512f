"""Hostile inputs for the web security tests: markup, SQL and paths we wrote ourselves.

Each XSS payload, if it ever ran, would set ``window.__pwned`` (the browser test's canary) or
open a dialog; the server-side tests check the HTML they end up in holds no live tag or handler.
"""

from __future__ import annotations

# Stored and reflected cross-site scripting: tags, handlers, URLs, attribute and element
# breakouts, and template syntax (which must show as typed, never be evaluated).
XSS: tuple[str, ...] = (
    "<script>window.__pwned=1;alert(1)</script>",
    '<img src=x onerror="window.__pwned=2;alert(2)">',
    "<svg onload=window.__pwned=3;alert(3)>",
    '"><script>window.__pwned=4;alert(4)</script>',
    "'><img src=x onerror=window.__pwned=5;alert(5)>",
    "javascript:window.__pwned=6;alert(6)",
    '" onmouseover="window.__pwned=7" autofocus onfocus="window.__pwned=7" x="',
    "</title></textarea></style><script>window.__pwned=8</script>",
    '<a href="javascript:window.__pwned=9">open</a>',
    '<iframe srcdoc="<script>parent.__pwned=10</script>"></iframe>',
    "<details open ontoggle=window.__pwned=11;alert(11)>x</details>",
    "{{7*7}} {% print(7*7) %} ${7*7} #{7*7}",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned=13>",
    "\u2028</script><script>window.__pwned=14</script>",
)

# What template injection would have produced had it been evaluated.
TEMPLATE_EVALUATED = "49"

# SQL injection through query and path parameters: tautologies, stacked statements, unions,
# comments, time delays, wildcards and a NUL (which PostgreSQL refuses in text).
SQL: tuple[str, ...] = (
    "' OR '1'='1",
    "' OR 1=1 --",
    '" OR ""="',
    "x'); DROP TABLE incidents; --",
    "'; DELETE FROM reports; --",
    "1; UPDATE users SET role='admin' --",
    "' UNION SELECT name, password_hash FROM users --",
    "1' AND (SELECT COUNT(*) FROM users) > 0 --",
    "' || (SELECT version()) || '",
    "')) OR (('a'='a",
    "1 OR 1=1",
    "-1 OR 1=1",
    "1; SELECT pg_sleep(3) --",
    "' AND randomblob(300000000) --",
    "admin'--",
    "\\'; DROP TABLE reports; --",
    "%' OR '%'='",
    "%",
    "_",
    "*",
    "\x00' OR '1'='1",
    "2016-03-07' OR '1'='1",
    "99999999999999999999999",
    '["$gt", ""]',
)

# Path traversal against the static files (raw request targets, sent as typed).
TRAVERSAL: tuple[str, ...] = (
    "/static/../app.py",
    "/static/../../trucewatch/web/app.py",
    "/static/%2e%2e/app.py",
    "/static/%2e%2e%2fapp.py",
    "/static/..%2fapp.py",
    "/static/..%2f..%2fpyproject.toml",
    "/static/%252e%252e/app.py",
    "/static/..\\app.py",
    "/static/..%5capp.py",
    "/static/vendor/../../security.py",
    "/static//etc/passwd",
    "/static/%2fetc%2fpasswd",
    "/static/....//app.py",
    "/static/%c0%ae%c0%ae/app.py",
    "/static/app.css%00.py",
)
# Strings that would show a file outside static/ had come back.
LEAKED = ("def create_app", "SecurityHeaders", "root:x:0:0", "[project]", "BodyLimit")
