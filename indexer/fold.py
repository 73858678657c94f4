"""Text folding: the one place that decides which spellings of a text are the same.

- `normalize(text)`: the parser's matching form, the same length as `text`.
- `fold(text)`: the form searches compare, on both sides: `normalize` and lower case. Index
  analysis, query text, agency and place filters, facet values and similar-measure search all
  use it, so 政策解讀 finds 政策解读 and 長春市 counts as 长春市. Stored text stays as written.
- `place_key(name)`: a division name without its standard suffix (浙江省 → 浙江), so a place
  filter accepts the short form.

`normalize` folds each character on its own (NFKC: full-width digits and brackets to ASCII;
traditional to simplified characters), and only when the fold is one character, so
offsets in the normal form are offsets in the original: the parser matches headings and
labels on the normal form and slices sections and names out of the original text.
"""

from __future__ import annotations

import codecs
import hashlib
import re
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
    """The search form of `text`: `normalize`d and lower-cased; the same length but for the
    few characters whose lower case is longer."""
    return normalize(text).lower()


@cache
def _gb2312_term_folds() -> re.Pattern[str]:
    """The characters of GB2312 (simplified Chinese, full-width forms) whose fold is another
    letter, digit or Han character: full-width letters and digits, and a few like 著."""
    chars = []
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                c = bytes((hi, lo)).decode("gb2312")
            except UnicodeDecodeError:
                continue
            if (f := _fold(c)) != c and f.isalnum():
                chars.append(c)
    return re.compile("[" + "".join(map(re.escape, chars)) + "]")


# Outside GB2312, where a fold can change a term: traditional characters (the table), and
# full-width forms, circled numbers, Kangxi radicals and compatibility ideographs.
_TERM_FOLD_RANGES = ((0xFF00, 0xFFF0), (0x2460, 0x2500), (0x2E80, 0x2FE0), (0xF900, 0xFB00))


@cache
def _term_folds() -> frozenset[str]:
    chars = set(_t2s())
    for lo, hi in _TERM_FOLD_RANGES:
        chars.update(c for c in map(chr, range(lo, hi)) if (f := _fold(c)) != c and f.isalnum())
    return frozenset(chars)


def _outside_gb2312(error: UnicodeEncodeError) -> tuple[str, int]:
    """Codec error handler: a character outside GB2312 is harmless unless it folds to a term
    character (then the encoding fails, and `fold_terms` folds)."""
    if any(c in _term_folds() for c in error.object[error.start : error.end]):
        raise error
    return "?", error.end


codecs.register_error("govsearch-fold-terms", _outside_gb2312)


def fold_terms(text: str) -> str:
    """`fold(text)` as far as terms go: the same letters, digits and Han characters at the same
    offsets, punctuation possibly as written. For long texts (snippets): a text with no
    character that folds to another term character (most reports: simplified, ASCII digits)
    is only lower-cased, ten times faster than `fold`, checked by the GB2312 codec in C."""
    try:
        text.encode("gb2312", "govsearch-fold-terms")
    except UnicodeEncodeError:
        return fold(text)
    return fold(text) if _gb2312_term_folds().search(text) else text.lower()


# Peoples named in autonomous divisions (广西壮族自治区, 恩施土家族苗族自治州).
PEOPLES = [
    "壮",
    "回",
    "维吾尔",
    "藏",
    "蒙古",
    "苗",
    "彝",
    "土家",
    "布依",
    "侗",
    "瑶",
    "朝鲜",
    "白",
    "哈尼",
    "哈萨克",
    "黎",
    "傣",
    "畲",
    "傈僳",
    "仡佬",
    "东乡",
    "拉祜",
    "水",
    "佤",
    "纳西",
    "羌",
    "土",
    "仫佬",
    "锡伯",
    "柯尔克孜",
    "达斡尔",
    "景颇",
    "毛南",
    "撒拉",
    "布朗",
    "塔吉克",
    "阿昌",
    "普米",
    "鄂温克",
    "怒",
    "京",
    "基诺",
    "德昂",
    "保安",
    "俄罗斯",
    "裕固",
    "乌孜别克",
    "门巴",
    "鄂伦春",
    "独龙",
    "塔塔尔",
    "赫哲",
    "珞巴",
]
# The standard suffixes of division names; the name keeps at least two characters (和县).
DIVISION_SUFFIX = re.compile(
    rf"""^(?P<base>.{{2,}}?)
    (?:(?:(?:{"|".join(sorted(PEOPLES, key=len, reverse=True))})族)*(?:维吾尔)?自治(?:区|州|县|旗)
      | 特别行政区 | 地区 | 省 | 市 | 盟 | 县 | 区 | 旗 )$""",
    re.VERBOSE,
)


def place_key(name: str) -> str:
    """The folded division name without its suffix: 浙江省, 浙江 → 浙江; 廣西壯族自治區 → 广西."""
    name = fold("".join(name.split()))
    m = DIVISION_SUFFIX.match(name)
    return m["base"] if m else name


def squeeze(text: str) -> str:
    """`text` without whitespace and table pipes: for finding words broken across cells."""
    return "".join(c for c in normalize(text) if not c.isspace() and c != "|")


def item_key(text: str) -> str:
    """A problem's or measure's identity across reports: its folded letters only (no digits,
    punctuation or spaces, so a copy with this year's numbers, other commas or traditional
    characters is still a copy), hashed to 16 hex digits. Equal keys: the same text, as `crossyear` (X3) and
    `corpus` (boilerplate) compare them."""
    letters = "".join(c for c in fold(text) if c.isalpha())
    return hashlib.blake2b(letters.encode(), digest_size=8).hexdigest()
