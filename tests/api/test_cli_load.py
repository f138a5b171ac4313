"""``selaras load`` with table profiles and identity options, and ``selaras profiles``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from openpyxl import Workbook

from api.app import create_app
from api.cli import main
from api.loading import read_files, write_records
from api.settings import Settings
from api.tokens import TokenBook
from graph.embedded import EmbeddedStore
from graph.errors import LoadError
from graph.store import GraphStore
from loaders import profiles
from tests.conftest import demo_batch
from tests.graph.test_stores import snapshot
from tests.loaders.tables import write_html
from tests.loaders.test_profiles import (
    MATRIKS_ROWS,
    PRIORITAS,
    RENSTRA_ROWS,
    matriks,
    renstra,
)

RENJA = """<p>PEMERINTAH KOTA UJI</p>
<table><tr><th>Kode<th>Urusan/Bidang Urusan/Program/Kegiatan/Sub Kegiatan<th>Indikator Kinerja
<th>Pagu Indikatif Tahun 2026
<tr><td>1.02.02<td>Program Pemenuhan Upaya Kesehatan<td>Cakupan SPM<td>1.000.000
<tr><td>1.02.02.2.01<td>Penyediaan Fasilitas<td>Puskesmas<td>1.000.000
</table>"""


def run(store: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--store", str(store), *args])
    return result.exit_code, result.stdout, result.stderr


def test_profiles_lists_every_profile(tmp_path: Path) -> None:
    code, out, _ = run(tmp_path / "s.db", "profiles")
    assert code == 0
    lines = out.splitlines()
    assert [line.split()[0] for line in lines] == list(profiles())
    assert all(p.description in out for p in profiles().values())
    code, out, _ = run(tmp_path / "s.db", "profiles", "--format", "json")
    assert [row["name"] for row in json.loads(out)] == list(profiles())


def test_load_with_identity_options_reports_the_sources(tmp_path: Path) -> None:
    path = write_html(tmp_path / "renja.html", RENJA)
    args = ["load", str(path), "--opd", "Dinas Kesehatan", "--jenis", "renja", "--report", "json"]
    code, out, err = run(tmp_path / "s.db", *args)
    assert code == 0, err
    (doc,) = json.loads(out)["documents"]
    assert doc["id"] == "renja-kota-uji-dinas-kesehatan-2026"
    assert doc["profile"] == "renja"
    assert doc["identity"] == {
        "jenis": {"value": "RENJA", "source": "given"},
        "tahun": {"value": "2026", "source": "detected"},
        "pemda": {"value": "Kota Uji", "source": "detected"},
        "opd": {"value": "Dinas Kesehatan", "source": "given"},
    }


def test_load_text_report_names_the_profile(tmp_path: Path) -> None:
    path = write_html(tmp_path / "renja.xls", RENJA.replace("<p>PEMERINTAH KOTA UJI</p>", ""))
    args = ["load", str(path), "--profile", "renja", "--pemda", "Kota Uji", "--opd", "Dinkes"]
    code, out, err = run(tmp_path / "s.db", *args)
    assert code == 0, err
    assert "renja-kota-uji-dinkes-2026" in out
    assert "profil / profile renja" in out and "pemda = Kota Uji (diberikan / given)" in out
    assert "tahun = 2026 (terdeteksi / detected)" in out


def test_load_without_the_pemda_writes_nothing(tmp_path: Path) -> None:
    path = write_html(tmp_path / "renja.html", RENJA.replace("<p>PEMERINTAH KOTA UJI</p>", ""))
    code, _, err = run(tmp_path / "s.db", "load", str(path), "--opd", "Dinkes")
    assert code == 2
    assert "--pemda" in err
    assert not (tmp_path / "s.db").exists()


def test_read_files_callers_without_options_still_work(tmp_path: Path) -> None:
    path = write_html(tmp_path / "renja.html", RENJA)
    (records,) = read_files([path], identity={"opd": "Dinkes"})
    assert records.document.pemda == "Kota Uji"


RENJA_HEAD = """jenis,RENJA
pemda,Kota Contoh
tahun,2026
opd,Dinas Kesehatan
opd_singkat,Dinkes
opd_kode,1.02.0.00.0.00.01.0000

