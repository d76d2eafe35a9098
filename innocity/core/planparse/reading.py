"""A document's bytes to its text: .txt (UTF-8, UTF-8 with BOM, UTF-16 with BOM, GB18030/GBK),
.docx (paragraphs and tables, in order) and text-based .pdf.

Whatever goes wrong ends in one DocumentError whose message says why in Chinese (English after
the slash), never in another exception: an empty file, a scanned PDF without a text layer, an
encrypted PDF, an old .doc, a damaged Word file, binary content.

>>> read_document("一、主要任务".encode("gb18030"), "plan.txt")
'一、主要任务'
>>> read_document(b"", "plan.txt")
Traceback (most recent call last):
...
innocity.core.planparse.reading.DocumentError: 文件为空 / the file is empty
"""

from __future__ import annotations

import codecs
import io
import logging
import re
import unicodedata
import zipfile
from contextlib import contextmanager
from pathlib import PurePath

from innocity.core.planparse.wordnumbers import (
    ListCounter,
    WordNumbering,
    numbering_from_xml,
    paragraph_list,
    style_numbering_from_xml,
)

MAX_BYTES = 50 * 1024 * 1024
# A text file may hold a few stray control characters; more than this share means binary data.
MAX_CONTROL_SHARE = 0.001
MIN_PDF_TEXT = 20
_UNSUPPORTED = {
    ".doc": "这是旧版 Word (.doc) 文件, 请在 Word 中另存为 .docx 后再导入 / an old .doc file: save it as .docx",
    ".wps": "这是 WPS 文字 (.wps) 文件, 请另存为 .docx 后再导入 / a .wps file: save it as .docx",
    ".xls": "不支持 Excel 文件, 请提供 .txt、.docx 或 .pdf / Excel files are not plans: use .txt, .docx or .pdf",
    ".xlsx": "不支持 Excel 文件, 请提供 .txt、.docx 或 .pdf / Excel files are not plans: use .txt, .docx or .pdf",
    ".ppt": "不支持演示文稿, 请提供 .txt、.docx 或 .pdf / presentations are not supported",
    ".pptx": "不支持演示文稿, 请提供 .txt、.docx 或 .pdf / presentations are not supported",
    ".ofd": "不支持 OFD 文件, 请导出为 PDF 或 .docx / OFD is not supported: export PDF or .docx",
}
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_PAGE_NUMBER = re.compile(r"^[-—–\s]*(?:第\s*)?\d{1,4}\s*(?:页)?[-—–\s]*(?:/\s*\d+\s*)?$")
_LINE_END = tuple("。！？；：:;!?)）」』”】")
_NUMBERED = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、]|——|[\u2460-\u2473]"
    r"|第[一二三四五六七八九十]+[章节])"
)


class DocumentError(Exception):
    """A document that cannot be read; the message says why (Chinese, then English)."""


def read_document(data: bytes, filename: str | None = None) -> str:
    """The text of a document from its bytes; `filename` (its suffix) helps tell the format."""
    suffix = PurePath(filename or "").suffix.lower()
    if len(data) > MAX_BYTES:
        raise DocumentError(f"文件过大 (超过 {MAX_BYTES // 1024 // 1024} MB) / the file is too large")
    if not data.strip():
        raise DocumentError("文件为空 / the file is empty")
    if suffix in _UNSUPPORTED:
        raise DocumentError(_UNSUPPORTED[suffix])
    if data.startswith(b"%PDF"):
        return read_pdf(data)
    if data.startswith(b"PK\x03\x04"):
        return read_docx(data)
    if data.startswith(_OLE2):
        raise DocumentError(_UNSUPPORTED[".doc"])
    if suffix == ".pdf":
        raise DocumentError("文件扩展名是 .pdf, 但内容不是 PDF / the file is named .pdf but is not a PDF")
    if suffix == ".docx":
        raise DocumentError("文件扩展名是 .docx, 但内容不是 Word 文档 / the file is named .docx but is not a Word file")
    return decode_text(data)


def decode_text(data: bytes) -> str:
    """Text bytes in UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030 (which covers GBK)."""
    if data.startswith(codecs.BOM_UTF8):
        text = _decode(data[3:], "utf-8")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _decode(data, "utf-16")
    else:
        if _binary_bytes(data):
            raise DocumentError("文件不是文本, 而是二进制数据 / the file holds binary data, not text")
        text = _decode(data, "utf-8")
        if text is None:
            text = _decode(data, "gb18030")
    if text is None:
        raise DocumentError("无法识别文件编码 (应为 UTF-8 或 GB18030/GBK 文本) / unknown text encoding")
    if _looks_binary(text):
        raise DocumentError("文件不是文本, 而是二进制数据 / the file holds binary data, not text")
    return text


