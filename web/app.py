"""The FastAPI app: routers, the shared `Service`, and errors as one-line messages.

Every error is `{"detail": "one line"}`: a `BadQuery` (the message the CLI prints) or a
parameter FastAPI refused is 422, an unknown report 404, a call past the time limit 503.
Under `/api` errors are JSON; a page gets the same line in an HTML page with the same status.
"""

from __future__ import annotations

import json
import os
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from starlette.exceptions import HTTPException

from govsearch.cli.output import to_jsonable
from govsearch.search import BadQuery, Index, ReportNotFound

from .service import DEFAULT_TIME_LIMIT, Service, TooSlow

STATIC = Path(__file__).parent / "static"


class CliJSON(JSONResponse):
    """JSON as `govsearch … --json` prints it (indent 2, UTF-8 as is, a final newline), so a
    body of `/api/search` is byte for byte what `govsearch query --json` prints."""

    media_type = "application/json"

    def render(self, content: object) -> bytes:
        text = json.dumps(to_jsonable(content), ensure_ascii=False, indent=2) + "\n"
        return text.encode("utf-8")


def one_line(exc: RequestValidationError) -> str:
    """FastAPI's first validation error as `name: message` (`limit: Input should be …`)."""
    first = exc.errors()[0]
    name = ".".join(str(p) for p in first["loc"] if p not in ("query", "path"))
    return f"{name}: {first['msg']}"


def create_app(index: Index | str | Path | None = None, *, time_limit: float = DEFAULT_TIME_LIMIT):
    """The app over `index` (an open `Index`, or a directory: --index, $GOVSEARCH_INDEX, the
    user data dir). An `Index` passed in is left open when the app stops; one opened here is
    closed."""
    from . import api, pages

    owned = not isinstance(index, Index)
    service = Service.open(index, time_limit) if owned else Service(index, time_limit)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        service.submit(pages.warm)  # fill the caches while nobody waits
        yield
        if owned:
            service.close()

    # FastAPIOffline: /docs and /redoc with their scripts shipped in a package, not from a CDN.
    app = FastAPIOffline(
        title="govsearch",
        summary="Search Chinese government information-disclosure annual reports.",
        default_response_class=CliJSON,
        lifespan=lifespan,
    )
    app.state.service = service

    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    def reply(request: Request, status: int, message: str):
        if request.url.path.startswith(("/api", "/static")):
            return CliJSON({"detail": message}, status_code=status)
        html = pages.error_page(request, status, message)
        return HTMLResponse(html, status_code=status)

    @app.exception_handler(BadQuery)
    async def bad_query(request: Request, exc: BadQuery):
        return reply(request, 422, str(exc))

    @app.exception_handler(RequestValidationError)
    async def bad_parameter(request: Request, exc: RequestValidationError):
        return reply(request, 422, one_line(exc))

    @app.exception_handler(ReportNotFound)
    async def not_found(request: Request, exc: ReportNotFound):
        return reply(request, 404, str(exc))

    @app.exception_handler(TooSlow)
    async def too_slow(request: Request, exc: TooSlow):
        return reply(request, 503, str(exc))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        return reply(request, exc.status_code, str(exc.detail))

    return app


def app_from_env() -> FastAPI:
    """The app uvicorn's worker processes build (`govsearch serve --workers N`): the index of
    $GOVSEARCH_INDEX, the time limit of $GOVSEARCH_TIME_LIMIT."""
    limit = float(os.environ.get("GOVSEARCH_TIME_LIMIT", DEFAULT_TIME_LIMIT))
    return create_app(None, time_limit=limit)
