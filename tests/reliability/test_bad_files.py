"""Every bad workbook of ``badfiles.py``: the problem said exactly, in bounded time and memory,
and the store left as it was, through the CLI (all cases), the HTTP upload and Neo4j (samples).
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from fastapi.testclient import TestClient

from api.app import create_app
from api.cli import main
from api.settings import Settings
from api.tokens import TokenBook
from graph.demo import demo_records
from graph.embedded import EmbeddedStore
from graph.store import GraphStore
from tests.conftest import ROOT, demo_store_file
from tests.graph.test_stores import snapshot
from tests.reliability.badfiles import CASES, Case, by_name

MAX_SECONDS = 10.0
MAX_MB = 500.0
HTTP_SAMPLE = [
    "truncated_xlsx",
    "password_protected_xlsx",
    "sparse_cells_bomb",
    "ref_error_as_code",
    "date_as_code",
    "duplicate_ids",
    "csv_mixed_delimiters",
    "five_megabyte_cell_xlsx",
    "hidden_elemen_sheet",
]
HEAVIEST = ["sparse_cells_bomb", "million_styled_empty_rows", "csv_of_commas"]
READ_ALONE = """
import pathlib, re, sys
pathlib.Path("/proc/self/clear_refs").write_text("5")
from api.loading import read_files
from graph.errors import SelarasError
try:
    read_files([pathlib.Path(sys.argv[1])])
    code = 0
except SelarasError as exc:
    code = 2
status = pathlib.Path("/proc/self/status").read_text()
print(re.search(r"VmHWM:\\s+(\\d+)", status).group(1), code)
"""
NEO4J_SAMPLE = [
    "corrupt_xlsx",
    "password_protected_xlsx",
    "sparse_cells_bomb",
    "ref_error_as_code",
    "duplicate_ids",
    "cycle",
    "csv_mixed_delimiters",
    "header_only",
]


def params(cases: list[Case]) -> list[Any]:
    """Cases as pytest parameters; a case with a known gap is a strict xfail."""
    marks = {c.name: pytest.mark.xfail(strict=True, reason=c.xfail) for c in cases if c.xfail}
    return [pytest.param(c, id=c.name, marks=marks.get(c.name, ())) for c in cases]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def digest(store: GraphStore) -> str:
    """What a store holds (load times aside), as one hash."""
    return hashlib.sha256(json.dumps(snapshot(store), sort_keys=True).encode()).hexdigest()


def _status_kb(key: str) -> int:
    match = re.search(rf"^{key}:\s+(\d+) kB", Path("/proc/self/status").read_text(), re.M)
    assert match, key
    return int(match.group(1))


def measured(run: Callable[[], Result]) -> tuple[Result, float, float]:
    """Run, and the seconds and the peak memory (MB of resident set above the start) it took.

    The kernel's high-water mark of this process is reset first (``/proc/self/clear_refs``), so
    memory allocated outside Python (calamine is Rust) is counted too.
    """
    Path("/proc/self/clear_refs").write_text("5")
    start_kb, started = _status_kb("VmRSS"), time.perf_counter()
    result = run()
    seconds = time.perf_counter() - started
    return result, seconds, (_status_kb("VmHWM") - start_kb) / 1024


def cli_problems(result: Result) -> list[dict[str, Any]]:
    """The problems of a failed ``load --report json``: the error JSON on standard output."""
    error = json.loads(result.stdout)["error"]
    if "problems" in error:
        return list(error["problems"])
    return [{"file": None, "sheet": None, "row": None, "column": None, "message": error["message"]}]


def assert_reported(case: Case, problems: list[dict[str, Any]], file: str) -> None:
    e = case.expect
    said = [p for p in problems if e.fragment.casefold() in str(p["message"]).casefold()]
    assert said, f"{case.name}: nothing says {e.fragment!r}: {problems}"
    if case.expect.outcome == "too_large":
        assert all(p["message"].startswith(file) for p in said), said
        return
    where = (file, e.sheet, e.row, e.column)
    assert any((p["file"], p["sheet"], p["row"], p["column"]) == where for p in said), (
        f"{case.name}: {e.fragment!r} not at {where}: {said}"
    )


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An embedded store holding the Kota Contoh demo (copied for every case)."""
    return demo_store_file(tmp_path_factory.mktemp("seed"))


def load(store: str, path: Path) -> Result:
    return CliRunner().invoke(main, ["--store", store, "load", str(path), "--report", "json"])