jenis_elemen,kode,nama,indikator,satuan,target_2026,pagu_2026,lokasi,sumber_dana
program,1.02.02,Program Upaya Kesehatan,Cakupan,%,74,1000,,
"""


def renja(tmp_path: Path, bad_codes: int, missing_parents: int) -> Path:
    """A Renja CSV with ``bad_codes`` kegiatan codes that cannot be read (errors) and
    ``missing_parents`` sub kegiatan whose kegiatan is absent (warnings)."""
    rows = [
        f"kegiatan,1.02.02.2.x{i},Kegiatan {i},Jumlah,Dokumen,1,100,,\n" for i in range(bad_codes)
    ]
    rows += [
        f"sub_kegiatan,1.02.02.2.{i:02d}.0001,Sub {i},Jumlah,Unit,1,100,,\n"
        for i in range(1, missing_parents + 1)
    ]
    path = tmp_path / "renja_uji.csv"
    path.write_text(RENJA_HEAD + "".join(rows), encoding="utf-8")
    return path


def test_load_problems_are_grouped_by_kind_with_the_first_rows(tmp_path: Path) -> None:
    code, out, err = run(tmp_path / "s.db", "load", str(renja(tmp_path, 7, 2)))
    assert code == 2 and out == ""
    assert "Masalah / problems: 7 error, 2 warning (2 jenis / kinds)" in err
    errors, warnings = err.split("\n[error] ")[1], err.split("\n[warning] ")[1]
    assert errors.startswith("7× kode '…': bagian '…' bukan angka N digit")
    assert [f"row {r}," in errors for r in range(10, 17)] == [True] * 5 + [False] * 2
    assert "… 2 lagi / more" in errors
    assert warnings.startswith("2× Induk dengan kode N tidak ada")
    assert "kode 1.02.02.2.01 tidak ada" in warnings and "kode 1.02.02.2.02 tidak ada" in warnings
    assert not (tmp_path / "s.db").exists()


def test_a_failed_load_prints_every_problem_as_json(tmp_path: Path) -> None:
    code, out, _ = run(tmp_path / "s.db", "load", str(renja(tmp_path, 7, 2)), "--report", "json")
    assert code == 2
    error = json.loads(out)["error"]
    assert error["type"] == "LoadError"
    assert [p["row"] for p in error["problems"]] == [*range(10, 17), 17, 18]
    assert {p["column"] for p in error["problems"]} == {"kode"}


def test_strict_makes_a_warning_block_the_load(tmp_path: Path) -> None:
    path = renja(tmp_path, 0, 2)
    code, out, err = run(tmp_path / "s.db", "load", str(path), "--strict", "--report", "json")
    assert code == 2, err
    problems = json.loads(out)["error"]["problems"]
    assert [(p["row"], p["severity"]) for p in problems] == [(10, "warning"), (11, "warning")]
    with EmbeddedStore(str(tmp_path / "s.db")) as store:
        assert store.documents() == []
    code, out, err = run(tmp_path / "s.db", "load", str(path))
    assert code == 0, err
    assert "[warning] 2× Induk dengan kode N" in err


def test_strict_over_http_refuses_a_warning_and_writes_nothing(tmp_path: Path) -> None:
    book = TokenBook(tmp_path / "tokens.json")
    write = {"Authorization": f"Bearer {book.create('uji', 'write')}"}
    settings = Settings(tokens=tmp_path / "tokens.json")
    path = renja(tmp_path, 0, 2)
    upload = {"files": (path.name, path.read_bytes(), "text/csv")}
    with TestClient(create_app(str(tmp_path / "s.db"), settings)) as client:
        refused = client.post("/api/documents?strict=true", files=upload, headers=write)
        assert refused.status_code == 422, refused.text
        problems = refused.json()["error"]["problems"]
        assert [(p["row"], p["severity"]) for p in problems] == [(10, "warning"), (11, "warning")]
        assert client.get("/api/documents").json() == []
        loaded = client.post("/api/documents", files=upload, headers=write)
        assert loaded.status_code == 200 and len(loaded.json()["problems"]) == 2


RENSTRA = """jenis,RENSTRA
pemda,Kota Contoh
periode,2025-2029
opd,Dinas Uji
opd_singkat,Uji
opd_kode,1.02.0.00.0.00.01.0000

