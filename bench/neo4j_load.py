"""Time writing generated pemda into Neo4j, beside the naive per-row loader.

Generates ``--pemda`` pemda of synthetic plans (``loaders.synthetic``, seeded, one pemda in
memory at a time) and writes each with one ``Neo4jStore.replace_documents`` call (one
transaction per pemda, as ``bench/checks.py`` does) into an empty Neo4j: a temporary server
from ``tools/neo4j`` unless ``--neo4j-uri`` names one. It reports elements written per second
(wall), the CPU seconds of the server and of this process during the writes, and the peak RSS
of both. Then the naive baseline, measured in the same run and database: one transaction per
element, ``MERGE`` on its id, then its indicators and links row by row (:func:`naive_load`), on a
sample of ``--naive-sample`` elements of one more pemda (removed again afterwards); its rate is
extrapolated from the sample and the ratio printed. With ``--again`` the same pemda are written
a second time, as revised plans are (every document deleted and created again in one
transaction), and timed as a row of their own. The table goes between the markers of the
"Writing to Neo4j" section of ``docs/benchmarks.md``; ``--json`` keeps a run and ``--with``
shows kept runs (e.g. the code before a change) as rows beside it; ``--from-json`` reports a
kept run again without running.

Run from the repository root::

    .venv/bin/python bench/neo4j_load.py --pemda 10
    .venv/bin/python bench/neo4j_load.py --pemda 100 --neo4j-uri bolt://127.0.0.1:7701
    .venv/bin/python bench/neo4j_load.py --pemda 2 --naive-sample 200 --no-docs
    .venv/bin/python bench/neo4j_load.py --pemda 10 --again --naive-sample 0 --no-docs
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.pages import write_section  # noqa: E402
from graph.model import Records  # noqa: E402
from graph.neo4j_cypher import KIND_LABELS  # noqa: E402
from graph.neo4j_store import Neo4jStore  # noqa: E402
from loaders.synthetic import each_pemda  # noqa: E402

DOCS = ROOT / "docs" / "benchmarks.md"
TARGET_RATE, TARGET_RATIO = 30_000, 30
WIPE = "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"


# -- the server process: CPU and memory, read from /proc -------------------------------------


def listening_pid(port: int) -> int | None:
    """The pid of the local process listening on TCP ``port``, or None (not local, no /proc)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:
                inodes.add(f"socket:[{fields[9]}]")
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if any(os.readlink(fd) in inodes for fd in (proc / "fd").iterdir()):
                return int(proc.name)
        except OSError:
            continue
    return None


def cpu_seconds(pid: int | None) -> float:
    """User + system CPU seconds of process ``pid`` so far (0 when unknown)."""
    if pid is None:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    """Resident memory of ``pid`` now, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


@contextmanager
def peak_rss(pid: int | None, every: float = 0.25) -> Iterator[list[float]]:
    """Sample the RSS of ``pid`` while the block runs; the yielded list holds the peak (MB)."""
    peak = [0.0]
    done = threading.Event()

    def sample() -> None:
        while pid is not None and not done.is_set():
            peak[0] = max(peak[0], rss_mb(pid))
            done.wait(every)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    try:
        yield peak
    finally:
        done.set()
        thread.join()


# -- the loader under test -------------------------------------------------------------------


def store_load(
    store: Neo4jStore, pemda: int, seed: int, server: int | None
) -> tuple[dict[str, Any], list[Records]]:
    """Write ``pemda`` generated pemda, one ``replace_documents`` each; times and counts, and
    the first pemda's records (for the naive sample)."""
    first: list[Records] = []
    totals = {"documents": 0, "elements": 0, "links": 0, "indicators": 0}
    seconds = generate_s = client_cpu = 0.0
    server_cpu = cpu_seconds(server)
    with peak_rss(server) as peak:
        started = time.perf_counter()
        for number, plans in enumerate(each_pemda(pemda, seed), 1):
            generate_s += time.perf_counter() - started
            batch = list(plans.records)
            first = first or batch
            begun, cpu = time.perf_counter(), time.process_time()
            store.replace_documents(batch)
            took = time.perf_counter() - begun
            seconds, client_cpu = seconds + took, client_cpu + time.process_time() - cpu
            for key, value in counts(batch).items():
                totals[key] += value
            n = counts(batch)["elements"]
            print(f"  pemda {number}/{pemda}: {n:,} elements in {took:.2f} s", flush=True)
            started = time.perf_counter()
    return {**totals, "seconds": seconds, "rate": totals["elements"] / seconds,
            "generate_s": generate_s, "server_cpu": cpu_seconds(server) - server_cpu,
            "client_cpu": client_cpu, "server_rss": peak[0]}, first  # fmt: skip


def counts(batch: Sequence[Records]) -> dict[str, int]:
    """How many documents, elements, declared links and indicators a batch holds."""
    return {
        "documents": len(batch),
        "elements": sum(len(r.elements) for r in batch),
        "links": sum(len(r.links) for r in batch),
        "indicators": sum(len(r.indicators) for r in batch),
    }


# -- the naive baseline ----------------------------------------------------------------------

