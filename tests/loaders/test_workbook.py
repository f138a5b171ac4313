"""The Selaras workbook format: good files load, bad files say exactly what is wrong."""

import csv
import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from graph.errors import LoadError
from loaders import load_workbook, write_template

RENJA_HEAD = "jenis,RENJA\npemda,Kota Uji\ntahun,2026\nopd,Dinas Kesehatan\n\n"
COLUMNS = "jenis_elemen,kode,ref,nama,induk,pagu_2026\n"
GOOD_ROWS = (
    "program,1.02.02,,Program Kesehatan,,\n"
    "kegiatan,1.02.02.2.01,,Penyediaan Fasilitas,,\n"
    'sub_kegiatan,1.02.02.2.01.02,,Pembangunan Puskesmas,,"1.250.000,00"\n'
)


def write(tmp_path: Path, text: str, name: str = "renja.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


def problems_of(path: Path) -> list[tuple]:
    with pytest.raises(LoadError) as info:
        load_workbook(path)
    return [(p.file, p.sheet, p.row, p.column, p.severity) for p in info.value.problems]


def test_good_csv_loads_with_provenance(tmp_path: Path) -> None:
    records = load_workbook(write(tmp_path, RENJA_HEAD + COLUMNS + GOOD_ROWS))
    sub = records.elements[-1]
    assert sub.id == "renja-kota-uji-dinas-kesehatan-2026:sub_kegiatan:1.02.02.2.01.0002"
    assert sub.extra["pagu_2026"] == 1250000
    assert (sub.extra["src_file"], sub.extra["src_sheet"], sub.extra["src_row"]) == (
        "renja.csv",
        "elemen",
        9,
    )
    assert records.document.sha256 and records.problems == []


def test_semicolon_cp1252_csv(tmp_path: Path) -> None:
    text = (RENJA_HEAD + COLUMNS + GOOD_ROWS).replace(",", ";").replace("Fasilitas", "Fasilitas Ü")
    text = text.replace("1.250.000;00", "1.250.000,00")
    records = load_workbook(write(tmp_path, text, encoding="cp1252"))
    assert records.elements[1].extra["nama"] == "Penyediaan Fasilitas Ü"


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ("jenis_elemen,kode\nprogram,1.02.02\n", [("renja.csv", "elemen", 6, "nama", "error")]),
        ("programme,1.02.02,,X,,\n", [("renja.csv", "elemen", 7, "jenis_elemen", "error")]),
        ("program,1.02.02,,X,NOPE,\n", [("renja.csv", "elemen", 7, "induk", "error")]),
        (
            "program,1.02.02,,X,,\nprogram,1.2.2,,Y,,\n",
            [("renja.csv", "elemen", 8, "kode", "error")],
        ),
        ("program,1.02.AB,,X,,\n", [("renja.csv", "elemen", 7, "kode", "error")]),
        ("program,1.02.02,,X,,banyak\n", [("renja.csv", "elemen", 7, "pagu_2026", "error")]),
        ("kegiatan,,,X,,\n", [("renja.csv", "elemen", 7, "kode", "error")]),
    ],
    ids=[
        "missing-column",
        "unknown-kind",
        "dangling-parent",
        "duplicate-id",
        "bad-code",
        "bad-number",
        "missing-code",
    ],
)
def test_bad_rows_are_located(tmp_path: Path, rows: str, expected: list[tuple]) -> None:
    header = "" if rows.startswith("jenis_elemen") else COLUMNS
    assert problems_of(write(tmp_path, RENJA_HEAD + header + rows)) == expected


def test_cycle_is_an_error(tmp_path: Path) -> None:
    head = "jenis,RPJMD\npemda,Kota Uji\nperiode,2025-2029\n\n" + COLUMNS
    rows = "misi,,M1,Misi satu,V,\nvisi,,V,Visi,M1,\n"
    problems = problems_of(write(tmp_path, head + rows, "rpjmd.csv"))
    assert ("rpjmd.csv", "elemen", 6, "induk", "error") in problems


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    rows = "programme,1.02.02,,X,,\nprogram,1.02.AB,,Y,,\nprogram,1.02.03,,Z,,x\n"
    assert len(problems_of(write(tmp_path, RENJA_HEAD + COLUMNS + rows))) == 3