jenis_elemen,kode,ref,nama,induk,indikator,satuan,target_2026
tujuan,1,T1,Tujuan uji,,Indeks uji,nilai,80
sasaran,1.1,SP1,Sasaran yang merujuk RPJMD,T1;RPJMD:S1.1.1,Indeks uji,nilai,80
sasaran,1.2,SP2,Sasaran yang merujuk sasaran tak ada,T1;RPJMD:S9.9.9,Indeks uji,nilai,80
"""


def test_strict_refuses_an_unresolved_reference_inside_the_write(
    store: GraphStore, tmp_path: Path
) -> None:
    """Only the store knows a reference finds nothing: refusing it rolls the write back."""
    store.replace_documents(demo_batch())
    before = snapshot(store)
    path = tmp_path / "renstra_uji.csv"
    path.write_text(RENSTRA, encoding="utf-8")
    batch = read_files([path])
    with pytest.raises(LoadError) as caught:
        write_records(store, batch, strict=True)
    (problem,) = caught.value.problems
    assert (problem.file, problem.row, problem.severity) == ("renstra_uji.csv", 11, "warning")
    assert "RPJMD:S9.9.9 belum ditemukan" in problem.message
    assert snapshot(store) == before
    report = write_records(store, batch)
    assert [p["row"] for p in report["problems"]] == [11]
    assert len(snapshot(store)) == len(before) + 1


def test_every_problem_of_a_planning_table_is_reported_together(tmp_path: Path) -> None:
    """A Renstra T-C.27 with a pagu that is no number, a code that cannot be read and a
    kegiatan with no program above it: all at once, located, exit 2, nothing written."""
    rows = [
        RENSTRA_ROWS[0],
        [None, "Sasaran A", 5, 1, 2, None, None, "PROGRAM A", "Persen", "80%", "85%", "banyak"],
        [None, None, 5, "x", 2, 2.01, None, "Kegiatan kode rusak", "Jumlah", None, None, 5],
        [None, None, 5, 1, 2, 2.02, None, "Kegiatan baik", "Jumlah", None, None, 5],
        [None, "Sasaran B", 5, 1, 4, 2.01, None, "Kegiatan tanpa program", "Jumlah", None, None, 5],
    ]  # fmt: skip
    args = ["--opd", "Bappeda", "--pemda", "Kab. Contoh", "--periode", "2024-2026"]
    path = renstra(tmp_path, rows)
    code, out, err = run(tmp_path / "s.db", "load", str(path), *args, "--report", "json")
    assert code == 2, err
    found = [(p["row"], p["column"], p["severity"]) for p in json.loads(out)["error"]["problems"]]
    assert found == [
        (7, "L (pagu_2025)", "error"),
        (8, "C (kode)", "warning"),
        (10, "C (kode)", "error"),
    ]
    assert not (tmp_path / "s.db").exists()
    code, _, err = run(tmp_path / "s.db", "load", str(path), *args)
    assert code == 2 and "Masalah / problems: 2 error, 1 warning (3 jenis / kinds)" in err


def test_the_rpjmd_matriks_and_program_prioritas_are_kept_side_by_side(
    store: GraphStore, tmp_path: Path
) -> None:
    """Two tables of one RPJMD: loading either (together or later) keeps the other."""
    tables = [
        matriks(tmp_path, *MATRIKS_ROWS),
        write_html(tmp_path / "prioritas.html", PRIORITAS),
    ]
    identity = {"pemda": "Kota Uji", "periode": "2025-2029"}
    batch = read_files(tables, identity=identity)
    assert [r.document.id for r in batch] == [
        "rpjmd-kota-uji-2025-2029",
        "rpjmd-kota-uji-2025-2029-program-prioritas",
    ]
    write_records(store, batch)
    counts = {d["id"]: d["elements"] for d in store.documents()}
    assert counts == {r.document.id: len(r.elements) for r in batch}
    write_records(store, read_files(tables[:1], identity=identity))  # a revised matriks
    assert {d["id"]: d["elements"] for d in store.documents()} == counts


def test_two_files_that_make_one_document_write_nothing(tmp_path: Path) -> None:
    """The second would silently replace the first: refused, naming both files."""
    first = write_html(tmp_path / "renja.html", RENJA)
    second = write_html(tmp_path / "renja_revisi.html", RENJA)
    code, out, err = run(tmp_path / "s.db", "load", str(first), str(second), "--opd", "Dinkes")
    assert code == 2
    assert "renja_revisi.html: Dokumen renja-kota-uji-dinkes-2026 juga dibuat oleh renja.html" in (
        out + err
    )
    code, out, _ = run(tmp_path / "s.db", "documents", "--format", "json")
    assert code == 0 and json.loads(out) == []


def test_an_unresolved_reference_is_reported_where_it_was_written(
    store: GraphStore, tmp_path: Path
) -> None:
    """The store gives references back without their sheet and column: the warning still
    names them (a table's own sheet and the column of the name; a ``tautan`` row's ``ke``)."""
    table = renstra(tmp_path, RENSTRA_ROWS[:5])
    book = Workbook()
    for title, rows in [
        ("dokumen", [["kunci", "nilai"], ["jenis", "RENSTRA"], ["pemda", "Kab. Contoh"],
                     ["periode", "2025-2026"], ["opd", "Dinas Uji"]]),
        ("elemen", [["jenis_elemen", "ref", "nama"], ["sasaran", "SP1", "Sasaran uji"]]),
        ("tautan", [["dari", "ke"], ["SP1", "RPJMD:S9.9"]]),
    ]:  # fmt: skip
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    del book["Sheet"]
    book.save(tmp_path / "renstra_uji.xlsx")
    batch = read_files([table, tmp_path / "renstra_uji.xlsx"], identity={"periode": "2025-2026"})
    report = write_records(store, batch)
    found = {(p["file"], p["sheet"], p["row"], p["column"]) for p in report["problems"]}
    assert {
        ("renstra.xlsx", "Tabel", 6, "A (tujuan)"),
        ("renstra.xlsx", "Tabel", 7, "B (sasaran)"),
        ("renstra_uji.xlsx", "tautan", 2, "ke"),
    } <= found


def test_a_large_file_is_announced_before_it_is_read(tmp_path: Path) -> None:
    """A read of a second or more is not silent: its line comes before it, with the size."""
    keys = "kunci,nilai\njenis,RENJA\npemda,Kota Uji\ntahun,2026\nopd,Dinas Uji\n"
    rows = "".join(f"program,1.02.{n:02d},Program {n},{'x' * 30_000}\n" for n in range(1, 41))
    large = tmp_path / "renja_besar.csv"
    large.write_text(keys + "jenis_elemen,kode,nama,keterangan\n" + rows, encoding="utf-8")
    small = tmp_path / "renja_kecil.csv"
    small.write_text(keys.replace("Dinas Uji", "Dinas Lain") + "jenis_elemen,kode,nama\n"
                     "program,1.02.01,Program 1\n", encoding="utf-8")  # fmt: skip
    said: list[str] = []
    read_files([large, small], said.append)
    assert large.stat().st_size >= 1_000_000
    assert said[0] == f"Membaca / reading renja_besar.csv ({large.stat().st_size / 1e6:.1f} MB) …"
    assert said[1].startswith("renja_besar.csv: 40 elemen")
    assert [s.split(":")[0] for s in said[2:]] == ["renja_kecil.csv"]


def test_delete_removes_documents_and_refuses_an_unknown_id(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    for opd in ("Dinkes", "Disdik"):
        path = write_html(tmp_path / f"renja_{opd}.html", RENJA)
        assert run(db, "load", str(path), "--opd", opd)[0] == 0
    dinkes, disdik = "renja-kota-uji-dinkes-2026", "renja-kota-uji-disdik-2026"
    code, _, err = run(db, "delete", dinkes, "renja-tidak-ada")
    assert code == 2 and "no such document: renja-tidak-ada" in err
    ids = [d["id"] for d in json.loads(run(db, "documents", "--format", "json")[1])]
    assert ids == [dinkes, disdik]  # nothing deleted
    code, out, _ = run(db, "delete", dinkes)
    assert code == 0 and out == f"Dihapus / deleted: {dinkes}\n"
    assert [d["id"] for d in json.loads(run(db, "documents", "--format", "json")[1])] == [disdik]


def test_the_report_says_which_earlier_load_a_document_replaces(
    store: GraphStore, tmp_path: Path
) -> None:
    """Loading a file again replaces its document: the report says what went, not silently."""
    first = write_html(tmp_path / "renja.html", RENJA)
    again = write_html(tmp_path / "renja_revisi.html", RENJA)
    report = write_records(store, read_files([first], identity={"opd": "Dinkes"}))
    assert report["documents"][0]["replaces"] is None
    report = write_records(store, read_files([again], identity={"opd": "Dinkes"}))
    replaces = report["documents"][0]["replaces"]
    assert (replaces["file"], replaces["elements"]) == ("renja.html", 2)
    assert replaces["loaded_at"].startswith("20")


def test_the_text_report_names_the_file_a_document_replaced(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    for name in ("renja.html", "renja_revisi.html"):
        code, out, err = run(db, "load", str(write_html(tmp_path / name, RENJA)), "--opd", "Dinkes")
        assert code == 0, err
    assert (
        "renja-kota-uji-dinkes-2026: menggantikan / replaces 2 elemen dari / from renja.html ("
        in out
    )
