"""Soak the HTTP API: concurrent clients for minutes, mixing reads, checks and uploads.

For each store asked for (the embedded SQLite file, Neo4j, or both) this loads the Kota Contoh
demo, starts ``selaras serve`` on a free port of 127.0.0.1 and runs ``--clients`` threads (20 by
default), each with its own kept-alive connection, for ``--seconds``. Each client loops over a
weighted mix: health, element search, list and get (and one that does not exist: 404), trace,
subgraph, canned queries (JSON and CSV), ``POST /api/check``, ``GET /api/documents``, uploads
that replace the Renja of Dinas Kesehatan with one of two revised versions in turn (a CSV and
an ``.xlsx``, the same elements, so the store keeps its size), a bad upload now and then (its
422 is expected) and ad-hoc ``POST /api/cypher`` reads (501 expected on the embedded store).

Before the clock starts, each version is uploaded in turn and every request the clients may send
(about 230: a pool of element ids, pairs, queries) is answered once on the quiet server; both
versions must give the same answers on what they share (ids, counts, totals, rows). An answer is
*unexpected* when its status is not the one its kind expects, when the request failed (timeout,
connection reset), or when a 200 disagrees with the set-up's answer to the same request: a
reader that saw half a document. Every second the server's resident set (``VmRSS``) and open
file descriptors are read from ``/proc``; the baseline is the median of the 5 s (or half the
warm-up, if shorter) ending with the warm-up (default 20 % of the time), the end figure the
median of the last 5 s of load. At the end the server is stopped and the store opened again:
every document must be there with its elements, and its digest (of ``store.export()``, load
times aside) must be that of one of the two versions.

It fails (exit 1, saying why) on any unexpected answer, on resident memory at the end more than
20 % above the baseline, on more than 5 descriptors above the baseline, on a traceback in the
server's log, or on a store that is not whole. Only 127.0.0.1 is targeted.

Run from the repository root::

    .venv/bin/python tools/soak.py                         # 5 min, both stores (make soak)
    .venv/bin/python tools/soak.py --seconds 30 --store embedded --markdown /tmp/soak.md
    .venv/bin/python tools/soak.py --store neo4j --neo4j-uri bolt://127.0.0.1:7687

Neo4j: ``--neo4j-uri`` or ``SELARAS_NEO4J_URI`` (the demo is written into that database and its
Renja Dinkes replaced over and over; nothing else is touched), else one is started from
``tools/neo4j`` (java 17+ and mvn). Into ``--workdir`` (a new temporary directory by default,
printed at the end) go the embedded store, the server's log, the samples
(``samples-<store>.csv``), every unexpected answer (``unexpected-<store>.txt``) and what was
digested of the store after each version and at the end (``store-<store>-*.json``).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import hashlib
import io
import itertools
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import httpx2
from openpyxl import Workbook

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from api.tokens import TokenBook  # noqa: E402
from graph.store import open_store  # noqa: E402
from tools.processes import HOST, ToolError, cpu_seconds, free_port, selaras_exe  # noqa: E402

DEMO_RENJA = ROOT / "demo" / "kota_contoh" / "renja_dinkes_2026.csv"
RENJA_ID = "renja-kota-contoh-dinkes-2026"
RSS_SLACK = 0.20  # end RSS at most 20 % above the baseline
FD_SLACK = 5  # end descriptors at most this many above the baseline
WINDOW = 5.0  # seconds of samples whose median is a baseline or end figure
WEIGHTS = {
    "health": 3,
    "search": 12,
    "list": 6,
    "get": 14,
    "missing": 2,
    "trace": 12,
    "subgraph": 8,
    "query": 14,
    "check": 3,
    "documents": 5,
    "upload": 3,
    "bad_upload": 1,
    "cypher": 6,
}
SEARCHES = ["puskesmas", "pendidikan", "jalan", "1.02.02", "kesehatan", "perencanaan", "sekolah"]
QUERIES: list[tuple[str, dict[str, Any]]] = [
    ("orphaned_activities", {}),
    ("orphaned_activities", {"kind": "sub_kegiatan"}),
    ("unsupported_priorities", {}),
    ("duplicated_programs", {"reason": "kode_ganda"}),
    ("coverage", {}),
    ("budget_rollup", {"tahun": "2026"}),
    ("pagu_mismatches", {}),
    ("missing_indicators", {}),
    ("orphaned_activities.csv", {}),
]
CYPHER: list[tuple[str, dict[str, Any]]] = [
    ("MATCH (e:Element) WHERE e.kind = $kind RETURN count(e) AS n", {"kind": "sub_kegiatan"}),
    ("MATCH (d:Document) RETURN d.id AS id ORDER BY id", {}),
    ("MATCH (:Element)-[r:SUPPORTS]->(:Element) RETURN count(r) AS n", {}),
    (
        "MATCH (e:Element {id: $id})<-[:SUPPORTS*1..3]-(c:Element) RETURN count(DISTINCT c) AS n",
        {"id": "rpjmd-kota-contoh-2025-2029:sasaran:S1.1.1"},
    ),
]


class SoakError(ToolError):
    """The soak could not be set up: a server that did not start, a demo that did not load."""


@dataclass(frozen=True)
class Options:
    """How long, how many clients, the warm-up, and where logs and stores go."""

    seconds: float
    clients: int
    warmup: float
    workdir: Path
    seed: int = 1


@dataclass(frozen=True)
class Upload:
    """One file to upload: its name, bytes and media type."""

    name: str
    content: bytes
    media_type: str

    def files(self) -> dict[str, tuple[str, bytes, str]]:
        return {"files": (self.name, self.content, self.media_type)}


@dataclass(frozen=True)
class Answer:
    """One request's outcome: when it ended (s since start), its kind, status label, seconds."""

    at: float
    kind: str
    status: str
    seconds: float
    expected: bool
    detail: str = ""


