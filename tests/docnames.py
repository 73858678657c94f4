"""Documents of an index named by what they hold (test helper, not product code).

A parallel build orders documents by which process took which files, so tests compare
documents by name: (report id, kind, position). Units store only their position; the report
id and kind come from the `report_id` and `kind` postings, independently of the docnum order
that `search/units.py` relies on.
"""

from __future__ import annotations

from govsearch.indexer.write.schema import REPORT_KIND, UNIT_KINDS


def document_names(reader) -> dict[int, tuple[str, str, int | None]]:
    """Docnum → (report id, kind, position) of every live document."""
    kinds = {}
    for kind in (REPORT_KIND, *UNIT_KINDS):
        if ("kind", kind) in reader:
            kinds.update(dict.fromkeys(reader.postings("kind", kind).all_ids(), kind))
    names = {}
    for term in reader.lexicon("report_id"):
        for d in reader.postings("report_id", term).all_ids():
            names[d] = (term.decode(), kinds[d], reader.stored_fields(d).get("position"))
    return names