@pytest.mark.parametrize("case", params(CASES))
def test_bad_file_through_the_cli(case: Case, seeded: Path, tmp_path: Path) -> None:
    path = case.make(tmp_path)
    db = tmp_path / "selaras.db"
    shutil.copy(seeded, db)
    before = sha256(db)
    with EmbeddedStore(str(db)) as store:
        kept = snapshot(store)
    result, seconds, mb = measured(lambda: load(str(db), path))
    print(f"\nFIGURE {case.name}: {seconds:.2f} s, {mb:.0f} MB, exit {result.exit_code}")
    assert "Traceback" not in result.stderr, result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    if case.expect.outcome == "warning":
        assert result.exit_code == 0, result.stderr
        assert_reported(case, json.loads(result.stdout)["problems"], path.name)
        with EmbeddedStore(str(db)) as store:
            after = snapshot(store)
        assert all(d in after for d in kept), "the documents already loaded changed"
    else:
        assert result.exit_code == 2, (result.stdout, result.stderr)
        assert_reported(case, cli_problems(result), path.name)
        assert sha256(db) == before, "the store changed"
    assert seconds < MAX_SECONDS and mb < MAX_MB, (seconds, mb)


@pytest.mark.parametrize("case", params([by_name(n) for n in HEAVIEST]))
def test_heaviest_cases_in_a_fresh_process(case: Case, tmp_path: Path) -> None:
    """The peak memory of a whole process reading the file (interpreter and imports included,
    high-water mark reset at its start): nothing left over from other cases can hide it."""
    path = case.make(tmp_path)
    started = time.perf_counter()
    child = subprocess.run(
        [sys.executable, "-c", READ_ALONE, str(path)], cwd=ROOT, capture_output=True, text=True
    )
    seconds = time.perf_counter() - started
    assert child.returncode == 0 and "Traceback" not in child.stderr, child.stderr
    peak_kb, code = map(int, child.stdout.split())
    print(f"\nPROCESS {case.name}: {seconds:.2f} s, {peak_kb / 1024:.0f} MB peak, code {code}")
    assert code == 2 and peak_kb / 1024 < MAX_MB


def test_the_corpus_is_large_enough() -> None:
    names = [c.name for c in CASES]
    assert len(names) >= 40 and len(set(names)) == len(names)


@pytest.fixture
def upload(tmp_path: Path, seeded: Path) -> Iterator[Callable[[Path], Any]]:
    """POST one file to ``/api/documents`` of an app over a copy of the seeded store."""
    db = tmp_path / "http.db"
    shutil.copy(seeded, db)
    settings = Settings(tokens=tmp_path / "tokens.json")
    headers = {"Authorization": f"Bearer {TokenBook(settings.tokens).create('uji', 'write')}"}
    with TestClient(create_app(str(db), settings)) as client:

        def post(path: Path) -> Any:
            files = {"files": (path.name, path.read_bytes(), "application/octet-stream")}
            return client.post("/api/documents", files=files, headers=headers)

        yield post


@pytest.mark.parametrize("case", params([by_name(n) for n in HTTP_SAMPLE]))
def test_bad_file_through_the_http_upload(
    case: Case, upload: Callable[[Path], Any], tmp_path: Path
) -> None:
    path = case.make(tmp_path)
    db = tmp_path / "http.db"
    before = sha256(db)
    response = upload(path)
    body = response.json()
    expected = 413 if case.expect.outcome == "too_large" else 422
    assert response.status_code == expected, body
    problems = body["error"].get("problems") or [
        {
            "file": None,
            "sheet": None,
            "row": None,
            "column": None,
            "message": body["error"]["message"],
        }
    ]
    assert_reported(case, problems, path.name)
    assert sha256(db) == before


@pytest.mark.neo4j
@pytest.mark.parametrize("case", params([by_name(n) for n in NEO4J_SAMPLE]))
def test_bad_file_leaves_neo4j_as_it_was(
    case: Case, neo4j_store: GraphStore, neo4j_uri: str, tmp_path: Path
) -> None:
    neo4j_store.replace_documents(demo_records())
    before = digest(neo4j_store)
    path = case.make(tmp_path)
    result = load(neo4j_uri, path)
    assert result.exit_code == 2 and "Traceback" not in result.stderr, result.stderr
    assert_reported(case, cli_problems(result), path.name)
    assert digest(neo4j_store) == before
