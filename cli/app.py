"""The `govsearch` command. Each command: options → one library call → a renderer."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="govsearch",
    help="Search Chinese government information-disclosure annual reports (政府信息公开工作年度报告).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """Search Chinese government information-disclosure annual reports (政府信息公开工作年度报告)."""


# Command modules register themselves on `app` when imported.
from . import index_cmds, parse_cmd, results_cmds, serve_cmd, similar_cmds


def main() -> None:
    app()
