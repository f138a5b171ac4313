"""The HTTP face: FastAPI handlers that parse, call the core once and return JSON.

``create_app(target)`` opens one store per app; handlers are plain ``def`` (a threadpool runs
them), and the error tree becomes one JSON shape in :mod:`api.errors`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from api.errors import error_body, http_status
from graph.errors import SelarasError
from graph.store import open_store
from queries import CATALOGUE, run_query

__all__ = ["create_app"]

VERSION = "0.1.0"


def create_app(target: str | None = None) -> FastAPI:
    """The Selaras app over the store at ``target`` (a file path or a Neo4j URI)."""
    store = open_store(target)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        lifespan=lifespan,
        title="Selaras",
        version=VERSION,
        description="Benang merah RPJMD, Renstra, RKPD dan Renja / plan traceability",
    )
    app.state.store = store

    @app.exception_handler(SelarasError)
    def _error(request: Request, exc: SelarasError) -> JSONResponse:
        return JSONResponse(error_body(exc), status_code=http_status(exc))

    @app.get("/api/health")
    def health() -> dict[str, Any]:
        """Store kind, reachability and counts."""
        return {"ok": True, "store": store.kind, "counts": store.stats()}

    @app.get("/api/version")
    def version() -> dict[str, str]:
        """The Selaras version."""
        return {"version": VERSION}

    @app.get("/api/queries")
    def queries() -> list[dict[str, Any]]:
        """The catalogue: name, titles, parameters, columns, severity."""
        return [q.describe() for q in CATALOGUE.values()]

    @app.get("/api/queries/{name}")
    def query(name: str, request: Request) -> dict[str, Any]:
        """One canned query's result: ``{query, params, columns, rows}``, as the CLI prints."""
        return run_query(store, name, dict(request.query_params)).as_dict()

    @app.get("/api/documents")
    def documents() -> list[dict[str, Any]]:
        """Every document in the store."""
        return store.documents()

    @app.get("/api/elements/{element_id}")
    def element(element_id: str) -> dict[str, Any]:
        """One element with its indicators, parents, children and provenance."""
        return store.element(element_id)

    return app
