"""Reading documents: encodings, .docx (paragraphs and tables), text-based .pdf, and clear errors."""

import io
import sys
from pathlib import Path

import pytest
from docx import Document

from innocity.core.planparse import DocumentError, parse_file, read_document
from innocity.core.planparse.reading import unwrap_lines

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pdfwriter import make_pdf

DOCUMENTS = Path(__file__).resolve().parent / "documents"
TEXT = (DOCUMENTS / "halfwidth-bold-titles.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_text_in_every_encoding_reads_the_same(encoding):
    assert read_document(TEXT.encode(encoding), "plan.txt") == TEXT


def test_gbk_document_parses_like_the_utf8_one():
    plan = parse_file(TEXT.encode("gbk"), "plan.txt")
    assert [task.title for task in plan.tasks] == ["加快建设中试基地", "培育创新主体", "引进高层次人才"]
    assert plan.period == (2022, 2024)


def build_docx() -> bytes:
    document = Document()
    document.add_paragraph("某市创新平台建设方案(2023—2025年)")
    document.add_paragraph("一、主要任务")
    document.add_paragraph("(一)平台建设")
    paragraph = document.add_paragraph()
    paragraph.add_run("1.建设创新平台。").bold = True
    paragraph.add_run("建成省级创新平台20个以上。(责任单位:市科技局、市发改委)")
    paragraph = document.add_paragraph()
    paragraph.add_run("2.培育企业。").bold = True
    paragraph.add_run("培育高新技术企业超过500家。(牵头单位:市科技局;配合单位:市财政局)")
    document.add_paragraph("二、保障措施")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "指标"
    table.cell(0, 1).text = "目标值"
    table.cell(1, 0).text = "研发投入强度"
    table.cell(1, 1).text = "3%"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_paragraphs_and_tables_in_order():
    text = read_document(build_docx(), "plan.docx")
    assert text.splitlines()[:4] == ["某市创新平台建设方案(2023—2025年)", "一、主要任务", "(一)平台建设",
                                     "1.建设创新平台。建成省级创新平台20个以上。(责任单位:市科技局、市发改委)"]
    assert text.splitlines()[-2:] == ["指标\t目标值", "研发投入强度\t3%"]


def test_docx_parses_into_tasks():
    plan = parse_file(build_docx(), "plan.docx")
    assert plan.title == "某市创新平台建设方案(2023—2025年)"
    assert [(t.title, [u.name for u in t.units]) for t in plan.tasks] == [
        ("建设创新平台", ["市科技局", "市发改委"]), ("培育企业", ["市科技局", "市财政局"])]
    assert [(t.text, t.comparator, t.value) for t in plan.tasks[0].targets] == [("建成省级创新平台20个以上", ">=", 20)]


def test_pdf_text_layer_parses():
    pdf = make_pdf(["某市创新平台建设方案(2023—2025年)", "一、主要任务",
                    "1.建设加氢站。十四五末建成9个加氢站。(责任单位:市工信局)"])
    plan = parse_file(pdf, "plan.pdf")
    assert plan.period == (2023, 2025)
    task = plan.tasks[0]
    assert (task.title, task.targets[0].text, task.targets[0].deadline) == ("建设加氢站", "建成9个加氢站", 2025)


def test_pdf_lines_broken_at_the_page_width_are_joined():
    text = "一、主要任务\n1.建设平台。推进科技创新平台建设，到2025年建成省级以\n上平台20个。\n2.培育企业。培育企业。"
    assert unwrap_lines(text).splitlines() == [
        "一、主要任务", "1.建设平台。推进科技创新平台建设，到2025年建成省级以上平台20个。", "2.培育企业。培育企业。"]


@pytest.mark.parametrize("data, filename, reason", [
    (make_pdf([]), "scan.pdf", "扫描件"),
    (b"", "empty.txt", "文件为空"),
    (b"   \n\n", "blank.txt", "文件为空"),
    (bytes(range(256)) * 40, "junk.txt", "二进制"),
    (bytes(range(256)) * 40, "junk.pdf", "不是 PDF"),
    (b"%PDF-1.4\n garbage that is no pdf", "broken.pdf", "无法读取 PDF"),
    (b"PK\x03\x04 not really a zip", "broken.docx", "无法读取 Word 文档"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old.doc", ".docx"),
    (b"plain text", "sheet.xlsx", "Excel"),
    (b"\x80\x81\xfe" * 50, "unknown.txt", "编码"),
])
def test_unreadable_documents_give_a_clear_reason(data, filename, reason):
    with pytest.raises(DocumentError) as error:
        read_document(data, filename)
    assert reason in str(error.value)


def test_a_missing_file_is_a_document_error(tmp_path):
    with pytest.raises(DocumentError, match="无法打开文件"):
        parse_file(tmp_path / "missing.txt")
