"""Bytes of a text file to str: BOMs, UTF-8, GB18030/GBK, Big5; binary data is rejected."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from .blocks import ReadError

SAMPLE_BYTES = 64 * 1024
MIN_DETECT_BYTES = 256  # text that decodes as both GB18030 and Big5 below this is read as GB
MAX_CONTROL_RATIO = 0.05  # share of C0 control bytes (besides \t \n \r \f \x1a \x1b) in text

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# charset-normalizer names of encodings that GB18030 decodes as well or better.
GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz", "cp936", "euc_cn"}
BIG5_FAMILY = {"big5", "big5hkscs", "cp950"}
TEXT_CONTROLS = frozenset(b"\t\n\r\f\x1a\x1b")


def bom_encoding(data: bytes) -> str | None:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return encoding
    return None


def utf16_without_bom(sample: bytes) -> str | None:
    """`utf-16-le`/`-be` when every other byte is mostly NUL (ASCII-heavy UTF-16), else None."""
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.3 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.3 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def looks_binary(sample: bytes) -> bool:
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in TEXT_CONTROLS)
    return controls > MAX_CONTROL_RATIO * max(len(sample), 1)


def normalize_encoding(name: str) -> str:
    name = name.lower().replace("-", "_")
    if name in GB_FAMILY:
        return "gb18030"
    if name in BIG5_FAMILY:
        return "big5hkscs"
    return name


def guess_encoding(data: bytes, candidates: list[str]) -> str | None:
    """charset-normalizer's best guess among `candidates`, on a sample cut at a line end."""
    sample = data[:SAMPLE_BYTES]
    if len(data) > SAMPLE_BYTES and b"\n" in sample:
        sample = sample[: sample.rindex(b"\n") + 1]
    best = from_bytes(sample, cp_isolation=candidates or None).best()
    return normalize_encoding(best.encoding) if best else None


def decode_strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_text(data: bytes) -> str:
    """Decode text bytes; never raises except `ReadError` for empty or binary data."""
    if not data.strip():
        raise ReadError("empty file")
    encoding = bom_encoding(data) or utf16_without_bom(data[:SAMPLE_BYTES])
    if encoding:
        text = data.decode(encoding, errors="replace")
        if looks_binary(text[: SAMPLE_BYTES // 2].encode("utf-8", errors="replace")):
            raise ReadError("binary file, not a report")
        return text
    if looks_binary(data[:SAMPLE_BYTES]):
        raise ReadError("binary file, not a report")
    text = decode_strict(data, "utf-8")
    if text is not None:
        return text
    strict = {enc: t for enc in ("gb18030", "big5hkscs") if (t := decode_strict(data, enc))}
    if len(strict) == 1:
        return next(iter(strict.values()))
    if len(strict) == 2:  # short texts are too ambiguous to detect: GB is far more common
        guess = guess_encoding(data, ["gb18030", "big5"]) if len(data) >= MIN_DETECT_BYTES else None
        return strict.get(guess or "", strict["gb18030"])
    # Nothing decodes cleanly (a damaged file): take the decoding with fewest replacements.
    guess = guess_encoding(data, [])
    candidates = ["utf-8", "gb18030", "big5hkscs"]
    if guess and guess not in candidates:
        candidates.append(guess)
    decoded = []
    for enc in candidates:
        try:
            decoded.append(data.decode(enc, errors="replace"))
        except LookupError:
            continue
    return min(decoded, key=lambda t: t.count("\ufffd"))
