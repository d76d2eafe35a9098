"""The examples in the core's docstrings are true: every module of innocity.core runs its doctests."""

import doctest
import importlib
import pkgutil

import pytest

import innocity.core

MODULES = sorted(info.name for info in pkgutil.walk_packages(innocity.core.__path__, "innocity.core."))


@pytest.mark.parametrize("name", MODULES)
def test_doctests_of_the_module_hold(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
