"""``selaras template``: an empty Selaras workbook with one example row per kind.

Examples
--------
>>> import tempfile, pathlib
>>> from loaders.reading import read_sheets
>>> path = pathlib.Path(tempfile.mkdtemp()) / "templat.xlsx"
>>> write_template(path)
>>> [s.name for s in read_sheets(path)]
['dokumen', 'elemen', 'tautan', 'Petunjuk']
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

__all__ = ["write_template"]

DOKUMEN: list[tuple[str, ...]] = [
    ("kunci", "nilai", "keterangan / meaning"),
    ("jenis", "RENSTRA", "RPJMD, RENSTRA, RKPD, RENJA, RPJPD, RPJMN"),
    ("pemda", "Kota Contoh", "nama pemerintah daerah / the pemda"),
    ("periode", "2025-2029", "untuk RPJMD/Renstra; RKPD/Renja pakai 'tahun' / RKPD, Renja: tahun"),
    ("opd", "Dinas Kesehatan", "untuk Renstra/Renja / for Renstra and Renja"),
    ("opd_kode", "1.02.0.00.0.00.01.0000", "kode OPD 8 segmen (boleh kosong) / optional"),
]
COLUMNS = [
    "jenis_elemen",
    "kode",
    "ref",
    "nama",
    "induk",
    "opd",
    "indikator",
    "satuan",
    "kondisi_awal",
    "target_2025",
    "pagu_2025",
    "target_2026",
    "pagu_2026",
]
EXAMPLES = [
    [
        "tujuan",
        "1",
        "T1",
        "Meningkatnya derajat kesehatan masyarakat",
        "",
        "",
        "Usia Harapan Hidup",
        "tahun",
        "73,1",
        "73,3",
        "",
        "73,5",
        "",
    ],
    [
        "sasaran",
        "1.1",
        "SP1",
        "Meningkatnya mutu layanan kesehatan dasar",
        "T1;RPJMD:S2.1",
        "",
        "Persentase puskesmas terakreditasi paripurna",
        "%",
        "40",
        "50",
        "",
        "60",
        "",
    ],
    [
        "program",
        "1.02.02",
        "",
        "PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN MASYARAKAT",
        "SP1",
        "",
        "Cakupan pelayanan kesehatan dasar",
        "%",
        "85",
        "88",
        "12.500.000.000",
        "90",
        "13.000.000.000",
    ],
    [
        "kegiatan",
        "1.02.02.2.01",
        "",
        "Penyediaan Fasilitas Pelayanan Kesehatan untuk UKM dan UKP "
        "Kewenangan Daerah Kabupaten/Kota",
        "",
        "",
        "Jumlah fasilitas kesehatan yang dibangun",
        "unit",
        "2",
        "3",
        "4.000.000.000",
        "3",
        "4.200.000.000",
    ],
    [
        "sub_kegiatan",
        "1.02.02.2.01.0002",
        "",
        "Pembangunan Puskesmas",
        "",
        "",
        "Jumlah puskesmas yang dibangun",
        "unit",
        "1",
        "1",
        "4.000.000.000",
        "1",
        "4.200.000.000",
    ],
    ["", "", "", "", "", "", "Persentase pembangunan tepat waktu", "%", "", "100", "", "100", ""],
]
HELP = [
    "Petunjuk pengisian buku kerja Selaras",
    "",
    "Satu buku kerja = satu dokumen perencanaan (RPJMD, Renstra satu OPD, RKPD, Renja satu OPD).",
    "Sheet 'dokumen': jenis, pemda, periode (RPJMD/Renstra) atau tahun (RKPD/Renja), opd.",
    "Sheet 'elemen': satu baris per elemen. jenis_elemen: visi, misi, tujuan, sasaran, strategi,",
    "  arah_kebijakan, prioritas, program, kegiatan, sub_kegiatan.",
    "kode: kode nomenklatur U.BB.PP.L.KK.SSSS (program, kegiatan, sub kegiatan wajib).",
    "ref: singkatan unik untuk elemen tanpa kode (mis. S1.2), dipakai di kolom induk.",
    "induk: elemen yang didukung, dipisah ';'. Dokumen lain: JENIS:ref, mis. RPJMD:S2.1.",
    "  Kegiatan dan sub kegiatan tidak perlu induk: diambil dari awalan kodenya.",
    "Baris dengan jenis_elemen kosong dan indikator terisi = indikator tambahan elemen di atasnya.",
    "target_<tahun>, pagu_<tahun>: sebanyak tahun yang perlu. Pagu boleh 1.234.567,00.",
    "Sheet 'tautan' (boleh kosong): dari, ke, keterangan — tautan tambahan.",
    "",
    "English: one workbook = one planning document; see docs/workbook-format.md.",
]


def write_template(path: Path) -> None:
    """Write the template workbook to ``path`` (``.xlsx``)."""
    wb = Workbook()
    sheets: list[tuple[str, list[tuple[str, ...]]]] = [
        ("dokumen", DOKUMEN),
        ("elemen", [tuple(COLUMNS), *map(tuple, EXAMPLES)]),
        ("tautan", [("dari", "ke", "keterangan")]),
    ]
    first = wb.active
    assert first is not None
    wb.remove(first)
    for name, rows in sheets:
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(list(row))
        for (cell,) in ws.iter_cols(min_row=1, max_row=1):
            cell.font = Font(bold=True)
    help_sheet = wb.create_sheet("Petunjuk")
    for line in HELP:
        help_sheet.append([line])
    wb.save(path)
