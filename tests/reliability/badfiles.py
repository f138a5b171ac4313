"""The corpus of bad workbooks: each case a small function that writes one file, and what
Selaras must say about it.

A case's :class:`Expect` names a fragment of the message and, where the problem has one, the
sheet, row and column. ``outcome`` is ``"error"`` (a load error, exit 2 / HTTP 422), ``"too_large"``
(a limit, exit 2 / HTTP 413) or ``"warning"`` (the file loads, with that warning). Base files are
in the Selaras format (``docs/workbook-format.md``); see ``workbooks.py`` for the writers.
"""

from __future__ import annotations

import datetime
import random
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook

from tests.loaders.ods import write_ods as write_text_ods
from tests.reliability.workbooks import (
    COLUMNS,
    RENJA_DOC,
    RENJA_ROWS,
    RPJMD_DOC,
    RPJMD_ROWS,
    SHEET_HEAD,
    Row,
    rows_xml,
    selaras_raw_xlsx,
    write_csv,
    write_encrypted_office,
    write_ods,
    write_raw_xlsx,
    write_xlsx,
)


@dataclass(frozen=True)
class Expect:
    """What Selaras must report: a message fragment and the place, where there is one."""

    fragment: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    outcome: str = "error"


@dataclass(frozen=True)
class Case:
    """One bad file: its generator and what must be said about it."""

    name: str
    make: Callable[[Path], Path]
    expect: Expect
    xfail: str | None = None


CASES: list[Case] = []


def case(expect: Expect, xfail: str | None = None) -> Callable[[Callable[[Path], Path]], Case]:
    """Register a generator (``folder → file``) with its expected outcome."""

    def register(make: Callable[[Path], Path]) -> Case:
        found = Case(make.__name__, make, expect, xfail)
        CASES.append(found)
        return found

    return register


def renja_with(*rows: Row) -> list[Row]:
    """The base Renja's rows (header on row 1, elements on rows 2-5) and ``rows`` from row 6."""
    return [*RENJA_ROWS, *rows]


def replaced(rows: list[Row], row: int, column: str, value: object) -> list[Row]:
    """``rows`` (row 1 is the header) with one cell changed."""
    out = [list(r) for r in rows]
    out[row - 1][COLUMNS.index(column)] = value
    return out


# -- not a workbook at all, or a broken container -------------------------------------------


@case(Expect("berkas kosong"))
def empty_xlsx(folder: Path) -> Path:
    path = folder / "kosong.xlsx"
    path.write_bytes(b"")
    return path


@case(Expect("tidak bisa dibaca"))
def truncated_xlsx(folder: Path) -> Path:
    path = write_xlsx(folder / "renja.xlsx", RENJA_ROWS)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    return path


@case(Expect("zip rusak"))
def corrupt_xlsx(folder: Path) -> Path:
    """The compressed bytes of the ``elemen`` sheet overwritten (CRC and deflate both broken)."""
    path = write_xlsx(folder / "renja.xlsx", [*RENJA_ROWS, *RENJA_ROWS[1:]] * 20)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("xl/worksheets/sheet2.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    middle = start + info.compress_size // 2
    data[middle : middle + 64] = b"\x55" * 64
    path.write_bytes(bytes(data))
    return path


@case(Expect("tidak bisa dibaca"))
def pdf_named_xlsx(folder: Path) -> Path:
    path = folder / "laporan.xlsx"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\n%%EOF\n")
    return path


@case(Expect("tidak bisa dibaca"))
def zip_of_text_named_xlsx(folder: Path) -> Path:
    path = folder / "arsip.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("baca-saya.txt", "bukan buku kerja")
    return path


@case(Expect("tidak bisa dibaca"))
def docx_named_xlsx(folder: Path) -> Path:
    path = folder / "nota-dinas.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return path


@case(Expect("tidak bisa dibaca"))
def random_bytes_xls(folder: Path) -> Path:
    path = folder / "acak.xls"
    path.write_bytes(b"\x09" + random.Random(3).randbytes(8191))
    return path


@case(Expect("tidak bisa dibaca"))
def truncated_ods(folder: Path) -> Path:
    path = folder / "renja.ods"
    text = [["" if v is None else str(v) for v in r] for r in RENJA_ROWS]
    write_text_ods(path, {"dokumen": [list(map(str, r)) for r in RENJA_DOC], "elemen": text})
    path.write_bytes(path.read_bytes()[:-200])
    return path


@case(Expect("tidak bisa dibaca"))
def sheet_xml_cut_short(folder: Path) -> Path:
    """The ``elemen`` XML ends after row 3 (an interrupted save): no rows may be lost quietly."""
    xml = SHEET_HEAD + rows_xml(RENJA_ROWS)
    return write_raw_xlsx(
        folder / "renja.xlsx",
        {"dokumen": rows_xml(RENJA_DOC), "elemen": xml[: xml.index('<row r="4"')]},
    )


@case(Expect("kata sandi"))
def password_protected_xlsx(folder: Path) -> Path:
    return write_encrypted_office(folder / "renja-rahasia.xlsx")


@case(Expect("kata sandi"))
def password_protected_named_xls(folder: Path) -> Path:
    return write_encrypted_office(folder / "renja-rahasia.xls")


@case(Expect("bukan buku kerja yang dikenal"))
def pdf_suffix(folder: Path) -> Path:
    path = folder / "renja.pdf"
    path.write_bytes(b"%PDF-1.7\n%%EOF\n")
    return path


@case(Expect("XML"))
def billion_laughs_workbook_xml(folder: Path) -> Path:
    entities = '<!ENTITY a0 "ha">' + "".join(
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)
    )
    path = write_raw_xlsx(
        folder / "tawa.xlsx",
        {"dokumen": rows_xml(RENJA_DOC), "elemen": rows_xml(RENJA_ROWS)},
        doctype=f"<!DOCTYPE workbook [{entities}]>",
    )
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(b'name="elemen"', b'name="&a9;"')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, content in parts.items():
            z.writestr(n, content)
    return path


