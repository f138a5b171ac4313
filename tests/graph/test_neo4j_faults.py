"""Neo4j killed in the middle of a load: after a restart the document is whole or absent."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from graph.model import Document, Element, Link, Records
from graph.neo4j_store import Neo4jStore
from tests.conftest import ROOT

pytestmark = pytest.mark.neo4j
DOC = Document("renja-kota-besar-dinkes-2026", "RENJA", "Kota Besar", 2026, 2026, "Dinkes")
LOAD_BIG = """
import sys
from graph.neo4j_store import Neo4jStore
from tests.graph.test_neo4j_faults import big
with Neo4jStore(sys.argv[1]) as store:
    print("START", flush=True)
    store.replace_documents([big(int(sys.argv[2]))])
    print("DONE", flush=True)
"""


def big(n: int) -> Records:
    """One Renja with ``n`` sub kegiatan chained under one kegiatan (a large write)."""
    base = {"pemda": DOC.pemda, "periode": "2026", "dokumen_jenis": "RENJA", "opd": "Dinkes"}
    keg = Element(f"{DOC.id}:kegiatan:1.02.02.2.01", "kegiatan", DOC.id, {**base, "nama": "K"})
    subs = [
        Element(f"{DOC.id}:sub_kegiatan:{i}", "sub_kegiatan", DOC.id, {**base, "nama": f"S{i}"})
        for i in range(n)
    ]
    links = [Link(s.id, keg.id, "kode", DOC.id) for s in subs]
    return Records(DOC, [keg, *subs], links)


def _server() -> type:
    sys.path.insert(0, str(ROOT / "tools" / "neo4j"))
    from server import Neo4jServer

    return Neo4jServer


def test_kill_mid_load_leaves_old_or_new_document(neo4j_available: None) -> None:
    server_class = _server()
    data = Path(tempfile.mkdtemp(prefix="selaras-kill-"))
    server = server_class.start(data)
    with Neo4jStore(server.uri) as store:
        store.replace_documents([big(100)])
    load = subprocess.Popen(
        [sys.executable, "-c", LOAD_BIG, server.uri, "60000"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert load.stdout is not None and load.stdout.readline().strip() == "START"
    time.sleep(1.5)
    server.kill()
    out, _ = load.communicate(timeout=120)
    assert "DONE" not in out, "the load finished before the kill: make it bigger"
    server = server_class.start(data)
    try:
        with Neo4jStore(server.uri) as store:
            elements = store.stats()["elements"]
            assert elements in (101, 60001), f"half a document: {elements} elements"
            store.replace_documents([big(60000)])
            assert store.stats()["elements"] == 60001
    finally:
        server.stop()


def test_wrong_password_is_a_clear_exit_3(
    neo4j_available: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from api.cli import main

    server = _server().start(
        Path(tempfile.mkdtemp(prefix="selaras-auth-")), password="rahasia-benar"
    )
    try:
        monkeypatch.setenv("SELARAS_NEO4J_PASSWORD", "salah")
        wrong = CliRunner().invoke(main, ["--store", server.uri, "documents"])
        assert wrong.exit_code == 3 and "authentication failed" in wrong.stderr
        assert "Traceback" not in wrong.stderr
        monkeypatch.setenv("SELARAS_NEO4J_PASSWORD", "rahasia-benar")
        right = CliRunner().invoke(main, ["--store", server.uri, "documents", "--format", "json"])
        assert right.exit_code == 0 and right.stdout.strip() == "[]"
    finally:
        server.stop()
