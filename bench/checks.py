"""Time every check of the catalogue on a generated graph, on both stores, in one run.

Generates ``--pemda`` pemda of synthetic plans (``loaders.synthetic``, seeded), loads them into
an embedded store (one write) and into Neo4j (one write per pemda), then runs every check with
its default parameters on each store, twice (cold, then warm), next to two baselines measured in
the same run: building the embedded graph from the SQLite file (what the first query after a
write pays), and the naive orphan search, one ``nx.descendants`` call per activity. It checks the
planted findings against the manifest and writes a table between the markers of the "Checks at
scale" section of ``docs/benchmarks.md``.

Run from the repository root::

    .venv/bin/python bench/checks.py --pemda 100            # the issue's size (~450k elements)
    .venv/bin/python bench/checks.py --pemda 5 --no-docs    # quick, print only
    .venv/bin/python bench/checks.py --pemda 20 --no-neo4j
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import networkx as nx  # noqa: E402

from bench.pages import write_section  # noqa: E402
from bench.suite_report import ALL_RIGHT  # noqa: E402
from graph.chain import load_chain, split_level  # noqa: E402
from graph.embedded import EmbeddedStore  # noqa: E402
from graph.store import GraphStore  # noqa: E402
from loaders.synthetic import Manifest, generate, verify  # noqa: E402
from queries import checks, run_query  # noqa: E402

DOCS = ROOT / "docs" / "benchmarks.md"
# The 100-pemda graph is some 2 GB on disk: a page cache that holds it, and heap for the checks
# (at 100 pemda `coverage` needs more than the launcher's 512 MiB a transaction).
BENCH_JAVA_OPTS = (
    "-Xms2g -Xmx8g -XX:+UseG1GC -Dselaras.pagecache.mb=4096 "
    "-Dselaras.txmemory.mb=4096 -Dselaras.txtotal.mb=6144"
)
VERIFIED = ("orphaned_activities", "unsupported_priorities", "duplicated_programs")


def timed(work: Callable[[], Any]) -> tuple[Any, float]:
    """The result of ``work`` and the wall seconds it took."""
    started = time.perf_counter()
    out = work()
    return out, time.perf_counter() - started


def naive_orphans(g: nx.DiGraph) -> int:
    """The baseline: one ``nx.descendants`` call (everything above) per activity."""
    chain = load_chain()
    anchors = {split_level(a) for a in chain.anchors}
    count = 0
    for n, d in g.nodes(data=True):
        if d["kind"] in chain.activities:
            above = nx.descendants(g, n)
            if not any(
                (g.nodes[a].get("dokumen_jenis"), g.nodes[a]["kind"]) in anchors for a in above
            ):
                count += 1
    return count


def naive_unsupported(g: nx.DiGraph) -> int:
    """The baseline: one ``nx.ancestors`` call (everything below) per priority."""
    chain = load_chain()
    priorities = {split_level(p) for p in chain.priorities}
    activities = set(chain.activities)
    count = 0
    for n, d in g.nodes(data=True):
        if (d.get("dokumen_jenis"), d["kind"]) in priorities:
            below = nx.ancestors(g, n)
            if not any(g.nodes[b]["kind"] in activities for b in below):
                count += 1
    return count


def time_checks(store: GraphStore) -> dict[str, tuple[float, float, int]]:
    """Per check: (cold seconds, warm seconds, rows)."""
    out = {}
    for q in checks():
        cold = run_query(store, q.name)
        warm = run_query(store, q.name)
        out[q.name] = (cold.seconds, warm.seconds, len(warm.rows))
        print(
            f"  {q.name:<26} {cold.seconds:7.2f} s  {warm.seconds:7.2f} s  {len(warm.rows):>7} rows"
        )
    return out


def embedded_run(records: list[Any], folder: Path) -> dict[str, Any]:
    store = EmbeddedStore(str(folder / "bench.db"))
    _, load_s = timed(lambda: store.replace_documents(records))
    fresh = EmbeddedStore(str(folder / "bench.db"))
    g, graph_s = timed(lambda: fresh.graph)
    naive, naive_s = timed(lambda: naive_orphans(g))
    print(
        f"embedded: load {load_s:.1f} s, graph build {graph_s:.1f} s, naive orphans {naive_s:.1f} s"
    )
    return {"load": load_s, "graph": graph_s, "naive": naive_s, "naive_rows": naive,
            "checks": time_checks(fresh), "store": fresh}  # fmt: skip


def neo4j_run(plans: Any) -> dict[str, Any]:
    from graph.neo4j_store import Neo4jStore
    from tools.neo4j.server import Neo4jServer

    os.environ.setdefault("SELARAS_NEO4J_JAVA_OPTS", BENCH_JAVA_OPTS)
    server = Neo4jServer.start(Path(tempfile.mkdtemp(prefix="selaras-bench-neo4j-")))
    try:
        store = Neo4jStore(server.uri, timeout=600)
        store.clear()
        _, load_s = timed(lambda: write_each_pemda(store, plans.records))
        print(f"neo4j: load {load_s:.1f} s")
        checked = time_checks(store)
        return {"load": load_s, "checks": checked, "ok": correctness(plans.manifest, store)}
    finally:
        server.stop()


def write_each_pemda(store: GraphStore, records: list[Any]) -> None:
    """Write the records one pemda a write (one transaction each), in the order they come."""
    by_pemda: dict[str, list[Any]] = {}
    for r in records:
        by_pemda.setdefault(r.document.pemda, []).append(r)
    for batch in by_pemda.values():
        store.replace_documents(batch)


def correctness(manifest: Manifest, store: GraphStore) -> str:
    """Planted findings found and nothing else of those kinds, or what differs.

    The checks compared are those of :data:`VERIFIED` and every check the manifest plants.
    """
    names = sorted(set(VERIFIED) | {f.check for f in manifest.findings})
    results = {name: run_query(store, name).rows for name in names}
    verdict = verify(manifest, results)
    if not verdict.missed and not verdict.unexpected:
        return ALL_RIGHT
    return f"missed {len(verdict.missed)}, unexpected {len(verdict.unexpected)}"


def table(pemda: int, elements: int, emb: dict[str, Any], neo: dict[str, Any] | None) -> str:
    head = "| check | embedded cold | embedded warm | Neo4j cold | Neo4j warm | rows |\n"
    head += "|---|---|---|---|---|---|\n"
    rows = []
    for name, (cold, warm, n) in emb["checks"].items():
        nc, nw = neo["checks"][name][:2] if neo else (None, None)
        fmt = lambda x: "–" if x is None else f"{x:.2f} s"  # noqa: E731
        rows.append(f"| `{name}` | {fmt(cold)} | {fmt(warm)} | {fmt(nc)} | {fmt(nw)} | {n} |")
    return head + "\n".join(rows) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--pemda", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-neo4j", action="store_true")
    parser.add_argument("--no-docs", action="store_true")
    args = parser.parse_args()
    plans, gen_s = timed(lambda: generate(args.pemda, args.seed))
    elements = sum(len(r.elements) for r in plans.records)
    print(f"generated {args.pemda} pemda: {elements} elements in {gen_s:.1f} s")
    with tempfile.TemporaryDirectory(prefix="selaras-bench-") as folder:
        emb = embedded_run(plans.records, Path(folder))
        emb_ok = correctness(plans.manifest, emb["store"])
        neo = None if args.no_neo4j else neo4j_run(plans)
        neo_ok = "-" if neo is None else neo["ok"]
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    orphans = emb["checks"]["orphaned_activities"][1]
    text = (
        f"Measured {dt.date.today()} on {platform.node()} ({os.cpu_count()} cores), "
        f"`python bench/checks.py --pemda {args.pemda} --seed {args.seed}`: {args.pemda} pemda, "
        f"{elements:,} elements. Generated in {gen_s:.0f} s; embedded load {emb['load']:.0f} s "
        f"(one write), graph build from the file {emb['graph']:.1f} s"
        + (f", Neo4j load {neo['load']:.0f} s (one write per pemda)" if neo else "")
        + f"; peak RSS of the bench process {rss:.0f} MB. Correctness against the manifest: "
        f"embedded {emb_ok}; Neo4j {neo_ok}. Baseline in the same run: the naive orphan search "
        f"(one `nx.descendants` per activity) took {emb['naive']:.1f} s against "
        f"{orphans:.2f} s for `orphaned_activities` warm "
        f"({emb['naive'] / max(orphans, 1e-9):.0f}×)."
        "\n\n" + table(args.pemda, elements, emb, neo)
    )
    print(text)
    if not args.no_docs:
        write_section(DOCS, "checks.py", "Checks at scale", text)


if __name__ == "__main__":
    main()
