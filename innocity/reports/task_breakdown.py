"""The 任务分解表 / 责任清单 workbook, in the layout plan offices use.

A title row, then the header 序号 | 任务 | 具体内容 | 牵头单位 | 责任单位 | 量化目标 | 完成时限 and one
row per task; text wraps, the header stays in view and repeats on every printed page (A4
landscape). Built from plain rows, so the plan pages, an organisation's 责任清单 and the document
importer share it.

>>> row = BreakdownRow(1, "1.加快推进高新区建设", "…", "市科技局", "市科技局、市委编办", "提升30%左右", "2024年底")
>>> len(breakdown_workbook("任务分解表", [row]))  > 0
True
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

HEADER = ("序号", "任务", "具体内容", "牵头单位", "责任单位", "量化目标", "完成时限")
WIDTHS = (6, 24, 60, 14, 28, 30, 12)
_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)


@dataclass(frozen=True)
class BreakdownRow:
    number: int
    task: str
    content: str
    lead: str
    responsible: str
    targets: str
    deadline: str

    def cells(self) -> tuple:
        return (self.number, self.task, self.content, self.lead, self.responsible, self.targets, self.deadline)


def breakdown_workbook(title: str, rows: Iterable[BreakdownRow]) -> bytes:
    """The workbook as .xlsx bytes; `title` goes in the merged first row."""
    book = Workbook()
    sheet = book.active
    sheet.title = "任务分解表"
    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    sheet["A1"].font = Font(size=14, bold=True)
    sheet["A1"].alignment = _CENTRE
    sheet.row_dimensions[1].height = 32
    sheet.append(list(HEADER))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = _CENTRE
        cell.border = _BORDER
        cell.fill = PatternFill("solid", fgColor="DDE7F3")
    for row in rows:
        sheet.append(list(row.cells()))
        for cell in sheet[sheet.max_row]:
            cell.alignment = _WRAP
            cell.border = _BORDER
        sheet.cell(sheet.max_row, 1).alignment = _CENTRE
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A3"
    sheet.print_title_rows = "1:2"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
