"""The HTTP face: FastAPI routers that parse, call the core once and return JSON.

``create_app(target)`` opens one store per app; handlers are plain ``def`` (a threadpool runs
them), and the error tree becomes one JSON shape in :mod:`api.errors`. Before any handler,
:class:`api.limits.BodyGuard` bounds every request body in size and time and refuses a write
without a valid write token before its body is read.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from api import http_documents, http_read
from api.context import Context
from api.errors import error_body, http_error_body, http_status
from api.explorer import mount_explorer
from api.limits import BodyGuard
from api.settings import Settings
from api.tokens import TokenBook
from graph.errors import SelarasError
from graph.store import open_store

__all__ = ["create_app"]

DESCRIPTION = (
    "Benang merah RPJMD, Renstra, RKPD dan Renja / traceability of regional development plans. "
    "Reads may need a `read` token (SELARAS_READ_TOKEN=1); uploads and deletes always need a "
    "`write` token: `Authorization: Bearer …` (selaras token create)."
)


def create_app(target: str | None = None, settings: Settings | None = None) -> FastAPI:
    """The Selaras app over the store at ``target`` (a file path or a Neo4j URI)."""
    settings = settings or Settings.from_env()
    ctx = Context(open_store(target), settings, TokenBook(settings.tokens))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        ctx.store.close()

    app = FastAPI(
        title="Selaras", version=http_read.VERSION, description=DESCRIPTION, lifespan=lifespan
    )
    app.state.context = ctx
    app.include_router(http_read.router)
    app.include_router(http_documents.router)
    mount_explorer(app, settings.node_modules)
    app.add_middleware(BodyGuard, context=ctx)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["*"],
        )
    app.add_exception_handler(SelarasError, _selaras_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _invalid)  # type: ignore[arg-type]
    app.add_exception_handler(HTTPException, _http_error)  # type: ignore[arg-type]
    return app


def _selaras_error(request: Request, exc: SelarasError) -> JSONResponse:
    return JSONResponse(error_body(exc), status_code=http_status(exc))


def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
    message = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
    body = {"ok": False, "error": {"type": "QueryError", "message": message}}
    return JSONResponse(body, status_code=400)


def _http_error(request: Request, exc: HTTPException) -> JSONResponse:
    """Unknown routes, methods not allowed, unreadable bodies: the one error shape too."""
    where = f"{request.method} {request.url.path}"
    detail = where if exc.status_code in (404, 405) else str(exc.detail)
    return JSONResponse(
        http_error_body(exc.status_code, detail), exc.status_code, headers=exc.headers
    )
