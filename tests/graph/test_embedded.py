import hashlib
import sqlite3
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from graph.demo import demo_records
from graph.embedded import EmbeddedStore
from graph.errors import BackendUnavailable, NotFound
from graph.model import Element, Records


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _snapshot(g: nx.DiGraph) -> tuple[list, list]:
    return sorted(g.nodes(data=True)), sorted(g.edges(data=True))


def test_reopen_gives_the_same_graph(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with EmbeddedStore(str(path)) as store:
        store.replace_documents(demo_records())
        before = _snapshot(store.graph)
    with EmbeddedStore(str(path)) as store:
        assert _snapshot(store.graph) == before
        assert store.stats() == {"documents": 3, "elements": 12, "links": 11, "indicators": 0}


def test_loading_twice_gives_the_same_graph(tmp_path: Path) -> None:
    with EmbeddedStore(str(tmp_path / "s.db")) as store:
        store.replace_documents(demo_records())
        once = _snapshot(store.graph)
        store.replace_documents(demo_records())
        assert _snapshot(store.graph) == once


def test_order_of_documents_does_not_matter(tmp_path: Path) -> None:
    rpjmd, renstra, renja = demo_records()
    with EmbeddedStore(str(tmp_path / "a.db")) as a, EmbeddedStore(str(tmp_path / "b.db")) as b:
        for records in (rpjmd, renstra, renja):
            a.replace_documents([records])
        for records in (renja, renstra, rpjmd):
            b.replace_documents([records])
        assert _snapshot(a.graph) == _snapshot(b.graph)


def test_failed_write_leaves_the_file_byte_for_byte(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with EmbeddedStore(str(path)) as store:
        store.replace_documents(demo_records()[:2])
    before = _digest(path)
    broken = demo_records()[2]
    clash = Element(broken.elements[0].id, "kegiatan", broken.document.id, {"nama": "x"})
    with EmbeddedStore(str(path)) as store:
        with pytest.raises(sqlite3.IntegrityError):
            store.replace_documents([Records(broken.document, [*broken.elements, clash])])
        assert store.stats()["documents"] == 2
    assert _digest(path) == before


def test_delete_document_and_not_found(tmp_path: Path) -> None:
    with EmbeddedStore(str(tmp_path / "s.db")) as store:
        store.replace_documents(demo_records())
        store.delete_document("renja-kota-mini-dinkes-2026")
        assert store.stats()["elements"] == 9
        with pytest.raises(NotFound):
            store.delete_document("renja-kota-mini-dinkes-2026")
        with pytest.raises(NotFound):
            store.element("nope")


def test_element_and_neighbourhood(tmp_path: Path) -> None:
    with EmbeddedStore(str(tmp_path / "s.db")) as store:
        store.replace_documents(demo_records())
        sasaran = store.element("renstra-kota-mini-dinkes-2025-2029:sasaran:SP1")
        assert [p["id"] for p in sasaran["parents"]] == ["rpjmd-kota-mini-2025-2029:sasaran:S1"]
        assert sasaran["parents"][0]["basis"] == "explicit"
        sub = store.neighbourhood(["rpjmd-kota-mini-2025-2029:sasaran:S1"], 2, "down")
        assert len(sub["nodes"]) == 3 and len(sub["edges"]) == 2


def test_another_process_write_is_noticed(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with EmbeddedStore(str(path)) as store:
        assert store.graph.number_of_nodes() == 0
        code = (
            "from graph.embedded import EmbeddedStore; from graph.demo import demo_records\n"
            f"s = EmbeddedStore({str(path)!r}); s.replace_documents(demo_records()); s.close()"
        )
        subprocess.run([sys.executable, "-c", code], check=True)
        assert store.graph.number_of_nodes() == 12


def test_unopenable_path_is_backend_unavailable(tmp_path: Path) -> None:
    with pytest.raises(BackendUnavailable):
        EmbeddedStore(str(tmp_path / "missing" / "dir" / "s.db"))


def test_a_store_made_with_4_kib_pages_keeps_them_and_loads_as_a_new_one(tmp_path: Path) -> None:
    """New files get 16 KiB pages (a faster bulk insert); a file an older Selaras made with
    SQLite's default 4 KiB pages is not rewritten, and reads and writes the same graph."""
    from graph.sqlite_schema import SCHEMA

    old = tmp_path / "old.db"
    db = sqlite3.connect(old)
    db.executescript(SCHEMA.replace("PRAGMA page_size = 16384;", ""))
    db.close()
    with EmbeddedStore(str(old)) as a, EmbeddedStore(str(tmp_path / "new.db")) as b:
        for store in (a, b):
            store.replace_documents(demo_records())
        assert _snapshot(a.graph) == _snapshot(b.graph)
        assert a.stats() == b.stats()
    sizes = [sqlite3.connect(tmp_path / f).execute("PRAGMA page_size").fetchone()[0]
             for f in ("old.db", "new.db")]  # fmt: skip
    assert sizes == [4096, 16384]
