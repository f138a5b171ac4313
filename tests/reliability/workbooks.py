"""Writers for the bad-file corpus: Selaras workbooks, hand-made .xlsx XML, .ods, OLE containers.

Everything is generated in the test's temporary folder; nothing binary is committed.
"""

from __future__ import annotations

import csv
import io
import random
import struct
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from openpyxl import Workbook

from loaders.reading import column_letter
from tests.loaders.ods import HEAD as ODS_HEAD
from tests.loaders.ods import MANIFEST as ODS_MANIFEST
from tests.loaders.ods import TAIL as ODS_TAIL

Row = Sequence[object]
COLUMNS = ("jenis_elemen", "kode", "ref", "nama", "induk", "indikator", "target_2026", "pagu_2026")
RENJA_DOC: list[Row] = [
    ("kunci", "nilai"),
    ("jenis", "RENJA"),
    ("pemda", "Kota Uji"),
    ("tahun", "2026"),
    ("opd", "Dinas Kesehatan"),
]
RENJA_ROWS: list[Row] = [
    COLUMNS,
    ("program", "1.02.02", None, "Program Pemenuhan Upaya Kesehatan", None, None, None, None),
    ("kegiatan", "1.02.02.2.01", None, "Penyediaan Fasilitas Kesehatan", None, None, None, None),
    ("sub_kegiatan", "1.02.02.2.01.0002", None, "Pembangunan Puskesmas", None, "Puskesmas", 2,
     1_500_000_000),
    ("sub_kegiatan", "1.02.02.2.01.0003", None, "Pengadaan Alat Kesehatan", None, None, None,
     250_000_000),
]  # fmt: skip
RPJMD_DOC: list[Row] = [
    ("kunci", "nilai"),
    ("jenis", "RPJMD"),
    ("pemda", "Kota Uji"),
    ("periode", "2025-2029"),
]
RPJMD_ROWS: list[Row] = [
    COLUMNS,
    ("visi", None, "V", "Kota Uji yang sehat", None, None, None, None),
    ("misi", None, "M1", "Layanan dasar bermutu", "V", None, None, None),
    ("tujuan", None, "T1", "Meningkatkan derajat kesehatan", "M1", None, None, None),
    ("sasaran", None, "S1", "Akses layanan kesehatan", "T1", None, None, None),
]


def write_xlsx(
    path: Path,
    elemen: Iterable[Row],
    dokumen: Iterable[Row] | None = None,
    extra: dict[str, Iterable[Row]] | None = None,
    hidden: Iterable[str] = (),
) -> Path:
    """A Selaras workbook (``dokumen``, ``elemen`` and any ``extra`` sheets) with openpyxl."""
    wb = Workbook()
    sheets = {"dokumen": RENJA_DOC if dokumen is None else dokumen, "elemen": elemen}
    wb.remove(wb.active)
    for title, rows in {**sheets, **(extra or {})}.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(list(row))
        if title in set(hidden):
            ws.sheet_state = "hidden"
    wb.save(path)
    return path


