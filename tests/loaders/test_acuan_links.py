"""A Renstra T-C.27 with a "Sasaran RPJMD" column links what it names, on both stores: a ref
explicitly, a name as a name match; what it names and the store lacks is a warning at its cell,
and a sasaran left to its own name says how to state the link. An RKPD's sasaran daerah links
to the RPJMD sasaran of its name. ``selaras unresolved`` asks the store what is still unlinked."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from api.cli import main
from api.loading import read_files, write_records
from graph.store import GraphStore
from tests.loaders.tables import write_html
from tests.loaders.test_profiles import (
    MATRIKS_ROWS,
    RENSTRA_ROWS,
    RKPD,
    matriks,
    renstra_with_acuan,
)

ACUAN = {7: "S1.1.1", 10: "RPJMD: Sekolah layak; S9.9.9"}  # the matriks: S1.1.1, S1.2.1
MATRIKS_MERGED = ("A7:K7", "B9:B10", "B11:B12")


def test_acuan_links_the_renstra_to_the_rpjmd(store: GraphStore, tmp_path: Path) -> None:
    files = [
        matriks(tmp_path, *MATRIKS_ROWS, merges=MATRIKS_MERGED),
        renstra_with_acuan(tmp_path, ACUAN, RENSTRA_ROWS[:5]),
    ]
    batch = read_files(files, identity={"pemda": "Kab. Contoh"})
    rpjmd, renstra = (r.document.id for r in batch)
    report = write_records(store, batch)

    def parents(key: str) -> list[tuple[str, str]]:
        found = store.element(f"{renstra}:sasaran:{key}")["parents"]
        return sorted((p["id"], p["basis"]) for p in found if p["id"].startswith(rpjmd))

    assert parents("S1.1") == [(f"{rpjmd}:sasaran:S1.1.1", "explicit")]
    assert parents("S1.2") == [(f"{rpjmd}:sasaran:S1.2.1", "nama")]
    warnings = {(p["row"], p["column"]): p["message"] for p in report["problems"]}
    assert set(warnings) == {(10, "S (acuan)"), (6, "A (tujuan)")}
    assert "RPJMD:S9.9.9" in warnings[10, "S (acuan)"]
    assert "kolom Sasaran RPJMD pada tabel" in warnings[6, "A (tujuan)"]  # how to state it


def test_rkpd_sasaran_daerah_links_by_its_name(store: GraphStore, tmp_path: Path) -> None:
    rkpd = RKPD.replace("Meningkatnya derajat kesehatan", "AKSES LAYANAN")  # the RPJMD's S1.1.1
    files = [
        matriks(tmp_path, *MATRIKS_ROWS, merges=MATRIKS_MERGED),
        write_html(tmp_path / "rkpd.html", rkpd),
    ]
    batch = read_files(files, identity={"pemda": "Kota Uji"})
    rpjmd, rkpd_id = (r.document.id for r in batch)
    assert write_records(store, batch)["problems"] == []
    parents = store.element(f"{rkpd_id}:sasaran:S1.1")["parents"]
    assert [(p["id"], p["basis"]) for p in parents if p["id"].startswith(rpjmd)] == [
        (f"{rpjmd}:sasaran:S1.1.1", "nama")
    ]


def test_cli_lists_what_is_still_unresolved(tmp_path: Path) -> None:
    files = [
        matriks(tmp_path, *MATRIKS_ROWS, merges=MATRIKS_MERGED),
        renstra_with_acuan(tmp_path, ACUAN, RENSTRA_ROWS[:5]),
    ]
    store = ["--store", str(tmp_path / "s.db")]
    loaded = CliRunner().invoke(main, [*store, "load", *map(str, files), "--pemda", "Kab. Contoh"])
    assert loaded.exit_code == 0, loaded.output
    asked = CliRunner().invoke(main, [*store, "unresolved", "--format", "json"])
    assert asked.exit_code == 0, asked.output
    one = CliRunner().invoke(
        main, [*store, "unresolved", "--pemda", "KAB. CONTOH", "--format", "json"]
    )
    assert one.output == asked.output  # its only pemda, named in another case
    none = CliRunner().invoke(main, [*store, "unresolved", "--pemda", "Kab. Lain"])
    assert none.exit_code == 2 and "ada / known: Kab. Contoh" in none.output
    rows = {
        (r["rujukan"], r["src_file"], r["src_row"]): r["terdekat"] for r in json.loads(asked.output)
    }
    assert set(rows) == {
        ("RPJMD:S9.9.9", "renstra.xlsx", 10),
        ("RPJMD:nama:Meningkatnya tata kelola pemerintahan", "renstra.xlsx", 6),
    }
    assert rows["RPJMD:S9.9.9", "renstra.xlsx", 10] == ""
    assert rows["RPJMD:nama:Meningkatnya tata kelola pemerintahan", "renstra.xlsx", 6].startswith(
        "rpjmd-kab-contoh-2025-2026:"
    )
