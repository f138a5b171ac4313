"""A load or a query past the Neo4j server's transaction memory: said plainly, at once, and
with nothing written.

The server here is a real Neo4j started with 4 MiB a transaction (``-Dselaras.txmemory.mb``),
so a small write already goes past it. The driver retries transient errors for 30 s; this one
would only fail again, so it must not be retried.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator

import pytest

from graph.demo import demo_records
from graph.errors import QueryError, TooLarge
from graph.neo4j_store import Neo4jStore
from tests.graph.test_neo4j_faults import _server, big

pytestmark = pytest.mark.neo4j
SMALL = "-Xms256m -Xmx512m -XX:+UseG1GC -Dselaras.txmemory.mb=4 -Dselaras.pagecache.mb=64"


@pytest.fixture(scope="module")
def small_uri(neo4j_available: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Neo4j of its own whose transactions may use 4 MiB each."""
    before = os.environ.get("SELARAS_NEO4J_JAVA_OPTS")
    os.environ["SELARAS_NEO4J_JAVA_OPTS"] = SMALL
    try:
        server = _server().start(tmp_path_factory.mktemp("small-neo4j"))
    finally:
        if before is None:
            del os.environ["SELARAS_NEO4J_JAVA_OPTS"]
        else:
            os.environ["SELARAS_NEO4J_JAVA_OPTS"] = before
    yield server.uri
    server.stop()


def test_a_load_past_the_memory_limit_says_so_and_writes_nothing(
    small_uri: str, caplog: pytest.LogCaptureFixture
) -> None:
    with Neo4jStore(small_uri) as store:
        store.replace_documents(demo_records())
        before = store.export()
        with caplog.at_level(logging.WARNING, logger="neo4j"):
            with pytest.raises(TooLarge) as info:
                store.replace_documents([big(20_000)])
        assert "db.memory.transaction.max, 4.0 MiB" in str(info.value)
        assert "nothing was written" in str(info.value)
        assert "will be retried" not in caplog.text
        assert store.export() == before


def test_a_query_past_the_memory_limit_says_so(small_uri: str) -> None:
    with Neo4jStore(small_uri) as store, pytest.raises(QueryError) as info:
        store.cypher("UNWIND range(1, 2000000) AS n RETURN collect(n) AS all", {}, limit=1)
    assert "narrow the query" in str(info.value)
