"""The embedded store killed mid-write, and written by two processes at once.

A process writing a large document is killed (SIGKILL) at random moments of its write, 20 times
(each writer is forked from one process that has imported the store and unpickled the records,
so a kill costs no start-up); each time the file must open, pass ``PRAGMA integrity_check`` and
hold exactly the old document set or exactly the new one. Two concurrent loads of one document
end with one of them, whole; two concurrent loads of different documents both land. The seed of
the kill times is printed (``SELARAS_CRASH_SEED`` replays a run).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from api.loading import read_files, write_records
from graph.embedded import EmbeddedStore
from graph.model import Records
from tests.conftest import ROOT, demo_batch
from tests.graph.test_stores import snapshot

KILLS = 20
WRITERS = """
import os, pickle, sys
from graph.embedded import EmbeddedStore
with open(sys.argv[1], "rb") as f:
    batch = pickle.load(f)
print("READY", flush=True)
for line in sys.stdin:
    pid = os.fork()
    if pid == 0:
        store = EmbeddedStore(line.strip())
        print("START", os.getpid(), flush=True)
        store.replace_documents(batch)
        os._exit(0)
    os.waitpid(pid, 0)
    print("EXIT", pid, flush=True)
"""  # imports once, then forks one writer per store path read from stdin
CLI = "import sys; from api.cli import main; sys.exit(main())"


def renja_csv(path: Path, opd: str, kegiatan: int, subs: int, label: str) -> Path:
    """A Renja in the Selaras CSV format: one program, ``kegiatan`` × ``subs`` sub kegiatan."""
    bidang = {"Dinas Kesehatan": "1.02", "Dinas Pendidikan": "1.01"}[opd]
    lines = [
        "jenis,RENJA",
        "pemda,Kota Contoh",
        "tahun,2026",
        f"opd,{opd}",
        "",
        "jenis_elemen,kode,nama,indikator,satuan,target_2026,pagu_2026",
        f"program,{bidang}.02,Program {label},,,,",
    ]
    for k in range(1, kegiatan + 1):
        lines.append(f"kegiatan,{bidang}.02.2.{k:02d},Kegiatan {label} {k},,,,")
        lines += [
            f"sub_kegiatan,{bidang}.02.2.{k:02d}.{s:04d},Sub {label} {k}.{s},Capaian {s},unit,"
            f"{s},{s * 1000}"
            for s in range(1, subs + 1)
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def plain(batch: list[Records]) -> list[Records]:
    """The records as graph.model.Records (a child process unpickles them without loaders)."""
    return [
        Records(r.document, r.elements, r.links, r.references, r.indicators, r.problems)
        for r in batch
    ]


def digest(db: Path) -> str:
    with EmbeddedStore(str(db)) as store:
        return hashlib.sha256(json.dumps(snapshot(store), sort_keys=True).encode()).hexdigest()


def integrity(db: Path) -> str:
    with sqlite3.connect(db) as con:
        return str(con.execute("PRAGMA integrity_check").fetchone()[0])


def written(template: Path, target: Path, *batches: list[Records]) -> Path:
    """A copy of ``template`` with ``batches`` written in turn."""
    shutil.copy(template, target)
    with EmbeddedStore(str(target)) as store:
        for batch in batches:
            write_records(store, batch)
    return target


@dataclass(frozen=True)
class Scenario:
    folder: Path
    template: Path  # the demo and the old version of the big Renja
    old: str
    new: str
    batch: Path  # the new version, pickled


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    folder = tmp_path_factory.mktemp("crash")
    old = read_files([renja_csv(folder / "old.csv", "Dinas Kesehatan", 12, 100, "lama")])
    new = read_files([renja_csv(folder / "new.csv", "Dinas Kesehatan", 20, 100, "baru")])
    template = folder / "template.db"
    with EmbeddedStore(str(template)) as store:
        store.replace_documents(demo_batch())
        write_records(store, old)
    batch = folder / "new.pickle"
    batch.write_bytes(pickle.dumps(plain(new)))
    done = written(template, folder / "done.db", new)
    return Scenario(folder, template, digest(template), digest(done), batch)


class Writers:
    """A process that has imported the store and unpickled the batch, and forks a writer (a
    real process, killed for real) for every store it is given: no start-up cost per kill."""

    def __init__(self, batch: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", WRITERS, str(batch)],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._line() == ["READY"]

    def _line(self) -> list[str]:
        assert self.process.stdout is not None
        return self.process.stdout.readline().split()

    def start(self, db: Path) -> int:
        """Fork a writer into ``db``; its pid once it has opened the store."""
        assert self.process.stdin is not None
        self.process.stdin.write(f"{db}\n")
        self.process.stdin.flush()
        word, pid = self._line()
        assert word == "START"
        return int(pid)

    def ended(self, pid: int) -> None:
        assert self._line() == ["EXIT", str(pid)]

    def close(self) -> None:
        self.process.communicate(input="", timeout=60)


@pytest.fixture
def writers(scenario: Scenario) -> Iterator[Writers]:
    w = Writers(scenario.batch)
    yield w
    w.close()


def test_kill_mid_write_leaves_old_or_new(scenario: Scenario, writers: Writers) -> None:
    db = scenario.folder / "killed.db"
    shutil.copy(scenario.template, db)
    pid = writers.start(db)
    started = time.perf_counter()
    writers.ended(pid)
    window = time.perf_counter() - started
    assert digest(db) == scenario.new, "an uninterrupted write did not give the new state"
    seed = int(os.environ.get("SELARAS_CRASH_SEED", time.time_ns() % 1_000_000))
    rng = random.Random(seed)
    print(f"\nSELARAS_CRASH_SEED={seed}, write window {window:.2f} s")
    outcomes = []
    for i in range(KILLS):
        shutil.copy(scenario.template, db)
        pid = writers.start(db)
        delay = rng.uniform(0, window * 1.3)
        time.sleep(delay)
        with contextlib.suppress(ProcessLookupError):  # it may have finished
            os.kill(pid, signal.SIGKILL)
        writers.ended(pid)
        assert integrity(db) == "ok", f"kill {i} after {delay:.3f} s: file damaged"
        state = {scenario.old: "old", scenario.new: "new"}.get(digest(db), "mixed")
        outcomes.append(state)
        print(f"kill {i:2d} after {delay:.3f} s: {state}")
        assert state != "mixed", f"kill {i} after {delay:.3f} s (seed {seed}): half a write"
    print(f"old {outcomes.count('old')}, new {outcomes.count('new')}")


def load_in_background(db: Path, csv: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", CLI, "--store", str(db), "load", str(csv), "--report", "json"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finished(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=120)
    return process.returncode, out, err


def test_two_loads_of_one_document_end_with_one_whole(scenario: Scenario) -> None:
    a = renja_csv(scenario.folder / "a.csv", "Dinas Kesehatan", 6, 100, "versi-a")
    b = renja_csv(scenario.folder / "b.csv", "Dinas Kesehatan", 5, 100, "versi-b")
    states = {
        digest(written(scenario.template, scenario.folder / f"{n}.db", read_files([p]))): n
        for n, p in (("a", a), ("b", b))
    }
    db = scenario.folder / "race.db"
    shutil.copy(scenario.template, db)
    loads = [load_in_background(db, a), load_in_background(db, b)]
    results = [finished(p) for p in loads]
    print(f"\nexit codes of the two loads: {[code for code, _, _ in results]}")
    assert all("Traceback" not in err for _, _, err in results), results
    assert any(code == 0 for code, _, _ in results), results
    assert integrity(db) == "ok" and digest(db) in states


def test_two_loads_of_different_documents_both_land(scenario: Scenario) -> None:
    x = renja_csv(scenario.folder / "x.csv", "Dinas Kesehatan", 6, 100, "dinkes")
    y = renja_csv(scenario.folder / "y.csv", "Dinas Pendidikan", 6, 100, "disdik")
    both = written(scenario.template, scenario.folder / "xy.db", read_files([x]), read_files([y]))
    db = scenario.folder / "pair.db"
    shutil.copy(scenario.template, db)
    loads = [load_in_background(db, x), load_in_background(db, y)]
    results = [finished(p) for p in loads]
    assert [code for code, _, _ in results] == [0, 0], results
    assert integrity(db) == "ok" and digest(db) == digest(both)


def test_a_load_blocked_by_another_writer_says_so(scenario: Scenario) -> None:
    db = scenario.folder / "locked.db"
    shutil.copy(scenario.template, db)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        code, _, err = finished(load_in_background(db, ROOT / "demo" / "kota_contoh" / "rpjmd.csv"))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "Traceback" not in err and code == 3, err
    assert digest(db) == scenario.old
