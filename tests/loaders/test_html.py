"""HTML tables (saved as .html or as .xls) read into the same sheets as a spreadsheet."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import InputError, TooLarge
from loaders.html import html_sheets, looks_like_html
from loaders.reading import read_sheets


def test_spans_are_filled_merges() -> None:
    (sheet,) = html_sheets(
        "<table><tr><th rowspan=2>Kode<th colspan=2>Tahun 2026<th>OPD</tr>"
        "<tr><th>Target<th>Rp<th rowspan=2>Dinkes</tr>"
        "<tr><td>1.02.02<td>80%<td>1.000</tr></table>"
    )
    assert sheet.rows == [
        (1, ["Kode", "Tahun 2026", "Tahun 2026", "OPD"]),
        (2, ["Kode", "Target", "Rp", "Dinkes"]),
        (3, ["1.02.02", "80%", "1.000", "Dinkes"]),
    ]
    assert sheet.merged == ((1, 0, 2, 0), (1, 1, 1, 2), (2, 3, 3, 3))


def test_unclosed_tags_entities_and_breaks() -> None:
    (sheet,) = html_sheets(
        "<table id=t><tr><td>Program &amp; Kegiatan<br>Daerah<td><b>1,5</b>"
        "<tr><td>  spasi   ganda <td></table>"
    )
    assert sheet.name == "Tabel 1"
    assert sheet.rows == [(1, ["Program & Kegiatan\nDaerah", "1,5"]), (2, ["spasi ganda", None])]


def test_page_text_above_a_table_comes_first_as_title_rows() -> None:
    (sheet,) = html_sheets(
        "<head><title>Laporan</title><style>th { text-align: center }</style>"
        "<script>var x = '<td>';</script>"
        "<div><h4>PEMERINTAH KOTA UJI</h4><b>Renja</b> Dinas Kesehatan<br>Tahun 2026</div>"
        "<table><tr><th colspan=2>Kode</table>"
    )
    assert sheet.rows == [
        (1, ["PEMERINTAH KOTA UJI", None]),
        (2, ["Renja Dinas Kesehatan", None]),
        (3, ["Tahun 2026", None]),
        (4, ["Kode", "Kode"]),
    ]
    assert sheet.merged == ((4, 0, 4, 1),)


def test_rowspan_past_the_last_row_and_odd_attributes() -> None:
    (sheet,) = html_sheets("<table><tr><td rowspan='9'>a<td colspan=2px>b<tr><td>c</table>")
    assert sheet.rows == [(1, ["a", "b", "b"]), (2, ["a", "c", None])]


def test_every_table_is_a_sheet_nested_too() -> None:
    sheets = html_sheets(
        "<table><tr><td>luar<td><table><tr><td>dalam</table></td></tr></table>"
        "<table><tr><td>kedua</td></tr>"
    )
    assert [(s.name, s.rows) for s in sheets] == [
        ("Tabel 1", [(1, ["dalam"])]),
        ("Tabel 2", [(1, ["luar", None])]),
        ("Tabel 3", [(1, ["kedua"])]),
    ]


@pytest.mark.parametrize(
    ("head", "html"),
    [(b"<table>", True), (b"\xef\xbb\xbf\n <!DOCTYPE html>", True), (b"\xd0\xcf\x11\xe0", False)],
)
def test_html_is_recognised_by_content(head: bytes, html: bool) -> None:
    assert looks_like_html(head) is html


def test_xls_that_is_html_reads_as_a_table(tmp_path: Path) -> None:
    path = tmp_path / "laporan.xls"
    path.write_text("<html><table><tr><td>Kode<td>Nama</table></html>", encoding="cp1252")
    (sheet,) = read_sheets(path)
    assert sheet.rows == [(1, ["Kode", "Nama"])]


def test_html_without_a_table(tmp_path: Path) -> None:
    path = tmp_path / "kosong.html"
    path.write_text("<html><body>tidak ada tabel</body></html>")
    with pytest.raises(InputError, match="no HTML table"):
        read_sheets(path)


def test_html_over_the_cell_limit(tmp_path: Path) -> None:
    path = tmp_path / "besar.html"
    path.write_text("<table>" + "<tr><td>1<td>2" * 10 + "</table>")
    with pytest.raises(TooLarge):
        read_sheets(path, max_cells=5)
