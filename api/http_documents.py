"""Documents: list, upload (a write token), delete (a write token). Every write is logged.

An upload's file name is used for messages and provenance only, never as a path: it is cut to
its base name, and refused when it has no known suffix, is longer than 255 characters or holds
control or formatting characters (NUL, a line break, a right-to-left override) or a ``"``
(browsers send it as ``%22``: a bare one is a broken or forged part header).

Examples
--------
>>> _safe_name("../../etc/Renja Dinkes 2026.xlsx"), _safe_name("C:/laporan/renstra.HTM")
('Renja Dinkes 2026.xlsx', 'renstra.HTM')
>>> _safe_name("renja\\x00.csv")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
graph.errors.InputError: Nama berkas memuat karakter kendali atau tanda kutip / file name ...
"""

from __future__ import annotations

import logging
import pathlib
import tempfile
import unicodedata
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Path, Query, Request, UploadFile

from api.context import context, reader, writer
from api.loading import read_files, unresolved_rows, write_records
from graph.errors import InputError, TooLarge
from loaders.html import HTML_SUFFIXES
from loaders.reading import SPREADSHEET_SUFFIXES

__all__ = ["router"]

AUDIT = logging.getLogger("selaras.audit")
SUFFIXES = (".csv", *SPREADSHEET_SUFFIXES, *HTML_SUFFIXES)
MAX_NAME = 255  # characters: the longest file name Linux and Windows allow
router = APIRouter(prefix="/api/documents")
DocumentId = Annotated[str, Path(examples=["renja-kota-contoh-dinkes-2026"])]


@router.get("", dependencies=[Depends(reader)])
def documents(request: Request) -> list[dict[str, Any]]:
    """Every document in the store, with its element count."""
    return context(request).store.documents()


@router.get("/unresolved", dependencies=[Depends(reader)])
def unresolved(request: Request, pemda: str | None = None) -> list[dict[str, Any]]:
    """The references that link to nothing now (of one ``pemda``, any case): element,
    reference, file, row, candidates."""
    return unresolved_rows(context(request).store, pemda or None)


@router.post("")
def upload(
    request: Request,
    files: Annotated[list[UploadFile], File(description="One or more workbooks")],
    token: Annotated[str, Depends(writer)],
    strict: Annotated[
        bool, Query(description="Peringatan juga menolak / warnings block too (load --strict)")
    ] = False,
) -> dict[str, Any]:
    """Load workbooks as ``selaras load`` does: all checked first; 422 lists every problem
    (with ``strict``, every warning too, and nothing is written)."""
    ctx = context(request)
    names = [_safe_name(f.filename) for f in files]
    with tempfile.TemporaryDirectory(prefix="selaras-upload-") as tmp:
        paths = _save(files, names, pathlib.Path(tmp), ctx.settings.max_upload_bytes)
        try:
            batch = read_files(paths, names=names, max_cells=ctx.settings.max_cells)
            report = write_records(ctx.store, batch, strict=strict)
        except Exception as exc:
            AUDIT.info("upload token=%s files=%s result=%s", token, names, type(exc).__name__)
            raise
    ctx.changed()
    ids = [d["id"] for d in report["documents"]]
    AUDIT.info("upload token=%s files=%s documents=%s result=ok", token, names, ids)
    return report


@router.delete("/{document_id}")
def delete(
    document_id: DocumentId, request: Request, token: Annotated[str, Depends(writer)]
) -> Any:
    """Remove a document with its elements, links and indicators."""
    ctx = context(request)
    ctx.store.delete_document(document_id)
    ctx.changed()
    AUDIT.info("delete token=%s document=%s result=ok", token, document_id)
    return {"ok": True, "deleted": document_id}


def _safe_name(filename: str | None) -> str:
    """The base name of an upload, for messages only: never used as a path."""
    given = filename or ""
    if any(c == '"' or unicodedata.category(c).startswith("C") for c in given):
        raise InputError(
            "Nama berkas memuat karakter kendali atau tanda kutip / file name holds a control "
            f"character or a quote: {given!r}"
        )
    name = pathlib.Path(given.replace("\\", "/")).name.strip() or "upload"
    if len(name) > MAX_NAME:
        raise InputError(
            f"Nama berkas terlalu panjang / file name too long: {len(name)} > {MAX_NAME} "
            f"({name[:40]}…)"
        )
    if pathlib.Path(name).suffix.lower() not in SUFFIXES:
        raise InputError(f"{name}: bukan buku kerja / not a workbook ({', '.join(SUFFIXES)})")
    return name


def _save(
    files: list[UploadFile], names: list[str], folder: pathlib.Path, limit: int
) -> list[pathlib.Path]:
    """Write each upload to a file named by us; 413 once the total passes ``limit`` bytes."""
    paths, total = [], 0
    for i, (upload, name) in enumerate(zip(files, names, strict=True)):
        path = folder / f"upload-{i}{pathlib.Path(name).suffix.lower()}"
        with path.open("wb") as out:
            while chunk := upload.file.read(1024 * 1024):
                total += len(chunk)
                if total > limit:
                    raise TooLarge(f"Unggahan melebihi / upload over {limit / 2**20:g} MB")
                out.write(chunk)
        paths.append(path)
    return paths
