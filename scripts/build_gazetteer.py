"""Regenerate `indexer/data/divisions.tsv.gz`, the gazetteer govsearch ships, from jionlp.

jionlp (Apache-2.0, https://github.com/dongrixinyu/JioNLP) keeps China's 行政区划 as a tree
(province / city / county with 6-digit codes, townships and villages below) and a list of
renamings and mergers since 2002. govsearch needs the first four levels and the renamings,
looked up by name, so this script flattens them once into a small table and the package
ships that table: nothing is downloaded or unpacked at run time.

    pip install --no-deps jionlp && python scripts/build_gazetteer.py

Columns: level (0 province, 1 city, 2 county, 3 township; `tel` for a landline area code,
whose parent is its city), code (6 digits; townships carry
their county's), name, short name, parent code, last year valid (historical names only).
"""

from __future__ import annotations

import gzip
import importlib.util
import io
import re
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "indexer" / "data" / "divisions.tsv.gz"
DIRECT = "省直辖行政区划"  # counties directly under a province: no city level
# A township's name ends in its kind; the data's other level-4 entries (林业局, 良种场,
# 区直辖行政区划, a bare 街道) are units that share words with agency names.
# Two-character names (柳乡) are left out: inside a longer name they match mid-word.
TOWNSHIP = re.compile(r"^[\u4e00-\u9fff]{2,12}(?:镇|乡|街道|苏木)$")


def jionlp_dictionary() -> Path:
    # find_spec locates the package without importing it (jionlp's import is slow and noisy)
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("jionlp is not installed: pip install --no-deps jionlp")
    return Path(next(iter(spec.submodule_search_locations))) / "dictionary"


def tree_rows(text: str) -> list[tuple]:
    rows: list[tuple] = []
    parents: list[str] = ["", "", "", ""]
    for line in text.splitlines():
        depth = len(line) - len(line.lstrip("\t"))
        cells = line.strip("\t\r ").split("\t")
        if depth > 3 or not cells[0]:
            continue  # villages
        if depth == 3:
            if not TOWNSHIP.match(cells[0]) or cells[0] == "街道":
                continue
            code = parents[2]
            rows.append((3, code, cells[0], "", code, ""))
            continue
        if len(cells) < 3 or not cells[1].isdigit():
            continue  # entries without a code (part of 台湾省)
        name, code, short = cells[:3]
        parents[depth] = code
        parent = parents[depth - 1] if depth else ""
        if depth == 1 and name == DIRECT:
            continue  # its counties hang on the province directly
        if depth == 2 and parent.endswith("9000"):
            parent = parents[0]
        rows.append((depth, code, name, short, parent, ""))
    return rows


def historical_rows(text: str, rows: list[tuple]) -> list[tuple]:
    """Names that existed before a renaming, under their parents of the time."""
    code_of = {(r[0], r[2]): r[1] for r in rows if r[0] < 3}
    known = {(r[0], r[2]) for r in rows}
    out: list[tuple] = []
    for line in text.splitlines():
        before, arrow, _ = line.rstrip("\r").partition("=>")
        cells = before.split("\t")
        if not arrow or len(cells) < 6:
            continue
        year, names, shorts = cells[0][:4], cells[2::2], cells[3::2]
        level = len(names) - 1
        if (level, names[-1]) in known:
            continue
        parent = code_of.get((level - 1, names[-2]), "")
        if not parent:  # the parent itself was renamed: hang on the grandparent
            parent = code_of.get((0, names[0]), "")
        out.append((level, "", names[-1], shorts[-1], parent, str(int(year) - 1)))
        known.add((level, names[-1]))
    return out


def phone_rows(text: str, rows: list[tuple]) -> list[tuple]:
    """Landline area codes (0571 → 杭州市), the city's code as parent: evidence for a place."""
    provinces = {r[3]: r[1] for r in rows if r[0] == 0}
    cities = {(r[4], r[3]): r[1] for r in rows if r[0] == 1}
    cities |= {(r[4], r[2]): r[1] for r in rows if r[0] == 1}
    out = []
    for line in text.splitlines():
        number, _, place = line.strip().partition(" ")
        province, _, city = place.partition("/")
        province_code = provinces.get(province)
        code = cities.get((province_code, city)) or cities.get((province_code, city + "市"))
        if province_code and (code or city == province):
            out.append(("tel", number, "", "", code or province_code, ""))
    return out


def main() -> None:
    folder = jionlp_dictionary()
    with zipfile.ZipFile(folder / "china_location.zip") as z:
        tree = z.read("china_location.txt").decode("utf-8")
    rows = tree_rows(tree)
    rows += historical_rows((folder / "china_location_change.txt").read_text("utf-8"), rows)
    rows += phone_rows((folder / "landline_phone_area_code.txt").read_text("utf-8"), rows)
    buf = io.StringIO()
    buf.write("# level\tcode\tname\tshort\tparent\tuntil  (from jionlp, Apache-2.0)\n")
    for row in rows:
        buf.write("\t".join(str(c) for c in row) + "\n")
    OUT.write_bytes(gzip.compress(buf.getvalue().encode("utf-8"), mtime=0))
    print(f"{OUT}: {len(rows)} divisions")


if __name__ == "__main__":
    main()
