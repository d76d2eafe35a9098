"""Problems found in the input, collected and reported together.

Bad input is normal input: every check adds a `Problem` (table, row, column, reason in Chinese with
English after it) to a `ProblemList`; only when every table has been checked is one
`CompositeInputError` raised with all of them, so that a user fixes a file in one go.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input.

    `table` is the file (or table) name, `row` the row number as a spreadsheet shows it (the header is
    row 1, the first data row is row 2; for a spec file, the line number), `column` the column (or
    spec key). Either may be None when the problem concerns a whole table or row.

    >>> str(Problem("iMeta.csv", 5, "Weight", "权重不是数字 (weight is not a number): 'abc'"))
    "iMeta.csv 第 5 行，列 Weight：权重不是数字 (weight is not a number): 'abc'"
    """

    table: str
    row: int | None
    column: str | None
    reason: str

    def __str__(self) -> str:
        where = [self.table]
        if self.row is not None:
            where.append(f" 第 {self.row} 行")
        if self.column is not None:
            where.append(f"，列 {self.column}" if self.row is not None else f" 列 {self.column}")
        return "".join(where) + "：" + self.reason


class CompositeInputError(ValueError):
    """The input cannot be used; `problems` lists everything wrong with it.

    >>> err = CompositeInputError([Problem("iData.csv", 3, "uCode", "单位代码重复 (duplicate unit code)")])
    >>> len(err.problems)
    1
    """

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"输入有 {len(self.problems)} 个问题 (input has {len(self.problems)} problems):\n{lines}")


@dataclass
class ProblemList:
    """Collects problems; `raise_if_any()` raises them together.

    >>> found = ProblemList()
    >>> found.add("iMeta.csv", 2, "Type", "类型无效 (invalid type)")
    >>> bool(found)
    True
    """

    problems: list[Problem] = field(default_factory=list)

    def add(self, table: str, row: int | None, column: str | None, reason: str) -> None:
        self.problems.append(Problem(table, row, column, reason))

    def extend(self, problems: list[Problem]) -> None:
        self.problems.extend(problems)

    def __bool__(self) -> bool:
        return bool(self.problems)

    def raise_if_any(self) -> None:
        if self.problems:
            raise CompositeInputError(self.problems)
