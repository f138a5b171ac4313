"""A Renstra sasaran names its RPJMD sasaran only by text: linked when one name clearly matches,
reported with its closest candidates otherwise (never guessed), the same on both stores."""

from __future__ import annotations

from graph.model import Document, Element, Records, Reference
from graph.resolve import unresolved_references
from graph.store import GraphStore

RPJMD = Document("rpjmd-kab-uji-2018-2023", "RPJMD", "Kab. Uji", 2018, 2023)
RENSTRA = Document(
    "renstra-kab-uji-bappeda-2018-2023", "RENSTRA", "Kab. Uji", 2018, 2023, "Bappeda"
)
PEMDA = {"pemda": "Kab. Uji"}  # as the loaders set it; the Neo4j store resolves per pemda
RPJMD_SASARAN = {
    "S1": "Meningkatnya kualitas perencanaan pembangunan daerah",
    "S2": "Meningkatnya akuntabilitas kinerja pemerintah daerah",
    "S3": "Meningkatnya kualitas pelayanan kesehatan dasar",
    "S4": "Meningkatnya kualitas pelayanan kesehatan rujukan",
}
# Renstra sasaran → the name its table writes for the RPJMD sasaran above it.
WRITTEN = {
    "SP1": "MENINGKATNYA KUALITAS PERENCANAAN PEMBANGUNAN DAERAH.",  # case and punctuation
    "SP2": "Meningkatnya akuntabilitas kinerja pemerintahan daerah",  # one word inflected
    "SP3": "Meningkatnya kualitas pelayanan kesehatan",  # S3 or S4: ambiguous
    "SP4": "Meningkatnya pertumbuhan ekonomi",  # nothing close
}


def _records() -> list[Records]:
    rpjmd = [
        Element(f"{RPJMD.id}:sasaran:{k}", "sasaran", RPJMD.id, {"nama": v, "ref": k, **PEMDA})
        for k, v in RPJMD_SASARAN.items()
    ]
    renstra = [
        Element(f"{RENSTRA.id}:sasaran:{k}", "sasaran", RENSTRA.id, {"nama": k, **PEMDA})
        for k in WRITTEN
    ]
    refs = [
        Reference(f"{RENSTRA.id}:sasaran:{k}", "RPJMD", f"nama:{v}", i + 7)
        for i, (k, v) in enumerate(WRITTEN.items())
    ]
    return [Records(RPJMD, rpjmd), Records(RENSTRA, renstra, references=refs)]


def test_clear_names_link_and_the_rest_are_reported_with_candidates(store: GraphStore) -> None:
    unresolved = store.replace_documents(_records())
    links = {
        p["id"].rsplit(":", 1)[1]: (k, p["basis"], p["confidence"])
        for k in WRITTEN
        for p in store.element(f"{RENSTRA.id}:sasaran:{k}")["parents"]
    }
    assert links["S1"][:2] == ("SP1", "nama") and links["S1"][2] == 1.0
    assert links["S2"][:2] == ("SP2", "nama") and 0.9 <= links["S2"][2] < 1.0
    assert set(links) == {"S1", "S2"}
    missed = {r.child.rsplit(":", 1)[1]: r for r in unresolved}
    assert sorted(missed) == ["SP3", "SP4"]
    assert [c.split(" ")[0].rsplit(":", 1)[1] for c in missed["SP3"].candidates[:2]] == [
        "S3",
        "S4",
    ]
    # each candidate with its name as written, for whoever decides
    closest = missed["SP3"].candidates[0]
    assert closest.startswith(f"{RPJMD.id}:sasaran:S3 '{RPJMD_SASARAN['S3']}' (")
    assert missed["SP3"].src_row == 9 and missed["SP3"].by_name == WRITTEN["SP3"]


def test_name_links_follow_the_rpjmd_when_it_arrives_later(store: GraphStore) -> None:
    rpjmd, renstra = _records()
    assert len(store.replace_documents([renstra])) == 4
    store.replace_documents([rpjmd])
    parents = store.element(f"{RENSTRA.id}:sasaran:SP1")["parents"]
    assert [(p["id"], p["basis"]) for p in parents] == [(f"{RPJMD.id}:sasaran:S1", "nama")]


def test_a_resolved_reference_is_not_reported(store: GraphStore) -> None:
    rpjmd, renstra = _records()
    by_ref = Reference(f"{RENSTRA.id}:sasaran:SP4", "RPJMD", "S2", 12)
    renstra = Records(RENSTRA, renstra.elements, references=[by_ref])
    assert store.replace_documents([rpjmd, renstra]) == []


def test_unresolved_references_are_asked_again_from_the_store(store: GraphStore) -> None:
    rpjmd, renstra = _records()
    first = store.replace_documents([renstra])  # the RPJMD not loaded yet: all four unresolved

    def asked() -> dict[str, Reference]:
        found = unresolved_references(store.export(), store.chain)
        return {r.child.rsplit(":", 1)[1]: r for r in found}

    assert sorted(asked()) == sorted(r.child.rsplit(":", 1)[1] for r in first) == sorted(WRITTEN)
    later = store.replace_documents([rpjmd])
    assert later == []  # the RPJMD itself has no references
    now = asked()
    assert sorted(now) == ["SP3", "SP4"]  # SP1 and SP2 found their sasaran on the way
    assert now["SP3"].src_row == 9 and now["SP3"].by_name == WRITTEN["SP3"]
    assert [c.split(" ")[0].rsplit(":", 1)[1] for c in now["SP3"].candidates[:2]] == ["S3", "S4"]
