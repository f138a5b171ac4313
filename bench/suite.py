"""The benchmark suite: plans generated as workbooks, loaded and checked, next to baselines.

One command measures, in one run on one machine, for each size (number of generated pemda):

- **load**: the workbooks (``selaras generate`` output, one ``.xlsx`` a document) loaded by
  ``selaras load`` into a fresh embedded store, against python-calamine reading the same files
  alone (the floor) and a naive loader writing one element per transaction (an upsert per row);
  and, at the Neo4j sizes, the same workbooks written to Neo4j (one write per pemda) against
  the naive ``MERGE``-per-row loader (``bench/neo4j_load.py``);
- **checks**: every check of the catalogue, cold then warm, on both stores, against the naive
  approach (one ``descendants``/``ancestors`` call per element on the same graph);
- **the peer**: the same graph exported as an OpenFastTrace specification and traced with
  ``oft trace``, against ``selaras check`` for the same defects;
- **correctness**: the planted findings of the manifest are found on every store at every size,
  and nothing else of their kinds. A miss makes the suite exit 1 (``make bench-quick`` runs in
  ``make test``, so a miss fails CI).

Each load and each embedded check run is a process of its own (``bench/steps.py``), so its peak
RSS is its own. Unless ``--no-docs``, the figures replace the generated part of "The benchmark
suite" in ``docs/benchmarks.md``; with ``--api`` the HTTP benchmark (``bench/api_load.py``) runs
too and rewrites its own section.

Run from the repository root::

    make bench                                   # full: 1, 10, 100 pemda; Neo4j 10 and 100
    make bench-quick                             # quick: 1 and 10 pemda (what CI runs)
    .venv/bin/python bench/suite.py --quick --no-docs
    .venv/bin/python bench/suite.py --sizes 1,10 --neo4j-sizes 10 --oft-sizes 10
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.checks import BENCH_JAVA_OPTS, correctness, time_checks  # noqa: E402
from bench.pages import shown_command, write_section  # noqa: E402
from bench.suite_report import report, wrong  # noqa: E402
from loaders.synthetic import LAYOUTS, Manifest, each_pemda, write_plans  # noqa: E402

DOCS = ROOT / "docs" / "benchmarks.md"
OFT_JAVA_OPTS = "-Xmx12g"  # OFT held 1.4 GB for 10 pemda
NAIVE_FILES = 200
SHOWN_AS = {"--keep": "DIR", "--neo4j-uri": "URI"}  # the docs name no path of this machine
SELARAS = Path(sys.executable).parent / "selaras"
FULL = {"sizes": "1,10,100", "neo4j_sizes": "10,100", "oft_sizes": "10,100",
        "naive_sample": 2000, "neo4j_naive_sample": 1000}  # fmt: skip
QUICK = {"sizes": "1,10", "neo4j_sizes": "1,10", "oft_sizes": "1,10",
         "naive_sample": 300, "neo4j_naive_sample": 200}  # fmt: skip


def measured(command: Sequence[str], log: Path, ok: Sequence[int] = (0,)) -> dict[str, Any]:
    """Run ``command``; its wall seconds, CPU seconds, peak RSS (MB) and stdout's last line.

    The child's own resource use is read with ``os.wait4``, so each step's peak is its own.
    An exit code not in ``ok`` stops the suite with the end of the command's log.
    """
    started = time.perf_counter()
    with log.open("w") as err, tempfile.TemporaryFile("w+") as out:
        proc = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=err, text=True)
        _, status, use = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - started
        out.seek(0)
        lines = out.read().strip().splitlines()
    if proc.returncode not in ok:
        tail = "".join(log.read_text().splitlines(keepends=True)[-30:])
        raise SystemExit(f"{' '.join(command[:4])} … failed ({proc.returncode}):\n{tail}")
    return {"wall": wall, "cpu": use.ru_utime + use.ru_stime, "rss_mb": use.ru_maxrss / 1024,
            "last": lines[-1] if lines else ""}  # fmt: skip


def step(name: str, args: Sequence[str], log: Path) -> dict[str, Any]:
    """A step of ``bench/steps.py`` in its own process: its JSON, with the process's wall and
    CPU seconds and peak RSS (interpreter start included, as for ``selaras load``)."""
    out = measured([sys.executable, str(ROOT / "bench" / "steps.py"), name, *args], log)
    return dict(json.loads(out.pop("last"))) | out


def generate_workbooks(
    pemda: int, seed: int, folder: Path, layout: str = "selaras"
) -> tuple[list[Path], float | None]:
    """``selaras generate --format xlsx --layout LAYOUT`` for ``pemda`` pemda into ``folder``;
    the files and the seconds it took (None when an earlier generation was used).

    A folder already holding the same generation (``--keep`` from an earlier run, the same
    size, seed and layout) is used as it is: the output is the same for the same seed.
    """
    wanted = {"pemda": pemda, "seed": seed} | ({"layout": layout} if layout != "selaras" else {})
    stamp, wanted_text = folder / "generated.json", json.dumps(wanted)
    if stamp.exists() and stamp.read_text() == wanted_text:
        return sorted(folder.glob("*/*.xlsx")), None
    started = time.perf_counter()
    shutil.rmtree(folder, ignore_errors=True)
    write_plans(each_pemda(pemda, seed), folder, "xlsx", LAYOUTS[layout])
    stamp.write_text(wanted_text)
    return sorted(folder.glob("*/*.xlsx")), time.perf_counter() - started


def count_elements(db: Path) -> int:
    """How many elements the embedded store at ``db`` holds."""
    import sqlite3

    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM elements").fetchone()[0])


def embedded_size(pemda: int, folder: Path, files: list[Path], opts: dict[str, Any]) -> dict:
    """Floor, whole load, naive loader and checks on the embedded store for one size."""
    names = [str(f) for f in files]
    db = folder / "selaras.db"
    for old in (db, folder / "naive.db"):
        old.unlink(missing_ok=True)
    print(f"[{pemda} pemda] python-calamine reads {len(files)} files …", flush=True)
    floor = step("floor", names, folder / "floor.log")
    print(f"[{pemda} pemda] selaras load → embedded …", flush=True)
    load = measured([str(SELARAS), "--store", str(db), "load", "--report", "json", *names],
                    folder / "load.log")  # fmt: skip
    load["elements"] = count_elements(db)
    print(f"[{pemda} pemda] naive loader, {opts['naive_sample']} elements …", flush=True)
    # the first NAIVE_FILES workbooks hold more elements than the sample (one pemda: all 86)
    naive = step("naive", [str(folder / "naive.db"), str(opts["naive_sample"]),
                           *names[:NAIVE_FILES]], folder / "naive.log")  # fmt: skip
    print(f"[{pemda} pemda] checks on the embedded store …", flush=True)
    checks = step("checks", [str(db), str(folder / "manifest.json")], folder / "checks.log")
    return {"floor": floor, "load": load, "naive": naive, "checks": checks}


def neo4j_size(uri: str, pid: int | None, pemda: int, folder: Path, opts: dict) -> dict:
    """The workbooks read and written to Neo4j one pemda a write; naive sample; checks."""
    from api.loading import read_files
    from bench.neo4j_load import cpu_seconds, naive_load, peak_rss, wipe
    from graph.neo4j_store import Neo4jStore

    wipe(uri)
    manifest = Manifest.from_dict(json.loads((folder / "manifest.json").read_text()))
    read_s = write_s = 0.0
    elements, first = 0, None
    server_cpu = cpu_seconds(pid)
    with Neo4jStore(uri, timeout=1200) as store, peak_rss(pid) as peak:
        for pemda_dir in sorted(p for p in folder.iterdir() if p.is_dir()):
            started = time.perf_counter()
            batch = read_files(sorted(pemda_dir.glob("*.xlsx")))
            read_s += time.perf_counter() - started
            started = time.perf_counter()
            store.replace_documents(batch)
            write_s += time.perf_counter() - started
            elements += sum(len(r.elements) for r in batch)
            first = first or batch
        load = {"read": read_s, "write": write_s, "elements": elements,
                "server_cpu": cpu_seconds(pid) - server_cpu, "server_rss": peak[0]}  # fmt: skip
        print(f"[{pemda} pemda] Neo4j: {elements:,} elements written in {write_s:.1f} s; "
              "checks …", flush=True)  # fmt: skip
        checks = time_checks(store)
        correct = correctness(manifest, store)
    print(f"[{pemda} pemda] Neo4j naive loader, {opts['neo4j_naive_sample']} elements …")
    naive = naive_load(uri, first or [], opts["neo4j_naive_sample"])
    return {"load": load, "naive": naive, "checks": checks, "correct": correct}


def oft_size(pemda: int, folder: Path) -> dict[str, Any]:
    """The embedded store of this size exported for OpenFastTrace and traced with ``oft trace``,
    against ``selaras check`` of the two checks whose findings OFT's defects equal
    (``queries/oft.py``), each a process of its own; whether both name the same items."""
    from graph.embedded import EmbeddedStore
    from queries.oft import compare_with_oft
    from tools.oft import run_oft_trace

    db, spec = folder / "selaras.db", folder / "oft"
    shutil.rmtree(spec, ignore_errors=True)
    print(f"[{pemda} pemda] OpenFastTrace: export, oft trace, selaras check …", flush=True)
    export = measured([str(SELARAS), "--store", str(db), "export", "--format", "oft", "--out",
                       str(spec)], folder / "export.log")  # fmt: skip
    before = os.environ.get("JAVA_TOOL_OPTIONS")
    os.environ["JAVA_TOOL_OPTIONS"] = OFT_JAVA_OPTS  # for this JVM only
    try:
        oft = run_oft_trace(spec)
    finally:
        os.environ.pop("JAVA_TOOL_OPTIONS")
        if before is not None:
            os.environ["JAVA_TOOL_OPTIONS"] = before
    check = [str(SELARAS), "--store", str(db), "check",
             "--only", "orphaned_activities", "--only", "unsupported_priorities"]  # fmt: skip
    ours = measured(check, folder / "check.log", ok=(0, 1))  # 1: findings, as planted
    with EmbeddedStore(str(db)) as store:
        same, only_selaras, only_oft = compare_with_oft(store, oft.defects)
    difference = f"{len(only_selaras)} only in Selaras, {len(only_oft)} only in OFT"
    return {"items": oft.items, "export_s": export["wall"], "oft_s": oft.seconds,
            "selaras_s": ours["wall"], "same": same, "difference": difference,
            "defects": oft.defect_count}  # fmt: skip


def without_java(opts: dict[str, Any]) -> dict[str, Any]:
    """``opts`` with Neo4j and the peer left out when Java or Maven is missing (an error when
    ``SELARAS_REQUIRE_NEO4J`` is set, as in CI)."""
    missing = [tool for tool in ("java", "mvn") if shutil.which(tool) is None]
    if not missing:
        return opts
    why = f"{' dan / and '.join(missing)} tidak ada / not found"
    if os.environ.get("SELARAS_REQUIRE_NEO4J"):
        raise SystemExit(f"Neo4j dan OpenFastTrace butuh Java 17 dan Maven / need them: {why}")
    print(f"Neo4j dan OpenFastTrace dilewati / left out: {why}", flush=True)
    return opts | {"no_neo4j": True, "oft_sizes": []}


def run(opts: dict[str, Any], work: Path) -> dict[str, Any]:
    """Every size, every part; everything the report needs."""
    opts = without_java(opts)
    results: dict[str, Any] = {"sizes": {}, "load_avg": os.getloadavg()[0]}
    neo4j_sizes, oft_sizes = set(opts["neo4j_sizes"]), set(opts["oft_sizes"])
    for pemda in opts["sizes"]:
        folder = work / f"pemda-{pemda}"
        files, gen_s = generate_workbooks(pemda, opts["seed"], folder, opts["layout"])
        done = "reused" if gen_s is None else f"generated in {gen_s:.1f} s"
        print(f"[{pemda} pemda] {len(files)} workbooks {done}", flush=True)
        part = {"files": len(files), "generate": gen_s, **embedded_size(pemda, folder, files, opts)}
        if pemda in oft_sizes:
            part["oft"] = oft_size(pemda, folder)
        results["sizes"][pemda] = part
    if neo4j_sizes and not opts["no_neo4j"]:
        results["neo4j"] = neo4j_sizes_run(sorted(neo4j_sizes), work, opts)
    return results


def neo4j_sizes_run(sizes: list[int], work: Path, opts: dict[str, Any]) -> dict[int, Any]:
    """One Neo4j server of our own (or ``--neo4j-uri``) for every Neo4j size."""
    from bench.neo4j_load import neo4j

    if max(sizes) >= 50:
        os.environ.setdefault("SELARAS_NEO4J_JAVA_OPTS", BENCH_JAVA_OPTS)
    out = {}
    with neo4j(opts["neo4j_uri"]) as (uri, pid):
        for pemda in sizes:
            folder = work / f"pemda-{pemda}"
            if not folder.exists():
                generate_workbooks(pemda, opts["seed"], folder, opts["layout"])
            out[pemda] = neo4j_size(uri, pid, pemda, folder, opts)
    return out


def options(argv: Sequence[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="1 and 10 pemda (what CI runs)")
    parser.add_argument("--sizes", help="pemda counts for the embedded store, e.g. 1,10,100")
    parser.add_argument("--neo4j-sizes", help="pemda counts for Neo4j (each also a --sizes)")
    parser.add_argument("--oft-sizes", help="pemda counts for the OpenFastTrace peer")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--layout", choices=sorted(LAYOUTS), default="selaras",
                        help="workbook layout of selaras generate (default selaras)")  # fmt: skip
    parser.add_argument("--no-neo4j", action="store_true", help="leave Neo4j out")
    parser.add_argument("--neo4j-uri", help="an empty running Neo4j (default: start our own)")
    parser.add_argument("--api", action="store_true", help="also run bench/api_load.py")
    parser.add_argument("--no-docs", action="store_true", help="print, leave the docs alone")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args(argv)
    base = dict(QUICK if args.quick else FULL)
    for key in ("sizes", "neo4j_sizes", "oft_sizes"):
        given = getattr(args, key)
        base[key] = [int(x) for x in (base[key] if given is None else given).split(",") if x]
    return base | {k: v for k, v in vars(args).items() if k not in base}


def main(argv: Sequence[str] | None = None) -> int:
    opts = options(argv)
    command = shown_command(
        "python bench/suite.py", sys.argv[1:] if argv is None else argv, SHOWN_AS
    )
    work = opts["keep"] or Path(tempfile.mkdtemp(prefix="selaras-bench-suite-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        results = run(opts, work)
    finally:
        if not opts["keep"]:
            shutil.rmtree(work, ignore_errors=True)
    meta = {"date": str(dt.date.today()), "host": platform.node(), "cores": os.cpu_count(),
            "command": command, "layout": opts["layout"], "seed": opts["seed"]}  # fmt: skip
    text = report(results, meta)
    print(text)
    if not opts["no_docs"]:
        write_section(DOCS, "suite.py", "The benchmark suite", text)
    if opts["api"]:
        subprocess.run([sys.executable, str(ROOT / "bench" / "api_load.py")], check=True)
    if failed := wrong(results):
        print("SALAH / WRONG: temuan tertanam terlewat atau berbeda / findings missed or differ:",
              *failed, sep="\n  ")  # fmt: skip
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