# -- small files that expand enormously -------------------------------------------------------


@case(Expect("melebihi batas", outcome="too_large"))
def sparse_cells_bomb(folder: Path) -> Path:
    """1.5 KB: cells A1 and XFD1048576, a grid of 17 billion cells (calamine aborted on it)."""
    far = '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    return write_raw_xlsx(
        folder / "bom.xlsx", {"dokumen": rows_xml(RENJA_DOC), "elemen": rows_xml(COLUMNS) + far}
    )


@case(Expect("melebihi batas", outcome="too_large"))
def dense_cells_bomb(folder: Path) -> Path:
    """~50 KB of zip: 2,500 rows of 1,000 cells written without cell references."""
    row = "<row>" + "<c><v>1</v></c>" * 1000 + "</row>"
    return write_raw_xlsx(folder / "padat.xlsx", {"elemen": row * 2_500}, level=9)


@case(Expect("melebihi batas", outcome="too_large"))
def ods_repeated_rows_bomb(folder: Path) -> Path:
    """Under 1 KB: one row of one value, repeated 1,048,576 × 16,384 times."""
    return write_ods(
        folder / "bom.ods",
        '<table:table table:name="elemen"><table:table-row table:number-rows-repeated="1048576">'
        '<table:table-cell table:number-columns-repeated="16384" office:value-type="float" '
        'office:value="1"/></table:table-row></table:table>',
    )


