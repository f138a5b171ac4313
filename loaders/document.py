"""The ``dokumen`` sheet: what the document is (jenis, pemda, periode or tahun, OPD).

Examples
--------
>>> doc, problems = read_document({"jenis": "RENJA", "pemda": "Kota Contoh", "tahun": "2026",
...                                "opd": "Dinas Kesehatan"}, "renja.csv", "dokumen", {})
>>> doc.id, problems
('renja-kota-contoh-dinas-kesehatan-2026', [])
"""

from __future__ import annotations

import re
from collections.abc import Callable

from graph.ids import document_id
from graph.model import DOCUMENT_KINDS, Document, Problem
from loaders.rows import document_kind

__all__ = ["read_document"]

PERIOD_KINDS = ("RPJPD", "RPJMD", "RENSTRA", "RPJMN")
OPD_KINDS = ("RENSTRA", "RENJA")


def read_document(
    values: dict[str, str], file: str, sheet: str, rows: dict[str, int], part: str | None = None
) -> tuple[Document | None, list[Problem]]:
    """The document described by key/value pairs, or None with the problems found; ``part``
    ends the id of a document written as several tables (see :func:`graph.ids.document_id`)."""
    problems: list[Problem] = []

    def problem(key: str, message: str) -> None:
        problems.append(Problem(file, sheet, rows.get(key), key, "error", message))

    jenis = document_kind(values.get("jenis", ""))
    if jenis is None:
        problem(
            "jenis",
            f"jenis dokumen harus salah satu dari / must be one of {', '.join(DOCUMENT_KINDS)}",
        )
    pemda = values.get("pemda", "").strip()
    if not pemda:
        problem("pemda", "pemda wajib diisi / pemda is required")
    years = _years(values, jenis, problem)
    opd = values.get("opd", "").strip() or None
    if jenis in OPD_KINDS and not opd:
        problem("opd", f"{jenis} wajib menyebut OPD / a {jenis} must name its OPD")
    doc_id = values.get("id", "").strip() or None
    if doc_id and not re.fullmatch(r"[a-z0-9][a-z0-9._-]*", doc_id):
        problem("id", "id dokumen hanya huruf kecil, angka, . _ - / id: lower case, digits, . _ -")
    if problems or jenis is None or years is None:
        return None, problems
    awal, akhir = years
    short = values.get("opd_singkat") or opd
    doc = Document(
        id=doc_id or document_id(jenis, pemda, awal, akhir, short, part),
        jenis=jenis,
        pemda=pemda,
        tahun_awal=awal,
        tahun_akhir=akhir,
        opd=opd,
        opd_kode=values.get("opd_kode", "").strip() or None,
        src_file=file,
    )
    return doc, problems


def _years(
    values: dict[str, str], jenis: str | None, report: Callable[[str, str], None]
) -> tuple[int, int] | None:
    key = "periode" if jenis in PERIOD_KINDS else "tahun"
    text = (
        values.get(key, "").strip()
        or values.get("periode" if key == "tahun" else "tahun", "").strip()
    )
    match = re.fullmatch(r"(\d{4})(?:\.0)?(?:\s*[-–/]\s*(\d{4}))?", text)
    if not match:
        report(
            key, f"{key} '{text}' tidak terbaca / cannot be read (contoh / e.g. 2025-2029, 2026)"
        )
        return None
    awal = int(match.group(1))
    akhir = int(match.group(2) or awal)
    if akhir < awal:
        report(key, f"{key} '{text}': tahun akhir sebelum tahun awal / ends before it starts")
        return None
    return awal, akhir
