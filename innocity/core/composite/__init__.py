"""Composite-indicator engine with COINr semantics (JRC/OECD method), vectorised with numpy.

Pure: no Django, no app imports. Typical use:

    from innocity.core.composite import load_tables, load_spec, build
    tables = load_tables("iData.csv", "iMeta.csv")
    coin = build(tables, load_spec("spec.yaml"))
    coin.datasets["Aggregated"].values        # units × (indicators + aggregates)
    coin.results.ranks("Index")               # ranks at any level
    variant = coin.rebuild({"aggregate": {"method": "geometric"}})

Tables can also come from Python data (`tables_from_records`), as the web app passes them from its
database. Analysis lives in `analysis`, Monte Carlo uncertainty and Sobol sensitivity in `uncertainty`.
"""

from innocity.core.composite.coin import Coin, Dataset, LevelResult, LogEntry, Results, build
from innocity.core.composite.errors import CompositeInputError, Problem
from innocity.core.composite.io import load_tables, read_weights_file, write_csv
from innocity.core.composite.spec import Spec, load_spec, spec_from_dict
from innocity.core.composite.tables import Framework, Tables, framework_from_records, tables_from_records

__all__ = [
    "Coin",
    "CompositeInputError",
    "Dataset",
    "Framework",
    "LevelResult",
    "LogEntry",
    "Problem",
    "Results",
    "Spec",
    "Tables",
    "build",
    "framework_from_records",
    "load_spec",
    "load_tables",
    "read_weights_file",
    "spec_from_dict",
    "tables_from_records",
    "write_csv",
]