@dataclass(frozen=True)
class Sample:
    """The server once a second: RSS (kB), open descriptors, the machine's 1-min load."""

    at: float
    rss_kb: int
    fds: int
    load1: float
    jvm_rss_kb: int | None = None


Request = tuple[str, str, dict[str, Any]]  # method, path, httpx2 keyword arguments


@dataclass
class Plan:
    """What the clients ask for (``menu``: every request by kind, the uploads aside), what a
    store of ``kind`` answers to each (``references``, taken at set-up), the two versions."""

    kind: str  # the store kind: embedded or neo4j
    versions: list[Upload]
    bad: Upload
    token: str
    menu: dict[str, list[Request]] = field(default_factory=dict)
    references: dict[str, Any] = field(default_factory=dict)
    _turn: Iterator[int] = field(default_factory=itertools.count)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def next_version(self) -> Upload:
        with self._lock:
            return self.versions[next(self._turn) % len(self.versions)]

    def expected(self, kind: str) -> set[int]:
        """The statuses an answer of this kind may have."""
        if kind == "cypher" and self.kind == "embedded":
            return {501}
        return {"bad_upload": {422}, "missing": {404}}.get(kind, {200})


# --- the two versions of the Renja and the bad file --------------------------------------


def renja_parts(label: str) -> tuple[list[list[str]], list[list[str]]]:
    """The demo's Renja Dinkes as (dokumen rows, elemen rows), its indicators marked ``label``."""
    rows = list(csv.reader(io.StringIO(DEMO_RENJA.read_text(encoding="utf-8"))))
    blank = rows.index([])
    head, table = rows[:blank], rows[blank + 1 :]
    column = table[0].index("indikator")
    for row in table[1:]:
        if row[column]:
            row[column] = f"{row[column]} ({label})"
    return head, table


def renja_csv(label: str) -> bytes:
    """A revised Renja Dinkes in the CSV form of the Selaras format."""
    head, table = renja_parts(label)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([*head, [], *table])
    return out.getvalue().encode("utf-8")


