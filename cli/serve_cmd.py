"""`govsearch serve`: the web API and pages (govsearch.web) over one index, with uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer

from ..search import SearchError
from .app import app
from .output import IndexDir, error, fail


@app.command()
def serve(
    index: IndexDir = None,
    host: Annotated[
        str, typer.Option(help="Address to bind (loopback unless told).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    time_limit: Annotated[
        float, typer.Option(help="Seconds a request may take before a 503.")
    ] = 10.0,
    workers: Annotated[
        int, typer.Option(min=1, help="Server processes, each with its own copy of the index.")
    ] = 1,
) -> None:
    """Serve a search page and a JSON API (/api/…, documented at /docs) over the index."""
    import os

    import uvicorn

    from ..web import create_app

    try:
        web_app = create_app(index, time_limit=time_limit)  # also checks the index opens
    except SearchError as e:
        raise fail(str(e)) from None
    path = web_app.state.service.index.path
    error(f"govsearch: serving {path} on http://{host}:{port}/ ({workers} worker(s))")
    if workers == 1:
        uvicorn.run(web_app, host=host, port=port, log_level="warning")
        return
    web_app.state.service.close()
    os.environ.update(GOVSEARCH_INDEX=str(path), GOVSEARCH_TIME_LIMIT=str(time_limit))
    uvicorn.run(
        "govsearch.web.app:app_from_env", factory=True, host=host, port=port, workers=workers,
        log_level="warning",
    )  # fmt: skip
