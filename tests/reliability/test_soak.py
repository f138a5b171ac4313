"""The HTTP API soaked: 20 clients for 30 s (after a 15 s warm-up) on each store.

The CI-sized version of ``make soak`` (``tools/soak.py``, 5 minutes): a real ``selaras serve``
over a store holding the demo, 20 threads mixing reads, checks, uploads that replace the Renja
Dinkes with one of two versions in turn, bad uploads and ad-hoc Cypher. One soak runs per store
(a module fixture) and four tests judge it: no unexpected answer, the server's resident memory
at the end within 20 % of the baseline after the warm-up, no open descriptor more than 5 above
it, and the store whole afterwards (every document, and the digest of one of the versions).
It found two races, both fixed: the embedded store's one SQLite connection used by several
server threads at once, and Neo4j reads across a document replaced in another transaction.
The figures are printed (``pytest -s``, lines ``SOAK``).
"""

from __future__ import annotations

from collections import Counter

import pytest

from tools.soak import FD_SLACK, RSS_SLACK, Options, Report, examples, markdown, soak_store

SECONDS, WARMUP, CLIENTS = 45.0, 15.0, 20  # 30 s of load after the warm-up


@pytest.fixture(scope="module", params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def soaked(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Report:
    """One soak of one store; its figures printed."""
    workdir = tmp_path_factory.mktemp(f"soak-{request.param}")
    target = str(workdir / "soak.db")
    if request.param == "neo4j":
        target = request.getfixturevalue("neo4j_uri")
        emptied(target)
    report = soak_store(target, Options(SECONDS, CLIENTS, WARMUP, workdir))
    print(f"\nSOAK {request.param} (logs {workdir})\n{markdown(report)}")
    print("\n".join(examples(report)))
    return report


def emptied(uri: str) -> None:
    from graph.neo4j_store import Neo4jStore

    with Neo4jStore(uri) as store:
        store.clear()


def test_no_unexpected_answers(soaked: Report) -> None:
    bad = Counter(f"{a.kind} {a.status}" for a in soaked.unexpected())
    kinds = {a.kind for a in soaked.answers}
    assert kinds >= {"upload", "bad_upload", "check", "cypher", "get", "trace"}, kinds
    assert not bad, f"{sum(bad.values())} of {len(soaked.answers)}: {dict(bad)}\n" + "\n".join(
        examples(soaked)
    )
    assert soaked.tracebacks == 0, "tracebacks in the server log"


def test_memory_flat(soaked: Report) -> None:
    m = soaked.memory()
    assert m["rss_ratio"] <= 1 + RSS_SLACK, (
        f"RSS {m['rss_base']:.1f} MB after warm-up, {m['rss_end']:.1f} MB at the end"
    )


def test_no_descriptor_leak(soaked: Report) -> None:
    m = soaked.memory()
    assert m["fds_end"] <= m["fds_base"] + FD_SLACK, (
        f"{m['fds_base']:.0f} descriptors after warm-up, {m['fds_end']:.0f} at the end"
    )


def test_store_whole(soaked: Report) -> None:
    assert soaked.store_failures() == []
    assert len(soaked.end_documents) == 10 and soaked.end_digest in soaked.versions
    uploads = [a for a in soaked.answers if a.kind == "upload" and a.expected]
    assert uploads, "no upload succeeded: the store was never replaced under load"
