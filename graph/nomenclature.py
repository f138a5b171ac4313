"""Official nomenclature lists (Permendagri 90/2019 and its Kepmendagri updates), by version.

A list is loaded under a name (``versi``) and kept beside the plans, never as planning elements:
the embedded graph carries every version in ``g.graph["nomenclature"]`` (versi → {kode: (level,
nama)}, versions in load order, the most recently loaded last); Neo4j holds ``:Nomenklatur``
nodes. :func:`version_summary` is the row ``selaras nomenklatur list`` prints.

Examples
--------
>>> entries = [Entry("1.02.02", "program", "PROGRAM PEMENUHAN UPAYA KESEHATAN")]
>>> row = version_summary("kepmendagri-050-5889", "a.csv", "2026-01-01T00:00:00+00:00",
...                       {"program": 1})
>>> row["versi"], row["entries"], row["program"], row["sub_kegiatan"]
('kepmendagri-050-5889', 1, 1, 0)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import NamedTuple

from graph.errors import NotFound
from graph.model import Value

__all__ = [
    "LEVELS",
    "Entry",
    "Nomenclature",
    "loaded_now",
    "no_such_version",
    "version_named",
    "version_summary",
]

LEVELS = ("urusan", "bidang_urusan", "program", "kegiatan", "sub_kegiatan")

Nomenclature = dict[str, dict[str, tuple[str, str]]]  # versi → {kode: (level, nama)}


class Entry(NamedTuple):
    """One line of an official list: a normalised code, its level and its official name."""

    kode: str
    level: str
    nama: str


def loaded_now() -> str:
    """The time of a load, to the microsecond, so that loads in one second keep their order."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def version_summary(
    versi: str, src_file: str, loaded_at: str, counts: Mapping[str, int]
) -> dict[str, Value]:
    """One version as listed: its name, file, load time, entry count and a count per level."""
    row: dict[str, Value] = {
        "versi": versi,
        "src_file": src_file,
        "loaded_at": loaded_at,
        "entries": sum(counts.values()),
    }
    return row | {level: counts.get(level, 0) for level in LEVELS}


def no_such_version(versi: str) -> str:
    """The message of a NotFound for a version that is not loaded."""
    return (
        f"Versi nomenklatur tidak ada / no such nomenclature version: {versi} "
        "(lihat / see: selaras nomenklatur list)"
    )


def version_named(versions: Sequence[dict[str, Value]], versi: str) -> dict[str, Value]:
    """The summary of version ``versi`` among ``versions``; raises NotFound.

    Examples
    --------
    >>> version_named([{"versi": "a"}], "a")
    {'versi': 'a'}
    """
    for version in versions:
        if version["versi"] == versi:
            return version
    raise NotFound(no_such_version(versi))
