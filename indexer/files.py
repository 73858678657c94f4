"""Opening the files a batch is given, safely: regular files only, hashed as a stream, and
file names that are not UTF-8 turned into text every layer can store and print.

- `open_regular`: a FIFO would block `open()` forever, a device (`/dev/zero`) never ends, a
  socket cannot be opened: each is refused with a reason before any byte is read (the file is
  opened non-blocking and checked with `fstat`, so it cannot change kind in between).
- `file_id`: the content hash, read in blocks (a 2 GB file no longer has to fit in memory).
- `path_key` / `path_from_key`: Python keeps the undecodable bytes of a file name as lone
  surrogates, which UTF-8 (JSON, the index's terms) cannot hold; the key writes them as
  `\\xff` and `path_from_key` turns such a key back into the name on disk.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
from pathlib import Path
from typing import BinaryIO

BLOCK = 1 << 20
KINDS = {
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a directory",
}
SURROGATE = re.compile("[\udc80-\udcff]")
ESCAPED_BYTE = re.compile(rb"\\x([89a-f][0-9a-f])")


class NotARegularFile(OSError):
    """A path that is not a regular file; `strerror` is the one-line reason."""


def content_id(data: bytes) -> str:
    """The stable report id: a hash of the file's bytes."""
    return hashlib.sha256(data).hexdigest()[:16]


def open_regular(path: str | Path) -> BinaryIO:
    """`path` opened for reading in binary, if it is a regular file (symlinks followed);
    otherwise `NotARegularFile` (or the `OSError` of a broken link or a symlink loop)."""
    try:
        kind = stat.S_IFMT(os.stat(path).st_mode)
    except FileNotFoundError:
        if os.path.islink(path):
            raise NotARegularFile(0, "broken symbolic link (its target does not exist)") from None
        raise
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise NotARegularFile(0, "symbolic link loop") from None
        raise
    if kind == stat.S_IFDIR and os.path.islink(path):
        raise NotARegularFile(0, "symbolic link to a directory (not followed)")
    if kind != stat.S_IFREG:
        raise NotARegularFile(0, f"not a regular file: {KINDS.get(kind, 'a special file')}")
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        kind = stat.S_IFMT(os.fstat(fd).st_mode)
        if kind != stat.S_IFREG:  # replaced between the two looks
            raise NotARegularFile(0, f"not a regular file: {KINDS.get(kind, 'a special file')}")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def file_id(path: str | Path) -> str:
    """`content_id` of the file, read in blocks."""
    digest = hashlib.sha256()
    with open_regular(path) as f:
        while block := f.read(BLOCK):
            digest.update(block)
    return digest.hexdigest()[:16]


def path_key(path: str | Path) -> str:
    """`path` as UTF-8-safe text: undecodable bytes written `\\xff`, the rest unchanged."""
    text = str(path)
    if not SURROGATE.search(text):
        return text
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def path_from_key(key: str) -> str:
    """The file name `path_key` was made from (a name holding a literal `\\xff` text and
    undecodable bytes at once is the one ambiguity)."""
    if "\\x" not in key:
        return key
    raw = key.encode("utf-8")
    return os.fsdecode(ESCAPED_BYTE.sub(lambda m: bytes([int(m.group(1), 16)]), raw))
