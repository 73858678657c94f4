"""File → text: the readers of every file type (`text`, `html`, `docx`, `pdf`, through the
paragraphs and tables of `blocks`). Knows nothing about reports.

The file type is chosen from the content, never the file name: `%PDF` → PDF, a zip holding
`word/document.xml` → DOCX, an OLE container → legacy .doc (skipped), HTML-looking text → HTML,
anything else → text (UTF-8, GB18030, Big5…). HTML and DOCX become paragraphs and tables
(`read_blocks`), rendered so that a table row is one line of tab-separated cells.

Every failure becomes `UnreadableFile` with a one-line reason.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..files import open_regular
from .blocks import ReadError, render
from .docx import docx_blocks, zip_kind
from .html import html_blocks, looks_like_html
from .pdf import pdf_text
from .text import decode_text

__all__ = [
    "MAX_BYTES",
    "UnreadableFile",
    "detect_file_type",
    "iter_report_files",
    "read_bytes",
    "read_file",
    "read_path",
]

MAX_BYTES = 50 * 1024 * 1024

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
ZIP_KINDS = {
    "docx": "docx",
    "zip": "rejected:zip archive without word/document.xml (not a .docx)",
    "corrupt": "rejected:corrupt .docx or zip (truncated or damaged)",
}
# Binary formats recognised by their first bytes, with the reason they are skipped.
REJECTED_MAGIC = {
    OLE_MAGIC: "legacy .doc (Word 97) is not supported",
    b"{\\rtf": "RTF document is not supported",
    b"\x89PNG": "binary file, not a report (PNG image)",
    b"\xff\xd8\xff": "binary file, not a report (JPEG image)",
    b"GIF8": "binary file, not a report (GIF image)",
    b"Rar!": "binary file, not a report (RAR archive)",
    b"7z\xbc\xaf": "binary file, not a report (7z archive)",
    b"\x1f\x8b": "binary file, not a report (gzip archive)",
    b"\x7fELF": "binary file, not a report (executable)",
}


class UnreadableFile(Exception):
    """A file that cannot be read as a report; `reason` is one line for the user."""

    def __init__(self, path: str | Path, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


def iter_report_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Each path, with directories expanded to the files in them (sorted, recursively).

    Hidden files and files inside hidden directories are skipped. Directories are walked
    without following symbolic links to directories (no loop: each gets a line); everything else found in them,
    broken links, link loops, FIFOs and devices included, is yielded, for the reader to refuse
    with a reason rather than leave out without a word.
    """
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(
                f
                for f in p.rglob("*")
                if (not f.is_dir() or f.is_symlink())
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
        else:
            yield p


def read_path(path: str | Path) -> str:
    """The report in the file at `path` as plain text."""
    return read_bytes(read_file(path), str(path))


def read_file(path: str | Path) -> bytes:
    """The bytes of the file at `path`, within the size cap."""
    path = Path(path)
    try:
        with open_regular(path) as f:  # a FIFO or a device is refused, never read
            size = os.fstat(f.fileno()).st_size
            if size > MAX_BYTES:
                raise UnreadableFile(path, f"file too large ({size} bytes, limit {MAX_BYTES})")
            data = f.read(MAX_BYTES + 1)  # the file may grow between stat and read
    except OSError as e:
        raise UnreadableFile(path, e.strerror or str(e)) from None
    return data


def detect_file_type(data: bytes) -> str:
    """`pdf`, `docx`, `html`, `text`, or `rejected:<reason>`, from the content alone."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(ZIP_MAGIC):
        return ZIP_KINDS[zip_kind(data)]
    for magic, reason in REJECTED_MAGIC.items():
        if data.startswith(magic):
            return f"rejected:{reason}"
    if looks_like_html(data.lstrip()[:2048]) or looks_like_html(data[:2048]):
        return "html"
    return "text"


READERS: dict[str, Callable[[bytes], str]] = {
    "pdf": pdf_text,
    "docx": lambda data: render(docx_blocks(data)),
    "html": lambda data: render(html_blocks(data)),
    "text": decode_text,
}


def read_bytes(data: bytes, name: str = "<bytes>") -> str:
    """The report in `data` as plain text; `name` is only used in error messages."""
    if len(data) > MAX_BYTES:
        raise UnreadableFile(name, f"file too large ({len(data)} bytes, limit {MAX_BYTES})")
    if not data.strip():
        raise UnreadableFile(name, "empty file")
    file_type = detect_file_type(data)
    if file_type.startswith("rejected:"):
        raise UnreadableFile(name, file_type.removeprefix("rejected:"))
    try:
        text = READERS[file_type](data)
    except ReadError as e:
        raise UnreadableFile(name, e.reason) from None
    except MemoryError:
        raise UnreadableFile(name, f"out of memory reading {file_type}") from None
    except Exception as e:  # a reader bug or a library error must not escape as a traceback
        raise UnreadableFile(name, f"cannot read {file_type} ({type(e).__name__})") from None
    if not text.strip():
        raise UnreadableFile(name, f"no text found in {file_type} file")
    return text
