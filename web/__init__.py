"""`govsearch serve`: a JSON API and server-rendered pages over one read-only index.

    from govsearch.web import create_app

    app = create_app("path/to/index")          # a FastAPI app; uvicorn.run(app) serves it

Takes an index directory (or an open `govsearch.search.Index`), gives an ASGI app. The web
layer holds no search logic: every endpoint makes the same `govsearch.search` call the CLI
makes (`api.py` for JSON, `pages.py` for HTML); `service.py` shares one `Index` between
requests, one call at a time, under a time limit.
"""

from .app import create_app

__all__ = ["create_app"]
