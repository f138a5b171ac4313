"""Ad-hoc Cypher is read-only by construction: 25+ writing or escaping texts are all refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from api.cli import main
from graph.demo import demo_records
from graph.errors import QueryError
from graph.store import GraphStore
from tests.graph.test_stores import snapshot

HOSTILE = [
    "CREATE (:X)",
    "MERGE (x:X {id: 1}) RETURN x",
    "MATCH (e:Element) SET e.nama = 'x'",
    "MATCH (e:Element) DELETE e",
    "MATCH (e:Element) DETACH DELETE e",
    "MATCH (e:Element) REMOVE e.nama",
    "MATCH (e:Element) REMOVE e:Element",
    "MATCH (e:Element) SET e:Hacked",
    "MATCH (e:Element) WITH e LIMIT 1 CREATE (e)-[:SUPPORTS]->(e)",
    "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
    "load\tcsv FROM 'https://example.invalid/x.csv' AS row RETURN row",
    "LOAD/**/CSV FROM 'file:///etc/passwd' AS row RETURN row",
    "LOAD\u00a0CSV FROM 'file:///etc/passwd' AS row RETURN row",
    "CALL dbms.security.listUsers()",
    "CALL dbms.killQueries(['query-1'])",
    "CALL db.createLabel('X')",
    "CALL apoc.create.node(['X'], {}) YIELD node RETURN node",
    "CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DETACH DELETE n', {})",
    "CALL { MATCH (e:Element) DETACH DELETE e } IN TRANSACTIONS",
    "MATCH (e:Element) CALL (e) { SET e.x = 1 } IN TRANSACTIONS OF 10 ROWS",
    "MATCH (e:Element) CALL (e) { DELETE e } RETURN count(*)",
    "MATCH (e:Element) FOREACH (x IN [1] | SET e.x = x)",
    "MATCH (e:Element) RETURN e // harmless?\nCREATE (:X)",
    "CREATE DATABASE evil",
    "DROP CONSTRAINT selaras_element_id",
    "CREATE INDEX evil FOR (n:X) ON (n.y)",
    "CREATE USER evil SET PASSWORD 'x'",
    "MATCH (e:Element) RETURN e; MATCH (n) DETACH DELETE n",
    "USE system SHOW USERS",
]


@pytest.mark.neo4j
def test_every_hostile_text_is_refused_and_nothing_changes(neo4j_store: GraphStore) -> None:
    neo4j_store.replace_documents(demo_records())
    before = snapshot(neo4j_store)
    refused = 0
    for text in HOSTILE:
        with pytest.raises(QueryError):
            neo4j_store.cypher(text, {}, 100)
        refused += 1
    assert refused >= 25
    assert snapshot(neo4j_store) == before


@pytest.mark.neo4j
def test_read_only_cypher_answers_with_a_row_cap(neo4j_store: GraphStore) -> None:
    neo4j_store.replace_documents(demo_records())
    result = neo4j_store.cypher("MATCH (e:Element) RETURN e.id AS id ORDER BY id", {}, 5)
    assert result["columns"] == ["id"] and len(result["rows"]) == 5 and result["truncated"]
    node = neo4j_store.cypher("MATCH (v:Visi) RETURN v", {}, 5)["rows"][0]["v"]
    assert node["labels"] == ["Element", "Visi"] and node["kind"] == "visi"
    labels = neo4j_store.cypher("CALL db.labels() YIELD label RETURN label ORDER BY label", {}, 50)
    assert {"label": "Sasaran"} in labels["rows"]
    slow = "UNWIND range(1, 100000000) AS x WITH x WHERE x % 7 = 99 RETURN count(x) AS n"
    before = snapshot(neo4j_store)
    with pytest.raises(QueryError, match="waktu habis / timed out"):
        neo4j_store.cypher(slow, {}, 5, timeout=0.5)
    assert snapshot(neo4j_store) == before
    for params in ({"n": 2**70}, {"n": "\udc00"}, {"n": [1, {"m": -(2**64)}]}):
        with pytest.raises(QueryError):  # found by schemathesis: a 500 from the driver before
            neo4j_store.cypher("RETURN $n AS n", params, 5)


def test_cypher_on_the_embedded_store_says_how_to_move(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["--store", str(tmp_path / "s.db"), "cypher", "MATCH (n) RETURN n"]
    )
    assert result.exit_code == 2 and "selaras copy" in result.stderr
