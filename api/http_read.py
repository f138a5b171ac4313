"""Read endpoints: health, catalogue, queries, check, elements, trace, subgraph, Cypher."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Depends, Path, Query, Request, Response

from api import output
from api.context import context, reader
from graph.errors import QueryError
from queries import CATALOGUE, checks, fails, run_query
from queries.run import row_sources

__all__ = ["VERSION", "router"]

VERSION = "0.1.0"
RESERVED = {"limit", "offset"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
router = APIRouter(prefix="/api", dependencies=[Depends(reader)])
EXAMPLE_ID = "renja-kota-contoh-dinkes-2026:sub_kegiatan:1.02.02.2.01.0002"
ElementId = Annotated[str, Path(description="Element id", examples=[EXAMPLE_ID])]
QueryName = Annotated[
    str, Path(description="Query name, optionally .csv or .xlsx", examples=["orphaned_activities"])
]


@router.get("/health")
def health(request: Request) -> dict[str, Any]:
    """Store kind, reachability and counts."""
    store = context(request).store
    return {"ok": True, "store": store.kind, "reachable": True, "counts": store.stats()}


@router.get("/version")
def version() -> dict[str, str]:
    """The Selaras version."""
    return {"version": VERSION}


@router.get("/queries")
def queries() -> list[dict[str, Any]]:
    """The catalogue: name, titles, description, parameters, columns, severity."""
    return [q.describe() for q in CATALOGUE.values()]


@router.get("/queries/{name}", responses={200: {"content": {"text/csv": {}, XLSX: {}}}})
def query(
    name: QueryName,
    request: Request,
    limit: Annotated[int, Query(ge=1, le=100_000)] = 1000,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> Any:
    """One canned query: ``{query, params, columns, rows, total}``; ``name.csv`` or ``name.xlsx``
    downloads every row. Query parameters other than ``limit``/``offset`` are the query's."""
    base, _, suffix = name.partition(".")
    raw = {k: v for k, v in request.query_params.items() if k not in RESERVED}
    data = run_query(context(request).store, base, raw).as_dict()
    if suffix == "csv":
        csv = output.csv_text(data["columns"], data["rows"])
        return Response(csv, media_type="text/csv", headers=_attachment(f"{base}.csv"))
    if suffix == "xlsx":
        body = output.xlsx_bytes([(base, data["columns"], data["rows"])])
        return Response(body, media_type=XLSX, headers=_attachment(f"{base}.xlsx"))
    if suffix:
        raise QueryError(f"Format tidak dikenal / unknown format: .{suffix} (.csv, .xlsx)")
    rows = data["rows"]
    return {**data, "total": len(rows), "rows": rows[offset : offset + limit]}


def _attachment(filename: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{filename}"'}


@router.post("/check", responses={200: {"content": {XLSX: {}}}})
def check(
    request: Request,
    format: Literal["json", "xlsx"] = "json",
    only: Annotated[list[str] | None, Query()] = None,
    skip: Annotated[list[str] | None, Query()] = None,
    fail_on: Literal["info", "warning", "error"] = "error",
) -> Any:
    """Every check (or ``only`` some, ``skip`` some), as ``selaras check``: each one's rows, the
    number of findings, and ``fails`` (a finding at or above ``fail_on``)."""
    store = context(request).store
    runs = [run_query(store, q.name) for q in checks(only or (), skip or ())]
    if format == "xlsx":
        book = output.report_xlsx_bytes(runs, row_sources(store, runs))
        return Response(book, media_type=XLSX, headers=_attachment("check.xlsx"))
    results = [r.as_dict() for r in runs]
    findings = sum(len(r["rows"]) for r in results)
    return {"findings": findings, "fails": fails(runs, fail_on), "results": results}


@router.get("/elements")
def elements(
    request: Request,
    search: Annotated[str, Query(examples=["puskesmas"])] = "",
    kind: str | None = None,
    opd: str | None = None,
    dokumen: str | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> dict[str, Any]:
    """Elements by code or name (accent- and case-insensitive), filtered, paged."""
    filters = {"kind": kind, "opd": opd, "dokumen": dokumen}
    return context(request).store.search(search, filters, limit, offset)


@router.get("/elements/{element_id:path}")
def element(element_id: ElementId, request: Request) -> dict[str, Any]:
    """One element: properties, indicators, provenance, parents and children."""
    ctx = context(request)
    return {**ctx.store.element(element_id), "flags": ctx.flags().get(element_id, [])}


@router.get("/trace/{element_id:path}")
def trace(
    element_id: ElementId,
    request: Request,
    direction: Literal["up", "down"] = "up",
    depth: Annotated[int, Query(ge=1, le=20)] = 10,
) -> dict[str, Any]:
    """The chain above (``up``) or below (``down``) one element: ``{nodes, edges}``."""
    return _flagged(request, context(request).store.neighbourhood([element_id], depth, direction))


@router.get("/subgraph")
def subgraph(
    request: Request,
    ids: Annotated[str, Query(description="Comma-separated element ids", examples=[EXAMPLE_ID])],
    depth: Annotated[int, Query(ge=0, le=5)] = 1,
) -> dict[str, Any]:
    """The neighbourhood of some elements, both directions: ``{nodes, edges}``."""
    wanted = [i for i in ids.split(",") if i]
    return _flagged(request, context(request).store.neighbourhood(wanted, depth, "both"))


def _flagged(request: Request, sub: dict[str, Any]) -> dict[str, Any]:
    flags = context(request).flags()
    nodes = [{**n, "flags": flags.get(str(n["id"]), [])} for n in sub["nodes"]]
    return {"nodes": nodes, "edges": sub["edges"]}


@router.post("/cypher")
def cypher(
    request: Request,
    query: Annotated[str, Body(embed=True, examples=["MATCH (e:Element) RETURN e.id LIMIT 5"])],
    params: Annotated[dict[str, Any] | None, Body(embed=True)] = None,
) -> dict[str, Any]:
    """Read-only ad-hoc Cypher (Neo4j store only; 501 on the embedded store)."""
    ctx = context(request)
    return ctx.store.cypher(query, params or {}, ctx.settings.cypher_rows)
