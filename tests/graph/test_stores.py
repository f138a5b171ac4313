"""Behaviour every store shares, run on the embedded store and on a real Neo4j."""

from __future__ import annotations

from typing import Any

import pytest

from graph.demo import demo_records
from graph.embedded import EmbeddedStore
from graph.errors import NotFound
from graph.store import GraphStore, copy_store
from tests.conftest import demo_batch

MINI_S1 = "rpjmd-kota-mini-2025-2029:sasaran:S1"


def snapshot(store: GraphStore) -> list[dict[str, Any]]:
    """What a store holds, as comparable data (without load times)."""
    out = []
    for r in store.export():
        doc = {k: v for k, v in r.document.properties().items() if k != "loaded_at"}
        out.append(
            {
                "document": doc,
                "elements": sorted(
                    (e.properties() for e in r.elements), key=lambda e: str(e["id"])
                ),
                "links": sorted((lk.child, lk.parent, lk.basis) for lk in r.links),
                "references": sorted(map(repr, r.references)),
                "indicators": [i.properties() for i in r.indicators],
            }
        )
    return out


def test_load_twice_and_in_any_order(store: GraphStore) -> None:
    rpjmd, renstra, renja = demo_records()
    for records in (renja, renstra, rpjmd):
        store.replace_documents([records])
    first = (snapshot(store), store.stats(), store.neighbourhood([MINI_S1], 9, "down"))
    store.replace_documents(demo_records())
    assert (snapshot(store), store.stats(), store.neighbourhood([MINI_S1], 9, "down")) == first
    assert store.stats() == {"documents": 3, "elements": 12, "links": 11, "indicators": 0}


def test_a_batch_written_again_replaces_itself(store: GraphStore) -> None:
    """Every document deleted and created again in one write (a revised load) gives the same
    store: elements, links across documents, indicators and references. On Neo4j the links
    and indicators are then made to the nodes by elementId, not by the index on id."""
    store.replace_documents(demo_batch())
    first = (snapshot(store), store.stats())
    assert first[1]["indicators"] > 0 and first[1]["links"] > 0
    store.replace_documents(demo_batch())
    assert (snapshot(store), store.stats()) == first


def test_element_detail_and_not_found(store: GraphStore) -> None:
    store.replace_documents(demo_records())
    detail = store.element("renstra-kota-mini-dinkes-2025-2029:sasaran:SP1")
    assert [p["id"] for p in detail["parents"]] == [MINI_S1]
    assert detail["parents"][0]["basis"] == "explicit" and detail["src_sheet"] == "elemen"
    assert [c["id"] for c in detail["children"]] == [
        "renstra-kota-mini-dinkes-2025-2029:program:1.02.02"
    ]
    with pytest.raises(NotFound):
        store.element("nope")
    with pytest.raises(NotFound):
        store.neighbourhood(["nope"], 1, "up")


def test_delete_document_unlinks_what_pointed_at_it(store: GraphStore) -> None:
    store.replace_documents(demo_records())
    store.delete_document("rpjmd-kota-mini-2025-2029")
    assert store.stats() == {"documents": 2, "elements": 7, "links": 6, "indicators": 0}
    with pytest.raises(NotFound):
        store.delete_document("rpjmd-kota-mini-2025-2029")


def test_documents_listing(store: GraphStore) -> None:
    store.replace_documents(demo_records())
    docs = store.documents()
    assert [(d["id"], d["elements"]) for d in docs] == [
        ("renja-kota-mini-dinkes-2026", 3),
        ("renstra-kota-mini-dinkes-2025-2029", 4),
        ("rpjmd-kota-mini-2025-2029", 5),
    ]
    assert docs[0]["tahun"] == 2026 and docs[1]["periode"] == "2025-2029"


@pytest.mark.neo4j
def test_copy_embedded_to_neo4j_and_back(neo4j_store: GraphStore, tmp_path: Any) -> None:
    with EmbeddedStore(str(tmp_path / "a.db")) as a, EmbeddedStore(str(tmp_path / "b.db")) as b:
        a.replace_documents(demo_batch())
        copy_store(a, neo4j_store)
        assert snapshot(neo4j_store) == snapshot(a)
        copy_store(neo4j_store, b)
        assert snapshot(b) == snapshot(a)
        assert sorted(b.graph.edges) == sorted(a.graph.edges)
