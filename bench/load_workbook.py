"""Read a generated 200,000-row Renja-shaped workbook: python-calamine alone, then the whole load.

Writes one ``.xlsx`` in the Selaras format (a ``dokumen`` sheet and an ``elemen`` sheet of
programs, kegiatan and sub kegiatan with indicators, targets, pagu, lokasi and sumber dana; the
codes under their programs as a Renja has them), then measures in separate processes, so each
peak RSS is its own: (1) python-calamine reading every cell of every sheet (the floor);
(2) two parts of the load on their own: the preflight (``loaders/preflight.py``) and SQLite
inserting the load's rows already encoded (``graph.sqlite_schema.record_rows``), which with (1)
are what no Python per row can go under; and (3) ``read_files`` + ``write_records`` into a
fresh embedded store (reading, checking, records, links, the SQLite write and the
cross-document resolution), as ``selaras load`` does. Each step
is timed by the clock and by the CPU time of its process (user + system): on a shared machine
the clock also counts the time other processes held the cores, the CPU time does not. With
``--before DIR`` the whole load is also measured in another checkout of Selaras (the code
before a change) on the same file, in the same run. Prints the figures and, unless
``--no-docs``, rewrites the generated part of "Loading a large workbook" in
``docs/benchmarks.md``.

Run from the repository root::

    .venv/bin/python bench/load_workbook.py              # 200,000 rows
    .venv/bin/python bench/load_workbook.py --rows 20000 --no-docs
    .venv/bin/python bench/load_workbook.py --before /tmp/selaras-old --workbook /tmp/b.xlsx
    .venv/bin/python bench/load_workbook.py --repeat 3   # each step the fastest of 3 rounds
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
from typing import Any

from openpyxl import Workbook

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.pages import write_section  # noqa: E402

DOCS = ROOT / "docs" / "benchmarks.md"
HEADER = ["jenis_elemen", "kode", "nama", "indikator", "satuan", "target_2026", "pagu_2026",
          "lokasi", "sumber_dana"]  # fmt: skip
# Each step's code runs after this prelude: the CPU time (user + system) of its process so far.
PRELUDE = """
import resource, sys, time
def cpu():
    use = resource.getrusage(resource.RUSAGE_SELF)
    return use.ru_utime + use.ru_stime
"""
CALAMINE = """
from python_calamine import CalamineWorkbook
t, c = time.perf_counter(), cpu()
book = CalamineWorkbook.from_path(sys.argv[1])
cells = sum(len(r) for name in book.sheet_names for r in book.get_sheet_by_name(name).to_python())
print(time.perf_counter() - t, cpu() - c, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
      cells)
"""
LOAD = """
from api.loading import read_files, write_records
from graph.embedded import EmbeddedStore
from pathlib import Path
t, c = time.perf_counter(), cpu()
batch = read_files([Path(sys.argv[1])], max_cells=10_000_000)
read, read_cpu = time.perf_counter() - t, cpu() - c
with EmbeddedStore(sys.argv[2]) as store:
    report = write_records(store, batch)
print(time.perf_counter() - t, cpu() - c, read, read_cpu,
      resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
      sum(len(r.elements) for r in batch), len(report["problems"]))
"""
PARTS = """
import sqlite3
from pathlib import Path
from api.loading import read_files
from graph.collector import collector_paused
from graph.sqlite_schema import SCHEMA, record_rows
from loaders.preflight import preflight
book = Path(sys.argv[1])
t, c = time.perf_counter(), cpu()
preflight(book, book.name, 10_000_000)
guard, guard_cpu = time.perf_counter() - t, cpu() - c
batch = read_files([book], max_cells=10_000_000)
parts = [(sql, list(rows)) for records in batch for sql, rows in record_rows(records)]
db = sqlite3.connect(sys.argv[2], isolation_level=None)
db.executescript(SCHEMA)
t, c = time.perf_counter(), cpu()
with collector_paused():  # as the store writes
    db.execute("BEGIN")
    for sql, rows in parts:
        db.executemany(sql, rows)
    db.execute("COMMIT")
print(guard, guard_cpu, time.perf_counter() - t, cpu() - c, sum(len(r) for _, r in parts))
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


def child(code: str, *args: str, root: Path = ROOT) -> list[float]:
    """Run ``code`` after ``PRELUDE`` in a fresh interpreter in ``root`` (whose packages it
    imports)."""
    out = subprocess.run([sys.executable, "-c", PRELUDE + code, *args], cwd=root,
                         capture_output=True, text=True)  # fmt: skip
    if out.returncode != 0:
        raise SystemExit(f"{root}: the measured process failed:\n{out.stderr}")
    return [float(x) for x in out.stdout.split()]


