"""Shared inputs of the planparse tests: the Xinxiang document, its registry and reviewed data."""

from pathlib import Path

import pytest
import yaml

from innocity.core.orgnames import directory_from_registry
from innocity.core.planparse import parse_text

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "samples" / "xinxiang-innovative-city-plan-2022-2024.txt"
REVIEWED = ROOT / "innocity" / "plans" / "data" / "xinxiang-2022-2024.yaml"
REGISTRY = ROOT / "innocity" / "orgs" / "data" / "xinxiang-organisations.yaml"
DOCUMENTS = Path(__file__).resolve().parent / "documents"


@pytest.fixture(scope="session")
def directory():
    return directory_from_registry(yaml.safe_load(REGISTRY.read_text(encoding="utf-8")), {"新乡市": "市"})


@pytest.fixture(scope="session")
def xinxiang(directory):
    return parse_text(SAMPLE.read_text(encoding="utf-8"), directory)


@pytest.fixture(scope="session")
def reviewed():
    return yaml.safe_load(REVIEWED.read_text(encoding="utf-8"))
