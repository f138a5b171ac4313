"""The parity contract at the size of a real pemda: both stores answer every query alike.

The golden files hold the rows of small hand-made fixtures; here one generated kabupaten
(``selaras generate``: some 4,800 elements in five kinds of document, with orphans, unsupported
sasaran, duplicates and pagu mismatches planted) is written to an embedded store and to Neo4j,
and every query, with its defaults and each parameter set of its goldens, must give the same
rows in the same order on both, or the same error.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from graph.embedded import EmbeddedStore
from graph.errors import SelarasError
from graph.store import GraphStore
from loaders.synthetic import generate
from queries import CATALOGUE, run_query
from tests.queries.test_golden import examples, json_rows

pytestmark = pytest.mark.neo4j
SEED = 7


@pytest.fixture(scope="module")
def stores(neo4j_uri: str) -> Iterator[dict[str, GraphStore]]:
    """The generated pemda in an embedded store and in Neo4j."""
    from graph.neo4j_store import Neo4jStore

    records = list(generate(1, SEED).records)
    with EmbeddedStore(":memory:") as embedded, Neo4jStore(neo4j_uri) as neo4j:
        neo4j.clear()
        for store in (embedded, neo4j):
            store.replace_documents(records)
        yield {"embedded": embedded, "neo4j": neo4j}
        neo4j.clear()


def answer(store: GraphStore, query: str, params: dict[str, Any]) -> list[Any] | str:
    """The rows as JSON values, or the error's kind and message."""
    try:
        return json_rows(run_query(store, query, params).rows)
    except SelarasError as exc:
        return f"{type(exc).__name__}: {exc}"


def parameter_sets(query: str, embedded: GraphStore) -> list[dict[str, Any]]:
    """The defaults and the goldens' parameter sets; a trace starts from a generated element
    (the top of the chain for ``trace_down``, a sub kegiatan for ``trace_up``)."""
    if query.startswith("trace_"):
        kind = "sasaran" if query == "trace_down" else "sub_kegiatan"
        start = next(n for n, d in embedded.graph.nodes(data=True) if d["kind"] == kind)
        return [{"id": start}, {"id": start, "max_depth": 2}]
    return [{}, *(p for p in examples(query, "*") if p)]


@pytest.mark.parametrize("query", sorted(CATALOGUE))
def test_both_stores_answer_alike(stores: dict[str, GraphStore], query: str) -> None:
    for params in parameter_sets(query, stores["embedded"]):
        embedded = answer(stores["embedded"], query, params)
        neo4j = answer(stores["neo4j"], query, params)
        assert embedded == neo4j, (query, params)