def load(book: Path, folder: str, root: Path) -> dict[str, float]:
    """The whole load of ``book`` into a fresh store with the code in ``root``."""
    db = Path(folder) / f"s{abs(hash(str(root)))}.db"
    wall, cpu, read, read_cpu, kb, elements, problems = child(LOAD, str(book), str(db), root=root)
    db.unlink()
    return {"wall": wall, "cpu": cpu, "read": read, "read_cpu": read_cpu, "mb": kb / 1024,
            "elements": elements, "problems": problems}  # fmt: skip


def measured(book: Path, folder: str, before: Path | None) -> dict[str, Any]:
    """One round of every step, in separate processes: the raw read, the parts, the loads."""
    parts_db = Path(folder) / "parts.db"
    parts_db.unlink(missing_ok=True)
    return {
        "raw": child(CALAMINE, str(book)),
        "parts": child(PARTS, str(book), str(parts_db)),
        "before": load(book, folder, before.resolve()) if before else None,
        "after": load(book, folder, ROOT),
    }


def table(rows: int, cells: float, raw: list[float], parts: list[float],
          after: dict[str, float], before: dict[str, float] | None, note: str) -> str:  # fmt: skip
    raw_s, raw_cpu, raw_kb = raw[0], raw[1], raw[2]
    guard, guard_cpu, insert, insert_cpu, inserted = parts

    def line(step: str, wall: float, cpu: float, mb: str) -> str:
        return (f"| {step} | {wall:.1f} | {cpu:.1f} | {mb} | {wall / raw_s:.1f}× | "
                f"{cpu / raw_cpu:.1f}× |\n")  # fmt: skip

    out = (
        f"Measured {dt.date.today()} on {platform.node()} ({os.cpu_count()} cores), "
        f"`python bench/load_workbook.py --rows {rows}`: one `.xlsx` of {rows:,} element "
        f"rows ({int(cells):,} cells){note}.\n\n"
        "| step | seconds (clock) | seconds (CPU) | peak RSS | ratio to the raw read (clock) "
        "| ratio (CPU) |\n|---|---|---|---|---|---|\n"
        + line("python-calamine reads every cell (the floor)", raw_s, raw_cpu,
               f"{raw_kb / 1024:.0f} MB")
        + line("the preflight alone (the guard against cell bombs: one pass over the XML)",
               guard, guard_cpu, "–")
        + line(f"SQLite alone: the load's {int(inserted):,} rows, already encoded, into a "
               "fresh file", insert, insert_cpu, "–")
    )  # fmt: skip
    for name, m in (("before", before), ("after", after)):
        if m is None:
            continue
        label = f", {name}" if before else ""
        out += line(f"`read_files`: read, check, records and links{label}", m["read"],
                    m["read_cpu"], "–")  # fmt: skip
        out += line(f"whole load into the embedded store{label} ({int(m['elements']):,} "
                    f"elements, {int(m['problems'])} problems)", m["wall"], m["cpu"],
                    f"{m['mb']:.0f} MB")  # fmt: skip
    floor, floor_cpu = raw_s + guard + insert, raw_cpu + guard_cpu + insert_cpu
    return out + (
        f"\nThe raw read, the preflight and SQLite's own insert add up to "
        f"{floor / raw_s:.1f}× the raw read by the clock ({floor_cpu / raw_cpu:.1f}× in CPU) "
        "before a single row is turned into an element.\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--no-docs", action="store_true")
    parser.add_argument("--workbook", type=Path, help="write the workbook here (kept; reused "
                        "when it exists) instead of in a temporary folder")  # fmt: skip
    parser.add_argument("--before", type=Path, help="another checkout of Selaras whose whole "
                        "load is measured too, on the same file")  # fmt: skip
    parser.add_argument("--repeat", type=int, default=1, help="rounds of every step, one "
                        "after another; each step's fastest round is kept")  # fmt: skip
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="selaras-bench-") as folder:
        book = args.workbook or Path(folder) / "renja_besar.xlsx"
        note = ""
        if not book.exists():
            started = time.perf_counter()
            write_workbook(book, args.rows)
            note = f"; written by openpyxl in {time.perf_counter() - started:.0f} s"
        rounds = [measured(book, folder, args.before) for _ in range(max(args.repeat, 1))]
    if len(rounds) > 1:
        note += f"; each step the fastest of {len(rounds)} rounds"
    raw = min((r["raw"] for r in rounds), key=lambda m: m[0])
    guard = min((r["parts"][:2] for r in rounds), key=lambda m: m[0])
    insert = min((r["parts"][2:] for r in rounds), key=lambda m: m[0])
    before = min((r["before"] for r in rounds), key=lambda m: m["wall"]) if args.before else None
    after = min((r["after"] for r in rounds), key=lambda m: m["wall"])
    text = table(args.rows, raw[3], raw, guard + insert, after, before, note)
    print(text)
    if not args.no_docs:
        write_section(DOCS, "load_workbook.py", "Loading a large workbook", text)


if __name__ == "__main__":
    main()