NAIVE_PREFIX = "naive-"
NAIVE_ELEMENT = "MERGE (e:Element {id: $id}) SET e = $props, e:$($label)"
NAIVE_INDICATOR = """
MATCH (e:Element {id: $element}) CREATE (i:Indikator)-[:MEASURES]->(e) SET i = $props
"""
NAIVE_LINK = """
MATCH (c:Element {id: $child}), (p:Element {id: $parent})
MERGE (c)-[r:SUPPORTS]->(p) SET r = $props
"""


def naive_load(uri: str, batch: Sequence[Records], sample: int) -> dict[str, Any]:
    """The naive per-row loader the issue names, on the first ``sample`` elements of ``batch``.

    One write transaction per element: ``MERGE`` the element on its id and set its properties
    and kind label, then create each of its indicators and ``MERGE`` each of its declared links
    (to parents already written), one statement per row. No document nodes, no cross-document
    resolution: only the per-row writing is measured. Ids and documents are prefixed with
    ``naive-`` (new nodes beside the loaded graph) and deleted afterwards. Returns the
    sample's size, seconds and rate.
    """
    from neo4j import GraphDatabase

    rows = naive_rows(batch, NAIVE_PREFIX)[:sample]
    with GraphDatabase.driver(uri, auth=auth()) as driver, driver.session() as session:
        started = time.perf_counter()
        for element, indicators, links in rows:
            session.execute_write(naive_write, element, indicators, links)
        seconds = time.perf_counter() - started
        ids = [NAIVE_PREFIX + r.document.id for r in batch]
        session.run("MATCH (n) WHERE n.dokumen IN $ids DETACH DELETE n", ids=ids).consume()
    return {"elements": len(rows), "seconds": seconds, "rate": len(rows) / seconds}


def naive_write(tx: Any, element: Any, indicators: list[Any], links: list[Any]) -> None:
    """One element's transaction in the naive loader: a statement per row."""
    tx.run(NAIVE_ELEMENT, element).consume()
    for indicator in indicators:
        tx.run(NAIVE_INDICATOR, indicator).consume()
    for link in links:
        tx.run(NAIVE_LINK, link).consume()


def naive_rows(
    batch: Sequence[Records], prefix: str
) -> list[tuple[dict[str, Any], list[Any], list[Any]]]:
    """Per element, in document order: its MERGE parameters, its indicators, its links, every
    id and document id with ``prefix`` in front."""
    out = []
    for r in batch:
        doc = prefix + r.document.id
        indicators: dict[str, list[dict[str, Any]]] = {}
        for i in r.indicators:
            ind: dict[str, Any] = {**i.properties(), "element": prefix + i.element, "dokumen": doc}
            indicators.setdefault(i.element, []).append({"element": ind["element"], "props": ind})
        links: dict[str, list[dict[str, Any]]] = {}
        for lk in r.links:
            edge: dict[str, Any] = {k: v for k, v in lk.properties().items() if v is not None}
            pair = {"child": prefix + lk.child, "parent": prefix + lk.parent}
            links.setdefault(lk.child, []).append({**pair, "props": edge | {"dokumen": doc}})
        for e in r.elements:
            node: dict[str, Any] = e.properties() | {"id": prefix + e.id, "dokumen": doc}
            element = {"id": node["id"], "props": node, "label": KIND_LABELS[e.kind]}
            out.append((element, indicators.get(e.id, []), links.get(e.id, [])))
    return out


def wipe(uri: str) -> None:
    """Delete every node of the database at ``uri``, 10,000 a transaction."""
    from neo4j import GraphDatabase

    with GraphDatabase.driver(uri, auth=auth()) as driver, driver.session() as session:
        session.run(WIPE).consume()


def auth() -> tuple[str, str] | None:
    """User and password from the environment, as the store reads them."""
    password = os.environ.get("SELARAS_NEO4J_PASSWORD")
    return (os.environ.get("SELARAS_NEO4J_USER") or "neo4j", password) if password else None


# -- the run ---------------------------------------------------------------------------------