@pytest.mark.parametrize(
    ("head", "column"),
    [
        ("jenis,RENJAH\npemda,Kota Uji\ntahun,2026\nopd,X\n\n", "jenis"),
        ("jenis,RENJA\ntahun,2026\nopd,X\n\n", "pemda"),
        ("jenis,RENJA\npemda,Kota Uji\ntahun,dua ribu\nopd,X\n\n", "tahun"),
        ("jenis,RENJA\npemda,Kota Uji\ntahun,2026\n\n", "opd"),
    ],
)
def test_bad_document_sheet(tmp_path: Path, head: str, column: str) -> None:
    problems = problems_of(write(tmp_path, head + COLUMNS + GOOD_ROWS))
    assert [p[3] for p in problems] == [column]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("empty.xlsx", b""),
        ("not-a-workbook.xlsx", b"%PDF-1.4 this is a pdf"),
        ("notes.txt", b"hello"),
        ("zip-of-else.xlsx", None),
    ],
)
def test_unreadable_files(tmp_path: Path, name: str, content: bytes | None) -> None:
    path = tmp_path / name
    if content is None:
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("readme.txt", "not a workbook")
    else:
        path.write_bytes(content)
    assert problems_of(path) == [(name, None, None, None, "error")]


def test_missing_parent_code_is_a_warning(tmp_path: Path) -> None:
    rows = GOOD_ROWS + "sub_kegiatan,1.02.02.2.09.0001,,Tanpa induk,,5\n"
    records = load_workbook(write(tmp_path, RENJA_HEAD + COLUMNS + rows))
    assert [(p.row, p.column, p.severity) for p in records.problems] == [(10, "kode", "warning")]


def test_xlsx_with_sheets_and_extra_links(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "dokumen"
    for row in [
        ("kunci", "nilai"),
        ("jenis", "RPJMD"),
        ("pemda", "Kota Uji"),
        ("periode", "2025-2029"),
    ]:
        ws.append(row)
    el = wb.create_sheet("elemen")
    for row in [
        ("jenis_elemen", "ref", "nama", "induk", "indikator", "satuan", "target_2026"),
        ("visi", "V", "Kota sehat", None, None, None, None),
        ("misi", "M1", "Layanan dasar", "V", None, None, None),
        ("tujuan", "T1", "Sehat", "M1", "Usia Harapan Hidup", "tahun", "73,5"),
        (None, None, None, None, "Angka kematian bayi", "per 1000", "<22"),
        ("sasaran", "S1", "Akses layanan", None, None, None, None),
    ]:
        el.append(row)
    links = wb.create_sheet("tautan")
    links.append(("dari", "ke"))
    links.append(("S1", "T1"))
    path = tmp_path / "rpjmd.xlsx"
    wb.save(path)
    records = load_workbook(path)
    assert len(records.elements) == 4
    assert [i.values.get("target_2026") for i in records.indicators] == ["73,5", "<22"]
    assert {(lk.child.rsplit(":", 1)[1], lk.parent.rsplit(":", 1)[1]) for lk in records.links} == {
        ("M1", "V"),
        ("T1", "M1"),
        ("S1", "T1"),
    }


def test_template_loads_as_written(tmp_path: Path) -> None:
    path = tmp_path / "templat.xlsx"
    write_template(path)
    records = load_workbook(path)
    assert [e.kind for e in records.elements] == [
        "tujuan",
        "sasaran",
        "program",
        "kegiatan",
        "sub_kegiatan",
    ]
    assert len(records.references) == 1


def test_ods_workbook(tmp_path: Path) -> None:
    from tests.loaders.ods import write_ods

    path = tmp_path / "renja.ods"
    rows = list(csv.reader(io.StringIO(COLUMNS + GOOD_ROWS)))
    doc = [
        ["kunci", "nilai"],
        ["jenis", "RENJA"],
        ["pemda", "Kota Uji"],
        ["tahun", "2026"],
        ["opd", "Dinas Kesehatan"],
    ]
    write_ods(path, {"dokumen": doc, "elemen": rows})
    records = load_workbook(path)
    assert [e.kind for e in records.elements] == ["program", "kegiatan", "sub_kegiatan"]
    assert records.elements[-1].extra["pagu_2026"] == 1250000
    assert records.elements[-1].extra["src_row"] == 4
