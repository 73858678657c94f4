"""Text → `Report`: `parse_report(text)` composes the modules of this package, nothing more.

`sections` finds the section headings, `metadata` the title, agency, year and date, `layout`
turns table text into a stream of cells, `tables` reads those cells against the template
data of `templates` (one engine for every version), `measures` splits section 五 into
problems and measures, `rules` checks R1–R4 and `prose` P1 (a count stated in the text
against the table cell it names). Everything matches on `fold.normalize`'s
form of the text and slices the original, so the report keeps its own wording.
"""

from __future__ import annotations

__all__ = ["NotAReport", "parse_report"]


def __getattr__(name: str):
    # Lazy: the query side imports `parse.templates` (the field keys), not the parser.
    if name in __all__:
        from . import report

        return getattr(report, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
