"""Reports exported by `govsearch export --format reports`: one `Report` as JSON a line.

This is the safe way to share a corpus: the file is data, validated field by field against
`Report` (pydantic), where an index directory holds pickles. Nothing is parsed again and
nothing in the file is executed.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from ..models import Report


def read_exported(path: str | Path) -> list[Report]:
    """Every report of an exported file; ValueError naming the file and line of the first
    bad one, so that nothing of a bad file is indexed."""
    reports = []
    with open(path, encoding="utf-8") as lines:
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                reports.append(Report.model_validate_json(line))
            except ValidationError as e:
                first = e.errors()[0]
                where = ".".join(map(str, first["loc"])) or "line"
                raise ValueError(
                    f"{path}:{n}: not an exported report ({where}: {first['msg']})"
                ) from None
    return reports
