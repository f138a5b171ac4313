"""The OpenFastTrace export traced by the real OFT jar: its defects are Selaras's findings."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from api.cli import main
from graph.embedded import EmbeddedStore
from graph.model import Element, Records
from graph.store import GraphStore
from loaders.synthetic import generate
from queries.oft import compare_with_oft, element_id, expected_defects, oft_name, write_oft
from tests.conftest import demo_batch, demo_store_file
from tools.oft import OftError, oft_jar, run_oft_trace

pytestmark = pytest.mark.skipif(
    shutil.which("java") is None, reason="OpenFastTrace needs Java 17 (and mvn to fetch it)"
)


@pytest.fixture(scope="module")
def jar() -> Path:
    try:
        return oft_jar()
    except OftError as exc:  # pragma: no cover - CI has Maven
        pytest.skip(str(exc))


def _traced(
    store: EmbeddedStore, folder: Path
) -> tuple[bool, set[tuple[str, str]], set[tuple[str, str]]]:
    write_oft(store, folder)
    result = run_oft_trace(folder)
    assert result.items == store.stats()["elements"]
    assert result.exit_code == (1 if result.defect_count else 0)
    return compare_with_oft(store, result.defects)


def test_demo_defects_are_the_checks_findings(jar: Path, tmp_path: Path) -> None:
    with EmbeddedStore(str(demo_store_file(tmp_path))) as store:
        same, only_selaras, only_oft = _traced(store, tmp_path / "oft")
        expected = expected_defects(store)
    assert (same, only_selaras, only_oft) == (True, set(), set())
    assert len(expected["orphaned"]) == 2 and len(expected["uncovered"]) == 4


def test_a_planted_orphan_is_found_by_both(jar: Path, tmp_path: Path) -> None:
    batch = demo_batch()
    renja = next(r for r in batch if r.document.jenis == "RENJA")
    kode = "9.99.99.2.01.0001"
    planted = Element(f"{renja.document.id}:sub_kegiatan:{kode}", "sub_kegiatan",
                      renja.document.id, {"kode": kode, "nama": "Tanam"})  # fmt: skip
    batch[batch.index(renja)] = Records(
        renja.document, [*renja.elements, planted], renja.links, renja.references,
        renja.indicators,
    )  # fmt: skip
    with EmbeddedStore(str(tmp_path / "s.db")) as store:
        store.replace_documents(batch)
        write_oft(store, tmp_path / "oft")
        result = run_oft_trace(tmp_path / "oft")
        assert planted.id in {element_id(i.split("~")[1]) for i in result.defects["orphaned"]}
        assert planted.id in expected_defects(store)["orphaned"]
        assert compare_with_oft(store, result.defects)[0]
        # and a defect Selaras does not predict is told apart
        extra = {**result.defects, "orphaned": result.defects["orphaned"] - {next(iter(
            result.defects["orphaned"]))}}  # fmt: skip
        assert not compare_with_oft(store, extra)[0]


def test_one_generated_pemda(jar: Path, tmp_path: Path) -> None:
    with EmbeddedStore(str(tmp_path / "s.db")) as store:
        store.replace_documents(generate(1, 1).records)
        same, only_selaras, only_oft = _traced(store, tmp_path / "oft")
        expected = expected_defects(store)
    assert (same, only_selaras, only_oft) == (True, set(), set())
    assert expected["orphaned"] and expected["uncovered"]


@pytest.mark.parametrize(
    "element",
    ["rpjmd-x:sasaran:S1.2", "rkpd-x:program:dinas/1.02.02", "9 a..b.", "é_x:_u/.", "a_x00"],
)
def test_names_round_trip(element: str) -> None:
    name = oft_name(element)
    assert name[0].isalpha() and ".." not in name and not name.endswith(".")
    assert set(name) <= set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._")
    assert element_id(name) == element


def test_export_round_trips_every_id(tmp_path: Path) -> None:
    with EmbeddedStore(str(demo_store_file(tmp_path))) as store:
        write_oft(store, tmp_path / "oft")
        ids = set(store.graph)
    text = "".join(p.read_text("utf-8") for p in (tmp_path / "oft").glob("*.md"))
    items = {line.strip("`").split("~")[1] for line in text.splitlines() if line.startswith("`")}
    assert {element_id(n) for n in items} == ids


def test_cli_export(jar: Path, tmp_path: Path) -> None:
    db = demo_store_file(tmp_path)
    runner = CliRunner()
    done = runner.invoke(main, ["--store", str(db), "export", "--format", "oft", "--out",
                                str(tmp_path / "oft")])  # fmt: skip
    assert done.exit_code == 0, done.output
    assert len(list((tmp_path / "oft").glob("*.md"))) == 10
    assert run_oft_trace(tmp_path / "oft").exit_code == 1
    done = runner.invoke(main, ["--store", str(db), "export", "--format", "json", "--out",
                                str(tmp_path / "json")])  # fmt: skip
    assert done.exit_code == 0, done.output
    assert len(list((tmp_path / "json").glob("*.json"))) == 10


def test_both_stores_write_the_same_specification(store: GraphStore, tmp_path: Path) -> None:
    """The Cypher twin (``oft_elements.cypher``) and the Python reference give the same files."""
    store.replace_documents(demo_batch())
    with EmbeddedStore(str(demo_store_file(tmp_path))) as embedded:
        assert write_oft(embedded, tmp_path / "reference") == 10
    assert write_oft(store, tmp_path / "twin") == 10
    for ours in sorted((tmp_path / "reference").glob("*.md")):
        assert (tmp_path / "twin" / ours.name).read_text("utf-8") == ours.read_text("utf-8")
