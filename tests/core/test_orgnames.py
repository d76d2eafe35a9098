import pytest
from hypothesis import given
from hypothesis import strategies as st

from innocity.core.orgdata import read_registry
from innocity.core.orgnames import normalise_name
from tests.conftest import REGISTRY_FILE

COUNTIES = ("卫辉市", "辉县市", "长垣市", "新乡县", "获嘉县", "原阳县", "延津县", "封丘县", "红旗区", "卫滨区", "凤泉区", "牧野区")


DIRECTORY = read_registry(REGISTRY_FILE.read_text("utf-8"), REGISTRY_FILE.name).directory({"新乡市": "市"})


@pytest.fixture
def directory():
    return DIRECTORY


@pytest.mark.parametrize(
    ("written", "keys", "method"),
    [
        ("市发改委", ("市发改委",), "exact"),
        ("市发展改革委", ("市发改委",), "exact"),
        ("新乡市发展和改革委员会", ("市发改委",), "exact"),
        ("新乡市财政局", ("市财政局",), "exact"),
        ("牧野区人民政府", ("牧野区",), "exact"),
        ("高新区管委会", ("高新区",), "exact"),
        ("农灌所", ("农灌所",), "exact"),
        ("中国农业科学院农田灌溉研究所", ("农灌所",), "exact"),
        ("市科技局等", ("市科技局",), "exact"),
        ("新乡市通管办", ("市通管办",), "prefix"),
        ("凤泉区管委会", ("凤泉区",), "suffix"),
        ("市发展和改革委", ("市发改委",), "fuzzy"),
    ],
)
def test_written_forms_resolve_to_the_registry(directory, written, keys, method):
    resolution = directory.resolve(written)
    assert resolution.keys == keys
    assert resolution.method == method


@pytest.mark.parametrize("written", ["各县〔市、区〕政府", "各县(市、区)政府", "各县（市、区）政府", "各县(市)、区人民政府"])
def test_every_bracket_form_of_the_county_group_expands_to_all_twelve(directory, written):
    resolution = directory.resolve(written)
    assert resolution.is_group
    assert resolution.keys == COUNTIES


def test_universities_group_expands_to_the_eight_institutions(directory):
    keys = directory.resolve("驻新高校、科研院所").keys
    assert len(keys) == 8 and "中电科22所" in keys and "农灌所" in keys


@pytest.mark.parametrize("written", ["省科技厅", "北大荒集团", "", "   ", "省发展改革委", "省地方金融监管局"])
def test_unknown_names_stay_unresolved(directory, written):
    resolution = directory.resolve(written)
    assert not resolution.resolved
    assert resolution.written == written


@given(st.text(max_size=40))
def test_resolving_any_text_never_fails(text):
    resolution = DIRECTORY.resolve(text)
    assert isinstance(resolution.keys, tuple)


@given(st.text(max_size=40))
def test_normalising_is_idempotent(text):
    assert normalise_name(normalise_name(text)) == normalise_name(text)