@case(Expect("isi zip", outcome="too_large"))
def unzipped_size_bomb(folder: Path) -> Path:
    """~3 MB of zip holding 540 MB of shared strings (calamine reads them all into memory)."""
    path = selaras_raw_xlsx(folder / "string.xlsx", RENJA_ROWS)
    block = b"<si><t>a</t></si>" * 60_000
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as out:
            for _ in range(540_000_000 // len(block) + 1):
                out.write(block)
    return path


@case(Expect("tidak dikenal", "elemen", 6, "jenis_elemen"))
def million_styled_empty_rows(folder: Path) -> Path:
    """8 MB: a bad row 6, then a million formatted, empty rows (read fast, not refused)."""
    styled = "".join(
        f'<row r="{n}" s="1" customFormat="1"><c r="A{n}" s="1"/><c r="B{n}" s="1"/></row>'
        for n in range(7, 1_000_007)
    )
    elemen = rows_xml(renja_with(("programme", "1.02.03", None, "X"))) + styled
    sheets = {"dokumen": rows_xml(RENJA_DOC), "elemen": elemen}
    return write_raw_xlsx(folder / "format.xlsx", sheets, level=1)


@case(Expect("tidak dikenal", "elemen", 3, "jenis_elemen"))
def twenty_thousand_columns(folder: Path) -> Path:
    """A header 20,000 columns wide, past Excel's 16,384 (unknown columns are ignored)."""
    header = [*COLUMNS, *(f"catatan_{i}" for i in range(20_000 - len(COLUMNS)))]
    rows = replaced(RENJA_ROWS, 3, "jenis_elemen", "kegiatann")
    return selaras_raw_xlsx(folder / "lebar.xlsx", [header, *rows[1:]])


@case(Expect("32.767", "elemen", 3, "nama"))
def five_megabyte_cell_xlsx(folder: Path) -> Path:
    """5 MB of text in one cell (Excel stops at 32,767 characters; this file was not Excel's)."""
    rows = replaced(RENJA_ROWS, 3, "nama", "x" * 5_000_000)
    return selaras_raw_xlsx(folder / "besar.xlsx", rows)


@case(Expect("field larger than field limit"))
def five_megabyte_cell_csv(folder: Path) -> Path:
    return write_csv(folder / "besar.csv", replaced(RENJA_ROWS, 3, "nama", "x" * 5_000_000))


@case(Expect("melebihi batas", outcome="too_large"))
def csv_of_commas(folder: Path) -> Path:
    """20 MB of empty cells: 100,000 rows of 200 commas (20 million cells)."""
    path = write_csv(folder / "koma.csv", RENJA_ROWS)
    with path.open("a") as out:
        out.write(("," * 200 + "\n") * 100_000)
    return path


@case(Expect("32.767", "elemen", 8, "nama"))
def hundred_thousand_char_cell_csv(folder: Path) -> Path:
    return write_csv(folder / "panjang.csv", replaced(RENJA_ROWS, 3, "nama", "x" * 100_000))


# -- cells that are not what the column needs ---------------------------------------------------


@case(Expect("#REF!", "elemen", 2, "kode"))
def ref_error_as_code(folder: Path) -> Path:
    return selaras_raw_xlsx(
        folder / "ref.xlsx", replaced(RENJA_ROWS, 2, "kode", ("error", "#REF!"))
    )


@case(Expect("#N/A", "elemen", 4, "pagu_2026"))
def na_error_as_pagu(folder: Path) -> Path:
    rows = replaced(RENJA_ROWS, 4, "pagu_2026", ("error", "#N/A"))
    return selaras_raw_xlsx(folder / "na.xlsx", rows)


@case(Expect("#DIV/0!", "elemen", 4, "target_2026"))
def div0_error_as_target(folder: Path) -> Path:
    rows = replaced(RENJA_ROWS, 4, "target_2026", ("error", "#DIV/0!"))
    return selaras_raw_xlsx(folder / "div0.xlsx", rows)


@case(Expect("#REF!", "elemen", 8, "kode"))
def ref_error_text_in_csv(folder: Path) -> Path:
    return write_csv(folder / "ref.csv", replaced(RENJA_ROWS, 3, "kode", "#REF!"))


@case(Expect("kode wajib", "elemen", 2, "kode"))
def formula_without_value_as_code(folder: Path) -> Path:
    formula = ("raw", '<c r="{ref}"><f>CONCATENATE("1.02",".02")</f></c>')
    return selaras_raw_xlsx(folder / "rumus.xlsx", replaced(RENJA_ROWS, 2, "kode", formula))


@case(Expect("tanggal", "elemen", 2, "kode"))
def date_as_code(folder: Path) -> Path:
    """``1.02`` typed into a cell Excel reads as a date (1 February)."""
    path = write_xlsx(folder / "tanggal.xlsx", RENJA_ROWS)
    from openpyxl import load_workbook

    wb = load_workbook(path)
    wb["elemen"]["B2"] = datetime.datetime(2026, 2, 1)
    wb["elemen"]["B2"].number_format = "d.mm"
    wb.save(path)
    return path


@case(Expect("angka", "elemen", 2, "kode"))
def code_as_float(folder: Path) -> Path:
    """A program code typed as the number 1.02 (it reads back as a bidang code)."""
    return write_xlsx(folder / "angka.xlsx", replaced(RENJA_ROWS, 2, "kode", 1.02))


@case(Expect("sama dengan baris 6", "elemen", 7, "kode"))
def float_codes_collide(folder: Path) -> Path:
    """Sasaran 1.1 and 1.10 typed as numbers: both read 1.1, one id twice."""
    rows = [
        *RPJMD_ROWS,
        ("sasaran", 1.1, None, "Sasaran satu-satu", "T1"),
        ("sasaran", 1.10, None, "Sasaran satu-sepuluh", "T1"),
    ]
    return write_xlsx(folder / "rpjmd.xlsx", rows, RPJMD_DOC)


# -- rows that break the document's structure ---------------------------------------------------


@case(Expect("sama dengan baris 2", "elemen", 6, "kode"))
def duplicate_ids(folder: Path) -> Path:
    return write_xlsx(folder / "ganda.xlsx", renja_with(("program", "1.02.02", None, "Lagi")))


@case(Expect("tidak ditemukan", "elemen", 3, "induk"))
def dangling_parent(folder: Path) -> Path:
    rows = replaced(RPJMD_ROWS, 3, "induk", "V9")
    return write_xlsx(folder / "rpjmd.xlsx", rows, RPJMD_DOC)


@case(Expect("melingkar", "elemen", 4, "induk"))
def cycle(folder: Path) -> Path:
    rows = replaced(RPJMD_ROWS, 4, "induk", "S1")
    return write_xlsx(folder / "rpjmd.xlsx", rows, RPJMD_DOC)


@case(Expect("judul kolom berulang", "elemen", 4, "jenis_elemen"))
def second_header_mid_sheet(folder: Path) -> Path:
    rows = [*RENJA_ROWS[:3], COLUMNS, *RENJA_ROWS[3:]]
    return write_xlsx(folder / "dua-judul.xlsx", rows)


@case(Expect("dua kali", "elemen", 1, "nama"))
def column_twice(folder: Path) -> Path:
    rows = [[*r, v] for r, v in zip(RENJA_ROWS, ["nama", "A", "B", "C", "D"], strict=True)]
    return write_xlsx(folder / "kolom-ganda.xlsx", rows)


@case(Expect("tersembunyi", "elemen", 3, "jenis_elemen"))
def hidden_elemen_sheet(folder: Path) -> Path:
    rows = replaced(RENJA_ROWS, 3, "jenis_elemen", "kegiatan lama")
    return write_xlsx(folder / "tersembunyi.xlsx", rows, hidden=["elemen"])


@case(Expect("tidak dikenal", "elemen", 4, "jenis_elemen"))
def hidden_row(folder: Path) -> Path:
    """Hidden rows are read like any other (hiding is how a sheet looks, not what it says)."""
    path = write_xlsx(folder / "baris.xlsx", replaced(RENJA_ROWS, 4, "jenis_elemen", "dihapus"))
    from openpyxl import load_workbook

    wb = load_workbook(path)
    wb["elemen"].row_dimensions[4].hidden = True
    wb.save(path)
    return path


@case(Expect("tersembunyi", "tautan", 2, "dari"))
def hidden_tautan_sheet(folder: Path) -> Path:
    links = [("dari", "ke"), ("1.02.09", "1.02.02")]
    return write_xlsx(
        folder / "tautan.xlsx", RENJA_ROWS, extra={"tautan": links}, hidden=["tautan"]
    )


@case(Expect("tidak ada baris elemen", "elemen"))
def header_only(folder: Path) -> Path:
    """A revised file that lost its rows must not replace the document by nothing."""
    return write_xlsx(folder / "kosong.xlsx", RENJA_ROWS[:1])


@case(Expect("tidak cocok dengan profil", "Sheet", 1))
def no_elemen_sheet(folder: Path) -> Path:
    wb = Workbook()
    wb.active.append(["catatan"])
    wb.create_sheet("Sheet2").append(["lain"])
    wb.save(folder / "lain.xlsx")
    return folder / "lain.xlsx"


@case(Expect("jenis dokumen harus", "dokumen", None, "jenis"))
def no_dokumen_sheet(folder: Path) -> Path:
    wb = Workbook()
    wb.active.title = "elemen"
    for row in RENJA_ROWS:
        wb.active.append(list(row))
    wb.save(folder / "tanpa-dokumen.xlsx")
    return folder / "tanpa-dokumen.xlsx"


@case(Expect("tahun akhir sebelum", "dokumen", 4, "periode"))
def period_ends_before_it_starts(folder: Path) -> Path:
    doc = [*RPJMD_DOC[:3], ("periode", "2029-2025")]
    return write_xlsx(folder / "rpjmd.xlsx", RPJMD_ROWS, doc)


@case(Expect("terlalu besar", "elemen", 4, "pagu_2026"))
def pagu_of_400_digits(folder: Path) -> Path:
    return write_xlsx(folder / "pagu.xlsx", replaced(RENJA_ROWS, 4, "pagu_2026", "9" * 400))


# -- text files --------------------------------------------------------------------------------


@case(Expect("1.02.AB", "elemen", 7, "kode"))
def csv_utf16_tab(folder: Path) -> Path:
    """Excel's "Unicode Text": UTF-16 with BOM, tab-separated."""
    rows = replaced(RENJA_ROWS, 2, "kode", "1.02.AB")
    return write_csv(folder / "unicode.csv", rows, encoding="utf-16", delimiter="\t")


@case(Expect("tidak dikenal", "elemen", 8, "jenis_elemen"))
def csv_utf16le_without_bom(folder: Path) -> Path:
    rows = replaced(RENJA_ROWS, 3, "jenis_elemen", "kegiatann")
    return write_csv(folder / "utf16.csv", rows, encoding="utf-16-le")


@case(Expect("UTF-16 rusak"))
def csv_utf16_truncated(folder: Path) -> Path:
    path = write_csv(folder / "putus.csv", RENJA_ROWS, encoding="utf-16")
    path.write_bytes(path.read_bytes()[:-1])
    return path


@case(Expect("pemisah"))
def csv_mixed_delimiters(folder: Path) -> Path:
    path = folder / "campur.csv"
    head = write_csv(folder / "head.csv", [], delimiter=";").read_text()
    body = write_csv(folder / "body.csv", RENJA_ROWS, dokumen=[]).read_text().lstrip()
    path.write_text(head + body)
    return path


@case(Expect("bukan berkas teks CSV"))
def csv_binary(folder: Path) -> Path:
    path = folder / "biner.csv"
    path.write_bytes(b"jenis,RENJA\n\x00\x01\x02" + bytes(range(256)) * 8)
    return path


@case(Expect("tidak dikenal", "elemen", 8, "jenis_elemen"))
def html_unclosed_tags_as_xls(folder: Path) -> Path:
    """What SIPD-era apps export: an HTML table saved as .xls, ``<td>``/``<tr>`` never closed."""
    rows = [*(r for r in RENJA_DOC if r[0] != "kunci"), (), RENJA_ROWS[0], RENJA_ROWS[1]]
    rows += [("kegiatann", "1.02.02.2.01", None, "Penyediaan Fasilitas Kesehatan")]
    body = "".join("<tr>" + "".join(f"<td>{'' if v is None else v}" for v in row) for row in rows)
    path = folder / "sipd.xls"
    path.write_text(f"<html><head><title>Renja</title><body><table border=1>{body}</table>")
    return path


# -- the right workbook for the wrong pemda or year ---------------------------------------------
# Selaras keeps several pemda and years side by side (a province and its kabupaten; a Renja per
# year), so a file of another pemda or year is not an error. But nothing links across pemda,
# and the chain only links documents whose years overlap, so such a file stands alone in the
# graph: its activities all become orphans. A warning at load time says so before the checks do.


@case(Expect("RPJMD:S1", "elemen", 2, "induk", outcome="warning"))
def other_pemda_reference(folder: Path) -> Path:
    """A Renstra of Kota Lain pointing at an RPJMD sasaran: only Kota Contoh's RPJMD is loaded."""
    doc = [
        ("kunci", "nilai"),
        ("jenis", "RENSTRA"),
        ("pemda", "Kota Lain"),
        ("periode", "2025-2029"),
        ("opd", "Dinas Kesehatan"),
    ]
    rows = [COLUMNS, ("sasaran", None, "SP1", "Layanan kesehatan", "RPJMD:S1")]
    return write_xlsx(folder / "renstra-kota-lain.xlsx", rows, doc)


@case(Expect("pemda", "dokumen", None, "pemda", outcome="warning"))
def other_pemda_renja(folder: Path) -> Path:
    """A Renja of Kota Lain loaded next to Kota Contoh's plans: links by code find nothing."""
    doc = [(k, "Kota Lain" if k == "pemda" else v) for k, v in RENJA_DOC]
    return write_xlsx(folder / "renja-kota-lain.xlsx", RENJA_ROWS, doc)


@case(Expect("Tahun 2031", "dokumen", None, "tahun", outcome="warning"))
def year_outside_the_plans(folder: Path) -> Path:
    """A Renja for 2031 next to an RPJMD and Renstra for 2025-2029."""
    doc = [
        (k, "Kota Contoh" if k == "pemda" else "2031" if k == "tahun" else v) for k, v in RENJA_DOC
    ]
    return write_xlsx(folder / "renja-2031.xlsx", RENJA_ROWS, doc)


def by_name(name: str) -> Case:
    """The case called ``name``."""
    return next(c for c in CASES if c.name == name)
