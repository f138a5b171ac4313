"""The Neo4j the tests use: ``SELARAS_NEO4J_URI``, or one started from ``tools/neo4j``.

With ``SELARAS_REQUIRE_NEO4J=1`` (CI) a missing Neo4j fails the session instead of skipping.
A database given by URI is used only if it is empty or was filled by an earlier test session
(it then holds the ``:SelarasTestMarker`` node); it is never wiped otherwise.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import GraphDatabase

ROOT = Path(__file__).resolve().parents[1]
STARTED: dict[str, float | str] = {}
MARKER = "MERGE (:SelarasTestMarker {note: 'created by the Selaras test suite'})"
FOREIGN = "MATCH (n) WHERE NOT n:SelarasTestMarker RETURN count(n) AS n"


def _require() -> bool:
    return os.environ.get("SELARAS_REQUIRE_NEO4J") == "1"


def _unavailable(reason: str) -> None:
    if _require():
        pytest.fail(
            f"Neo4j wajib ada / required (SELARAS_REQUIRE_NEO4J=1): {reason}", pytrace=False
        )
    pytest.skip(f"Neo4j tidak tersedia / not available: {reason}")


def _claim(uri: str) -> None:
    """Refuse a database that holds data this suite did not create; else mark it ours."""
    with GraphDatabase.driver(uri, notifications_min_severity="OFF") as driver:
        marked = driver.execute_query("MATCH (m:SelarasTestMarker) RETURN count(m) AS n").records
        foreign = driver.execute_query(FOREIGN).records[0]["n"]
        if foreign and not marked[0]["n"]:
            pytest.exit(
                f"{uri} berisi data lain / holds data the tests did not create: "
                "refusing to wipe it",
                returncode=3,
            )
        driver.execute_query(MARKER)


def require_launcher() -> None:
    """Skip or fail when the launcher in ``tools/neo4j`` cannot run here."""
    sys.path.insert(0, str(ROOT / "tools" / "neo4j"))
    from server import java_and_maven_available

    reason = java_and_maven_available()
    if reason:
        _unavailable(reason)


def neo4j_uri() -> Iterator[str]:
    """Yield a Bolt URI for the whole test session."""
    given = os.environ.get("SELARAS_NEO4J_URI")
    if given:
        _claim(given)
        yield given
        return
    sys.path.insert(0, str(ROOT / "tools" / "neo4j"))
    from server import LauncherError, Neo4jServer, build, java_and_maven_available

    reason = java_and_maven_available()
    if reason:
        _unavailable(reason)
    started = time.monotonic()
    try:
        build()
        server = Neo4jServer.start(Path(tempfile.mkdtemp(prefix="selaras-neo4j-")))
    except LauncherError as exc:
        _unavailable(str(exc))
        return
    STARTED.update(uri=server.uri, seconds=round(time.monotonic() - started, 1))
    try:
        _claim(server.uri)
        yield server.uri
    finally:
        server.stop()
