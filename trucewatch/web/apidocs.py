"""The API's documentation page at ``/docs``: Swagger UI served from the package, offline.

FastAPI's own page loads Swagger UI from a CDN, which a monitoring centre without internet (and
our Content-Security-Policy) cannot reach; this one reads the vendored copy
(``static/vendor/swagger-ui``, refreshed by ``scripts/vendor_assets.py``) and the app's own
``/openapi.json``. It is a page like the others: a signed-in user sees it.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from trucewatch.web.pages import Viewer, render

router = APIRouter(include_in_schema=False)


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request, user: Viewer) -> Response:
    """Swagger UI over ``/openapi.json``, every asset from this server."""
    return render(request, "apidocs.html", user)