def renja_xlsx(label: str) -> bytes:
    """A revised Renja Dinkes as a Selaras workbook (sheets ``dokumen`` and ``elemen``)."""
    head, table = renja_parts(label)
    book = Workbook()
    dokumen = book.active
    assert dokumen is not None
    dokumen.title = "dokumen"
    for row in [["kunci", "nilai"], *head]:
        dokumen.append(row)
    elemen = book.create_sheet("elemen")
    for row in table:
        elemen.append([int(v) if v.isdigit() and len(v) < 16 else v for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def uploads() -> tuple[list[Upload], Upload]:
    """The two versions (CSV, xlsx) and a bad file (an unknown element kind: 422)."""
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    versions = [
        Upload("renja_dinkes_2026.csv", renja_csv("versi A"), "text/csv"),
        Upload("renja_dinkes_2026.xlsx", renja_xlsx("versi B"), xlsx),
    ]
    text = renja_csv("rusak").decode().replace("\nsub_kegiatan,", "\nsubkegiatan_x,", 1)
    return versions, Upload("renja_dinkes_rusak.csv", text.encode(), "text/csv")


# --- requests, by kind -------------------------------------------------------------------


def element_pool(ids: list[str], rng: random.Random, others: int = 11) -> list[str]:
    """The ids the clients ask about: every element of the replaced Renja and a few others."""
    renja = [i for i in ids if i.startswith(f"{RENJA_ID}:")]
    rest = [i for i in ids if not i.startswith(f"{RENJA_ID}:")]
    return renja + rng.sample(rest, min(others, len(rest)))


def menu(ids: list[str], plan: Plan, rng: random.Random) -> dict[str, list[Request]]:
    """Every request the clients may send, by kind (the uploads aside)."""
    pool = element_pool(ids, rng)
    pairs = [",".join(rng.sample(pool, 2)) for _ in range(10)]
    auth = {"Authorization": f"Bearer {plan.token}"}
    levels = [(k, o) for k in ("program", "kegiatan", "sub_kegiatan") for o in (0, 50)]
    return {
        "health": [("GET", "/api/health", {})],
        "documents": [("GET", "/api/documents", {})],
        "check": [("POST", "/api/check", {})],
        "search": [("GET", "/api/elements", {"params": {"search": t}}) for t in SEARCHES],
        "list": [
            ("GET", "/api/elements", {"params": {"kind": k, "limit": 50, "offset": o}})
            for k, o in levels
        ],
        "get": [("GET", f"/api/elements/{i}", {}) for i in pool],
        "missing": [("GET", f"/api/elements/{RENJA_ID}:sub_kegiatan:9.99.99.9.99.9999", {})],
        "trace": [
            ("GET", f"/api/trace/{i}", {"params": {"direction": d}})
            for i in pool
            for d in ("up", "down")
        ],
        "subgraph": [
            ("GET", "/api/subgraph", {"params": {"ids": p, "depth": d}})
            for p in pairs
            for d in (0, 1, 2)
        ],
        "query": [("GET", f"/api/queries/{n}", {"params": p}) for n, p in QUERIES]
        + [("GET", "/api/queries/trace_up", {"params": {"id": i}}) for i in pool[::3]],
        "cypher": [("POST", "/api/cypher", {"json": {"query": t, "params": p}}) for t, p in CYPHER],
        "bad_upload": [("POST", "/api/documents", {"files": plan.bad.files(), "headers": auth})],
    }


def request_for(kind: str, plan: Plan, rng: random.Random) -> Request:
    """One request of ``kind``: the next version for an upload, else one of the menu."""
    if kind == "upload":
        auth = {"Authorization": f"Bearer {plan.token}"}
        return "POST", "/api/documents", {"files": plan.next_version().files(), "headers": auth}
    return rng.choice(plan.menu[kind])


def request_key(kind: str, request: Request) -> str:
    """What names a request among those of the menu, e.g. ``get GET /api/elements/x null``."""
    method, path, kwargs = request
    if kind == "upload":
        return kind
    what = kwargs.get("params") or kwargs.get("json")
    return f"{kind} {method} {path} {json.dumps(what, sort_keys=True)}"


def signature(kind: str, response: httpx2.Response) -> Any:
    """What answers to one request share whichever version of the Renja they saw."""
    if response.headers.get("content-type", "").startswith("text/csv"):
        return len(response.text.splitlines())
    body = response.json()
    if response.status_code != 200:
        return body["error"]["type"], len(body["error"].get("problems", []))
    return SIGNATURES.get(kind, lambda b: b)(body)


SIGNATURES: dict[str, Callable[[Any], Any]] = {
    "health": lambda b: b["counts"],
    "documents": lambda b: sorted((d["id"], d["elements"]) for d in b),
    "search": lambda b: (b["total"], [r["id"] for r in b["rows"]]),
    "list": lambda b: (b["total"], [r["id"] for r in b["rows"]]),
    "get": lambda b: (b["id"], len(b["parents"]), len(b["children"]), len(b["indicators"])),
    "trace": lambda b: (sorted(n["id"] for n in b["nodes"]), len(b["edges"])),
    "subgraph": lambda b: (sorted(n["id"] for n in b["nodes"]), len(b["edges"])),
    "query": lambda b: (b["total"], [r.get("id") for r in b["rows"]]),
    "check": lambda b: (b["findings"], b["fails"], [len(r["rows"]) for r in b["results"]]),
    "upload": lambda b: sorted(d["id"] for d in b["documents"]),
    "cypher": lambda b: b["rows"],
}


def send(client: httpx2.Client, kind: str, request: Request) -> tuple[str, Any, str]:
    """Send one request: (status or the error's name, the body's signature or None, a note:
    the body's start, or why it has no signature)."""
    method, path, kwargs = request
    try:
        response = client.request(method, path, **kwargs)
    except httpx2.HTTPError as exc:
        return type(exc).__name__, None, str(exc)
    status, text = str(response.status_code), response.text[:300]
    try:
        return status, signature(kind, response), text
    except (ValueError, KeyError, TypeError) as exc:
        return status, None, f"{text} ({exc!r})"


def ask(client: httpx2.Client, kind: str, plan: Plan, rng: random.Random, t0: float) -> Answer:
    """Send one request of ``kind`` and judge its answer against the set-up's."""
    request = request_for(kind, plan, rng)
    started = time.perf_counter()
    status, sig, note = send(client, kind, request)
    seconds, at = time.perf_counter() - started, time.monotonic() - t0
    if not status.isdigit() or int(status) not in plan.expected(kind):
        return Answer(at, kind, status, seconds, False, note)
    key = request_key(kind, request)
    if sig is None or key not in plan.references:
        return Answer(at, kind, f"{status} bad body", seconds, False, f"{key}: {note}")
    if sig != plan.references[key]:
        return Answer(at, kind, f"{status} inconsistent", seconds, False, f"{key}: {note}")
    return Answer(at, kind, status, seconds, True)


def client_loop(base: str, plan: Plan, seed: int, t0: float, until: float) -> list[Answer]:
    """One client: weighted random requests on one connection until ``until``."""
    rng = random.Random(seed)
    kinds, weights = list(WEIGHTS), list(WEIGHTS.values())
    answers: list[Answer] = []
    with httpx2.Client(base_url=base, timeout=120) as client:
        while time.monotonic() < until:
            answers.append(ask(client, rng.choices(kinds, weights)[0], plan, rng, t0))
    return answers


# --- the server and its figures ----------------------------------------------------------


def child_env(workdir: Path) -> dict[str, str]:
    """The environment of every child: our tokens file, reads without a token, default limits."""
    keep = ("SELARAS_NEO4J_USER", "SELARAS_NEO4J_PASSWORD", "SELARAS_NEO4J_DATABASE")
    env = {k: v for k, v in os.environ.items() if not k.startswith("SELARAS_") or k in keep}
    return {**env, "SELARAS_TOKENS": str(workdir / "tokens.json"), "SELARAS_READ_TOKEN": "0"}


def load_demo(target: str, workdir: Path) -> None:
    """``selaras --store TARGET demo``, as a user would."""
    done = subprocess.run(
        [selaras_exe(), "--store", target, "demo"],
        cwd=workdir,
        env=child_env(workdir),
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode != 0:
        raise SoakError(f"demo load failed ({done.returncode}): {done.stderr[-800:]}")


def wait_healthy(base: str, proc: subprocess.Popen[bytes], log: Path) -> None:
    """Poll ``/api/health`` until 200; fail if the server exits or takes over 120 s."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SoakError(f"server exited with {proc.returncode}; see {log}")
        with contextlib.suppress(httpx2.HTTPError):
            if httpx2.get(f"{base}/api/health", timeout=5).status_code == 200:
                return
        time.sleep(0.2)
    raise SoakError(f"server not healthy within 120 s; see {log}")


@contextlib.contextmanager
def server(target: str, name: str, workdir: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """``selaras --store TARGET serve`` on a free port; yields (base URL, process); stops it."""
    port, log = free_port(), workdir / f"serve-{name}.log"
    with open(log, "wb") as out:
        cmd = [selaras_exe(), "--store", target, "serve", "--host", HOST, "--port", str(port)]
        proc = subprocess.Popen(
            cmd,
            cwd=workdir,
            env=child_env(workdir),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_healthy(f"http://{HOST}:{port}", proc, log)
            yield f"http://{HOST}:{port}", proc
        finally:
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(30)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()


def rss_kb(pid: int) -> int:
    """Resident set of a process in kB (``VmRSS`` of /proc/PID/status)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise SoakError(f"no VmRSS for process {pid}")


def open_fds(pid: int) -> int:
    """How many file descriptors a process holds open."""
    return len(os.listdir(f"/proc/{pid}/fd"))


def sample_until(
    pid: int, jvm: int | None, t0: float, stop: threading.Event, out: list[Sample]
) -> None:
    """Append a :class:`Sample` of the server every second until ``stop`` is set."""
    while not stop.wait(max(0.0, 1.0 - (time.monotonic() - t0) % 1.0)):
        with contextlib.suppress(OSError, SoakError):
            out.append(
                Sample(
                    time.monotonic() - t0,
                    rss_kb(pid),
                    open_fds(pid),
                    os.getloadavg()[0],
                    rss_kb(jvm) if jvm else None,
                )
            )


# --- the store ---------------------------------------------------------------------------


def store_digest(target: str, keep: Path | None = None) -> tuple[str, list[tuple[str, int]]]:
    """The digest of what a store holds (load times aside, every list sorted) and its
    (document, elements); with ``keep``, the content digested is written there as JSON."""
    with open_store(target) as store:
        parts = []
        for r in store.export():
            doc = {k: v for k, v in r.document.properties().items() if k != "loaded_at"}
            elements = sorted((e.properties() for e in r.elements), key=lambda e: str(e["id"]))
            links = sorted((lk.child, lk.parent, lk.basis) for lk in r.links)
            indicators = sorted((i.properties() for i in r.indicators), key=json_text)
            references = sorted(map(repr, r.references))
            parts.append([doc, elements, links, indicators, references])
        documents = sorted((str(d["id"]), int(str(d["elements"]))) for d in store.documents())
    text = json_text(sorted(parts, key=lambda p: str(p[0]["id"])))
    if keep:
        keep.write_text(text)
    return hashlib.sha256(text.encode()).hexdigest(), documents


def json_text(value: Any) -> str:
    """``value`` as canonical JSON (sorted keys; what JSON has no type for as its str)."""
    return json.dumps(value, sort_keys=True, default=str)


def integrity(target: str) -> str:
    """``PRAGMA integrity_check`` of an embedded store's file ("ok"), or "-" for Neo4j."""
    if "://" in target:
        return "-"
    import sqlite3

    with contextlib.closing(sqlite3.connect(target)) as con:
        return str(con.execute("PRAGMA integrity_check").fetchone()[0])


# --- one store: set up, soak, verify -----------------------------------------------------


@dataclass
class Report:
    """What one soak of one store measured and found."""

    store: str
    opts: Options
    answers: list[Answer]
    samples: list[Sample]
    versions: dict[str, str]  # digest → version file name
    documents: list[tuple[str, int]]  # (document, elements) after set-up
    end_digest: str = ""
    end_documents: list[tuple[str, int]] = field(default_factory=list)
    integrity: str = "-"
    server_exit: int | None = None
    tracebacks: int = 0
    cpu: dict[str, float] = field(default_factory=dict)  # % of one core during the load

    def unexpected(self) -> list[Answer]:
        return [a for a in self.answers if not a.expected]

    def window(self, end: float, key: Callable[[Sample], float | None]) -> float:
        """Median of ``key`` over the samples of the seconds ending at ``end``: ``WINDOW`` of
        them, or half the warm-up when that is shorter (the clients still ramp up before)."""
        width = min(WINDOW, self.opts.warmup / 2)
        values = [v for s in self.samples if end - width <= s.at <= end and (v := key(s))]
        return statistics.median(values) if values else float("nan")

    def memory(self) -> dict[str, float]:
        """RSS (MB) and descriptors after warm-up and at the end, and the RSS ratio."""
        mb: Callable[[Sample], float] = lambda s: s.rss_kb / 1024  # noqa: E731
        fds: Callable[[Sample], float] = lambda s: s.fds  # noqa: E731
        base, end = self.window(self.opts.warmup, mb), self.window(self.opts.seconds, mb)
        return {
            "rss_base": base,
            "rss_end": end,
            "rss_ratio": end / base,
            "rss_peak": max(s.rss_kb for s in self.samples) / 1024,
            "rss_slope": self.slope(),
            "fds_base": self.window(self.opts.warmup, fds),
            "fds_end": self.window(self.opts.seconds, fds),
            "load1": statistics.mean(s.load1 for s in self.samples),
        }

    def slope(self) -> float:
        """The trend of RSS after the warm-up, in MB a minute (least squares; 0 if too short)."""
        late = [s for s in self.samples if s.at >= self.opts.warmup]
        if len(late) < 3:
            return 0.0
        fit = statistics.linear_regression([s.at for s in late], [s.rss_kb for s in late])
        return fit.slope * 60 / 1024

    def failures(self) -> list[str]:
        """Why the soak failed, one reason a line; empty when it passed."""
        m, why = self.memory(), []
        bad = Counter((a.kind, a.status) for a in self.unexpected())
        why += [f"{n} unexpected answers {status} to {kind}" for (kind, status), n in bad.items()]
        if not m["rss_ratio"] <= 1 + RSS_SLACK:
            why.append(
                f"RSS grew {m['rss_base']:.1f} → {m['rss_end']:.1f} MB "
                f"(×{m['rss_ratio']:.2f} > ×{1 + RSS_SLACK:.2f})"
            )
        if not m["fds_end"] <= m["fds_base"] + FD_SLACK:
            why.append(
                f"descriptors grew {m['fds_base']:.0f} → {m['fds_end']:.0f} (more than +{FD_SLACK})"
            )
        if self.tracebacks:
            why.append(f"{self.tracebacks} tracebacks in the server log")
        return why + self.store_failures()

    def store_failures(self) -> list[str]:
        """What is wrong with the store or the server at the end."""
        why = []
        if self.end_documents != self.documents:
            why.append(f"documents at the end {self.end_documents} != {self.documents}")
        if self.end_digest not in self.versions:
            why.append("the store at the end is neither version (digest " + self.end_digest + ")")
        if self.integrity not in ("ok", "-"):
            why.append(f"PRAGMA integrity_check: {self.integrity}")
        if self.server_exit not in (0, -signal.SIGTERM, None):  # uvicorn re-raises SIGTERM
            why.append(f"the server exited with {self.server_exit}")
        return why


def prime(base: str, plan: Plan, workers: int = 4) -> dict[str, Any]:
    """Every request of the menu once (``workers`` at a time, no write meanwhile): its key →
    the signature of its answer."""
    todo = [(kind, request) for kind, requests in plan.menu.items() for request in requests]
    local = threading.local()

    def one(item: tuple[str, Request]) -> tuple[str, Any]:
        kind, request = item
        if not hasattr(local, "client"):
            local.client = httpx2.Client(base_url=base, timeout=120)
            clients.append(local.client)
        status, sig, note = send(local.client, kind, request)
        if not status.isdigit() or int(status) not in plan.expected(kind) or sig is None:
            raise SoakError(f"set-up: {request_key(kind, request)} answered {status}: {note}")
        return request_key(kind, request), sig

    clients: list[httpx2.Client] = []
    try:
        with ThreadPoolExecutor(workers) as pool:
            return {"upload": [RENJA_ID], **dict(pool.map(one, todo))}
    finally:
        for client in clients:
            client.close()


def prepare(
    base: str, target: str, plan: Plan, keep: Path
) -> tuple[dict[str, str], list[tuple[str, int]]]:
    """Upload each version in turn, its digest and the answers to the whole menu (which must
    not depend on the version); the digests and the (document, elements) of the store. What
    was digested is kept in ``keep`` (``store-<kind>-<file>.json``), to compare with the end."""
    versions: dict[str, str] = {}
    auth = {"Authorization": f"Bearer {plan.token}"}
    with httpx2.Client(base_url=base, timeout=120) as client:
        found = client.get("/api/elements", params={"limit": 1000}).json()
        plan.menu = menu([r["id"] for r in found["rows"]], plan, random.Random(0))
        for upload in plan.versions:
            answer = client.post("/api/documents", files=upload.files(), headers=auth)
            if answer.status_code != 200:
                raise SoakError(f"upload of {upload.name}: {answer.status_code} {answer.text}")
            digest, documents = store_digest(target, keep / f"store-{plan.kind}-{upload.name}.json")
            versions[digest] = upload.name
            references = prime(base, plan)
            differ = [k for k, v in references.items() if plan.references.get(k, v) != v]
            if differ:
                raise SoakError(f"set-up: the versions answer differently: {differ[:5]}")
            plan.references = references
    if len(versions) != len(plan.versions) or found["total"] != len(found["rows"]):
        raise SoakError(f"set-up: {len(versions)} digests, {found['total']} elements")
    return versions, documents


def run_load(base: str, plan: Plan, pid: int, jvm: int | None, opts: Options) -> Report:
    """The clients for ``opts.seconds`` while the server is sampled every second."""
    samples: list[Sample] = []
    stop, t0 = threading.Event(), time.monotonic()
    sampler = threading.Thread(target=sample_until, args=(pid, jvm, t0, stop, samples))
    cpu0 = {"server": cpu_seconds(pid), "jvm": cpu_seconds(jvm) if jvm else 0.0}
    clients0 = time.process_time()
    sampler.start()
    results: list[list[Answer]] = [[] for _ in range(opts.clients)]

    def one(i: int) -> None:
        results[i] = client_loop(base, plan, opts.seed * 1000 + i, t0, t0 + opts.seconds)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(opts.clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - t0
    stop.set()
    sampler.join()
    cpu = {
        "server": 100 * (cpu_seconds(pid) - cpu0["server"]) / wall,
        "clients": 100 * (time.process_time() - clients0) / wall,
    }
    if jvm:
        cpu["jvm"] = 100 * (cpu_seconds(jvm) - cpu0["jvm"]) / wall
    answers = sorted((a for r in results for a in r), key=lambda a: a.at)
    return Report(plan.kind, opts, answers, samples, {}, [], cpu=cpu)


def soak_store(target: str, opts: Options, jvm: int | None = None) -> Report:
    """Load the demo into ``target``, serve it, soak it, stop it and verify the store."""
    name = "neo4j" if "://" in target else "embedded"
    opts.workdir.mkdir(parents=True, exist_ok=True)
    load_demo(target, opts.workdir)
    versions, bad = uploads()
    token = TokenBook(opts.workdir / "tokens.json").create(f"soak-{time.time_ns()}", "write")
    plan = Plan(name, versions, bad, token)
    print(
        f"{name}: demo loaded; serving, {opts.clients} clients for {opts.seconds:.0f} s "
        f"(warm-up {opts.warmup:.0f} s) …",
        flush=True,
    )
    with server(target, name, opts.workdir) as (base, proc):
        started = time.monotonic()
        digests, documents = prepare(base, target, plan, opts.workdir)
        print(
            f"{name}: set-up ({len(plan.references)} requests, both versions) in "
            f"{time.monotonic() - started:.0f} s; load …",
            flush=True,
        )
        report = run_load(base, plan, proc.pid, jvm, opts)
    report.versions, report.documents, report.server_exit = digests, documents, proc.returncode
    report.end_digest, report.end_documents = store_digest(
        target, opts.workdir / f"store-{name}-end.json"
    )
    report.integrity = integrity(target)
    log = (opts.workdir / f"serve-{name}.log").read_text(errors="replace")
    report.tracebacks = log.count("Traceback (most recent call last)")
    keep_raw(report, opts.workdir)
    return report


def keep_raw(report: Report, workdir: Path) -> None:
    """The samples (CSV) and every unexpected answer (text) into the workdir, for a post-mortem."""
    with open(workdir / f"samples-{report.store}.csv", "w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["seconds", "rss_kb", "fds", "load1", "jvm_rss_kb"])
        writer.writerows(
            [f"{s.at:.1f}", s.rss_kb, s.fds, s.load1, s.jvm_rss_kb or ""] for s in report.samples
        )
    lines = [
        f"{a.at:.2f} {a.kind} {a.status} {a.seconds:.3f}: {a.detail}" for a in report.unexpected()
    ]
    (workdir / f"unexpected-{report.store}.txt").write_text("\n".join(lines) + "\n")


# --- what is printed ---------------------------------------------------------------------


def percentile(values: list[float], p: float) -> float:
    """The ``p``-th percentile (nearest rank) of ``values``, in the same unit."""
    ranked = sorted(values)
    return ranked[max(0, min(len(ranked) - 1, round(p / 100 * len(ranked) + 0.5) - 1))]


def kind_rows(report: Report) -> list[list[str]]:
    """Per kind: requests, answers by status, p50/p95/max (ms, after warm-up)."""
    rows = []
    by_kind: dict[str, list[Answer]] = defaultdict(list)
    for answer in report.answers:
        by_kind[answer.kind].append(answer)
    for kind, answers in [*sorted(by_kind.items()), ("all", report.answers)]:
        statuses = Counter(a.status for a in answers)
        late = [a.seconds * 1000 for a in answers if a.at > report.opts.warmup] or [0.0]
        rows.append(
            [
                kind,
                str(len(answers)),
                ", ".join(f"{s}: {n}" for s, n in sorted(statuses.items())),
                *(f"{percentile(late, p):.0f}" for p in (50, 95, 100)),
            ]
        )
    return rows


def figure_rows(report: Report) -> list[list[str]]:
    """RSS and descriptors after warm-up and at the end, with the verdict."""
    m = report.memory()
    rss_ok = "yes" if m["rss_ratio"] <= 1 + RSS_SLACK else "**no**"
    fds_ok = "yes" if m["fds_end"] <= m["fds_base"] + FD_SLACK else "**no**"
    return [
        [
            "server RSS (MB)",
            f"{m['rss_base']:.1f}",
            f"{m['rss_end']:.1f}",
            f"×{m['rss_ratio']:.3f} (peak {m['rss_peak']:.1f}, trend {m['rss_slope']:+.2f} MB/min)",
            rss_ok,
        ],
        [
            "open descriptors",
            f"{m['fds_base']:.0f}",
            f"{m['fds_end']:.0f}",
            f"{m['fds_end'] - m['fds_base']:+.0f}",
            fds_ok,
        ],
    ]


def table(head: list[str], rows: list[list[str]]) -> list[str]:
    """A Markdown table."""
    return [f"| {' | '.join(head)} |", f"|{'---|' * len(head)}"] + [
        f"| {' | '.join(r)} |" for r in rows
    ]


def markdown(report: Report) -> str:
    """One store's figures as Markdown: the answers, the memory, the store, the verdict."""
    o, m, why = report.opts, report.memory(), report.failures()
    cpu = ", ".join(f"{k} {v:.0f} %" for k, v in report.cpu.items())
    version = report.versions.get(report.end_digest, "neither version")
    lines = [
        f"### {report.store}: {o.seconds:.0f} s, {o.clients} clients, warm-up {o.warmup:.0f} s",
        "",
        *table(["kind", "requests", "answers", "p50 ms", "p95 ms", "max ms"], kind_rows(report)),
        "",
        *table(["figure", "after warm-up", "end", "change", "pass"], figure_rows(report)),
        "",
        f"Unexpected answers: {len(report.unexpected())}. Store at the end: "
        f"{len(report.end_documents)} documents, {sum(n for _, n in report.end_documents)} "
        f"elements, digest of `{version}`; integrity {report.integrity}; server exit "
        f"{report.server_exit}, {report.tracebacks} tracebacks in its log. Machine load "
        f"(1-min, mean) {m['load1']:.1f} on {os.cpu_count()} cores; CPU in % of one core: {cpu}.",
        "",
        f"**{'FAIL: ' + '; '.join(why) if why else 'PASS'}**",
    ]
    return "\n".join(lines) + "\n"


def examples(report: Report, count: int = 5) -> list[str]:
    """The first few unexpected answers, with what they said."""
    return [
        f"  {a.at:7.1f} s {a.kind} {a.status}: {a.detail[:300]}"
        for a in report.unexpected()[:count]
    ]


# --- the command -------------------------------------------------------------------------


@contextlib.contextmanager
def neo4j_target(uri: str | None, workdir: Path) -> Iterator[tuple[str, int | None]]:
    """(Bolt URI, JVM pid or None): the given one, or a Neo4j started from tools/neo4j."""
    uri = uri or os.environ.get("SELARAS_NEO4J_URI")
    if uri:
        yield uri, None
        return
    sys.path.insert(0, str(ROOT / "tools" / "neo4j"))
    import server as launcher  # tools/neo4j/server.py

    if reason := launcher.java_and_maven_available():
        raise SoakError(f"cannot start Neo4j ({reason}); give --neo4j-uri")
    print("neo4j: starting Neo4j 5.26 (tools/neo4j) …", flush=True)
    try:
        running = launcher.Neo4jServer.start(workdir / "neo4j")
    except launcher.LauncherError as exc:
        raise SoakError(str(exc)) from exc
    try:
        yield running.uri, running.process.pid
    finally:
        running.stop()


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="\n".join(__doc__.splitlines()[2:]),
    )
    parser.add_argument("--seconds", type=float, default=300, help="load time (default 300)")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients (20)")
    parser.add_argument("--store", choices=["embedded", "neo4j", "both"], default="both")
    parser.add_argument(
        "--neo4j-uri",
        help="a Neo4j to use (default $SELARAS_NEO4J_URI, else one started from tools/neo4j)",
    )
    parser.add_argument("--warmup", type=float, help="seconds before the baseline (20 %%)")
    parser.add_argument("--markdown", type=Path, help="also write the figures here")
    parser.add_argument("--workdir", type=Path, help="logs and stores (default: a tmp dir)")
    parser.add_argument("--seed", type=int, default=1, help="the clients' random seed (1)")
    args = parser.parse_args(argv)
    if args.seconds < 2 * WINDOW or args.clients < 1:
        parser.error(f"--seconds must be at least {2 * WINDOW:.0f}, --clients at least 1")
    return args


def soak_all(args: argparse.Namespace, opts: Options) -> list[Report]:
    """The stores asked for, one after the other."""
    reports = []
    if args.store in ("embedded", "both"):
        db = opts.workdir / "soak-embedded.db"
        db.unlink(missing_ok=True)
        reports.append(soak_store(str(db), opts))
    if args.store in ("neo4j", "both"):
        with neo4j_target(args.neo4j_uri, opts.workdir) as (uri, jvm):
            reports.append(soak_store(uri, opts, jvm))
    return reports


def _sigterm(*_: object) -> NoReturn:
    raise SystemExit(143)  # unwinds the context managers: the servers are stopped


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="selaras-soak-"))
    warmup = args.warmup if args.warmup is not None else 0.2 * args.seconds
    opts = Options(args.seconds, args.clients, warmup, workdir, args.seed)
    signal.signal(signal.SIGTERM, _sigterm)
    try:
        reports = soak_all(args, opts)
    except SoakError as exc:
        print(f"soak: gagal menyiapkan / could not set up: {exc}\nlogs: {workdir}", file=sys.stderr)
        return 2
    text = "\n".join(markdown(r) for r in reports)
    print("\n" + text)
    for report in reports:
        print("\n".join(examples(report)))
    if args.markdown:
        args.markdown.write_text(text)
    print(f"logs: {workdir}")
    failed = [r.store for r in reports if r.failures()]
    if failed:
        print(f"soak: GAGAL / FAILED on {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
