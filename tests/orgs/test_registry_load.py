import pytest

from innocity.core.datafile import DataFileError
from innocity.core.orgdata import read_registry
from innocity.orgs.models import Organisation
from innocity.orgs.services import registry_load
from tests.conftest import REGISTRY_FILE

pytestmark = pytest.mark.django_db
TEXT = REGISTRY_FILE.read_text("utf-8")


def test_reloading_the_same_registry_changes_nothing():
    result = registry_load(read_registry(TEXT, "orgs.yaml"), source="orgs.yaml")
    assert (result.created, result.updated, result.unchanged, result.groups) == (0, 0, 48, 3)


def test_a_changed_alias_updates_one_organisation_with_history():
    text = TEXT.replace("aliases: [市通信管理办公室, 市通信发展管理办]", "aliases: [市通信管理办公室, 市通信发展管理办, 通管办]")
    result = registry_load(read_registry(text, "orgs-v2.yaml"), source="orgs-v2.yaml")
    assert (result.created, result.updated) == (0, 1)
    org = Organisation.objects.get(code="tgb")
    assert "通管办" in org.aliases
    assert org.history.latest("history_date").history_change_reason == "loaded from orgs-v2.yaml"


def test_a_name_owned_by_another_stored_organisation_refuses_the_file():
    Organisation.objects.create(code="other", type="department", name="新乡市某某局", short_name="市某某局")
    text = TEXT.replace("short: 市林业局", "short: 市某某局")
    with pytest.raises(DataFileError, match="名称 市某某局 已被组织 other 使用"):
        registry_load(read_registry(text, "orgs.yaml"), source="orgs.yaml")
    assert Organisation.objects.get(code="lyj").short_name == "市林业局"
