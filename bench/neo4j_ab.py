"""A/B of the Cypher twins: this checkout against another (the code before a change), on one
Neo4j loaded once with generated pemda, the two alternating round by round.

Each round runs every query three times in a fresh process of each checkout and keeps the
fastest of the two warm runs; the table gives each side's fastest round, their ratio, and
whether both returned the same rows. The server is started from ``tools/neo4j`` on ``--data``
when the folder is new, loaded from ``--workbooks`` by this checkout's ``selaras load``, or with
``--pemda N`` from plans generated in memory as ``bench/checks.py`` makes them (one write a
pemda; with the server settings of ``bench/checks.py``, which 100 pemda need, unless
``SELARAS_NEO4J_JAVA_OPTS`` says otherwise).

Run from the repository root::

    git worktree add /tmp/before 5c12f83
    .venv/bin/selaras generate --pemda 10 --seed 7 --out /tmp/gen10
    .venv/bin/python bench/neo4j_ab.py --before /tmp/before --workbooks /tmp/gen10
    .venv/bin/python bench/neo4j_ab.py --before /tmp/before --workbooks /tmp/gen10 \\
        --queries coverage,crosscutting --rounds 5
    .venv/bin/python bench/neo4j_ab.py --before /tmp/before --pemda 100 --data /tmp/ab100
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools" / "neo4j"))

from server import Neo4jServer  # noqa: E402

RUN = """
import json, sys, time
from graph.neo4j_store import Neo4jStore
from queries import CATALOGUE
from queries.run import run_query
out = {}
with Neo4jStore(sys.argv[1]) as store:
    for name in [n for n in sys.argv[2].split(",") if n in CATALOGUE]:  # the other may lack one
        times = []
        for _ in range(3):
            t = time.perf_counter()
            rows = run_query(store, name, {}).as_dict()["rows"]
            times.append(time.perf_counter() - t)
        out[name] = [min(times[1:]), json.dumps(rows, sort_keys=True)]
print(json.dumps(out))
"""


def _load(uri: str, workbooks: Path) -> None:
    """Each pemda's workbooks in one load (a pemda per transaction)."""
    selaras = str(ROOT / ".venv" / "bin" / "selaras")
    for folder in sorted(p for p in workbooks.iterdir() if p.is_dir()):
        files = sorted(str(f) for f in folder.iterdir() if f.suffix in (".csv", ".xlsx"))
        subprocess.run([selaras, "--store", uri, "load", *files], check=True, capture_output=True)


def _load_generated(uri: str, pemda: int, seed: int) -> None:
    """The plans of ``bench/checks.py`` (``loaders.synthetic.generate``), one write a pemda."""
    from bench.checks import write_each_pemda
    from graph.neo4j_store import Neo4jStore
    from loaders.synthetic import generate

    with Neo4jStore(uri, timeout=600) as store:
        write_each_pemda(store, generate(pemda, seed).records)


def _round(root: Path, uri: str, queries: list[str]) -> dict[str, tuple[float, str]]:
    done = subprocess.run(
        [sys.executable, "-c", RUN, uri, ",".join(queries)],
        cwd=root, check=True, capture_output=True, text=True,
    )  # fmt: skip
    result: dict[str, tuple[float, str]] = json.loads(done.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", type=Path, required=True, help="the other checkout")
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--workbooks", type=Path, help="selaras generate --out")
    source.add_argument("--pemda", type=int, help="pemda generated in memory (bench/checks.py)")
    parser.add_argument("--seed", type=int, default=1, help="with --pemda")
    parser.add_argument("--data", type=Path, default=Path("/tmp/selaras-neo4j-ab"))
    parser.add_argument("--queries", default="", help="comma-separated; every check by default")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from queries import checks

    queries = args.queries.split(",") if args.queries else [q.name for q in checks()]
    fresh = not args.data.exists()
    args.data.mkdir(parents=True, exist_ok=True)
    if args.pemda:
        from bench.checks import BENCH_JAVA_OPTS

        os.environ.setdefault("SELARAS_NEO4J_JAVA_OPTS", BENCH_JAVA_OPTS)
    server = Neo4jServer.start(args.data)
    try:
        if fresh and args.pemda:
            _load_generated(server.uri, args.pemda, args.seed)
        elif fresh:
            _load(server.uri, args.workbooks)
        best: dict[tuple[str, str], float] = {}
        rows: dict[tuple[str, str], str] = {}
        for _ in range(args.rounds):
            for side, root in (("before", args.before), ("after", ROOT)):
                for name, (seconds, found) in _round(root, server.uri, queries).items():
                    best[name, side] = min(seconds, best.get((name, side), seconds))
                    rows[name, side] = found
    finally:
        server.stop()
    print("| query | before (s) | after (s) | after / before | same rows |")
    print("|---|---|---|---|---|")
    for q in [q for q in queries if (q, "before") in best]:
        before, after = best[q, "before"], best[q, "after"]
        same = "yes" if rows[q, "before"] == rows[q, "after"] else "**no**"
        print(f"| `{q}` | {before:.3f} | {after:.3f} | {after / before:.2f}× | {same} |")


if __name__ == "__main__":
    main()
