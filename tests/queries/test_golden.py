"""The parity contract: every query × fixture × backend gives the rows in the golden file.

Each query's parameter sets live next to its goldens, in ``golden/<query>/examples.json``
(``{"*": [...], "<fixture>": [...]}``); ``pytest --update-golden`` rewrites the goldens.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from graph.embedded import EmbeddedStore
from graph.store import GraphStore
from queries import CATALOGUE, run_query
from tests.conftest import BACKENDS, FIXTURES

GOLDEN = Path(__file__).with_name("golden")


def examples(query: str, fixture: str) -> list[dict[str, Any]]:
    """The parameter sets of ``golden/<query>/examples.json`` for a fixture (``*``: any)."""
    path = GOLDEN / query / "examples.json"
    if not path.exists():
        return []
    by_fixture: dict[str, list[dict[str, Any]]] = json.loads(path.read_text(encoding="utf-8"))
    return by_fixture.get(fixture, by_fixture.get("*", []))


CASES = [
    pytest.param(f, q, id=f"{f}-{q}") for f in FIXTURES for q in sorted(CATALOGUE) if examples(q, f)
]


@pytest.fixture(scope="module", params=BACKENDS)
def loaded(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[[str], GraphStore]]:
    """A store per backend for the module, reloaded only when the fixture graph changes."""
    if request.param == "neo4j":
        from graph.neo4j_store import Neo4jStore

        store: GraphStore = Neo4jStore(request.getfixturevalue("neo4j_uri"))
    else:
        store = EmbeddedStore(str(tmp_path_factory.mktemp("golden") / "s.db"))
    current: list[str] = []

    def load(fixture: str) -> GraphStore:
        if current != [fixture]:
            for doc in store.documents():
                store.delete_document(str(doc["id"]))
            store.replace_documents(FIXTURES[fixture]())
            current[:] = [fixture]
        return store

    yield load
    store.close()


def json_rows(rows: list[Any]) -> list[dict[str, Any]]:
    """Query rows as the JSON values the goldens hold (tuples become lists)."""
    return json.loads(json.dumps([r._asdict() for r in rows]))


@pytest.mark.parametrize(("fixture", "query"), CASES)
def test_golden(
    loaded: Callable[[str], GraphStore], fixture: str, query: str, request: pytest.FixtureRequest
) -> None:
    store = loaded(fixture)
    got = [
        {"params": p, "rows": json_rows(run_query(store, query, p).rows)}
        for p in examples(query, fixture)
    ]
    path = GOLDEN / query / f"{fixture}.json"
    if request.config.getoption("--update-golden"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert got == json.loads(path.read_text(encoding="utf-8"))


def test_every_query_has_goldens_and_a_twin() -> None:
    for name in CATALOGUE:
        assert (GOLDEN / name / "examples.json").is_file(), name
        assert CATALOGUE[name].cypher.strip(), name


def _cypher_names(text: str) -> set[str]:
    text = re.sub(r"//[^\n]*|'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"", "", text)
    return set(re.findall(r"\$([A-Za-z_][A-Za-z0-9_]*)", text))


# What the Neo4j store adds for the twins (graph/neo4j_store.py::run): the key of the ``opd``
# asked for, every OPD name's key, and the names of the OPD asked for.
DERIVED = {"opd_key", "opd_keys", "opd_short", "opd_spellings"}


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_cypher_parameters_are_the_function_parameters(name: str) -> None:
    q = CATALOGUE[name]
    names = _cypher_names(q.cypher)
    params = {p.name for p in q.params}
    assert {n for n in names - DERIVED if not n.startswith("chain_")} == params
    assert names.isdisjoint({"opd_key", "opd_spellings"}) or "opd" in params


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_cypher_orders_rows_totally(name: str) -> None:
    order = CATALOGUE[name].cypher.rsplit("ORDER BY", 1)[1]
    assert re.search(r"\bid\b", order), f"{name}.cypher must end ORDER BY …, id"
