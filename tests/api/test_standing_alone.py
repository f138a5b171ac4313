"""The load warns about documents that will link to nothing: no other document of their pemda,
or years outside every document of their pemda (``api.loading._standing_alone``)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from api.loading import write_records
from graph.embedded import EmbeddedStore
from graph.model import Records
from loaders.synthetic import generate

ALONE = "no other document of this pemda is loaded"
OUTSIDE = "outside the years of the other documents of this pemda"


@pytest.fixture(scope="module")
def two_pemda() -> list[Records]:
    return list(generate(2, seed=3, nomenclature=None).records)


def moved(records: Records, **changes: object) -> Records:
    """``records`` with its document changed (pemda or years)."""
    return dataclasses.replace(records, document=dataclasses.replace(records.document, **changes))


def warned(store: EmbeddedStore, batch: list[Records]) -> dict[str, list[str]]:
    """Per file, the messages of the pemda and years warnings the load gave."""
    out: dict[str, list[str]] = {}
    for p in write_records(store, batch)["problems"]:
        if p["column"] in ("pemda", "tahun") and p["sheet"] == "dokumen":
            out.setdefault(p["file"], []).append(p["message"])
    return out


def test_whole_pemda_in_one_batch_warns_nothing(two_pemda: list[Records], tmp_path: Path) -> None:
    with EmbeddedStore(str(tmp_path / "s.db")) as store:
        assert warned(store, two_pemda) == {}


def test_a_document_of_a_pemda_nobody_else_has_is_warned(
    two_pemda: list[Records], tmp_path: Path
) -> None:
    stray = moved(two_pemda[-1], pemda="Kab. Lain")
    with EmbeddedStore(str(tmp_path / "s.db")) as store:
        got = warned(store, [*two_pemda[:-1], stray])
    assert list(got) == [stray.document.src_file]
    assert ALONE in got[stray.document.src_file][0]


def test_years_outside_every_document_of_the_pemda_are_warned(
    two_pemda: list[Records], tmp_path: Path
) -> None:
    renja = next(r for r in two_pemda if r.document.jenis == "RENJA")
    late = moved(renja, tahun_awal=2031, tahun_akhir=2031)
    with EmbeddedStore(str(tmp_path / "s.db")) as store:
        store.replace_documents([r for r in two_pemda if r is not renja])
        got = warned(store, [late])
    assert list(got) == [late.document.src_file]
    assert OUTSIDE in got[late.document.src_file][0]


def test_a_lone_document_in_an_empty_store_is_not_warned(
    two_pemda: list[Records], tmp_path: Path
) -> None:
    with EmbeddedStore(str(tmp_path / "s.db")) as store:
        assert warned(store, [two_pemda[0]]) == {}
