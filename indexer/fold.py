"""Text folding: the one place that decides which spellings of a text are the same.

- `normalize(text)`: the parser's matching form, the same length as `text`.
- `fold(text)`: the form the index compares (character n-grams, similar-measure search).

`normalize` folds each character on its own (NFKC: full-width digits and brackets to ASCII;
traditional to simplified characters), and only when the fold is one character, so
offsets in the normal form are offsets in the original: the parser matches headings and
labels on the normal form and slices sections and names out of the original text.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from importlib import resources

# Dashes and spaces that NFKC leaves alone but that mean the same thing in a table.
_EXTRA = {"\u3000": " ", "\xa0": " ", "—": "—", "－": "-", "―": "—", "─": "—", "〇": "〇"}


@cache
def _t2s() -> dict[str, str]:
    """Traditional → simplified, single characters, from OpenCC's own table."""
    table: dict[str, str] = {}
    path = resources.files("opencc") / "dictionary" / "TSCharacters.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        trad, _, simp = line.partition("\t")
        simp = simp.split(" ")[0]
        if len(trad) == 1 and len(simp) == 1:
            table[trad] = simp
    # OpenCC folds 於 to 于 but leaves these common template characters to phrases.
    table.update({"於": "于", "著": "着"})
    return table


@cache
def _fold(char: str) -> str:
    if char in _EXTRA:
        return _EXTRA[char]
    folded = unicodedata.normalize("NFKC", char)
    if len(folded) != 1:
        return char
    return _t2s().get(folded, folded)


class _FoldTable(dict[int, str]):
    """A `str.translate` table that folds each character the first time it is seen."""

    def __missing__(self, codepoint: int) -> str:
        folded = self[codepoint] = _fold(chr(codepoint))
        return folded


_TABLE = _FoldTable()


def normalize(text: str) -> str:
    """The matching form of `text`: same length, same line breaks."""
    return text.translate(_TABLE)


def fold(text: str) -> str:
    """NFKC (full-width → ASCII) and lower case: the form index n-grams are taken from."""
    return unicodedata.normalize("NFKC", text).lower()


def squeeze(text: str) -> str:
    """`text` without whitespace and table pipes: for finding words broken across cells."""
    return "".join(c for c in normalize(text) if not c.isspace() and c != "|")
