"""Reading documents: encodings, .docx (paragraphs and tables), text-based .pdf, and clear errors."""

import io
import re
import sys
from pathlib import Path

import pytest
from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import qn

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



W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _add_list(document, levels) -> str:
    """Define a Word list (levels: (numFmt, lvlText) from level 0 down); return its abstract definition's id."""
    numbering = document.part.numbering_part.element
    abstract_id = str(900 + len(numbering.findall(qn("w:abstractNum"))))
    lvls = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                   f'<w:lvlText w:val="{text}"/></w:lvl>' for i, (fmt, text) in enumerate(levels))
    numbering.insert(0, parse_xml(f'<w:abstractNum {W_NS} w:abstractNumId="{abstract_id}">{lvls}</w:abstractNum>'))
    return abstract_id


def _add_num(document, abstract_id, restart_at=None) -> str:
    """A list instance of a definition (numId); `restart_at` starts its level 0 again at that number."""
    numbering = document.part.numbering_part.element
    num_id = str(800 + len(numbering.findall(qn("w:num"))))
    override = ("" if restart_at is None else
                f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{restart_at}"/></w:lvlOverride>')
    numbering.append(parse_xml(f'<w:num {W_NS} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
                               f'{override}</w:num>'))
    return num_id


def _numbered(document, text, num_id, level=0):
    paragraph = document.add_paragraph(text)
    paragraph._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {W_NS}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return paragraph


def build_auto_numbered_docx() -> bytes:
    """A plan whose every number is drawn by Word lists instead of typed (一、 (一) 1.)."""
    document = Document()
    document.add_paragraph("某市创新平台建设方案(2023—2025年)")
    outline = _add_num(document, _add_list(document, [("chineseCounting", "%1、"), ("chineseCounting", "（%2）")]))
    task_list = _add_list(document, [("decimal", "%1.")])
    tasks = _add_num(document, task_list)
    _numbered(document, "主要任务", outline, 0)
    _numbered(document, "平台建设", outline, 1)
    _numbered(document, "建设创新平台。建成省级创新平台20个以上。(责任单位:市科技局、市发改委)", tasks)
    _numbered(document, "培育企业。培育高新技术企业超过500家。(牵头单位:市科技局;配合单位:市财政局)", tasks)
    _numbered(document, "人才引育", outline, 1)
    # Another list of the task definition continues its numbers (3.), as Word shows them ...
    _numbered(document, "引进人才团队。引进创新团队10个。(责任单位:市人社局)", _add_num(document, task_list))
    _numbered(document, "保障措施", outline, 0)
    document.add_paragraph("加强组织领导。")
    # ... unless the author restarted the numbering.
    _numbered(document, "强化资金保障。", _add_num(document, task_list, restart_at=1))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_word_list_numbers_are_written_out_as_shown():
    lines = read_document(build_auto_numbered_docx(), "plan.docx").splitlines()
    assert lines == [
        "某市创新平台建设方案(2023—2025年)", "一、主要任务", "（一）平台建设",
        "1.建设创新平台。建成省级创新平台20个以上。(责任单位:市科技局、市发改委)",
        "2.培育企业。培育高新技术企业超过500家。(牵头单位:市科技局;配合单位:市财政局)",
        "（二）人才引育", "3.引进人才团队。引进创新团队10个。(责任单位:市人社局)",
        "二、保障措施", "加强组织领导。", "1.强化资金保障。"]


def test_a_plan_numbered_by_word_lists_parses_like_a_typed_one():
    plan = parse_file(build_auto_numbered_docx(), "plan.docx")
    assert [(t.number, t.title, [u.name for u in t.units]) for t in plan.tasks] == [
        ("1", "建设创新平台", ["市科技局", "市发改委"]), ("2", "培育企业", ["市科技局", "市财政局"]),
        ("3", "引进人才团队", ["市人社局"])]
    assert [t.value for t in plan.tasks[2].targets] == [10]


def test_numbering_through_a_heading_style_and_a_paragraph_taken_out_of_the_list():
    document = Document()
    heading_list = _add_num(document, _add_list(document, [("chineseCounting", "%1、")]))
    style = document.styles["Heading 1"]
    style.element.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {W_NS}><w:numId w:val="{heading_list}"/></w:numPr>'))
    document.add_paragraph("总体要求", style="Heading 1")
    document.add_paragraph("主要任务", style="Heading 1")
    _numbered(document, "附件", "0")  # numId 0: Word's "no number" on a styled paragraph
    document.paragraphs[-1].style = document.styles["Heading 1"]
    buffer = io.BytesIO()
    document.save(buffer)
    assert read_document(buffer.getvalue(), "plan.docx").splitlines() == ["一、总体要求", "二、主要任务", "附件"]


def test_a_word_file_without_list_or_style_definitions_reads():
    """Word files from other programs may leave out the numbering and styles parts entirely."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(build_docx()))
    stripped = io.BytesIO()
    with zipfile.ZipFile(stripped, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename in ("word/numbering.xml", "word/styles.xml"):
                continue
            if item.filename == "word/_rels/document.xml.rels":
                data = re.sub(rb'<Relationship [^>]*(?:numbering|styles)\.xml"/>', b"", data)
            target.writestr(item, data)
    text = read_document(stripped.getvalue(), "plan.docx")
    assert text.splitlines()[1:3] == ["一、主要任务", "(一)平台建设"]
