"""The HTTP face answers with the same JSON as the CLI, and one error shape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from api.app import create_app
from api.cli import main
from graph.demo import demo_records
from graph.embedded import EmbeddedStore
from graph.store import GraphStore


def _client(tmp_path: Path) -> tuple[TestClient, Path]:
    db = tmp_path / "s.db"
    with EmbeddedStore(str(db)) as store:
        store.replace_documents(demo_records())
    return TestClient(create_app(str(db))), db


def test_health_and_catalogue(tmp_path: Path) -> None:
    client, _ = _client(tmp_path)
    with client:
        health = client.get("/api/health").json()
        assert health["store"] == "embedded" and health["counts"]["elements"] == 12
        names = [q["name"] for q in client.get("/api/queries").json()]
        assert "orphaned_activities" in names


def test_query_json_equals_cli_json(tmp_path: Path) -> None:
    client, db = _client(tmp_path)
    with client:
        http = client.get("/api/queries/unsupported_priorities", params={"tahun": "2026"}).json()
    cli = CliRunner().invoke(
        main,
        [
            "--store",
            str(db),
            "query",
            "unsupported_priorities",
            "-p",
            "tahun=2026",
            "--format",
            "json",
        ],
    )
    assert http == json.loads(cli.stdout)
    assert http["rows"][0]["id"] == "rpjmd-kota-mini-2025-2029:sasaran:S2"


def test_error_shape(tmp_path: Path) -> None:
    client, _ = _client(tmp_path)
    with client:
        missing = client.get("/api/queries/nope")
        bad = client.get("/api/queries/unsupported_priorities", params={"tahun": "x"})
        element = client.get("/api/elements/nope")
    assert missing.status_code == 404 and set(missing.json()) == {"ok", "error", "status"}
    assert bad.status_code == 400 and bad.json()["ok"] is False
    assert element.status_code == 404


@pytest.mark.neo4j
def test_app_on_neo4j_answers_as_on_embedded(
    neo4j_store: GraphStore, neo4j_uri: str, tmp_path: Path
) -> None:
    neo4j_store.replace_documents(demo_records())
    embedded, _ = _client(tmp_path)
    with TestClient(create_app(neo4j_uri)) as neo, embedded:
        assert neo.get("/api/health").json()["store"] == "neo4j"
        for name in ("orphaned_activities", "unsupported_priorities", "duplicated_programs"):
            assert (
                neo.get(f"/api/queries/{name}").json()
                == embedded.get(f"/api/queries/{name}").json()
            )
        element = "renstra-kota-mini-dinkes-2025-2029:sasaran:SP1"
        assert (
            neo.get(f"/api/elements/{element}").json()["parents"][0]["id"]
            == (embedded.get(f"/api/elements/{element}").json()["parents"][0]["id"])
        )
