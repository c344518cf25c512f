"""The web application and JSON API (issue 7): FastAPI + Jinja2 over the store.

``create_app(db_url, agreements_dir)`` builds the app; ``serve(db_url, host, port)`` runs it.
Pages sit behind a session login, the API under ``/api/v1`` takes ``Authorization: Bearer``
tokens; every asset is served by the app itself, so a page makes no request off its origin.
"""

from trucewatch.web.app import create_app, serve

__all__ = ["create_app", "serve"]
