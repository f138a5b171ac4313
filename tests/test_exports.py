"""Each package's ``__all__`` names exactly what it exports (httpx's test_exported_members)."""

import importlib

import pytest

PACKAGES = ["graph", "loaders", "queries", "api"]


@pytest.mark.parametrize(
    "name", PACKAGES + ["graph.codes", "graph.model", "graph.store", "api.errors"]
)
def test_all_names_what_the_module_has(name: str) -> None:
    module = importlib.import_module(name)
    exported = module.__all__
    assert len(set(exported)) == len(exported)
    for member in exported:
        assert hasattr(module, member), f"{name}.{member}"
