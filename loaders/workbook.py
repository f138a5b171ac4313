"""Loading one workbook as one document: the Selaras format or a planning table by profile.

The profile is taken from ``profile`` or detected from the header (``loaders/detect.py``); the
Selaras format (``docs/workbook-format.md``) is read by ``loaders/selaras.py``, every other
layout by the one table engine (``loaders/table.py``). Nothing here touches a store.

Examples
--------
>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "renja.csv"
>>> _ = path.write_text(
...     "jenis,RENJA\\npemda,Kota Contoh\\ntahun,2026\\nopd,Dinas Kesehatan\\n\\n"
...     "jenis_elemen,kode,nama,pagu_2026\\n"
...     "program,1.02.02,Program Pemenuhan Upaya Kesehatan,\\n"
...     "kegiatan,1.02.02.2.01,Penyediaan Fasilitas Pelayanan Kesehatan,\\n"
...     "sub_kegiatan,\\"1,02.02.2.01.02\\",Pembangunan Puskesmas,\\"1.500.000.000\\"\\n")
>>> records = load_workbook(path)
>>> [e.id.split(":", 1)[1] for e in records.elements][-1], records.profile
('sub_kegiatan:1.02.02.2.01.0002', 'selaras')
>>> records.elements[-1].extra["pagu_2026"], records.elements[-1].extra["kode_asli"]
(1500000000, '1,02.02.2.01.02')
>>> [(lk.child.rsplit(":", 1)[1], lk.parent.rsplit(":", 1)[1]) for lk in records.links]
[('1.02.02.2.01', '1.02.02'), ('1.02.02.2.01.0002', '1.02.02.2.01')]
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from graph.chain import Chain, load_chain
from graph.collector import collector_paused
from graph.errors import InputError, LoadError, TooLarge
from graph.model import Problem
from loaders.detect import find_table, is_selaras
from loaders.profiles import Profile, profiles
from loaders.reading import Sheet, read_sheets
from loaders.records import Loaded
from loaders.selaras import read_selaras
from loaders.table_document import read_table

__all__ = ["load_workbook"]


def load_workbook(
    path: Path,
    chain: Chain | None = None,
    name: str | None = None,
    max_cells: int | None = None,
    profile: str | None = None,
    identity: Mapping[str, str] | None = None,
) -> Loaded:
    """Read one workbook into records.

    Parameters
    ----------
    path : the workbook (``.xlsx``, ``.xls``, ``.ods``, ``.csv``, ``.html``)
    chain : the chain of plans (the default ``graph/chain.toml``)
    name : the file name recorded as provenance (an upload's original name)
    max_cells : the most cells read
    profile : the table layout (``selaras profiles``); detected from the header when None
    identity : ``jenis``, ``pemda``, ``periode``, ``tahun``, ``opd``, ``opd_kode`` where the
        workbook does not say them (given values win over what is detected)

    Raises
    ------
    LoadError
        With every error-level problem found (warnings ride along on success).
    TooLarge
        When the workbook has more than ``max_cells`` cells.
    """
    with collector_paused():  # millions of small objects, no cycles
        return _load(path, chain or load_chain(), name or path.name, max_cells, profile, identity)


def _load(
    path: Path,
    chain: Chain,
    name: str,
    max_cells: int | None,
    profile: str | None,
    identity: Mapping[str, str] | None,
) -> Loaded:
    sheets = _sheets(path, name, max_cells)
    wanted = _profile(profile, name)
    if wanted.format == "selaras" if wanted else is_selaras(sheets):
        records, sources = read_selaras(sheets, name, identity, chain)
        used = "selaras"
    else:
        found = find_table(sheets, name, wanted)
        records, sources = read_table(found, name, identity, chain)
        used = found.profile.name
    problems = _on_hidden_sheets(list(records.problems), sheets)
    if any(p.severity == "error" for p in problems):
        raise LoadError(problems)
    doc = replace(records.document, sha256=_sha256(path), loaded_at=_now())
    return Loaded(
        doc,
        records.elements,
        records.links,
        records.references,
        records.indicators,
        problems,
        profile=used,
        identity=sources,
    )


def _sheets(path: Path, name: str, max_cells: int | None) -> list[Sheet]:
    try:
        return read_sheets(path, max_cells, name)
    except TooLarge:
        raise
    except InputError as exc:
        raise LoadError([Problem(name, None, None, None, "error", str(exc))]) from exc


def _on_hidden_sheets(problems: list[Problem], sheets: list[Sheet]) -> list[Problem]:
    """Problems on a hidden sheet say so: the planner cannot see the row they point at."""
    hidden = {s.name for s in sheets if s.hidden}
    note = " (sheet tersembunyi / hidden sheet)"
    return [replace(p, message=p.message + note) if p.sheet in hidden else p for p in problems]


def _profile(wanted: str | None, file: str) -> Profile | None:
    if wanted is None:
        return None
    known = profiles()
    if wanted not in known:
        message = (
            f"Profil '{wanted}' tidak dikenal / unknown profile; "
            f"yang ada / known: {', '.join(known)}"
        )
        raise LoadError([Problem(file, None, None, None, "error", message)])
    return known[wanted]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