@contextmanager
def neo4j(uri: str | None) -> Iterator[tuple[str, int | None]]:
    """The URI and server pid to use: ``uri`` as given, or a temporary server of our own."""
    if uri:
        yield uri, listening_pid(urlparse(uri).port or 7687)
        return
    from tools.neo4j.server import Neo4jServer

    server = Neo4jServer.start(Path(tempfile.mkdtemp(prefix="selaras-bench-neo4j-load-")))
    try:
        yield server.uri, server.process.pid
    finally:
        server.stop()


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Load, then the naive sample; everything the report needs."""
    with neo4j(args.neo4j_uri) as (uri, pid), Neo4jStore(uri, timeout=600) as store:
        if args.wipe:
            wipe(uri)
        if store.stats()["elements"]:
            sys.exit(f"{uri} is not empty: give an empty database, or --wipe to empty it first")
        load_avg = os.getloadavg()[0]
        print(f"writing {args.pemda} pemda into {uri} (server pid {pid})")
        result, first = store_load(store, args.pemda, args.seed, pid)
        if args.again:
            print(f"writing the same {args.pemda} pemda again: every document replaced")
            result["again"] = store_load(store, args.pemda, args.seed, pid)[0]
        naive = None
        if args.naive_sample:
            print(f"naive loader: {args.naive_sample} elements, one transaction each")
            naive = naive_load(uri, first, args.naive_sample)
    client_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {**result, "pemda": args.pemda, "seed": args.seed, "label": args.label,
            "client_rss": client_rss, "naive": naive, "load_avg": load_avg,
            "date": str(dt.date.today()), "host": platform.node(), "cores": os.cpu_count(),
            "own_server": args.neo4j_uri is None}  # fmt: skip


def row(r: dict[str, Any]) -> str:
    mb: Callable[[float], str] = lambda x: f"{x:.0f} MB" if x else "–"  # noqa: E731
    return (
        f"| {r['label']} | {r['pemda']} | {r['elements']:,} | {r['seconds']:.1f} | "
        f"{r['rate']:,.0f} | {r['server_cpu']:.1f} | {r['client_cpu']:.1f} | "
        f"{mb(r['server_rss'])} | {mb(r['client_rss'])} | {r['load_avg']:.1f} |"
    )


def report(r: dict[str, Any], kept: Sequence[dict[str, Any]]) -> str:
    """The Markdown block for docs/benchmarks.md."""
    head = (
        "| loader | pemda | elements | seconds | elements/s | server CPU s | client CPU s "
        "| server peak RSS | client peak RSS | load avg |\n" + "|---" * 10 + "|\n"
    )
    rows = [row(k) for k in kept] + [row(r)]
    if again := r.get("again"):
        label = "the same pemda written again (`--again`: every document replaced)"
        rows.append(row({**r, **again, "label": label}))
    naive, lines = r["naive"], []
    if naive:
        ratio = r["rate"] / naive["rate"]
        rows.append(
            f"| naive: 1 transaction and MERGE per element | – | {naive['elements']:,} (sample) "
            f"| {naive['seconds']:.1f} | {naive['rate']:,.0f} | – | – | – | – | – |"
        )
        lines.append(
            f"- ratio to the naive loader: {ratio:.0f}× (target ≥ {TARGET_RATIO}×) → "
            f"**{'met' if ratio >= TARGET_RATIO else 'missed'}**"
        )
    lines.insert(
        0,
        f"- elements/s: {r['rate']:,.0f} (target ≥ {TARGET_RATE:,}) → "
        f"**{'met' if r['rate'] >= TARGET_RATE else 'missed'}**",
    )
    server = "a temporary server of its own" if r["own_server"] else "the server given"
    intro = (
        f"Measured {r['date']} on {r['host']} ({r['cores']} cores, shared), "
        f"`python bench/neo4j_load.py --pemda {r['pemda']} --seed {r['seed']}` into {server}: "
        f"{r['documents']:,} documents, {r['elements']:,} elements, {r['links']:,} declared "
        f"links, {r['indicators']:,} indicators, one `replace_documents` write per pemda "
        f"(generating the plans, {r['generate_s']:.0f} s, not counted). CPU columns: seconds "
        f"of the Neo4j JVM and of the bench process during the writes; load avg: the machine's "
        f"1-minute load average when the run began (2 cores: above 2 means waiting for CPU)."
    )
    if kept:
        intro += (
            " Rows above the last are earlier runs kept with `--json` and shown with `--with` "
            "(their own date, size and load average)."
        )
    return f"{intro}\n\n{head}" + "\n".join(rows) + "\n\n" + "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--pemda", type=int, default=10, help="pemda to write (default 10)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--neo4j-uri", help="an empty Neo4j to write into (default: start one)")
    parser.add_argument("--wipe", action="store_true", help="empty --neo4j-uri's database first")
    parser.add_argument("--naive-sample", type=int, default=2000, help="0 skips the baseline")
    parser.add_argument("--label", default="`Neo4jStore.replace_documents`")
    parser.add_argument("--json", type=Path, help="also write this run's figures here")
    parser.add_argument("--with", dest="kept", type=Path, action="append", default=[],
                        help="an earlier run's --json, shown as a row above")  # fmt: skip
    parser.add_argument("--again", action="store_true",
                        help="then write the same pemda again (a revised load)")  # fmt: skip
    parser.add_argument("--naive-only", action="store_true",
                        help="only the naive sample; --neo4j-uri may hold data")  # fmt: skip
    parser.add_argument("--from-json", type=Path, help="no run: report this kept --json run")
    parser.add_argument("--no-docs", action="store_true")
    args = parser.parse_args()
    if args.naive_only:
        with neo4j(args.neo4j_uri) as (uri, _):
            batch = list(next(iter(each_pemda(1, args.seed))).records)
            print(naive_load(uri, batch, args.naive_sample))
        return
    if args.from_json:
        result = json.loads(args.from_json.read_text(encoding="utf-8"))
    else:
        result = run(args)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    kept = [json.loads(p.read_text(encoding="utf-8")) for p in args.kept]
    text = report(result, kept)
    print(text)
    if not args.no_docs:
        write_section(DOCS, "neo4j_load.py", "Writing to Neo4j", text)


if __name__ == "__main__":
    main()
