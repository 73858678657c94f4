"""PDF bytes to text with pypdfium2: the text layer page by page; scans are rejected."""

from __future__ import annotations

import threading

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .blocks import ReadError

MAX_PAGES = 2000
MIN_CHARS_PER_PAGE = 16  # fewer non-space characters on average: a scan without a text layer

LOAD_ERRORS = {
    pdfium_c.FPDF_ERR_PASSWORD: "encrypted PDF (password required)",
    pdfium_c.FPDF_ERR_SECURITY: "encrypted PDF (unsupported security handler)",
    pdfium_c.FPDF_ERR_FORMAT: "damaged PDF (not a valid PDF structure)",
    pdfium_c.FPDF_ERR_FILE: "damaged PDF (cannot be opened)",
}
PDFIUM_LOCK = threading.Lock()  # PDFium is not thread-safe


def pdf_text(data: bytes) -> str:
    with PDFIUM_LOCK:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as e:
            raise ReadError(LOAD_ERRORS.get(e.err_code, "damaged PDF")) from None
        try:
            return document_text(document)
        finally:
            document.close()


def document_text(document: pdfium.PdfDocument) -> str:
    count = len(document)
    if count == 0:
        raise ReadError("PDF has no pages")
    if count > MAX_PAGES:
        raise ReadError(f"PDF has {count} pages (limit {MAX_PAGES})")
    pages = []
    for index in range(count):
        page = document[index]
        try:
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
        except pdfium.PdfiumError:
            raise ReadError(f"damaged PDF (page {index + 1} cannot be read)") from None
        finally:
            page.close()
    text = "\n".join(pages).replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if sum(not c.isspace() for c in text) < MIN_CHARS_PER_PAGE * count:
        raise ReadError("scanned PDF without a text layer")
    lines = (line.strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line) + "\n"
