"""Running canned queries against a store: the one entry point the faces call.

Examples
--------
>>> from graph.embedded import EmbeddedStore
>>> from graph.demo import demo_records
>>> with EmbeddedStore(":memory:") as store:
...     _ = store.replace_documents(demo_records())
...     result = run_query(store, "unsupported_priorities", {"priority": "RPJMD:sasaran"})
>>> result.as_dict()["rows"][0]["nama"]
'Menurunnya prevalensi stunting'
"""

from __future__ import annotations

import difflib
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from graph.errors import NotFound, QueryError
from graph.ids import is_element_id
from graph.store import GraphStore
from queries.registry import CATALOGUE, CannedQuery

__all__ = [
    "SEVERITIES",
    "Result",
    "checks",
    "fails",
    "finding_flags",
    "get_query",
    "row_sources",
    "run_query",
]


@dataclass(frozen=True)
class Result:
    """The rows of one query run, with what produced them and how long it took."""

    query: CannedQuery
    params: dict[str, Any]
    rows: list[Any]
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        """``{"query", "params", "columns", "rows", "seconds"}``: the JSON of the CLI and API."""
        return {
            "query": self.query.name,
            "params": self.params,
            "columns": list(self.query.columns),
            "rows": [row._asdict() for row in self.rows],
            "seconds": round(self.seconds, 4),
        }


def get_query(name: str) -> CannedQuery:
    """The canned query by name; raises NotFound listing the names there are."""
    try:
        return CATALOGUE[name]
    except KeyError:
        close = difflib.get_close_matches(name, CATALOGUE, n=3, cutoff=0.5)
        hint = f"mungkin / did you mean: {', '.join(close)}; " if close else ""
        names = ", ".join(sorted(CATALOGUE))
        raise NotFound(
            f"Query tidak ada / no such query: {name} ({hint}ada / known: {names})"
        ) from None


def run_query(store: GraphStore, name: str, raw_params: Mapping[str, Any] | None = None) -> Result:
    """Run one canned query with raw (string or typed) parameters.

    Raises NotFound for an unknown query or an ``id`` that names no element (on every store
    alike: a Cypher twin alone would answer no rows), QueryError for a year no loaded
    document covers.
    """
    query = get_query(name)
    params = query.bind(raw_params or {})
    if params.get("tahun") is not None:
        _check_year(store, params["tahun"])
    if params.get("id") is not None:
        store.element(params["id"])  # raises NotFound
    started = time.perf_counter()
    rows = store.run(query, params)
    return Result(query, params, rows, time.perf_counter() - started)


def _check_year(store: GraphStore, tahun: int) -> None:
    """Raise QueryError when no loaded document covers ``tahun`` (and some document is loaded)."""
    spans = [(d["tahun_awal"], d["tahun_akhir"]) for d in store.documents()]
    if spans and not any(int(str(a)) <= tahun <= int(str(b)) for a, b in spans):
        years = f"{min(int(str(a)) for a, _ in spans)}-{max(int(str(b)) for _, b in spans)}"
        raise QueryError(
            f"Tahun {tahun} di luar periode dokumen yang dimuat / outside the loaded periods "
            f"({years})"
        )


SEVERITIES = ("info", "warning", "error")


def checks(only: Sequence[str] = (), skip: Sequence[str] = ()) -> list[CannedQuery]:
    """The checks (queries with a severity) in catalogue order, ``only`` some or ``skip``ping some.

    Raises
    ------
    NotFound
        When ``only`` or ``skip`` names a query that is not a check.
    """
    every = [q for q in CATALOGUE.values() if q.severity is not None]
    unknown = sorted((set(only) | set(skip)) - {q.name for q in every})
    if unknown:
        names = ", ".join(q.name for q in every)
        raise NotFound(
            f"Bukan pemeriksaan / not a check: {', '.join(unknown)} (ada / known: {names})"
        )
    return [q for q in every if (not only or q.name in only) and q.name not in skip]


def fails(results: Sequence[Result], fail_on: str = "error") -> bool:
    """True when some result has rows and a severity at or above ``fail_on``."""
    floor = SEVERITIES.index(fail_on)
    return any(r.rows and SEVERITIES.index(r.query.severity or "info") >= floor for r in results)


def finding_flags(store: GraphStore) -> dict[str, list[str]]:
    """For each element with findings, the names of the error and warning checks reporting it.

    The explorer colours nodes by these (``orphaned_activities`` red, ``unsupported_priorities``
    orange, ``duplicated_programs`` linked).
    """
    flags: dict[str, list[str]] = {}
    for query in checks():
        if query.severity == "info":
            continue
        for row in store.run(query, query.bind({})):
            flags.setdefault(row.id, []).append(query.name)
    return flags


SOURCE_KEYS = ("src_file", "src_sheet", "src_row")


def row_sources(
    store: GraphStore, results: Sequence[Result], limit: int = 20_000
) -> dict[str, dict[str, Any]]:
    """Where each element a finding names was read: ``{id: {src_file, src_sheet, src_row}}``.

    One store read for the first ``limit`` distinct ids of element shape; other ids (a pemda
    in ``coverage``, a total in ``budget_rollup``) are left out, and so is everything when an
    element went away meanwhile (a load in between).
    """
    ids = {str(r.id) for result in results for r in result.rows if hasattr(r, "id")}
    wanted = sorted(i for i in ids if is_element_id(i))[:limit]
    try:
        nodes = store.neighbourhood(wanted, 0, "both")["nodes"] if wanted else []
    except NotFound:
        return {}
    return {str(n["id"]): {k: n.get(k) for k in SOURCE_KEYS} for n in nodes}
