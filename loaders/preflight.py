"""Checks made on a workbook file before python-calamine opens it.

calamine builds every sheet as one dense grid of *last row × last column* cells, so a 1.5 KB
``.xlsx`` that names the cells ``A1`` and ``XFD1048576`` asks for 17 billion cells and the
process aborts (a Rust allocation failure, no exception); an ``.ods`` whose rows and cells are
"repeated" blows up the same way from a few hundred bytes. :func:`preflight` reads the XML inside
the zip as a bounded stream, works out the grid each sheet will need, and refuses the file before
calamine is asked. On the way it recognises password-protected workbooks (an encrypted OLE
container, whatever the file is called) and collects the Excel error values (``#REF!``,
``#N/A`` …) of ``.xlsx`` sheets, which calamine reads as empty cells.

Examples
--------
>>> _column_number(b"A"), _column_number(b"XFD")
(1, 16384)
"""

from __future__ import annotations

import functools
import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

from graph.errors import InputError, TooLarge

__all__ = ["MAX_UNZIPPED_BYTES", "PROTECTED", "ErrorCells", "column_letter", "preflight"]

ErrorCells = dict[str, dict[tuple[int, int], str]]  # sheet → (row, column), 0-based → "#REF!"
MAX_UNZIPPED_BYTES = 512 * 1024 * 1024
CHUNK = 4 * 1024 * 1024
CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED = "EncryptedPackage".encode("utf-16-le") + b"\x00\x00"
PROTECTED = (
    "buku kerja dilindungi kata sandi (terenkripsi); simpan ulang tanpa kata sandi / "
    "the workbook is password-protected (encrypted): save it again without a password"
)
_VALUE_CELL = re.compile(rb'<c r="([A-Z]{1,9})(\d{1,12})"[^>/]*>')  # not an empty <c .../>
_UNREFERENCED_CELL = re.compile(rb'<c(?:>| (?!r="[A-Z]{1,9}\d{1,12}"))')
_ERROR_CELL = re.compile(rb'<c\s[^>]*\bt="e"[^>]*>(?:(?!</c>).)*?<v>([^<]{1,40})</v>', re.S)
_ENDS = (b"</c>", b"/>", b">")
_REF = re.compile(rb'\br="([A-Z]{1,9})(\d{1,12})"')
_ODS_TOKEN = re.compile(
    rb"<table:table[\s>]|</table:table>|<table:table-row\b[^>]*>|"
    rb"<table:(?:covered-)?table-cell\b[^>]*>"
)
_REPEAT = re.compile(rb'number-(?:rows|columns)-repeated="(\d{1,10})"')
_NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "p": "http://schemas.openxmlformats.org/package/2006/relationships",
}


def preflight(path: Path, name: str, max_cells: int) -> ErrorCells:
    """Refuse what calamine cannot open safely; the Excel error cells of each ``.xlsx`` sheet.

    Raises
    ------
    InputError
        When the workbook is encrypted or its zip is corrupt.
    TooLarge
        When the sheets would expand to more than ``max_cells`` cells, or the zip to more than
        ``MAX_UNZIPPED_BYTES``.
    """
    with path.open("rb") as f:
        head = f.read(len(CFB_MAGIC))
    if head == CFB_MAGIC:
        _refuse_encrypted(path, name)
        return {}
    if not zipfile.is_zipfile(path):
        return {}
    try:
        with zipfile.ZipFile(path) as z:
            _check_unzipped_size(z, name)
            if "content.xml" in z.namelist():
                _ods_cells(z, name, max_cells)
                return {}
            return _xlsx_errors(z, name, max_cells)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
        raise InputError(f"{name}: berkas zip rusak / the zip file is corrupt ({exc})") from exc
    except ElementTree.ParseError as exc:
        raise InputError(f"{name}: XML buku kerja rusak / broken workbook XML ({exc})") from exc


def _refuse_encrypted(path: Path, name: str) -> None:
    """An OLE container with an ``EncryptedPackage`` stream is an encrypted .xlsx (ECMA-376):
    the name is looked for where directory entries start (every 128 bytes), not in cell text."""
    data = path.read_bytes()
    at = data.find(ENCRYPTED)
    while at >= 0:
        if at % 128 == 0:
            raise InputError(f"{name}: {PROTECTED}")
        at = data.find(ENCRYPTED, at + 1)


