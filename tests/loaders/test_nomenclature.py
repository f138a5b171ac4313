"""Reading official nomenclature lists: columns by header, rows checked, problems located."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from openpyxl import Workbook

from graph.errors import InputError, LoadError
from graph.nomenclature import Entry
from loaders.nomenclature import read_nomenclature
from tests.conftest import SHARED

DATA = SHARED / "data"


def test_a_workbook_with_a_title_and_two_sheets(tmp_path: Path) -> None:
    book = Workbook()
    first = book.active
    assert first is not None
    first.title = "program"
    first.append(["Lampiran Kepmendagri 900.1-2850/2025"])
    first.append([])
    first.append(["No", "Kode", "Uraian", "Jenis", "Aktif"])
    first.append([1, "1.02.02", "PROGRAM KESEHATAN", "Program", 1])
    first.append([2, "1.02.03", "PROGRAM LAMA", "Program", 0])
    second = book.create_sheet("sub kegiatan")
    second.append(["kode", "nomenklatur"])
    second.append(["1.02.02.2.01.02", "Pembangunan Puskesmas"])
    book.create_sheet("catatan").append(["tanpa tabel"])
    path = tmp_path / "kepmendagri.xlsx"
    book.save(path)
    assert read_nomenclature(path) == [
        Entry("1.02.02", "program", "PROGRAM KESEHATAN"),
        Entry("1.02.02.2.01.0002", "sub_kegiatan", "Pembangunan Puskesmas"),
    ]


def test_every_problem_with_its_place(tmp_path: Path) -> None:
    path = tmp_path / "daftar.csv"
    path.write_text(
        "kode;jenis;nama\n"
        "1.02.02;program;Program\n"
        "1.02.XX;program;Program\n"
        "1.02.03;bidang;Program\n"
        "1.02.04;programme;Program\n"
        "1.02.05;program;\n"
        "1.2.2;program;Program lagi\n",
        encoding="cp1252",
    )
    with pytest.raises(LoadError) as caught:
        read_nomenclature(path, name="unggahan.csv")
    assert [(p.file, p.sheet, p.row, p.column) for p in caught.value.problems] == [
        ("unggahan.csv", "unggahan", 3, "kode"),
        ("unggahan.csv", "unggahan", 4, "level"),
        ("unggahan.csv", "unggahan", 5, "level"),
        ("unggahan.csv", "unggahan", 6, "nama"),
        ("unggahan.csv", "unggahan", 7, "kode"),
    ]
    assert "ganda / twice (unggahan baris / row 2)" in caught.value.problems[-1].message
    assert all(p.severity == "error" for p in caught.value.problems)


def test_no_columns_and_unreadable_files(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("nomor,program\n1,Program\n", encoding="utf-8")
    with pytest.raises(LoadError, match="1 masalah"):
        read_nomenclature(path)
    with pytest.raises(InputError, match="file not found"):
        read_nomenclature(tmp_path / "nope.csv")


@pytest.mark.parametrize(
    ("name", "counts"),
    [
        ("nomenklatur_kabkota.csv", {"program": 192, "kegiatan": 466, "sub_kegiatan": 2254}),
        ("nomenklatur_provinsi.csv", {"program": 207, "kegiatan": 568, "sub_kegiatan": 2798}),
        ("nomenklatur_kabkota_subset_2025.csv", {"program": 138, "sub_kegiatan": 1881}),
    ],
)
def test_the_shared_lists_read_as_their_provenance_counts(
    name: str, counts: dict[str, int]
) -> None:
    path = DATA / name
    if not path.is_file():
        pytest.skip(f"{path} tidak ada / absent")
    found = Counter(e.level for e in read_nomenclature(path))
    assert {level: found[level] for level in counts} == counts
