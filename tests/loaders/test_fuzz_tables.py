"""Each profile's test table with cells replaced by the values planners' files hold, at random.

Whatever the cells, a load either gives records or raises LoadError whose problems name the
file (and the sheet, where they name a row): never another exception. Records that load are
written into an embedded store beside the demo plans and every check runs on them, so a value
a loader lets through cannot break the write or a check either; a fifth as many are written
into Neo4j as well, where every check must give the same rows as on the embedded store.

The examples are drawn the same way on every run (``derandomize``), so CI is repeatable; for a
longer search set ``SELARAS_FUZZ_EXAMPLES`` (for example 5000) and ``SELARAS_FUZZ_RANDOM=1``.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from api.loading import write_records
from graph.demo import demo_records
from graph.embedded import EmbeddedStore
from graph.errors import LoadError
from graph.store import GraphStore
from loaders import Loaded, load_workbook
from queries.run import checks, run_query
from tests.loaders import test_profiles as tables
from tests.loaders.tables import write_xlsx
from tests.queries.test_golden import json_rows
from tests.reliability import workbooks

# Codes, prefixes, amounts, targets and headers as planners write them, and what goes wrong
NASTY: list[object] = [
    "", " ", "-", "0", 0, -1, 1e300, 1e-300, -0.0, True, False, dt.datetime(2025, 1, 1),
    12345678901234567890, 1.02, 2.01, 5, "1.02", "1,02", "X.XX.01", "X.XX.01.2.01", "5.01.01",
    "1.02.02.2.01.0002", "1.02.02.2.01.0002 ", "1.02.02.2.01.0002.0001", "2.01.99.9.99.9999",
    "1.02.02.2.01.02.03", "9.99", "00.00", ".", "1..2", "1.", ".1", "MISI 99 : x", "misi 1",
    "TUJUAN 0 :", "SASARAN 1:", "Sasaran 1 : ", "Program 1 :", "Indikator Sasaran 1 :",
    "Indikator Program 7: y", "<", "≤", "<>", "=", "70,38-70,76", "2024-2025", "2025 - 2029",
    "1.234.567,00", "1,000,000.00.00", "Rp", "Rp -1.000", "(1.000)", "9" * 30, "1e5", "10^6",
    "-5%", "100%", "%", "∞", "NaN", "inf", "n/a", "Belum disi", "12/12/2024", "١٢٣", "２０２５",
    "_x0002_", "<b>html</b>", "x" * 5000, "Tahun 2025", "Kode", "Indikator Kinerja", "PROGRAM",
    "Sub Kegiatan", "Perangkat Daerah", "Program Penunjang", "Kecamatan", "DINAS KESEHATAN, RSUD",
    "Dinas\nKesehatan", "\t", "ë", "🙂", "\u200b",
]  # fmt: skip
EXAMPLES = int(os.environ.get("SELARAS_FUZZ_EXAMPLES", "40"))
RANDOM = os.environ.get("SELARAS_FUZZ_RANDOM") == "1"

Rows = Sequence[Sequence[object]]
Writer = Callable[[Path, Rows], Path]


def _matriks(folder: Path, rows: Rows) -> Path:
    return tables.matriks(folder, *rows)


def _renstra(folder: Path, rows: Rows) -> Path:
    return write_xlsx(folder / "renstra.xlsx", [*tables.RENSTRA_HEAD, *rows], tables.RENSTRA_MERGES)


def _renja(folder: Path, rows: Rows) -> Path:
    return tables.renja(folder, *rows)


def _selaras(folder: Path, rows: Rows) -> Path:
    return workbooks.write_xlsx(folder / "renja.xlsx", rows)


def _selaras_csv(folder: Path, rows: Rows) -> Path:
    return workbooks.write_csv(folder / "renja.csv", rows)


def _selaras_dokumen(folder: Path, rows: Rows) -> Path:
    return workbooks.write_xlsx(folder / "rpjmd.xlsx", workbooks.RPJMD_ROWS, rows)


# name: (writer, the rows changed, the first row changed, identity given)
PROFILES: dict[str, tuple[Writer, Rows, int, dict[str, str]]] = {
    "rpjmd-matriks": (_matriks, tables.MATRIKS_ROWS, 0, tables.KOTA),
    "renstra-tc27": (_renstra, tables.RENSTRA_ROWS, 0, {"pemda": "Kab. Contoh"}),
    "renja": (_renja, tables.RENJA_ROWS, 0, {"opd": "Dinas Kesehatan"}),
    "selaras": (_selaras, workbooks.RENJA_ROWS, 0, {}),
    "selaras-csv": (_selaras_csv, workbooks.RENJA_ROWS, 1, {}),
    "selaras-dokumen": (_selaras_dokumen, workbooks.RPJMD_DOC, 0, {}),
}

# (row, column, value): rows and columns past the table's are taken modulo its size, plus two
changes = st.lists(
    st.tuples(st.integers(0, 50), st.integers(0, 20), st.sampled_from(NASTY)),
    min_size=1,
    max_size=6,
)


def changed(rows: Rows, first: int, edits: list[tuple[int, int, object]]) -> list[list[object]]:
    """``rows`` with each edit's cell replaced; a cell past a row's end widens the row.

    >>> changed([["a", "b"], ["c"]], 1, [(0, 2, "x")])
    [['a', 'b'], ['c', None, 'x']]
    """
    out = [list(r) for r in rows]
    for row, column, value in edits:
        cells = out[first + row % (len(out) - first)]
        column %= len(cells) + 2
        cells.extend([None] * (column + 1 - len(cells)))
        cells[column] = value
    return out


def loaded_or_located(path: Path, identity: dict[str, str]) -> Loaded | None:
    """The records, or None after checking that every problem names the file (and the sheet
    of a row it names)."""
    try:
        return load_workbook(path, identity=identity)
    except LoadError as exc:
        assert exc.problems
        for p in exc.problems:
            assert p.file == path.name, p
            assert p.row is None or p.sheet, p
        return None


def answers(store: GraphStore, records: Loaded) -> dict[str, list[Any]]:
    """The records written into an empty store beside the demo plans; every check's rows with
    its defaults, as JSON values."""
    store.replace_documents(demo_records())
    write_records(store, [records])
    return {check.name: json_rows(run_query(store, check.name).rows) for check in checks()}


def stored_and_checked(records: Loaded) -> None:
    """Written into an embedded store beside the demo plans, then every check run."""
    with EmbeddedStore(":memory:") as store:
        answers(store, records)


@pytest.mark.parametrize("profile", PROFILES)
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not RANDOM,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(edits=changes)
@example(edits=[(1, 4, 1e300)])  # a target past 10^15: kept as written, no number
@example(edits=[(1, 4, "9" * 30 + " unit")])  # the same, in text
def test_any_cell_loads_or_is_located(profile: str, edits: list[tuple[int, int, object]]) -> None:
    write, rows, first, identity = PROFILES[profile]
    with TemporaryDirectory() as folder:
        path = write(Path(folder), changed(rows, first, edits))
        records = loaded_or_located(path, identity)
    if records is not None:
        stored_and_checked(records)


@pytest.mark.neo4j
@pytest.mark.parametrize("profile", PROFILES)
@settings(
    max_examples=max(EXAMPLES // 5, 1),
    deadline=None,
    derandomize=not RANDOM,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(edits=changes)
def test_what_loads_is_checked_alike_on_both_stores(
    neo4j_store: GraphStore, profile: str, edits: list[tuple[int, int, object]]
) -> None:
    write, rows, first, identity = PROFILES[profile]
    with TemporaryDirectory() as folder:
        path = write(Path(folder), changed(rows, first, edits))
        records = loaded_or_located(path, identity)
    if records is not None:
        neo4j_store.clear()  # the fixture empties the store once per test, not per example
        with EmbeddedStore(":memory:") as embedded:
            assert answers(embedded, records) == answers(neo4j_store, records)


def test_a_target_past_an_amount_is_kept_as_written(tmp_path: Path) -> None:
    rows = changed(tables.MATRIKS_ROWS, 0, [(2, 4, 1e300), (2, 6, "9" * 20 + " unit")])
    records = load_workbook(_matriks(tmp_path, rows), identity=tables.KOTA)
    (indicator,) = [i for i in records.indicators if i.nama == "Angka kematian ibu"]
    assert indicator.values["target_2025"] == "1e+300"
    assert indicator.values["target_2026"] == "9" * 20 + " unit"
    assert "target_2025_nilai" not in indicator.values
    assert "target_2026_nilai" not in indicator.values
    stored_and_checked(records)