def _decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _binary_bytes(data: bytes) -> bool:
    """NUL or other control bytes, which no UTF-8 or GB18030 text has, mean binary data."""
    sample = data[:200_000]
    control = sum(sample.count(bytes([code])) for code in (*range(0, 9), *range(14, 32)))
    return b"\x00" in sample or control > max(2, len(sample) * MAX_CONTROL_SHARE)


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    sample = text[:200_000]
    control = sum(1 for char in sample if unicodedata.category(char) in ("Cc", "Co", "Cs", "Cn")
                  and char not in "\t\n\r\f\v")
    return control > max(2, len(sample) * MAX_CONTROL_SHARE)


def read_docx(data: bytes) -> str:
    """Paragraphs and table rows of a .docx in document order; a row's cells are joined by tabs, and a
    paragraph numbered by a Word list starts with its number."""
    try:
        from docx import Document
        from docx.table import Table

        document = Document(io.BytesIO(data))
        counter, style_lists = _word_lists(document)
        lines = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                lines += _table_lines(block)
                continue
            # A number Word draws from a list is written out, as the reader sees it (一、 (一) 1.).
            numbered = paragraph_list(block._p, style_lists)
            label = counter.label(*numbered) if numbered else None
            lines.append(f"{label}{block.text}" if label else block.text)
    except DocumentError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DocumentError(f"无法读取 Word 文档: 文件已损坏或不是 .docx / cannot read the Word file ({exc})") from exc
    except Exception as exc:  # python-docx and lxml raise many kinds; the caller needs a reason, not a trace
        raise DocumentError(f"无法读取 Word 文档: {type(exc).__name__} / cannot read the Word file ({exc})") from exc
    text = "\n".join(lines)
    if not text.strip():
        raise DocumentError("Word 文档中没有文字 / the Word file holds no text")
    return text


def _word_lists(document) -> tuple[ListCounter, dict[str, tuple[str, int]]]:
    """The document's list definitions and numbered styles; a document may have neither part
    (python-docx would try to create a missing one, which it cannot do for numbering)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    related = document.part.rels.values()
    numbering = next((r.target_part for r in related if r.reltype == RT.NUMBERING), None)
    styles = next((r.target_part for r in related if r.reltype == RT.STYLES), None)
    definitions = numbering_from_xml(numbering.element) if numbering is not None else WordNumbering({}, {})
    return ListCounter(definitions), style_numbering_from_xml(styles.element) if styles is not None else {}


def _table_lines(table) -> list[str]:
    lines = []
    for row in table.rows:
        cells = []
        seen = set()
        for cell in row.cells:
            # A merged cell appears once per grid column it spans.
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(cell.text.strip().replace("\n", " "))
        lines.append("\t".join(cells))
    return lines


@contextmanager
def _quiet(logger_name: str):
    """pypdf reports damaged objects as log warnings; the caller gets a DocumentError instead."""
    logger = logging.getLogger(logger_name)
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def read_pdf(data: bytes) -> str:
    """The text layer of a PDF, with lines that the page width broke joined again."""
    try:
        from pypdf import PdfReader

        with _quiet("pypdf"):
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise DocumentError("PDF 已加密, 无法读取 / the PDF is encrypted")
            pages = [_page_text(page) for page in reader.pages]
    except DocumentError:
        raise
    except Exception as exc:  # pypdf raises many kinds on damaged files
        raise DocumentError(f"无法读取 PDF: 文件已损坏 ({type(exc).__name__}) / cannot read the PDF ({exc})") from exc
    text = "\n".join(pages)
    if len(re.sub(r"\s", "", text)) < MIN_PDF_TEXT:
        raise DocumentError(
            "PDF 中没有可提取的文字, 可能是扫描件: 请先做文字识别 (OCR) 或提供 .docx/.txt 版本 / "
            "the PDF has no text layer (a scan?): run OCR or provide .docx/.txt"
        )
    return unwrap_lines(text)


def _page_text(page) -> str:
    try:
        return page.extract_text() or ""
    except Exception:  # one damaged page must not lose the others
        return ""


def unwrap_lines(text: str) -> str:
    """Join lines a PDF broke at the page width: a line that reaches the usual width and does not
    end a sentence continues on the next line, unless that one starts with a number. Page
    numbers on their own line are dropped."""
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line and not _PAGE_NUMBER.match(line)]
    lengths = sorted(len(line) for line in lines if len(line) >= 10)
    if not lengths:
        return "\n".join(lines)
    width = lengths[int(len(lengths) * 0.85) - 1 if len(lengths) > 1 else 0]
    joined: list[str] = []
    previous = ""
    for line in lines:
        if (joined and len(previous) >= 0.8 * width and not previous.endswith(_LINE_END)
                and not _NUMBERED.match(line)):
            joined[-1] += line
        else:
            joined.append(line)
        previous = line
    return "\n".join(joined)
