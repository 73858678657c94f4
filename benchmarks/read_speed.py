"""Read speed per format on the bundled samples (corpus/*.txt and tests/fixtures/).

    python benchmarks/read_speed.py [--rounds N]

Prints files/second, MB/second and, for PDFs, pages/second.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pypdfium2 as pdfium

from govsearch.indexer.read import read_bytes

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = {
    "text": sorted((ROOT / "corpus").glob("*.txt")),
    "html": sorted((ROOT / "tests/fixtures").glob("00[0-4].html")),
    "html (GBK)": [ROOT / "tests/fixtures/001_gbk.html"],
    "docx": sorted((ROOT / "tests/fixtures").glob("00[0-4].docx")),
    "pdf": sorted((ROOT / "tests/fixtures").glob("00[0-4].pdf")),
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    rounds = parser.parse_args().rounds
    for fmt, paths in SAMPLES.items():
        blobs = [(p.name, p.read_bytes()) for p in paths]
        pages = sum(len(pdfium.PdfDocument(b)) for _, b in blobs) if fmt == "pdf" else 0
        start = time.perf_counter()
        for _ in range(rounds):
            for name, data in blobs:
                read_bytes(data, name)
        elapsed = time.perf_counter() - start
        files = len(blobs) * rounds
        megabytes = sum(len(b) for _, b in blobs) * rounds / 2**20
        line = f"{fmt:11} {files / elapsed:8.1f} files/s  {megabytes / elapsed:6.2f} MB/s"
        if pages:
            line += f"  {pages * rounds / elapsed:7.1f} pages/s ({pages} pages)"
        print(line + f"  ({len(blobs)} files x {rounds} rounds)")


if __name__ == "__main__":
    main()
