"""The steps of the benchmark suite that run in a process of their own, each printing JSON.

``bench/suite.py`` runs each step as ``python bench/steps.py STEP ARGS…`` so that the peak RSS
and CPU time it reports belong to that step alone. Every step prints one JSON object on stdout.

- ``floor FILES…``: python-calamine reads every cell of every sheet of the files (the floor).
- ``naive DB SAMPLE FILES…``: the naive loader: the files are read as ``selaras load`` reads
  them (not timed), then the first SAMPLE elements are written into a fresh embedded store one
  transaction each, an upsert per row (``INSERT … ON CONFLICT DO UPDATE``, the SQL ``MERGE``)
  for the element, each of its indicators and each of its links.
- ``checks DB MANIFEST``: the graph built from the file, every check cold then warm, the naive
  baselines on the same graph and the planted findings compared with the manifest.

Example::

    .venv/bin/python bench/steps.py floor /tmp/g1/*/*.xlsx
"""

from __future__ import annotations

import json
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

NAIVE_ELEMENT = """INSERT INTO elements VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE
SET dokumen = excluded.dokumen, kind = excluded.kind, props = excluded.props"""
NAIVE_INDICATOR = """INSERT INTO indicators VALUES (?, ?, ?, ?) ON CONFLICT (element, seq)
DO UPDATE SET dokumen = excluded.dokumen, props = excluded.props"""
NAIVE_LINK = """INSERT INTO links VALUES (?, ?, ?, ?) ON CONFLICT (child, parent, dokumen)
DO UPDATE SET props = excluded.props"""


def floor(files: list[str]) -> dict[str, Any]:
    """Every cell of every sheet of ``files`` read by python-calamine; how many cells."""
    from python_calamine import CalamineWorkbook

    cells = 0
    for file in files:
        book = CalamineWorkbook.from_path(file)
        for name in book.sheet_names:
            cells += sum(len(r) for r in book.get_sheet_by_name(name).to_python())
    return {"cells": cells}


def naive(db: str, sample: int, files: list[str]) -> dict[str, Any]:
    """Write the first ``sample`` elements of ``files`` one transaction each; seconds taken."""
    from api.loading import read_files
    from graph.embedded import EmbeddedStore
    from graph.sqlite_schema import _dumps, _plain

    batch = read_files([Path(f) for f in files])
    EmbeddedStore(db).close()  # the schema, nothing else
    rows = []
    for records in batch:
        indicators: dict[str, list[Any]] = {}
        for i in records.indicators:
            indicators.setdefault(i.element, []).append(i)
        links: dict[str, list[Any]] = {}
        for lk in records.links:
            links.setdefault(lk.child, []).append(lk)
        rows += [(e, indicators.get(e.id, []), links.get(e.id, [])) for e in records.elements]
    rows = rows[:sample]
    db_conn = sqlite3.connect(db, isolation_level=None)
    db_conn.execute("PRAGMA synchronous = FULL")
    started = time.perf_counter()
    for element, inds, lks in rows:
        db_conn.execute("BEGIN")
        props = _dumps(_plain(element.extra))
        db_conn.execute(NAIVE_ELEMENT, (element.id, element.dokumen, element.kind, props))
        for i in inds:
            db_conn.execute(NAIVE_INDICATOR, (i.element, i.seq, element.dokumen,
                                              _dumps(i.properties())))  # fmt: skip
        for lk in lks:
            db_conn.execute(NAIVE_LINK, (lk.child, lk.parent, lk.dokumen,
                                         _dumps(lk.properties())))  # fmt: skip
        db_conn.execute("COMMIT")
    seconds = time.perf_counter() - started
    db_conn.close()
    return {"elements": len(rows), "seconds": seconds, "rate": len(rows) / seconds}


def checks(db: str, manifest_file: str) -> dict[str, Any]:
    """Graph build, every check cold and warm, the naive baselines, the manifest verdict."""
    from bench.checks import correctness, naive_orphans, naive_unsupported, time_checks, timed
    from graph.embedded import EmbeddedStore
    from loaders.synthetic import Manifest

    manifest = Manifest.from_dict(json.loads(Path(manifest_file).read_text(encoding="utf-8")))
    store = EmbeddedStore(db)
    g, graph_s = timed(lambda: store.graph)
    timings = time_checks(store)
    _, orphans_s = timed(lambda: naive_orphans(g))
    _, unsupported_s = timed(lambda: naive_unsupported(g))
    return {"graph": graph_s, "checks": timings, "elements": g.number_of_nodes(),
            "naive": {"orphaned_activities": orphans_s, "unsupported_priorities": unsupported_s},
            "correct": correctness(manifest, store)}  # fmt: skip


def main() -> None:
    import resource

    step, args = sys.argv[1], sys.argv[2:]
    started = time.perf_counter()
    if step == "floor":
        out = floor(args)
    elif step == "naive":
        out = naive(args[0], int(args[1]), args[2:])
    elif step == "checks":
        out = checks(args[0], args[1])
    else:
        raise SystemExit(f"unknown step {step!r}: floor, naive or checks")
    use = resource.getrusage(resource.RUSAGE_SELF)
    out |= {"wall": time.perf_counter() - started, "cpu": use.ru_utime + use.ru_stime,
            "rss_mb": use.ru_maxrss / 1024}  # fmt: skip
    print(json.dumps(out))


if __name__ == "__main__":
    main()
