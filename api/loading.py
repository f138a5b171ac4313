"""Loading files into a store: read and check every file first, then write them all at once.

If any file has an error-level problem nothing is written, so a failed load leaves the store
exactly as it was. The report is the same for the CLI (``load --report json``) and the API.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from graph.errors import LoadError
from graph.model import Problem, Records, Reference
from graph.store import GraphStore
from loaders import load_workbook

__all__ = ["read_files", "write_records"]


def read_files(
    paths: Sequence[Path],
    progress: Callable[[str], None] | None = None,
    names: Sequence[str] | None = None,
    max_cells: int | None = None,
) -> list[Records]:
    """Every file read and checked; raises LoadError with the problems of all files at once.

    ``names`` are the file names to report (an upload's original names), ``max_cells`` the
    most cells read from one workbook.
    """
    batch: list[Records] = []
    problems: list[Problem] = []
    for path, name in zip(paths, names or [p.name for p in paths], strict=True):
        try:
            records = load_workbook(path, name=name, max_cells=max_cells)
        except LoadError as exc:
            problems += exc.problems
            _say(progress, f"{name}: {len(exc.problems)} masalah / problem(s)")
            continue
        batch.append(records)
        _say(progress, f"{name}: {len(records.elements)} elemen → {records.document.id}")
    if any(p.severity == "error" for p in problems):
        raise LoadError(problems + [p for r in batch for p in r.problems])
    return batch


def write_records(
    store: GraphStore, batch: list[Records], progress: Callable[[str], None] | None = None
) -> dict[str, Any]:
    """Write checked records into the store in one transaction; the load report."""
    _say(progress, f"Menulis / writing {len(batch)} dokumen ke / to {store.kind} store …")
    unresolved = store.replace_documents(batch)
    warnings = [p for r in batch for p in r.problems]
    files = {r.document.id: r.document.src_file for r in batch}
    warnings += [
        Problem(
            files[ref.child.split(":", 1)[0]],
            "elemen",
            ref.src_row,
            "induk",
            "warning",
            _unresolved_message(ref),
        )
        for ref in unresolved
    ]
    return _report(batch, warnings)


def _unresolved_message(ref: Reference) -> str:
    """Why a reference found no element: not loaded yet, or no name clearly the same."""
    if ref.by_name is None:
        return (
            f"Rujukan {ref.target_jenis}:{ref.target_key} belum ditemukan (dokumennya belum "
            "dimuat?) / reference not found yet (document not loaded?)"
        )
    close = "; ".join(ref.candidates) or "-"
    return (
        f"Nama '{ref.by_name}' tidak jelas cocok dengan satu elemen {ref.target_jenis} / no "
        f"clear name match in {ref.target_jenis}; terdekat / closest: {close}"
    )


def _report(batch: list[Records], problems: list[Problem]) -> dict[str, Any]:
    return {
        "documents": [
            {
                "id": r.document.id,
                "jenis": r.document.jenis,
                "file": r.document.src_file,
                "elements": dict(sorted(Counter(e.kind for e in r.elements).items())),
                "links": len(r.links) + len(r.references),
                "indicators": len(r.indicators),
            }
            for r in batch
        ],
        "problems": [p.as_dict() for p in problems],
    }


def _say(progress: Callable[[str], None] | None, message: str) -> None:
    if progress is not None:
        progress(message)