def _check_unzipped_size(z: zipfile.ZipFile, name: str) -> None:
    total = sum(info.file_size for info in z.infolist())
    if total > MAX_UNZIPPED_BYTES:
        raise TooLarge(
            f"{name}: isi zip {total} byte melebihi batas {MAX_UNZIPPED_BYTES} / "
            "unzipped content over the limit"
        )


def _check_cells(name: str, cells: int, max_cells: int) -> None:
    if cells > max_cells:
        raise TooLarge(f"{name}: {cells} sel melebihi batas {max_cells} / cells over the limit")


def _chunks(z: zipfile.ZipFile, member: str) -> Iterator[bytes]:
    """The member in pieces cut after a cell or a tag, so that no cell is cut in two (a piece
    with no tag end at all, the inside of a huge text, is passed on whole)."""
    carry = b""
    with z.open(member) as f:
        while block := f.read(CHUNK):
            data = carry + block
            cut = next((data.rfind(e) + len(e) for e in _ENDS if data.rfind(e) >= 0), len(data))
            cut = cut if len(data) - cut <= CHUNK else len(data)
            yield data[:cut]
            carry = data[cut:]
    yield carry


def _xlsx_errors(z: zipfile.ZipFile, name: str, max_cells: int) -> ErrorCells:
    errors: ErrorCells = {}
    total = 0
    for sheet, member in _worksheets(z):
        rows = columns = 0
        errors[sheet] = {}
        for chunk in _chunks(z, member):
            if b"</c>" not in chunk:  # only empty (formatted) cells: nothing calamine keeps
                continue
            rows, columns = _grid(chunk, rows, columns)
            _check_cells(name, total + rows * columns, max_cells)
            if b't="e"' in chunk:
                errors[sheet] |= _errors_in(chunk)
        total += rows * columns
    return errors


def _grid(chunk: bytes, rows: int, columns: int) -> tuple[int, int]:
    """The rows and columns of the grid calamine will build, with the cells of ``chunk``.

    The last value cell of the piece is taken as the new corner, and one regex pass checks
    that no cell lies beyond it nor lacks its ``r="A1"``: the usual case, rows in order as
    wide as the piece before. Otherwise every cell reference is read (:func:`_exact_grid`).

    >>> _grid(b'<row r="7"><c r="A7"><v>1</v></c><c r="C7" s="1"/></row>', 0, 0)
    (7, 1)
    >>> _grid(b'<c r="B9"><v>1</v></c><c r="ZZ2"><v>1</v></c><c r="A3"><v>1</v></c>', 0, 0)
    (9, 702)
    """
    corner = _last_value_cell(chunk)
    if corner is not None:
        rows, columns = max(rows, corner[0]), max(columns, corner[1])
        if not _beyond(rows, columns).search(chunk):
            return rows, columns
    return _exact_grid(chunk, rows, columns)


def _last_value_cell(chunk: bytes) -> tuple[int, int] | None:
    """(row, column), 1-based, of the last cell with a value and a reference in the piece."""
    at = len(chunk)
    for _ in range(64):  # a run of empty formatted cells is short; past it, read them all
        at = chunk.rfind(b'<c r="', 0, at)
        if at < 0:
            return None
        if cell := _VALUE_CELL.match(chunk, at):
            return int(cell.group(2)), _column_number(cell.group(1))
    return None


