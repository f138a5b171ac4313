"""The CLI on a Neo4j store works exactly as on the embedded store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from api.cli import main
from graph.store import GraphStore


def run(store: str, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--store", store, *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.neo4j
def test_demo_on_neo4j_answers_as_embedded(
    neo4j_store: GraphStore, neo4j_uri: str, tmp_path: Path
) -> None:
    db = str(tmp_path / "s.db")
    assert run(neo4j_uri, "demo")[0] == 0 and run(db, "demo")[0] == 0
    for query in ("orphaned_activities", "unsupported_priorities", "duplicated_programs"):
        answers = []
        for store in (neo4j_uri, db):
            code, out, err = run(store, "query", query, "--format", "json")
            answers.append((code, {k: v for k, v in json.loads(out).items() if k != "seconds"}))
        assert answers[0] == answers[1]
    assert run(neo4j_uri, "check")[0] == 1
    assert run(neo4j_uri, "documents", "--format", "json")[1].count('"id"') == 10


@pytest.mark.parametrize("uri", ["bolt://127.0.0.1:9", "neo4j://127.0.0.1:9"])
def test_unreachable_neo4j_is_exit_3_without_traceback(uri: str) -> None:
    code, _, err = run(uri, "documents")
    assert code == 3
    assert "127.0.0.1:9" in err and "Traceback" not in err