def write_csv(
    path: Path,
    elemen: Iterable[Row],
    dokumen: Iterable[Row] = RENJA_DOC,
    encoding: str = "utf-8",
    delimiter: str = ",",
) -> Path:
    """A Selaras CSV: the ``dokumen`` keys, one empty row, the ``elemen`` table."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerows([r for r in dokumen if r[0] != "kunci"])
    writer.writerow([])
    writer.writerows(["" if v is None else v for v in row] for row in elemen)
    path.write_bytes(out.getvalue().encode(encoding))
    return path


# -- hand-written .xlsx: for what openpyxl will not write (error values, bombs, odd XML) --------

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/'
    'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
    '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>{sheets}</Types>'
)
_SHEET_TYPE = (
    '<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_BOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>{doctype}<workbook xmlns="http://schemas.'
    'openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships"><sheets>{sheets}</sheets></workbook>'
)
_BOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    '.org/package/2006/relationships">{rels}</Relationships>'
)
_BOOK_REL = (
    '<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet{i}.xml"/>'
)
SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main"><sheetData>'
)
SHEET_TAIL = "</sheetData></worksheet>"


def cell_xml(ref: str, value: object) -> str:
    """One ``<c>``: text inline, numbers as numbers, ``("error", "#REF!")`` as an error value,
    ``("raw", xml)`` as written."""
    if value is None:
        return ""
    if isinstance(value, tuple) and value[0] == "error":
        return f'<c r="{ref}" t="e"><f>{escape(value[1])}</f><v>{escape(value[1])}</v></c>'
    if isinstance(value, tuple) and value[0] == "raw":
        return str(value[1]).format(ref=ref)
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(value))}</t></is></c>'


def rows_xml(rows: Iterable[Row], first: int = 1) -> str:
    """``<row>`` elements for ``rows`` starting at row ``first``."""
    out = []
    for n, row in enumerate(rows, first):
        cells = "".join(cell_xml(f"{column_letter(i)}{n}", v) for i, v in enumerate(row))
        out.append(f'<row r="{n}">{cells}</row>')
    return "".join(out)


def write_raw_xlsx(
    path: Path,
    sheets: dict[str, str],
    doctype: str = "",
    level: int = 6,
) -> Path:
    """An .xlsx whose worksheet XML is given as written: ``{sheet name: sheetData content}``
    (or a whole ``<worksheet>`` document when it starts with ``<?xml``)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        z.writestr(
            "[Content_Types].xml",
            _CONTENT_TYPES.format(
                sheets="".join(_SHEET_TYPE.format(i=i) for i in range(1, len(sheets) + 1))
            ),
        )
        z.writestr("_rels/.rels", _RELS)
        entries = "".join(
            f'<sheet name="{escape(n)}" sheetId="{i}" r:id="rId{i}"/>'
            for i, n in enumerate(sheets, 1)
        )
        z.writestr("xl/workbook.xml", _BOOK.format(doctype=doctype, sheets=entries))
        rels = "".join(_BOOK_REL.format(i=i) for i in range(1, len(sheets) + 1))
        z.writestr("xl/_rels/workbook.xml.rels", _BOOK_RELS.format(rels=rels))
        for i, body in enumerate(sheets.values(), 1):
            xml = body if body.startswith("<?xml") else SHEET_HEAD + body + SHEET_TAIL
            z.writestr(f"xl/worksheets/sheet{i}.xml", xml)
    return path


def selaras_raw_xlsx(path: Path, elemen: Iterable[Row], dokumen: Iterable[Row] = RENJA_DOC) -> Path:
    """A Selaras workbook written as raw XML (cells may be ``("error", "#REF!")``)."""
    return write_raw_xlsx(path, {"dokumen": rows_xml(dokumen), "elemen": rows_xml(elemen)})


def write_ods(path: Path, content: str) -> Path:
    """An .ods whose ``<office:spreadsheet>`` content is given as written."""
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("META-INF/manifest.xml", ODS_MANIFEST)
        z.writestr("content.xml", ODS_HEAD + content + ODS_TAIL, zipfile.ZIP_DEFLATED)
    return path


# -- an encrypted Office file: an OLE compound file (CFB, MS-CFB v3) with the two streams of
# ECMA-376 agile encryption, EncryptionInfo and EncryptedPackage, as Excel writes when a
# workbook is saved with a password. The streams are 4096 bytes each (the mini-stream cutoff),
# so both live in ordinary 512-byte sectors and no mini FAT is needed.

_FREE, _END, _FAT, _NONE = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
_AGILE = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<encryption xmlns='
    b'"http://schemas.microsoft.com/office/2006/encryption"><keyData saltSize="16" '
    b'blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining='
    b'"ChainingModeCBC" hashAlgorithm="SHA512" saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/>'
    b"</encryption>"
)


def _cfb_entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
    encoded = (name + "\0").encode("utf-16-le") if name else b""
    return (
        encoded.ljust(64, b"\0")
        + struct.pack("<HBB", len(encoded), kind, 1)
        + struct.pack("<III", _NONE, right, child)
        + bytes(16 + 4 + 16)
        + struct.pack("<IQ", start, size)
    )


def write_encrypted_office(path: Path, seed: int = 7) -> Path:
    """A password-protected .xlsx as Excel saves it: an OLE container, not a zip."""
    info = (struct.pack("<HHI", 4, 4, 0x40) + _AGILE).ljust(4096, b" ")
    package = struct.pack("<Q", 4088) + random.Random(seed).randbytes(4088)
    fat = [_FAT, _END, *range(3, 10), _END, *range(11, 18), _END]
    fat_sector = struct.pack("<128I", *(fat + [_FREE] * (128 - len(fat))))
    directory = (
        _cfb_entry("Root Entry", 5, 1, _NONE, _END, 0)
        + _cfb_entry("EncryptionInfo", 2, _NONE, 2, 2, len(info))
        + _cfb_entry("EncryptedPackage", 2, _NONE, _NONE, 10, len(package))
        + _cfb_entry("", 0, _NONE, _NONE, 0, 0)
    )
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + bytes(16)
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + bytes(6)
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, _END, 0, _END, 0)
        + struct.pack("<109I", 0, *([_FREE] * 108))
    )
    path.write_bytes(header + fat_sector + directory + info + package)
    return path
