"""Files to text. Knows nothing about reports. (Minimal version: UTF-8 and GB18030 text.)"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

MAX_BYTES = 50 * 1024 * 1024


class UnreadableFile(Exception):
    """A file that cannot be read as a report; `reason` is one line for the user."""

    def __init__(self, path: str | Path, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


def iter_report_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Each path, with directories expanded to the files in them (sorted, recursively)."""
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(f for f in p.rglob("*") if f.is_file() and not f.name.startswith("."))
        else:
            yield p


def read_path(path: str | Path) -> str:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise UnreadableFile(path, f"file too large ({size} bytes, limit {MAX_BYTES})")
        data = path.read_bytes()
    except OSError as e:
        raise UnreadableFile(path, e.strerror or str(e)) from None
    return read_bytes(data, str(path))


def read_bytes(data: bytes, name: str = "<bytes>") -> str:
    if not data.strip():
        raise UnreadableFile(name, "empty file")
    if b"\x00" in data[:4096]:
        raise UnreadableFile(name, "binary file, not text")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableFile(name, "cannot decode text (not UTF-8 or GB18030)")
