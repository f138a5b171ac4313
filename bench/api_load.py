"""Load-test the HTTP API with wrk and record the figures in docs/benchmarks.md.

For each store (embedded SQLite, then Neo4j) this loads the Kota Contoh demo, starts
``selaras serve`` on a free port of 127.0.0.1, warms each endpoint with sequential requests,
then runs wrk with 20 connections for 30 s against, in turn, ``/api/version`` (no store call:
the framework floor), ``/api/health`` (the in-run baseline of the ratios),
``/api/queries/orphaned_activities`` and ``/api/trace/{id}``. It collects requests/s,
p50/p95/p99 latency, errors (non-2xx responses and socket errors) and the CPU used meanwhile
by the server, the Neo4j JVM and everything else, and rewrites the generated part of the
"HTTP API under load" section of docs/benchmarks.md. On a shared machine it waits for other
processes to go quiet before each run and repeats a run they disturbed (``--quiet-wait``,
``--retries``). Every server it started is stopped, even on error, Ctrl-C or SIGTERM. Only
127.0.0.1 is ever targeted.

Prerequisites (once, as root): ``apt-get update && apt-get install -y wrk`` (Debian's wrk
4.1.0). For the Neo4j run also ``java`` 17+ and ``mvn`` (see tools/neo4j/README.md);
without them, or with ``--no-neo4j``, only the embedded store is measured.

Run from the repository root::

    .venv/bin/python bench/api_load.py              # 30 s an endpoint, both stores (make bench-api)
    .venv/bin/python bench/api_load.py --quick      # 5 s per endpoint
    .venv/bin/python bench/api_load.py --no-neo4j --no-docs   # print only

Server logs, wrk's raw output and the stores go to a temporary directory (printed at the
end; ``--workdir`` to choose it), never into the repository.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import http.client
import importlib
import json
import os
import platform
import re
import resource
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import NoReturn

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.pages import shown_command  # noqa: E402
from tools.processes import HOST, ToolError, cpu_seconds, free_port, selaras_exe  # noqa: E402

DOCS = ROOT / "docs" / "benchmarks.md"
TRACE_ID = "renja-kota-contoh-dinkes-2026:sub_kegiatan:1.02.02.2.01.0002"
ENDPOINTS = {
    "version": "/api/version",  # no store call: the framework and server alone
    "health": "/api/health",
    "orphaned_activities": "/api/queries/orphaned_activities",
    "trace": f"/api/trace/{TRACE_ID}",
}
QUIET_CPU = 25.0  # % of one core used by other processes above which the machine is "busy"
TARGET_P95_MS = {"trace": 50.0, "orphaned_activities": 200.0}
DEFAULT_COMMAND = ".venv/bin/python bench/api_load.py"
HEADING = "## HTTP API under load"
BEGIN = "<!-- bench/api_load.py: generated, begin -->"
END = "<!-- bench/api_load.py: generated, end -->"
INTRO = (
    "# Benchmarks\n\n"
    "Figures measured on this machine, never asserted in tests; each section says how to "
    "reproduce it (e.g. `.venv/bin/python bench/api_load.py`). Ratios are against a baseline "
    "measured in the same run.\n"
)

# wrk's Lua hooks: count non-2xx per thread, then print one JSON line from the main thread.
WRK_LUA = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) non2xx = 0 end
function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end
function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do bad = bad + t:get("non2xx") end
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_us": %d, "non2xx": %d, "connect": %d, "read": %d, '
    .. '"write": %d, "timeout": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d}\\n',
    summary.requests, summary.duration, bad, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
"""


class BenchError(ToolError):
    """A server did not start, the demo did not load, or wrk failed."""


@dataclass(frozen=True)
class Options:
    """What to run: seconds per endpoint, connections, wrk threads, warm-up requests."""

    seconds: int
    connections: int
    threads: int
    warmup: int
    workdir: Path
    quiet_wait: float
    retries: int


