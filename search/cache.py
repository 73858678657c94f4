"""A least-recently-used cache bounded by the bytes of the numpy arrays it holds.

Term postings, decoded positions and phrase results are kept per searcher. Clearing the
whole cache when it was full made a repeated phrase pay its first cost again; evicting the
entries used longest ago keeps the phrases and words a session repeats.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

import numpy as np

DEFAULT_BYTES = 256 << 20  # per searcher; a common word at 20k reports is ~0.3 MB of postings


def nbytes(value: Any) -> int:
    """Bytes of the arrays in `value` (an array or a tuple of them), plus a small overhead."""
    if isinstance(value, np.ndarray):
        return value.nbytes + 112
    if isinstance(value, tuple | list):
        return sum(map(nbytes, value)) + 64
    return 64


class LRU(OrderedDict):
    """A dict that forgets its least recently read or written entries past `max_bytes`."""

    def __init__(self, max_bytes: int = DEFAULT_BYTES):
        super().__init__()
        self.max_bytes = max_bytes
        self.bytes = 0

    def __getitem__(self, key):
        value = super().__getitem__(key)
        self.move_to_end(key)
        return value

    def __setitem__(self, key, value) -> None:
        if key in self:
            self.bytes -= nbytes(super().__getitem__(key))
        super().__setitem__(key, value)
        self.move_to_end(key)
        self.bytes += nbytes(value)
        while self.bytes > self.max_bytes and len(self) > 1:
            _, old = self.popitem(last=False)
            self.bytes -= nbytes(old)
