"""Shared fixtures: one ``store`` parametrized over the backends, and the fixture graphs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graph.demo import demo_records
from graph.embedded import EmbeddedStore
from graph.model import Records
from graph.store import GraphStore
from tests import neo4j_server

ROOT = Path(__file__).resolve().parents[1]
DEMO_DIR = ROOT / "demo" / "kota_contoh"
SHARED = ROOT.parent / "shared"
BACKENDS = ["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite the golden files")


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Say how many Neo4j tests ran, and how long the Neo4j start took."""
    stats = terminalreporter.stats
    reports = [r for key in ("passed", "failed", "skipped") for r in stats.get(key, [])]
    ran = [r for r in reports if "neo4j" in r.keywords and r.when == "call"]
    skipped = [r for r in reports if "neo4j" in r.keywords and r.skipped]
    started = neo4j_server.STARTED
    where = f"{started['uri']} started in {started['seconds']} s" if started else "not started"
    terminalreporter.write_line(f"Neo4j: {len(ran)} tests ran, {len(skipped)} skipped; {where}")


def demo_batch() -> list[Records]:
    """The Kota Contoh demo, read through the real loader."""
    from api.loading import read_files

    return read_files(sorted(DEMO_DIR.glob("*.csv")))


def demo_store_file(folder: Path) -> Path:
    """An embedded store file in ``folder`` holding the Kota Contoh demo (tests copy it)."""
    path = folder / "selaras.db"
    with EmbeddedStore(str(path)) as store:
        store.replace_documents(demo_batch())
    return path


def corners_batch() -> list[Records]:
    """The corner cases of ``tests/corners.py``."""
    from tests.corners import corner_records

    return corner_records()


FIXTURES = {
    "mini": demo_records,
    "kota_contoh": demo_batch,
    "corners": corners_batch,
    "empty": list,
}


@pytest.fixture(scope="session")
def neo4j_uri() -> Iterator[str]:
    """A running Neo4j for the session (see ``tests/neo4j_server.py``)."""
    yield from neo4j_server.neo4j_uri()


@pytest.fixture(scope="session")
def neo4j_available() -> None:
    """Skip (or fail, under SELARAS_REQUIRE_NEO4J=1) when no Neo4j can be started here."""
    neo4j_server.require_launcher()


@pytest.fixture
def neo4j_store(neo4j_uri: str) -> Iterator[GraphStore]:
    """An emptied Neo4j store."""
    from graph.neo4j_store import Neo4jStore

    with Neo4jStore(neo4j_uri) as s:
        s.clear()
        yield s


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    """An empty store of each backend."""
    if request.param == "neo4j":
        yield request.getfixturevalue("neo4j_store")
        return
    with EmbeddedStore(str(tmp_path / "selaras.db")) as s:
        yield s
