"""Each table profile on a workbook written here, with the quirks planners' files have."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import LoadError
from graph.model import Records
from loaders import load_workbook, profiles
from tests.loaders.tables import write_html, write_xlsx

KOTA = {"pemda": "Kota Uji"}


def problems_of(path: Path, **identity: str) -> list[tuple]:
    with pytest.raises(LoadError) as info:
        load_workbook(path, identity=identity or KOTA)
    return [(p.file, p.sheet, p.row, p.column, p.severity) for p in info.value.problems]


def element(records: Records, key: str) -> dict:
    (found,) = [e for e in records.elements if e.id.endswith(f":{key}")]
    return dict(found.extra)


def parents(records: Records, key: str) -> list[str]:
    return [lk.parent.rsplit(":", 1)[1] for lk in records.links if lk.child.endswith(f":{key}")]


# --- rpjmd-matriks ---------------------------------------------------------------------------
MATRIKS_HEAD = [
    ["Laporan Pencapaian"],
    ["Filter Cetak Laporan"],
    ["Kode", "Misi/Tujuan/Sasaran Program Pembangunan Daerah", "Indikator Kinerja",
     "Kondisi Kinerja Awal RPJMD (Tahun 0)", "Capaian Kinerja Program dan Kerangka Pendanaan",
     None, None, None, None, None, "Perangkat Daerah Penanggung Jawab"],
    [None, None, None, None, 2025, None, 2026, None, "Kondisi Kinerja pada akhir periode RPJMD"],
    [None, None, None, None, "target", "Rp", "target", "Rp", "target", "Rp"],
    list(range(1, 12)),
]  # fmt: skip
MATRIKS_MERGES = ["A3:A5", "B3:B5", "C3:C5", "D3:D5", "E3:J3", "K3:K5", "E4:F4", "G4:H4", "I4:J4"]


def matriks(tmp_path: Path, *rows: list, merges: tuple[str, ...] = ()) -> Path:
    return write_xlsx(tmp_path / "matriks.xlsx", [*MATRIKS_HEAD, *rows], [*MATRIKS_MERGES, *merges])


MATRIKS_ROWS = [
    ["MISI 1 : Masyarakat sehat dan cerdas"] * 11,
    [None, "TUJUAN 1 : Meningkatnya derajat kesehatan", "Indeks Kesehatan", 70.33,
     "70,38-70,76", None, "70,61-70,98", None, "71,24-71,59"],
    [None, "sasaran 1: Akses layanan", "Indikator Sasaran 1 : Angka kematian ibu", 22, "<22",
     None, "<20 ", None, "N/A", None, "DINAS KESEHATAN"],
    [None, None, "Indikator Sasaran 2 :Waktu tanggap", "-", "≤5 menit", None,
     "Belum disi", None, 33.630000000000003, None, "DINAS KESEHATAN"],
    [None, "Program 1 :Program Upaya Kesehatan", "Indikator Program 1 : Rasio Puskesmas",
     "0%", "100%", "7250000000.00", "100%", "1.234.567,00", "100%", "10,000,000.00",
     "DINAS KESEHATAN"],
    [None, None, "Indikator Program 2 : Cakupan imunisasi", "90%", "95%", 1000, "96%",
     None, "96%", None, "RSUD"],
    [None, "TUJUAN 2: Meningkatnya mutu pendidikan"],
    [None, "SASARAN  1 : Sekolah layak"],
    [None, "program 1 : Program Pendidikan Dasar", None, None, None, 500],
]  # fmt: skip


def test_matriks_levels_from_prefixes(tmp_path: Path) -> None:
    path = matriks(tmp_path, *MATRIKS_ROWS, merges=("A7:K7", "B9:B10", "B11:B12"))
    records = load_workbook(path, identity=KOTA)
    assert records.profile == "rpjmd-matriks"
    assert [(e.kind, e.extra["ref"], e.extra["nama"]) for e in records.elements] == [
        ("misi", "M1", "Masyarakat sehat dan cerdas"),
        ("tujuan", "T1.1", "Meningkatnya derajat kesehatan"),
        ("sasaran", "S1.1.1", "Akses layanan"),
        ("program", "P1.1.1.1", "Program Upaya Kesehatan"),
        ("tujuan", "T1.2", "Meningkatnya mutu pendidikan"),
        ("sasaran", "S1.2.1", "Sekolah layak"),
        ("program", "P1.2.1.1", "Program Pendidikan Dasar"),
    ]
    assert parents(records, "P1.2.1.1") == ["S1.2.1"] and parents(records, "S1.1.1") == ["T1.1"]
    assert records.document.id == "rpjmd-kota-uji-2025-2026"
    assert records.problems == []


def test_matriks_values(tmp_path: Path) -> None:
    path = matriks(tmp_path, *MATRIKS_ROWS, merges=("A7:K7", "B9:B10", "B11:B12"))
    records = load_workbook(path, identity=KOTA)
    program = element(records, "P1.1.1.1")
    # Rp bare, Indonesian and US; the Rp of two indicator rows summed; "akhir periode" Rp is
    # pagu_total, never a year
    assert (program["pagu_2025"], program["pagu_2026"]) == (7250000000 + 1000, 1234567)
    assert program["pagu_total"] == 10000000
    assert program["perangkat_daerah"] == ["DINAS KESEHATAN", "RSUD"] and "opd" not in program
    by_name = {i.nama: i.values for i in records.indicators}
    assert by_name["Angka kematian ibu"]["target_2025"] == "<22"
    assert by_name["Angka kematian ibu"]["target_2026_op"] == "<"
    assert "target_akhir" not in by_name["Angka kematian ibu"]  # N/A
    tanggap = by_name["Waktu tanggap"]
    assert (tanggap["target_2025_op"], tanggap["target_2025_nilai"]) == ("<=", 5)
    assert "target_2026" not in tanggap and "kondisi_awal" not in tanggap  # placeholders
    assert tanggap["target_akhir"] == "33.63"
    assert by_name["Indeks Kesehatan"]["target_2025_min"] == 70.38
    assert element(records, "M1").get("indikator") is None  # the merged MISI row spills nowhere
    # no Satuan column: the unit the targets are written with, where they agree on one
    satuan = {n: (v.get("satuan"), v.get("satuan_asal")) for n, v in by_name.items()}
    assert satuan == {
        "Indeks Kesehatan": (None, None),  # 70,38-70,76: no unit
        "Angka kematian ibu": (None, None),  # <22
        "Waktu tanggap": ("menit", "target"),  # ≤5 menit, and 33.63 with none
        "Rasio Puskesmas": ("%", "target"),
        "Cakupan imunisasi": ("%", "target"),
    }


def test_matriks_problems_are_located(tmp_path: Path) -> None:
    rows = [
        *MATRIKS_ROWS[:3],
        [None, "Catatan: angka sementara"],
        [None, "Program 1 : Program Upaya Kesehatan", None, None, None, "banyak"],
    ]
    path = matriks(tmp_path, *rows, merges=("A7:K7",))
    assert problems_of(path) == [
        ("matriks.xlsx", "Tabel", 10, "B (nama)", "warning"),
        ("matriks.xlsx", "Tabel", 11, "F (pagu_2025)", "error"),
    ]


# --- rpjmd-program-prioritas -------------------------------------------------------------------
PRIORITAS = """
<h3>Indikasi Rencana Program Prioritas yang disertai Kebutuhan Pendanaan</h3>
<table>
<tr><th rowspan=3>Kode<th rowspan=3>Urusan Pemerintahan Bidang dan Program Prioritas Pembangunan
<th rowspan=3>Indikator Program (outcome)<th rowspan=3>Satuan<th rowspan=3>Kondisi Awal
<th colspan=6>Capaian Kinerja Program dan Kerangka Pendanaan<th><br>
<tr><th colspan=2>Tahun 2024<th colspan=2>Tahun 2025
<th colspan=2>Kondisi Kinerja pada Akhir Periode RPJMD<th>Perangkat Daerah Penanggungjawab
<tr><th>Target<th>Rp<th>Target<th>Rp<th>Target<th>Rp<th><br>
<tr><td><td><b>NON-URUSAN</b><td><td><td><td><td><td><td> 1,500,000.00 <td><td><td>
<tr><td rowspan=2>X.XX.01 <td rowspan=2>Program Penunjang Urusan Pemerintahan Daerah
<td>Persentase dokumen perencanaan<td>Persen<td>100<td>0<td>0<td>100
<td rowspan=2> 1,000,000.00 <td>100<td>1,000,000.00<td>Seluruh Perangkat Daerah
<tr><td>Persentase administrasi keuangan<td>Persen<td>100<td>0<td>0<td>100<td>100<td>
<td>Dinas Kesehatan
<tr><td><b>I</b><td>URUSAN PEMERINTAHAN WAJIB<td><td><td><td><td><td><td><td><td><td>
<tr><td>1.02.<td>KESEHATAN<td><td><td><td>0<td>0<td><td>750.000<td><td><td>
<tr><td rowspan=2>1.02.02<td rowspan=2>Program Pemenuhan Upaya Kesehatan<td>Cakupan SPM
<td>Persen<td>97,47<td>0<td>0<td>100<td>500,000.00<td>100<td>500,000.00<td>Dinas Kesehatan
<tr><td>Mutu RS<td>Persen<td>n/a<td>0<td>0<td>91<td>250,000.00<td>93<td><td>RSUD
<tr><td>2.10<td>PERTANAHAN<td><td><td><td><td><td><td><td><td><td>Dinas Perkim
<tr><td>2.10.04<td>Program Penyelesaian Sengketa Tanah<td>Sengketa difasilitasi<td>%<td>0
<td>0<td>0<td>50<td>100.000<td>50<td><td>
<tr><td>7.01<td>KECAMATAN MEKAR<td><td><td><td><td><td><td><td><td><td>Kecamatan Mekar
<tr><td>7.01.02<td>Program Penyelenggaraan Pemerintahan<td>Layanan<td>%<td>80<td>0<td>0<td>90
<td>10.000<td>90<td><td>
<tr><td><td>KECAMATAN ASRI<td><td><td><td><td><td><td><td><td><td>Kecamatan Asri
<tr><td>7.01.02<td>Program Penyelenggaraan Pemerintahan<td>Layanan<td>%<td>70<td>0<td>0<td>85
<td>20.000<td>85<td><td>
<tr><td colspan=5><b>JUMLAH BELANJA URUSAN</b><td><td><td><td>1.780.000<td><td><td>
</table>"""


def test_program_prioritas_html(tmp_path: Path) -> None:
    records = load_workbook(write_html(tmp_path / "prioritas.html", PRIORITAS), identity=KOTA)
    assert records.profile == "rpjmd-program-prioritas"
    assert [e.id.rsplit(":", 1)[1] for e in records.elements] == [
        "X.XX.01",
        "1.02.02",
        "2.10.04",
        "7.01.02",
    ]
    penunjang = element(records, "X.XX.01")
    assert penunjang["perangkat_daerah"] == ["Seluruh Perangkat Daerah", "Dinas Kesehatan"]
    assert penunjang["pagu_2025"] == 1000000  # the merged Rp counts once
    assert "opd" not in penunjang and "bidang" not in penunjang
    program = element(records, "1.02.02")
    assert program["perangkat_daerah"] == ["Dinas Kesehatan", "RSUD"]
    assert (program["bidang"], program["bidang_nama"], program["pagu_2025"]) == (
        "1.02",
        "KESEHATAN",
        750000,
    )
    assert not [k for k in program if k.endswith("2024")]  # only 0 in 2024: unused year
    assert element(records, "2.10.04")["opd"] == "Dinas Perkim"  # from the bidang row
    kecamatan = element(records, "7.01.02")
    assert kecamatan["perangkat_daerah"] == ["Kecamatan Mekar", "Kecamatan Asri"]
    assert kecamatan["pagu_2025"] == 30000
    layanan = [i for i in records.indicators if i.element.endswith("7.01.02")]
    assert [(i.values["opd"], i.values["target_2025"]) for i in layanan] == [
        ("Kecamatan Mekar", "90"),
        ("Kecamatan Asri", "85"),
    ]
    assert records.problems == []


def test_a_satuan_column_is_not_read_from_the_targets(tmp_path: Path) -> None:
    written = "<td>Cakupan SPM\n<td>Persen<td>97,47<td>0<td>0<td>100<td>"
    assert written in PRIORITAS
    html = PRIORITAS.replace(written, "<td>Cakupan SPM\n<td><td>97,47<td>0<td>0<td>100%<td>")
    records = load_workbook(write_html(tmp_path / "prioritas.html", html), identity=KOTA)
    satuan = {i.nama: i.values.get("satuan") for i in records.indicators}
    assert satuan["Cakupan SPM"] is None  # left empty in its column: a gap the check reports
    assert satuan["Mutu RS"] == "Persen"


def test_program_prioritas_codes_typed_as_numbers(tmp_path: Path) -> None:
    head = [
        ["Kode", "Urusan Pemerintahan Bidang dan Program Prioritas", "Indikator Program",
         "Tahun 2025 Rp", "Perangkat Daerah Penanggungjawab"],
        [2.1, "PERTANAHAN", None, None, "Dinas Perkim"],
        ["2.10.04", "Program Sengketa Tanah", "Sengketa", 100, None],
        [2.15, "PERHUBUNGAN", None, None, "Dinas Perhubungan"],
        [0.0937962962962963, "Program Lalu Lintas Uji", "Ruas tertib", 200, None],  # 2:15:04
        ["2.15.02\\7", "Program Angkutan Uji", "Trayek", 300, None],
    ]  # fmt: skip
    records = load_workbook(write_xlsx(tmp_path / "p.xlsx", head), identity=KOTA)
    assert [(e.extra.get("kode"), e.extra.get("bidang")) for e in records.elements] == [
        ("2.10.04", "2.10"),
        ("2.15.04", "2.15"),
        (None, "2.15"),
    ]
    assert [(p.row, p.column, p.severity) for p in records.problems] == [(6, "A (kode)", "warning")]


# --- renstra-tc27 ------------------------------------------------------------------------------
RENSTRA_HEAD = [
    ["PEMERINTAH KABUPATEN CONTOH"],
    ["Tujuan", "Sasaran", "Kode", None, None, None, None, "Program Dan Kegiatan",
     "Indikator Kinerja Tujuan, Sasaran, Program (Outcome) dan Kegiatan (output)",
     "Data Capaian pada Tahun Awal Perencanaan", "Target Kinerja Program dan Kegiatan Pendanaan",
     None, None, None, None, None, "Unit Kerja Perangkat Daerah Penanggung Jawab", "Lokasi"],
    [None, None, None, None, None, None, None, None, None, None, "Tahun 2025", None,
     "Tahun 2026", None, "Kondisi Kinerja pada Akhir Periode Renstra Perangkat Daerah"],
    [None] * 10 + ["Target", "Rp", "Target", "Rp", "Target", "Rp"],
    [1, 2, 3, None, None, None, None, 4, 5, 6, 7, None, 8, None, 9, None, 10, 11],
]  # fmt: skip
RENSTRA_MERGES = ["A2:A4", "B2:B4", "C2:G4", "H2:H4", "I2:I4", "J2:J4", "K2:P2", "Q2:Q4",
                  "R2:R4", "K3:L3", "M3:N3", "O3:P3", "C5:G5"]  # fmt: skip
BAPPEDA = "BADAN PERENCANAAN PEMBANGUNAN DAERAH"
RENSTRA_ROWS = [
    ["Meningkatnya tata kelola pemerintahan"],
    [0, "Meningkatnya kualitas perencanaan", 5, 1, 2, None, None, "PROGRAM PERENCANAAN",
     "Persentase keselarasan perundang_x0002_undangan", "80%", "85%", "1,000,000", "90%",
     "2.000.000", "90%", "3000000", BAPPEDA, "Kab. Contoh"],
    [None, None, 5, "01", "02", 2.01, None, "Penyusunan Dokumen", "Jumlah dokumen",
     "7 Dokumen", "7 Dokumen", 500000, "-", 0, "7 Dokumen", 500000, BAPPEDA],
    [None, None, 5, 1, 2, "2,02", None, "Analisis Data", "Jumlah analisis", "3 Dokumen",
     "8 Dokumen", 250000, None, None, None, None, BAPPEDA],
    [None, "Meningkatnya kualitas pengendalian", 5, 1, 3, None, None,
     "PROGRAM KOORDINASI", "Persentase target tercapai", None, None, None, None, None, None,
     None, BAPPEDA],
    [None, None, 5, 1, 3, 2.1, 1.0, "Sub kegiatan koordinasi", "Laporan", None, "1 laporan", 5,
     None, None, None, None, BAPPEDA],
]  # fmt: skip


def renstra(tmp_path: Path, rows: list[list]) -> Path:
    return write_xlsx(tmp_path / "renstra.xlsx", [*RENSTRA_HEAD, *rows], [*RENSTRA_MERGES,
                      "B7:B9"])  # fmt: skip


def test_renstra_tc27_split_codes(tmp_path: Path) -> None:
    rows = [*RENSTRA_ROWS[:5], [None, None, 5, 1, 3, 2.1, None, "Koordinasi", "Laporan"],
            RENSTRA_ROWS[5]]  # fmt: skip
    records = load_workbook(renstra(tmp_path, rows), identity={"periode": "2024-2026"})
    assert records.profile == "renstra-tc27"
    assert [(e.kind, e.extra.get("kode") or e.extra["ref"]) for e in records.elements] == [
        ("tujuan", "T1"),
        ("sasaran", "S1.1"),
        ("program", "5.01.02"),
        ("kegiatan", "5.01.02.2.01"),
        ("kegiatan", "5.01.02.2.02"),
        ("sasaran", "S1.2"),
        ("program", "5.01.03"),
        ("kegiatan", "5.01.03.2.10"),
        ("sub_kegiatan", "5.01.03.2.10.0001"),
    ]
    assert element(records, "5.01.02.2.02")["kode_asli"] == "5.1.2.2,02"
    assert parents(records, "5.01.02") == ["S1.1"] and parents(records, "S1.2") == ["T1"]
    assert parents(records, "5.01.03.2.10.0001") == ["5.01.03.2.10"]
    program = element(records, "5.01.02")
    assert (program["pagu_2025"], program["pagu_2026"], program["pagu_total"]) == (
        1000000,
        2000000,
        3000000,
    )
    assert program["unit_kerja"] == BAPPEDA and program["lokasi"] == "Kab. Contoh"
    (indicator,) = [i for i in records.indicators if i.element.endswith(":5.01.02")]
    assert indicator.nama == "Persentase keselarasan perundang-undangan"
    assert element(records, "5.01.02.2.01")["pagu_2026"] == 0  # a 0 in a year in use stays
    assert {k: v["source"] for k, v in records.identity.items()} == {
        "jenis": "assumed",
        "periode": "given",
        "pemda": "detected",
        "opd": "detected",
    }
    assert (
        records.document.id
        == "renstra-kabupaten-contoh-" + BAPPEDA.lower().replace(" ", "-") + "-2024-2026"
    )


def test_renstra_kegiatan_without_program_is_an_error(tmp_path: Path) -> None:
    rows = [RENSTRA_ROWS[0], [None, "Sasaran tanpa program", 5, 1, 2, 2.01, None, "Kegiatan",
            "Jumlah", None, None, "x"]]  # fmt: skip
    assert problems_of(renstra(tmp_path, rows), opd="Bappeda", pemda="Kab. Contoh") == [
        ("renstra.xlsx", "Tabel", 7, "C (kode)", "error"),
    ]


def renstra_with_acuan(tmp_path: Path, acuan: dict[int, str], rows: list[list]) -> Path:
    """``rows`` under RENSTRA_HEAD with a last column "Sasaran RPJMD" (S) holding
    ``acuan[sheet row]``; data rows start at sheet row 6."""
    head = [RENSTRA_HEAD[0], [*RENSTRA_HEAD[1], "Sasaran RPJMD"], *RENSTRA_HEAD[2:4],
            [*RENSTRA_HEAD[4], 12]]  # fmt: skip
    body = [[*r, *[None] * (18 - len(r)), acuan.get(n)] for n, r in enumerate(rows, start=6)]
    merges = [*RENSTRA_MERGES, "B7:B9", "S2:S4"]
    return write_xlsx(tmp_path / "renstra.xlsx", [*head, *body], merges)


def references(records: Records) -> list[tuple]:
    return [
        (r.child.rsplit(":", 1)[1], r.target_jenis, r.target_key, r.src_row, r.src_column)
        for r in records.references
    ]


def test_renstra_acuan_column_states_what_a_sasaran_supports(tmp_path: Path) -> None:
    acuan = {7: "s1.1.1", 8: "S1.1.1", 10: "RPJMD: Meningkatnya mutu pengendalian\nS1.1.2"}
    records = load_workbook(renstra_with_acuan(tmp_path, acuan, RENSTRA_ROWS[:5]), identity=KOTA)
    assert references(records) == [
        ("T1", "RPJMD", "nama:Meningkatnya tata kelola pemerintahan", 6, "A (tujuan)"),
        ("S1.1", "RPJMD", "S1.1.1", 7, "S (acuan)"),  # once, though row 8 repeats it
        ("S1.2", "RPJMD", "nama:Meningkatnya mutu pengendalian", 10, "S (acuan)"),
        ("S1.2", "RPJMD", "S1.1.2", 10, "S (acuan)"),
    ]
    assert records.problems == []
    assert [e.extra.get("kode") or e.extra["ref"] for e in records.elements][:3] == [
        "T1",
        "S1.1",
        "5.01.02",
    ]  # the acuan column is not read as a level or a name


def test_renstra_acuan_under_no_sasaran_is_a_warning(tmp_path: Path) -> None:
    rows = [[None, None, 5, 1, 2, None, None, "PROGRAM PERENCANAAN", "Persentase", None, None,
             None, None, None, None, None, BAPPEDA]]  # fmt: skip
    records = load_workbook(renstra_with_acuan(tmp_path, {6: "S1.1.1"}, rows), identity=KOTA)
    assert records.references == []
    assert [(p.row, p.column, p.severity) for p in records.problems] == [
        (6, "S (acuan)", "warning")
    ]
    assert "'S1.1.1'" in records.problems[0].message


def test_renstra_needs_its_pemda(tmp_path: Path) -> None:
    rows = [[None, *r[1:]] if i == 0 else r for i, r in enumerate(RENSTRA_ROWS)]
    path = write_xlsx(tmp_path / "r.xlsx", [*RENSTRA_HEAD[1:], *rows], [])
    with pytest.raises(LoadError) as info:
        load_workbook(path, identity={"opd": "Bappeda"})
    (problem,) = info.value.problems
    assert (problem.column, problem.severity) == ("pemda", "error")
    assert "--pemda" in problem.message


# --- rkpd --------------------------------------------------------------------------------------
RKPD = """
<table border=1>
<tr><th rowspan=2>Prioritas Daerah<th rowspan=2>Sasaran Daerah<th rowspan=2>Kode
<th rowspan=2>Urusan/Bidang Urusan/Program/Kegiatan/Sub Kegiatan<th rowspan=2>Indikator Kinerja
<th colspan=4>Rencana Tahun 2026<th rowspan=2>Kelompok Sasaran
<th rowspan=2>Perangkat Daerah Penanggungjawab<th colspan=2>Prakiraan Maju Rencana Tahun 2027
<tr><th>Lokasi<th>Target Capaian Kinerja<th>Kebutuhan Dana/Pagu Indikatif<th>Sumber Dana
<th>Target Capaian Kinerja<th>Kebutuhan Dana
<tr><td rowspan=4>Peningkatan kualitas SDM<td rowspan=4>Meningkatnya derajat kesehatan
<td>1.02.02<td>Program Pemenuhan Upaya Kesehatan<td>Cakupan SPM<td>Kota<td>100%
<td>Rp 1.250.000,00<td>APBD<td>Masyarakat<td>Dinas Kesehatan<td>100%<td>1.300.000,00
<tr><td>1.02.02.2.01<td>Penyediaan Fasilitas<td>Jumlah puskesmas<td>Kota<td>2 unit
<td>1.000.000,00<td>APBD<td>Masyarakat<td>Dinas Kesehatan<td>-<td>-
<tr><td>1.02.02.2.01.02<td>Pembangunan Puskesmas<td>Puskesmas dibangun<td>Kec. Asri<td>1 unit
<td>1.000.000,00<td>DAK<td>Masyarakat<td>Dinas Kesehatan<td><td>
<tr><td>1.02.02<td>Program Pemenuhan Upaya Kesehatan<td>BOR<td>RSUD<td>&lt;80%
<td>250.000,00<td>BLUD<td>Pasien<td>RSUD<td><td>
</table>"""


def test_rkpd_html(tmp_path: Path) -> None:
    records = load_workbook(write_html(tmp_path / "rkpd.html", RKPD), identity=KOTA)
    assert records.profile == "rkpd"
    assert records.document.id == "rkpd-kota-uji-2026"
    assert [e.id.split(":", 1)[1] for e in records.elements] == [
        "prioritas:PR1",
        "sasaran:S1.1",
        "program:dinas-kesehatan/1.02.02",
        "kegiatan:dinas-kesehatan/1.02.02.2.01",
        "sub_kegiatan:dinas-kesehatan/1.02.02.2.01.0002",
        "program:rsud/1.02.02",
    ]
    assert parents(records, "S1.1") == ["PR1"]
    assert parents(records, "dinas-kesehatan/1.02.02") == ["S1.1"]
    assert parents(records, "rsud/1.02.02") == ["S1.1"]
    assert parents(records, "dinas-kesehatan/1.02.02.2.01.0002") == ["dinas-kesehatan/1.02.02.2.01"]
    sub = element(records, "dinas-kesehatan/1.02.02.2.01.0002")
    assert (sub["pagu_2026"], sub["lokasi"], sub["sumber_dana"], sub["opd"]) == (
        1000000,
        "Kec. Asri",
        "DAK",
        "Dinas Kesehatan",
    )
    assert element(records, "dinas-kesehatan/1.02.02")["pagu_2027"] == 1300000
    assert element(records, "rsud/1.02.02")["kelompok_sasaran"] == "Pasien"
    bor = next(i for i in records.indicators if i.nama == "BOR")
    assert (bor.values["target_2026"], bor.values["target_2026_op"]) == ("<80%", "<")
    assert references(records) == [  # the sasaran daerah names its RPJMD sasaran
        ("S1.1", "RPJMD", "nama:Meningkatnya derajat kesehatan", 3, "B (sasaran)")
    ]


# --- renja -------------------------------------------------------------------------------------
def renja(tmp_path: Path, *rows: list) -> Path:
    head = [
        ["PEMERINTAH KOTA CONTOH"],
        ["RENCANA KERJA DINAS KESEHATAN TAHUN 2026"],
        ["Kode", "Urusan/Bidang Urusan/Program/Kegiatan/Sub Kegiatan", "Indikator Kinerja",
         "Rencana Tahun 2026", None, None, None, "Catatan Penting"],
        [None, None, None, "Lokasi", "Target Capaian Kinerja", "Kebutuhan Dana/Pagu Indikatif",
         "Sumber Dana"],
    ]  # fmt: skip
    merges = ["A3:A4", "B3:B4", "C3:C4", "D3:G3", "H3:H4"]
    return write_xlsx(tmp_path / "renja.xlsx", [*head, *rows], merges)


RENJA_ROWS = [
    ["1", "URUSAN PEMERINTAHAN WAJIB"],
    [1.02, "KESEHATAN"],
    ["X.XX.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH", "Dokumen tepat waktu", None,
     "100%", "Rp 2.000.000"],
    ["X.XX.01.2.01", "Perencanaan, Penganggaran, dan Evaluasi Kinerja", "Laporan", None,
     "3 laporan", "Rp 2.000.000"],
    ["1.02.02", "PROGRAM PEMENUHAN UPAYA KESEHATAN", "Cakupan", None, "95%", None],
    ["1.02.02.2.01", "Penyediaan Fasilitas", "Puskesmas", "Kota", "2 unit", "1,500,000.00",
     "APBD", "prioritas"],
    ["1.02.02.2.01.0002", "Pembangunan Puskesmas", "Puskesmas", "Kec. Asri", "1 unit",
     1500000.0, "DAK"],
]  # fmt: skip


def test_renja_identity_and_penunjang(tmp_path: Path) -> None:
    records = load_workbook(renja(tmp_path, *RENJA_ROWS), identity={"opd": "Dinas Kesehatan"})
    assert records.profile == "renja"
    assert records.document.id == "renja-kota-contoh-dinas-kesehatan-2026"
    assert {k: (v["value"], v["source"]) for k, v in records.identity.items()} == {
        "jenis": ("RENJA", "assumed"),
        "tahun": ("2026", "detected"),
        "pemda": ("Kota Contoh", "detected"),
        "opd": ("Dinas Kesehatan", "given"),
    }
    codes = [e.extra["kode"] for e in records.elements]
    assert codes == ["1.02.01", "1.02.01.2.01", "1.02.02", "1.02.02.2.01", "1.02.02.2.01.0002"]
    assert element(records, "1.02.01")["kode_asli"] == "X.XX.01"
    assert parents(records, "1.02.01.2.01") == ["1.02.01"]
    kegiatan = element(records, "1.02.02.2.01")
    assert (kegiatan["pagu_2026"], kegiatan["catatan"], kegiatan["opd"]) == (
        1500000,
        "prioritas",
        "Dinas Kesehatan",
    )
    assert records.problems == []


def test_renja_rows_that_fit_no_level_and_repeated_codes(tmp_path: Path) -> None:
    other = ["1.02.02.2.02", "Pengelolaan Obat", "Obat", None, "95%", 10]
    rows = [*RENJA_ROWS[4:], other, ["", "Keterangan tambahan"], RENJA_ROWS[5]]
    records = load_workbook(renja(tmp_path, *rows), identity={"opd": "Dinas Kesehatan"})
    assert [(p.row, p.column, p.severity) for p in records.problems] == [
        (9, "B (nama)", "warning"),
        (10, "A (kode)", "warning"),
    ]
    assert element(records, "1.02.02.2.01")["pagu_2026"] == 3000000


def test_renja_sub_kegiatan_without_kegiatan(tmp_path: Path) -> None:
    rows = [RENJA_ROWS[4], RENJA_ROWS[6]]
    assert problems_of(renja(tmp_path, *rows), opd="Dinkes") == [
        ("renja.xlsx", "Tabel", 6, "A (kode)", "error")
    ]


# --- choosing a profile ------------------------------------------------------------------------
def test_header_matching_no_profile(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "lain.xlsx", [["Judul"], ["Kode", "Sasaran", "Indikator"]])
    with pytest.raises(LoadError) as info:
        load_workbook(path, identity=KOTA)
    (problem,) = info.value.problems
    assert (problem.sheet, problem.row, problem.severity) == ("Tabel", 2, "error")
    assert all(name in problem.message for name in profiles())
    assert "paling dekat renstra-tc27" in problem.message and "tujuan" in problem.message


def test_profile_given_but_not_the_header(tmp_path: Path) -> None:
    path = renja(tmp_path, *RENJA_ROWS)
    with pytest.raises(LoadError) as info:
        load_workbook(path, profile="renstra-tc27", identity=KOTA)
    (problem,) = info.value.problems
    assert "dicoba: renstra-tc27)" in problem.message and "tujuan, sasaran" in problem.message


def test_unknown_profile(tmp_path: Path) -> None:
    with pytest.raises(LoadError) as info:
        load_workbook(renja(tmp_path, *RENJA_ROWS), profile="t-c.99")
    assert "tidak dikenal" in info.value.problems[0].message


def test_selaras_format_takes_identity_options(tmp_path: Path) -> None:
    path = tmp_path / "renja.csv"
    path.write_text(
        "jenis,RENJA\npemda,Kota Uji\ntahun,2026\nopd,Dinas Kesehatan\n\n"
        "jenis_elemen,kode,nama\nprogram,1.02.02,Program Kesehatan\n"
    )
    records = load_workbook(path, profile="selaras", identity={"tahun": "2027"})
    assert records.document.id == "renja-kota-uji-dinas-kesehatan-2027"
    assert records.identity["tahun"] == {"value": "2027", "source": "given"}
    assert records.identity["pemda"] == {"value": "Kota Uji", "source": "detected"}