@dataclass(frozen=True)
class Result:
    """One endpoint on one store: wrk's figures plus the sequential warm-up's."""

    store: str
    endpoint: str
    requests: int
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    non2xx: int
    socket_errors: int
    first_ms: float
    warm_p50_ms: float
    server_cpu: float
    jvm_cpu: float | None
    other_cpu: float
    runs: int = 1

    @property
    def errors(self) -> int:
        """Non-2xx responses plus socket errors (connect, read, write, timeout)."""
        return self.non2xx + self.socket_errors


@dataclass(frozen=True)
class Target:
    """A running app server: its port, its pid and the Neo4j JVM's pid (if any)."""

    port: int
    pid: int
    jvm_pid: int | None


def machine_busy_seconds() -> float:
    """CPU seconds the whole machine spent busy (all but idle and iowait), from /proc/stat."""
    ticks = [int(t) for t in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    return (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")


def cpu_snapshot(target: Target) -> dict[str, float]:
    """CPU seconds so far of the app server, the JVM, wrk (reaped children) and the machine."""
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "server": cpu_seconds(target.pid),
        "jvm": cpu_seconds(target.jvm_pid) if target.jvm_pid else 0.0,
        "wrk": kids.ru_utime + kids.ru_stime,
        "machine": machine_busy_seconds(),
    }


def cpu_percent(before: dict[str, float], after: dict[str, float], wall: float) -> dict[str, float]:
    """Per-name CPU use between two snapshots in % of one core; ``other`` is everyone else."""
    pct = {k: 100 * (after[k] - before[k]) / wall for k in before}
    pct["other"] = max(0.0, pct["machine"] - pct["server"] - pct["jvm"] - pct["wrk"])
    return pct


def server_env(workdir: Path) -> dict[str, str]:
    """The environment of every child: tokens file in the workdir, reads need no token."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SELARAS_")}
    if "SELARAS_NEO4J_JAVA_OPTS" in os.environ:
        env["SELARAS_NEO4J_JAVA_OPTS"] = os.environ["SELARAS_NEO4J_JAVA_OPTS"]
    return {**env, "SELARAS_TOKENS": str(workdir / "tokens.json"), "SELARAS_READ_TOKEN": "0"}


def load_demo(store: str, workdir: Path) -> None:
    """``selaras --store STORE demo``; its output goes to ``workdir/demo-*.log``."""
    log = workdir / f"demo-{'neo4j' if '://' in store else 'embedded'}.log"
    with open(log, "w") as out:
        done = subprocess.run(
            [selaras_exe(), "--store", store, "demo"],
            cwd=workdir,
            env=server_env(workdir),
            stdout=out,
            stderr=subprocess.STDOUT,
            timeout=600,
        )
    if done.returncode != 0:
        raise BenchError(f"demo load failed ({done.returncode}); see {log}")


def get(conn: http.client.HTTPConnection, path: str) -> int:
    """One GET on a kept-alive connection; returns the status, the body is read and dropped."""
    conn.request("GET", path)
    resp = conn.getresponse()
    resp.read()
    return resp.status


def wait_healthy(port: int, proc: subprocess.Popen[bytes], log: Path, timeout: float) -> None:
    """Poll ``/api/health`` until it answers 200; fail if the server exits or is too slow."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise BenchError(f"server exited with {proc.returncode}; see {log}")
        with contextlib.suppress(OSError, http.client.HTTPException):
            conn = http.client.HTTPConnection(HOST, port, timeout=5)
            try:
                if get(conn, ENDPOINTS["health"]) == 200:
                    return
            finally:
                conn.close()
        time.sleep(0.2)
    raise BenchError(f"server not healthy within {timeout:.0f} s; see {log}")


def stop(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM (uvicorn shuts down cleanly), SIGKILL after 15 s."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextlib.contextmanager
def app_server(store: str, name: str, workdir: Path) -> Iterator[tuple[int, int]]:
    """``selaras --store STORE serve`` on a free port; yields (port, pid), always stops it."""
    port = free_port()
    log = workdir / f"serve-{name}.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [selaras_exe(), "--store", store, "serve", "--host", HOST, "--port", str(port)],
            cwd=workdir,
            env=server_env(workdir),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_healthy(port, proc, log, timeout=120)
            yield port, proc.pid
        finally:
            stop(proc)


@contextlib.contextmanager
def neo4j(workdir: Path) -> Iterator[tuple[str, int]]:
    """A Neo4j 5.26 from tools/neo4j in ``workdir/neo4j``; yields (Bolt URI, JVM pid)."""
    sys.path.insert(0, str(ROOT / "tools" / "neo4j"))
    server = importlib.import_module("server")  # tools/neo4j/server.py
    srv = server.Neo4jServer.start(workdir / "neo4j")
    try:
        yield str(srv.uri), int(srv.process.pid)
    finally:
        srv.stop()


def warm(port: int, path: str, count: int) -> tuple[float, float]:
    """``count`` sequential GETs on one connection; returns (first, median) latency in ms."""
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    times: list[float] = []
    try:
        for _ in range(count):
            start = time.perf_counter()
            status = get(conn, path)
            times.append((time.perf_counter() - start) * 1000)
            if status != 200:
                raise BenchError(f"warm-up: GET {path} answered {status}")
    finally:
        conn.close()
    return times[0], statistics.median(times)


def wrk_version() -> str:
    """wrk's own first line, e.g. ``wrk debian/4.1.0-3+b2 [epoll]``."""
    wrk = shutil.which("wrk")
    if wrk is None:
        raise BenchError("wrk not found: apt-get update && apt-get install -y wrk")
    done = subprocess.run([wrk, "--version"], capture_output=True, text=True)
    first = (done.stdout or done.stderr).splitlines()[0]
    return first.split(" Copyright")[0].strip()


def run_wrk(url: str, opts: Options, tag: str) -> dict[str, int]:
    """wrk with ``--latency`` and the Lua hooks; its raw output is kept in the workdir."""
    script = opts.workdir / "count_non2xx.lua"
    script.write_text(WRK_LUA)
    load = ["-t", str(opts.threads), "-c", str(opts.connections), "-d", f"{opts.seconds}s"]
    cmd = ["wrk", "--latency", "--timeout", "10s", *load, "-s", str(script), url]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=opts.seconds + 120)
    (opts.workdir / f"wrk-{tag}.txt").write_text(shlex.join(cmd) + "\n" + done.stdout + done.stderr)
    match = re.search(r"^WRK_JSON (\{.*\})$", done.stdout, re.MULTILINE)
    if done.returncode != 0 or match is None:
        raise BenchError(f"wrk failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    figures: dict[str, int] = json.loads(match.group(1))
    return figures


def wait_quiet(target: Target, limit: float, threshold: float = QUIET_CPU) -> None:
    """Wait (at most ``limit`` s) until other processes use under ``threshold`` % of a core."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        before, t0 = cpu_snapshot(target), time.monotonic()
        time.sleep(2)
        other = cpu_percent(before, cpu_snapshot(target), time.monotonic() - t0)["other"]
        if other <= threshold:
            return
        print(f"    machine busy ({other:.0f}% of a core used elsewhere), waiting", flush=True)


def measure(store: str, endpoint: str, target: Target, opts: Options) -> Result:
    """Measure one endpoint; a run disturbed by other processes is repeated (``retries``
    times at most) and the least disturbed one kept, with the first run's first request."""
    best = load_once(store, endpoint, target, opts)
    runs = 1
    while best.other_cpu > QUIET_CPU and runs <= opts.retries:
        print(f"    disturbed ({best.other_cpu:.0f}% of a core used elsewhere), again")
        again = load_once(store, endpoint, target, opts)
        runs += 1
        best = replace(min(best, again, key=lambda r: r.other_cpu), first_ms=best.first_ms)
    return replace(best, runs=runs)


def load_once(store: str, endpoint: str, target: Target, opts: Options) -> Result:
    """Warm one endpoint, then load it with wrk, sampling the servers' CPU meanwhile."""
    path = ENDPOINTS[endpoint]
    wait_quiet(target, opts.quiet_wait)
    first, warm_p50 = warm(target.port, path, opts.warmup)
    print(f"  {store}/{endpoint}: warm ({opts.warmup} req), wrk {opts.seconds} s …", flush=True)
    cpu0, t0 = cpu_snapshot(target), time.monotonic()
    w = run_wrk(f"http://{HOST}:{target.port}{path}", opts, f"{store}-{endpoint}")
    cpu = cpu_percent(cpu0, cpu_snapshot(target), time.monotonic() - t0)
    result = Result(
        store=store,
        endpoint=endpoint,
        requests=w["requests"],
        rps=w["requests"] / (w["duration_us"] / 1e6),
        p50_ms=w["p50_us"] / 1000,
        p95_ms=w["p95_us"] / 1000,
        p99_ms=w["p99_us"] / 1000,
        max_ms=w["max_us"] / 1000,
        non2xx=w["non2xx"],
        socket_errors=w["connect"] + w["read"] + w["write"] + w["timeout"],
        first_ms=first,
        warm_p50_ms=warm_p50,
        server_cpu=cpu["server"],
        jvm_cpu=cpu["jvm"] if target.jvm_pid else None,
        other_cpu=cpu["other"],
    )
    print(f"    {result.rps:.0f} req/s, p95 {result.p95_ms:.1f} ms, errors {result.errors}")
    return result


def bench_store(store: str, name: str, opts: Options, jvm_pid: int | None = None) -> list[Result]:
    """Load the demo into ``store``, serve it, measure every endpoint."""
    print(f"{name}: loading the demo into {store}", flush=True)
    load_demo(store, opts.workdir)
    with app_server(store, name, opts.workdir) as (port, pid):
        target = Target(port, pid, jvm_pid)
        return [measure(name, endpoint, target, opts) for endpoint in ENDPOINTS]


def machine() -> dict[str, str]:
    """nproc, RAM and CPU model (from /proc), Python and OS."""
    cpu = "unknown"
    with contextlib.suppress(OSError):
        found = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.M)
        cpu = found.group(1).strip() if found else cpu
    ram = "unknown"
    with contextlib.suppress(OSError):
        found = re.search(r"^MemTotal:\s*(\d+) kB", Path("/proc/meminfo").read_text(), re.M)
        ram = f"{int(found.group(1)) / 1024**2:.1f} GiB" if found else ram
    return {
        "nproc": str(os.cpu_count()),
        "ram": ram,
        "cpu": cpu,
        "python": platform.python_version(),
        "os": platform.platform(terse=True),
    }


def verdict(results: list[Result]) -> list[str]:
    """One line per target of the API issue: no errors; p95 of trace and of the check."""
    lines = []
    for r in results:
        target = TARGET_P95_MS.get(r.endpoint)
        if target is not None:
            ok = r.p95_ms < target
            lines.append(
                f"- {r.store}, {r.endpoint}: p95 {r.p95_ms:.1f} ms vs target < {target:.0f} ms "
                f"→ **{'met' if ok else 'missed'}**"
            )
    failing = [f"{r.store}/{r.endpoint} ({r.errors})" for r in results if r.errors]
    lines.append(
        "- no errors → **met**"
        if not failing
        else f"- no errors → **missed**: {', '.join(failing)}"
    )
    return lines


def busy_note(results: list[Result], limit: float = QUIET_CPU) -> list[str]:
    """A warning (and a blank line) when other processes took CPU during some run."""
    worst = max(results, key=lambda r: r.other_cpu)
    if worst.other_cpu <= limit:
        return []
    return [
        f"**Busy machine:** other processes used up to {worst.other_cpu:.0f}% of a core "
        f"during a run ({worst.store}/{worst.endpoint}); rows with high `other CPU` are "
        "pessimistic. Rerun on a quiet machine for clean figures.",
        "",
    ]


def table(results: list[Result]) -> list[str]:
    """The Markdown table, with ratios against the same store's health run."""
    head = (
        "| store | endpoint | req/s | p50 ms | p95 ms | p99 ms | max ms | errors "
        "| req/s vs health | p50 vs health | server CPU | JVM CPU | other CPU "
        "| first req ms | 1-client median ms |"
    )
    rows = [head, "|" + "---|" * 15]
    base = {r.store: r for r in results if r.endpoint == "health"}
    for r in results:
        b = base[r.store]
        jvm = "–" if r.jvm_cpu is None else f"{r.jvm_cpu:.0f}%"
        other = f"{r.other_cpu:.0f}%" + (f" (best of {r.runs})" if r.runs > 1 else "")
        rows.append(
            f"| {r.store} | {r.endpoint} | {r.rps:.0f} | {r.p50_ms:.1f} | {r.p95_ms:.1f} "
            f"| {r.p99_ms:.1f} | {r.max_ms:.0f} | {r.errors} | {r.rps / b.rps:.2f}× "
            f"| {r.p50_ms / b.p50_ms:.1f}× | {r.server_cpu:.0f}% | {jvm} | {other} "
            f"| {r.first_ms:.1f} | {r.warm_p50_ms:.1f} |"
        )
    return rows


def section(results: list[Result], opts: Options, command: str, tool: str) -> str:
    """The generated block: when, where, how, the table and the targets."""
    m = machine()
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    stores = ", ".join(dict.fromkeys(r.store for r in results))
    make = " or `make bench-api`" if command == DEFAULT_COMMAND else ""
    lines = [
        BEGIN,
        f"Measured {now} on {m['nproc']} CPUs ({m['cpu']}), {m['ram']} RAM, "
        f"{m['os']}, Python {m['python']}; stores: {stores}.",
        "",
        f"Reproduce: `{command}`{make} (prerequisite: `apt-get install -y wrk`; "
        "Neo4j also needs java 17+ and mvn).",
        "",
        f"Tool: `{tool}`, `--latency --timeout 10s -t {opts.threads} -c {opts.connections} "
        f"-d {opts.seconds}s` with a Lua script counting non-2xx responses; closed loop, "
        f"so each of the {opts.connections} connections sends its next request as soon as "
        "the last one is answered. Before each wrk run the endpoint was warmed with "
        f'{opts.warmup} sequential requests on one connection ("first req" is the first '
        'of them, "1-client median" their median). Errors are non-2xx responses plus '
        "socket errors (connect, read, write, timeout). The server is `selaras serve` as "
        "shipped (one uvicorn process, access log on, to a file) on the same machine as wrk "
        "and, for Neo4j, the JVM. Ratios are against `/api/health` on the same store in the "
        "same run; health is not free: it also counts the store's documents and elements, "
        "so `/api/version` (no store call) is measured too, as the framework-and-server floor. "
        "CPU columns: CPU time during the wrk run of the uvicorn process, of the Neo4j JVM "
        "and of every other process but wrk (other sessions' work on a shared machine), "
        f"in % of one core ({m['nproc']} cores = {100 * int(m['nproc'])}%); "
        "a row with much `other CPU` was measured on a busy machine and is pessimistic. "
        f"Each run waited (up to {opts.quiet_wait:.0f} s) for other processes to use under "
        f"{QUIET_CPU:.0f}% of a core, but nothing stops them starting mid-run; a run "
        f"disturbed beyond that was repeated up to {opts.retries} times and the least "
        'disturbed one kept ("best of N"; "first req" is still the very first one).',
        "",
        f"Trace id: `{TRACE_ID}`.",
        "",
        *table(results),
        "",
        *busy_note(results),
        "Targets (demo data, p95 under load):",
        "",
        *verdict(results),
        END,
    ]
    return "\n".join(lines) + "\n"


def update_docs(path: Path, block: str) -> None:
    """Replace the generated block of the section (hand-written text around it stays)."""
    text = path.read_text() if path.exists() else INTRO
    if BEGIN in text and END in text:
        before, rest = text.split(BEGIN, 1)
        text = before + block.rstrip("\n") + rest.split(END, 1)[1]
    elif HEADING in text:
        at = text.index(HEADING) + len(HEADING)
        text = text[:at] + "\n\n" + block + text[at:]
    else:
        text = text.rstrip("\n") + f"\n\n{HEADING}\n\n{block}"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def neo4j_skip_reason(args: argparse.Namespace) -> str | None:
    """Why the Neo4j run is skipped, or None."""
    if args.no_neo4j:
        return "--no-neo4j"
    missing = [tool for tool in ("java", "mvn") if shutil.which(tool) is None]
    return f"not on PATH: {', '.join(missing)}" if missing else None


def run_all(args: argparse.Namespace, opts: Options) -> list[Result]:
    """The embedded store, then (unless skipped) Neo4j; servers stopped in every case."""
    results = bench_store(str(opts.workdir / "embedded.db"), "embedded", opts)
    reason = neo4j_skip_reason(args)
    if reason:
        print(f"neo4j: skipped ({reason})")
        return results
    print("neo4j: starting Neo4j 5.26 (tools/neo4j) …", flush=True)
    with neo4j(opts.workdir) as (uri, jvm_pid):
        results += bench_store(uri, "neo4j", opts, jvm_pid)
    return results


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5 s per endpoint instead of 30 s")
    parser.add_argument("--no-neo4j", action="store_true", help="embedded store only")
    parser.add_argument("--no-docs", action="store_true", help="print; leave docs/ alone")
    parser.add_argument("--connections", type=int, default=20, help="wrk -c (default 20)")
    parser.add_argument("--threads", type=int, default=1, help="wrk -t (default 1)")
    parser.add_argument("--warmup", type=int, default=300, help="requests before each run")
    parser.add_argument("--workdir", type=Path, help="logs and stores (default: a new tmp dir)")
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    parser.add_argument(
        "--quiet-wait",
        type=float,
        default=300,
        help="before each run, wait up to this many s for other processes to go quiet",
    )
    parser.add_argument("--retries", type=int, default=2, help="reruns of a disturbed run")
    return parser.parse_args(argv)


def _sigterm(*_: object) -> NoReturn:
    raise SystemExit(143)  # unwinds the context managers, so the servers are stopped


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="selaras-api-load-"))
    workdir.mkdir(parents=True, exist_ok=True)
    seconds = 5 if args.quick else 30
    opts = Options(
        seconds, args.connections, args.threads, args.warmup, workdir, args.quiet_wait, args.retries
    )
    signal.signal(signal.SIGTERM, _sigterm)
    try:
        tool = wrk_version()
        results = run_all(args, opts)
    except BenchError as exc:
        print(f"error: {exc}\nlogs: {workdir}", file=sys.stderr)
        return 1
    shown_as = {"--workdir": "DIR", "--json": "FILE"}  # the docs name no path of this machine
    command = shown_command(DEFAULT_COMMAND, sys.argv[1:] if argv is None else argv, shown_as)
    block = section(results, opts, command, tool)
    print("\n" + block)
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=2) + "\n")
    if not args.no_docs:
        update_docs(DOCS, block)
        print(f"updated {DOCS.relative_to(ROOT)}")
    print(f"logs and raw wrk output: {workdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
