"""planparse: a plan document (.txt, .docx, .pdf) to its structure — goals, tasks with their
responsible units and quantified targets, sections — pure, without Django.

>>> plan = parse_text("三、主要任务\\n1.建设平台。建成9个加氢站。(责任单位:市工信局)")
>>> plan.tasks[0].targets[0].text
'建成9个加氢站'

The format of `to_json` is documented in docs/formats/plan-parse.md; `from_json` reads it back,
`to_plan_data` / `from_plan_data` convert to and from the plan-data layout, and `editing` holds
the corrections a reviewer makes to the JSON before import.
"""

from innocity.core.planparse import editing
from innocity.core.planparse.api import parse_file, parse_text, to_json
from innocity.core.planparse.breakdown import breakdown_rows
from innocity.core.planparse.convert import from_json, from_plan_data, to_plan_data
from innocity.core.planparse.diff import PlanDiff, diff_plans
from innocity.core.planparse.model import (
    Baseline,
    Flag,
    Note,
    ParsedPlan,
    ParsedTask,
    PlacedTarget,
    Section,
    Target,
    UnitRef,
)
from innocity.core.planparse.reading import DocumentError, read_document

__all__ = [
    "Baseline",
    "DocumentError",
    "Flag",
    "Note",
    "ParsedPlan",
    "ParsedTask",
    "PlacedTarget",
    "PlanDiff",
    "Section",
    "Target",
    "UnitRef",
    "breakdown_rows",
    "diff_plans",
    "editing",
    "from_json",
    "from_plan_data",
    "parse_file",
    "parse_text",
    "read_document",
    "to_json",
    "to_plan_data",
]
