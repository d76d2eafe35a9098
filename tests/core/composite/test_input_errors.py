"""Bad input gives one error listing every problem with its table, row and column; the command exits 2."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from innocity.commands.index import index_app
from innocity.core.composite import CompositeInputError, load_spec, load_tables, spec_from_dict
from innocity.core.composite.tables import framework_from_records, tables_from_records

from .helpers import META, write_csv

META_HEADER = ["Level", "iCode", "iName", "Direction", "Weight", "Parent", "Type"]
GOOD_META = [
    [1, "a", "A", 1, 1, "P", "Indicator"],
    [1, "b", "B", 1, 1, "P", "Indicator"],
    [2, "P", "P", 1, 1, "Index", "Aggregate"],
    [3, "Index", "Index", 1, 1, "", "Aggregate"],
]


def problems_of(func, *args):
    with pytest.raises(CompositeInputError) as caught:
        func(*args)
    return caught.value.problems


def test_indicator_without_parent_names_row_and_column(tmp_path):
    meta = write_csv(tmp_path / "iMeta.csv", [META_HEADER, [1, "a", "A", 1, 1, "", "Indicator"], *GOOD_META[1:]])
    data = write_csv(tmp_path / "iData.csv", [["uCode", "a", "b"], ["X", 1, 2]])
    [problem] = problems_of(load_tables, data, meta)
    assert (problem.table, problem.row, problem.column) == ("iMeta.csv", 2, "Parent")
    assert "没有上级" in problem.reason


def test_cycle_in_hierarchy_is_reported_once():
    meta = [
        {"iCode": "a", "Level": 1, "Type": "Indicator", "Weight": 1, "Parent": "P"},
        {"iCode": "P", "Level": 2, "Type": "Aggregate", "Weight": 1, "Parent": "Q"},
        {"iCode": "Q", "Level": 3, "Type": "Aggregate", "Weight": 1, "Parent": "P"},
    ]
    found = problems_of(framework_from_records, meta)
    cycles = [p for p in found if "循环" in p.reason]
    assert len(cycles) == 1 and cycles[0].column == "Parent" and "P → Q → P" in cycles[0].reason


def test_weight_not_a_number_and_other_problems_are_collected_together(tmp_path):
    meta = write_csv(tmp_path / "iMeta.csv", [
        META_HEADER, [1, "a", "A", 1, "heavy", "P", "Indicator"], [1, "b", "B", 2, 1, "P", "Indicator"],
        [1, "b", "B again", 1, 1, "P", "Indicator"], [2, "P", "P", 1, 1, "Index", "Aggregate"],
        [3, "Index", "Index", 1, 1, "", "Aggregate"], [1, "c", "C", 1, 1, "P", "Indicatr"],
    ])
    data = write_csv(tmp_path / "iData.csv", [["uCode", "a", "b"], ["X", 1, 2]])
    found = {(p.row, p.column) for p in problems_of(load_tables, data, meta)}
    assert found == {(2, "Weight"), (3, "Direction"), (4, "iCode"), (7, "Type")}


def test_duplicate_unit_and_non_numeric_value_name_the_cells(tmp_path):
    meta = write_csv(tmp_path / "iMeta.csv", [META_HEADER, *GOOD_META])
    data = write_csv(tmp_path / "iData.csv", [["uCode", "a", "b"], ["X", 1, 2], ["Y", "1,5", 3], ["X", 4, "abc"],
                                              ["Z", 5, "NA"]])
    found = problems_of(load_tables, data, meta)
    where = {(p.table, p.row, p.column) for p in found}
    assert where == {("iData.csv", 4, "uCode"), ("iData.csv", 3, "a"), ("iData.csv", 4, "b")}
    assert any("'1,5'" in p.reason for p in found)


def test_missing_values_written_as_na_are_read_as_missing(tmp_path):
    meta = write_csv(tmp_path / "iMeta.csv", [META_HEADER, *GOOD_META])
    data = write_csv(tmp_path / "iData.csv", [["uCode", "a", "b"], ["X", 1, "NA"], ["Y", "", 3.5]])
    tables = load_tables(data, meta)
    assert tables.values[0, 1] != tables.values[0, 1] and tables.values[1, 0] != tables.values[1, 0]
    assert tables.values[1, 1] == 3.5


def test_panel_duplicates_only_within_a_period():
    tables = tables_from_records({"uCode": ["A", "A", "B"], "Time": [2020, 2021, 2021], "a": [1, 2, 3], "b": [1, 2, 3],
                                  "c": [1, 2, 3]}, META)
    assert tables.is_panel
    found = problems_of(tables_from_records, {"uCode": ["A", "A"], "Time": [2021, 2021], "a": [1, 2], "b": [1, 2],
                                              "c": [1, 2]}, META)
    assert [(p.row, p.column) for p in found] == [(3, "uCode")]


def test_missing_indicator_column_and_parent_level_mismatch():
    found = problems_of(tables_from_records, {"uCode": ["A"], "a": [1]}, META)
    assert {p.column for p in found} == {"b", "c"}
    meta = [dict(m) for m in META]
    meta[0]["Parent"] = "Index"  # an indicator straight under level 3
    found = problems_of(framework_from_records, meta)
    assert any(p.row == 2 and p.column == "Parent" and "层级" in p.reason for p in found)


def test_spec_problems_carry_line_numbers(tmp_path):
    path = tmp_path / "spec.yaml"
    path.write_text("steps:\n  - impute: {method: mode}\n  - normalise:\n      method: minmax\n      range: [0]\n"
                    "  - aggregate: {method: arithmetic, p: 2, min_share: 1.5}\n", encoding="utf-8")
    found = problems_of(load_spec, path)
    lines = {(p.row, p.column) for p in found}
    assert (2, "steps.0.impute.method") in lines
    assert (5, "steps.1.normalise.range") in lines
    assert (6, "steps.2.aggregate.min_share") in lines
    assert all(p.table == "spec.yaml" for p in found)


def test_spec_unknown_step_and_option():
    found = problems_of(spec_from_dict, {"steps": [{"smooth": {}}, {"normalise": {"methd": "minmax"}}]})
    assert {p.column for p in found} == {"steps.0", "steps.1.normalise.methd"}


def test_command_prints_problems_and_exits_2_without_output(tmp_path):
    meta = write_csv(tmp_path / "iMeta.csv", [META_HEADER, [1, "a", "A", 1, "x", "P", "Indicator"], *GOOD_META[1:]])
    data = write_csv(tmp_path / "iData.csv", [["uCode", "a", "b"], ["X", 1, 2], ["X", "?", 2]])
    spec = tmp_path / "spec.yaml"
    spec.write_text("steps:\n  - normalise: {method: minmax}\n  - aggregate: {}\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(index_app, ["build", "--data", str(data), "--meta", str(meta), "--spec", str(spec),
                                            "--out", str(out)])
    assert result.exit_code == 2
    assert "iMeta.csv 第 2 行，列 Weight" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_command_reports_data_and_spec_problems_together(tmp_path):
    meta = write_csv(tmp_path / "iMeta.csv", [META_HEADER, *GOOD_META])
    data = write_csv(tmp_path / "iData.csv", [["uCode", "a", "b"], ["X", 1, "two"]])
    spec = tmp_path / "spec.yaml"
    spec.write_text("steps:\n  - normalise: {method: maxmin}\n", encoding="utf-8")
    result = CliRunner().invoke(index_app, ["build", "--data", str(data), "--meta", str(meta), "--spec", str(spec),
                                            "--out", str(tmp_path / "o.csv")])
    assert result.exit_code == 2
    assert "iData.csv 第 2 行，列 b" in result.output and "spec.yaml 第 2 行" in result.output


def test_missing_files_are_problems_not_tracebacks(tmp_path):
    result = CliRunner().invoke(index_app, ["build", "--data", str(tmp_path / "no.csv"), "--meta",
                                            str(tmp_path / "nometa.csv"), "--spec", str(tmp_path / "no.yaml"),
                                            "--out", str(tmp_path / "o.csv")])
    assert result.exit_code == 2
    assert result.output.count("文件不存在") == 3


def test_spec_codes_are_checked_against_the_tables():
    tables = tables_from_records({"uCode": ["A", "B"], "a": [1, 2], "b": [1, 2], "c": [1, 2]}, META)
    spec = spec_from_dict({"steps": [{"impute": {"method": "group_mean", "group": "Region"}},
                                     {"normalise": {"indicators": {"zz": {"method": "rank"}}}},
                                     {"aggregate": {"levels": {"Nowhere": {"method": "geometric"}}}}]})
    from innocity.core.composite import build

    found = problems_of(build, tables, spec)
    assert {p.column for p in found} == {"group", "indicators.zz", "levels.Nowhere"}


def test_gbk_encoded_csv_is_read(tmp_path):
    meta = tmp_path / "iMeta.csv"
    meta.write_bytes(("Level,iCode,iName,Direction,Weight,Parent,Type\n1,a,创新,1,1,P,Indicator\n"
                      "1,b,投入,1,1,P,Indicator\n2,P,维度,1,1,Index,Aggregate\n3,Index,指数,1,1,,Aggregate\n").encode("gbk"))
    data = tmp_path / "iData.csv"
    data.write_bytes("uCode,uName,a,b\nX,红旗区,1,2\nY,卫滨区,3,4\n".encode("gbk"))
    tables = load_tables(data, meta)
    assert tables.names.tolist() == ["红旗区", "卫滨区"]
    assert tables.framework.rows["a"].name == "创新"