@functools.lru_cache(maxsize=64)
def _beyond(rows: int, columns: int) -> re.Pattern[bytes]:
    """Finds a value cell below row ``rows`` or right of column ``columns``, or a cell with no
    reference of its own (it may take a column no reference names)."""
    below = _after(str(rows), "0123456789", 12)
    right = _after(column_letter(columns - 1) if columns else "", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", 9)
    return re.compile(
        rf'<c(?:>| (?!r="[A-Z]{{1,9}}\d{{1,12}}")| r="(?:[A-Z]{{1,9}}(?:{below})|'
        rf'(?:{right})\d{{1,12}})"[^>/]*>)'.encode()
    )


def _after(text: str, alphabet: str, longest: int) -> str:
    """A regex for the words of ``alphabet`` (in its order) after ``text``: longer ones, or as
    long and later at the first letter that differs. A longer number with leading zeros matches
    too, which only sends the piece to the exact reading.

    >>> _after("27", "0123456789", 12)
    '[0-9]{3,12}|[3-9][0-9]|2[8-9]'
    """
    n = len(text)
    every = f"[{alphabet[0]}-{alphabet[-1]}]"
    options = [f"{every}{{{n + 1},{longest}}}"] if n < longest else []
    for i, letter in enumerate(text):
        later = alphabet[alphabet.index(letter) + 1 :]
        if later:
            rest = {0: "", 1: every}.get(n - i - 1, f"{every}{{{n - i - 1}}}")
            options.append(f"{text[:i]}[{later[0]}-{later[-1]}]{rest}")
    return "|".join(options) or "(?!)"


def _exact_grid(chunk: bytes, rows: int, columns: int) -> tuple[int, int]:
    """:func:`_grid` from every value cell's reference, and from the widest row of cells
    without one."""
    refs = _VALUE_CELL.findall(chunk)
    if refs:
        rows = max(rows, max(map(int, {r for _, r in refs})))
        columns = max(columns, _column_number(max({c for c, _ in refs}, key=_as_number)))
    if _unreferenced(chunk):
        columns = max(columns, _widest_row(chunk))
        rows += chunk.count(b"<row")
    return rows, columns


def _worksheets(z: zipfile.ZipFile) -> Iterator[tuple[str, str]]:
    """(sheet name, zip member) of every worksheet, from the workbook and its relationships."""
    names = set(z.namelist())
    if "xl/workbook.xml" not in names or "xl/_rels/workbook.xml.rels" not in names:
        return
    book = ElementTree.fromstring(z.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels.findall("p:Relationship", _NS)}
    for sheet in book.findall("m:sheets/m:sheet", _NS):
        target = targets.get(sheet.get(f"{{{_NS['r']}}}id"), "")
        member = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        member = str(PurePosixPath(member))
        if member in names:
            yield sheet.get("name", ""), member


def _unreferenced(chunk: bytes) -> bool:
    """True when some cell has no ``r="A1"`` of its own (it takes the next column)."""
    cells = chunk.count(b"<c ") + chunk.count(b"<c>")
    return cells > chunk.count(b'<c r="') and bool(_UNREFERENCED_CELL.search(chunk))


def _widest_row(chunk: bytes) -> int:
    """The most cells with a value (each ends ``</c>``) in one row of the piece."""
    return max(row.count(b"</c>") for row in chunk.split(b"<row"))


def _as_number(digits_or_letters: bytes) -> tuple[int, bytes]:
    """Order row numbers and column letters as numbers: longer is larger."""
    return len(digits_or_letters), digits_or_letters


def _errors_in(chunk: bytes) -> dict[tuple[int, int], str]:
    out = {}
    for match in _ERROR_CELL.finditer(chunk):
        ref = _REF.search(match.group(0))
        if ref:
            cell = (int(ref.group(2)) - 1, _column_number(ref.group(1)) - 1)
            out[cell] = match.group(1).decode("ascii", "replace")
    return out


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column, the inverse of :func:`_column_number`:
    0 → ``A``, 27 → ``AB``.

    >>> column_letter(0), column_letter(27), column_letter(16383)
    ('A', 'AB', 'XFD')
    """
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _ods_cells(z: zipfile.ZipFile, name: str, max_cells: int) -> None:
    """Refuse an ``.ods`` whose grids, repeated rows and cells expanded (trailing empty ones
    not counted, as calamine does), hold more than ``max_cells`` cells."""
    total = rows = width = row = column = last = repeat = 0
    for chunk in _chunks(z, "content.xml"):
        for token in _ODS_TOKEN.findall(chunk):
            if token.startswith(b"<table:table-row"):
                row, column, last, repeat = row + repeat, 0, 0, _repeat(token)
                continue
            if not token.startswith((b"<table:table-cell", b"<table:covered")):
                total, rows, width, row, repeat = total + rows * width, 0, 0, 0, 0
                continue
            column += _repeat(token)
            if b"value-type" in token or not token.endswith(b"/>"):
                last = column
                rows, width = max(rows, row + repeat), max(width, last)
                _check_cells(name, total + rows * width, max_cells)


def _repeat(token: bytes) -> int:
    match = _REPEAT.search(token)
    return int(match.group(1)) if match else 1
