"""Read a generated 200,000-row Renja-shaped workbook: python-calamine alone, then the whole load.

Writes one ``.xlsx`` in the Selaras format (a ``dokumen`` sheet and an ``elemen`` sheet of
programs, kegiatan and sub kegiatan with indicators, targets, pagu, lokasi and sumber dana; the
codes under their programs as a Renja has them), then measures in separate processes, so each
peak RSS is its own: (1) python-calamine reading every cell of every sheet (the floor), and
(2) ``selaras load`` into a fresh embedded store (reading, checking, records, links, the SQLite
write). Prints the figures and, unless ``--no-docs``, rewrites the "Loading a large workbook"
part of ``docs/benchmarks.md``.

Run from the repository root::

    .venv/bin/python bench/load_workbook.py              # 200,000 rows
    .venv/bin/python bench/load_workbook.py --rows 20000 --no-docs
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "benchmarks.md"
BEGIN, END = "<!-- bench/load_workbook.py:begin -->", "<!-- bench/load_workbook.py:end -->"
HEADER = ["jenis_elemen", "kode", "nama", "indikator", "satuan", "target_2026", "pagu_2026",
          "lokasi", "sumber_dana"]  # fmt: skip
CALAMINE = """
import resource, sys, time
from python_calamine import CalamineWorkbook
t = time.perf_counter()
book = CalamineWorkbook.from_path(sys.argv[1])
cells = sum(len(r) for name in book.sheet_names for r in book.get_sheet_by_name(name).to_python())
print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, cells)
"""
LOAD = """
import resource, sys, time
from api.loading import read_files, write_records
from graph.embedded import EmbeddedStore
from pathlib import Path
t = time.perf_counter()
batch = read_files([Path(sys.argv[1])], max_cells=10_000_000)
read = time.perf_counter() - t
with EmbeddedStore(sys.argv[2]) as store:
    report = write_records(store, batch)
print(time.perf_counter() - t, read, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
      sum(len(r.elements) for r in batch), len(report["problems"]))
"""


def write_workbook(path: Path, rows: int) -> int:
    """A Renja of ``rows`` element rows: 1 program per 1,000 rows, 1 kegiatan per 50."""
    book = Workbook(write_only=True)
    doc = book.create_sheet("dokumen")
    for key, value in [("kunci", "nilai"), ("jenis", "RENJA"), ("pemda", "Kota Besar"),
                       ("tahun", 2026), ("opd", "Dinas Uji"),
                       ("opd_kode", "1.02.0.00.0.00.01.0000")]:  # fmt: skip
        doc.append([key, value])
    sheet = book.create_sheet("elemen")
    sheet.append(HEADER)
    written = 0
    program = kegiatan = sub = 0
    while written < rows:
        if written % 1000 == 0:
            program, kegiatan = program + 1, 0
            kode = f"1.{program // 90 + 2:02d}.{program % 90 + 2:02d}"
            sheet.append(["program", kode, f"Program uji {program}", "Persentase capaian", "%",
                          "95", None, None, None])  # fmt: skip
        elif written % 50 == 1:
            kegiatan, sub = kegiatan + 1, 0
            sheet.append(["kegiatan", f"{kode}.2.{kegiatan:02d}", f"Kegiatan uji {kegiatan}",
                          "Jumlah dokumen", "dokumen", "4", None, None, None])  # fmt: skip
        else:
            sub += 1
            sheet.append(["sub_kegiatan", f"{kode}.2.{kegiatan:02d}.{sub:04d}",
                          f"Sub kegiatan uji {sub} pembangunan sarana", "Jumlah unit", "unit",
                          "12", f"{1_250_000 + sub * 1000:,}".replace(",", "."),
                          "Kecamatan Uji", "DAU"])  # fmt: skip
        written += 1
    book.save(path)
    return written


def child(code: str, *args: str) -> list[float]:
    out = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True,
                         text=True, check=True)  # fmt: skip
    return [float(x) for x in out.stdout.split()]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--no-docs", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="selaras-bench-") as folder:
        book = Path(folder) / "renja_besar.xlsx"
        started = time.perf_counter()
        rows = write_workbook(book, args.rows)
        written = time.perf_counter() - started
        raw_s, raw_kb, cells = child(CALAMINE, str(book))
        load_s, read_s, load_kb, elements, problems = child(LOAD, str(book), f"{folder}/s.db")
    text = (
        f"Measured {dt.date.today()} on {platform.node()} ({os.cpu_count()} cores), "
        f"`python bench/load_workbook.py --rows {args.rows}`: one `.xlsx` of {rows:,} element "
        f"rows ({int(cells):,} cells; written by openpyxl in {written:.0f} s).\n\n"
        "| step | seconds | peak RSS | ratio to the raw read |\n|---|---|---|---|\n"
        f"| python-calamine reads every cell (the floor) | {raw_s:.1f} | "
        f"{raw_kb / 1024:.0f} MB | 1.0× |\n"
        f"| `read_files`: read, check, records and links | {read_s:.1f} | – | "
        f"{read_s / raw_s:.1f}× |\n"
        f"| whole load into the embedded store ({int(elements):,} elements, {int(problems)} "
        f"problems) | {load_s:.1f} | {load_kb / 1024:.0f} MB | {load_s / raw_s:.1f}× |\n"
    )  # fmt: skip
    print(text)
    if not args.no_docs:
        page = DOCS.read_text(encoding="utf-8")
        if BEGIN not in page:
            page += f"\n## Loading a large workbook\n\n{BEGIN}\n{END}\n"
        before, rest = page.split(BEGIN, 1)
        DOCS.write_text(f"{before}{BEGIN}\n{text}{END}{rest.split(END, 1)[1]}", encoding="utf-8")


if __name__ == "__main__":
    main()
