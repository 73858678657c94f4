"""Shared output helpers for CLI commands: JSON, errors, the rich console."""

from __future__ import annotations

import json
import sys
from typing import Any

import typer
from pydantic import BaseModel
from rich.console import Console

console = Console()
err_console = Console(stderr=True, highlight=False, soft_wrap=True)


def to_jsonable(obj: Any) -> Any:
    if isinstance(obj, BaseModel):
        return obj.model_dump(mode="json")
    if isinstance(obj, list | tuple):
        return [to_jsonable(o) for o in obj]
    return obj


def print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(to_jsonable(obj), ensure_ascii=False, indent=2) + "\n")


def print_jsonl(objs: Any) -> None:
    for obj in objs:
        sys.stdout.write(json.dumps(to_jsonable(obj), ensure_ascii=False) + "\n")


def error(message: str) -> None:
    """One line on stderr, no markup interpretation (paths may contain brackets)."""
    err_console.print(message, markup=False)


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print a one-line error and return the Exit to raise: `raise fail("...")`."""
    error(f"error: {message}")
    return typer.Exit(code)
