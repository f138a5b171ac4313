"""Deterministic ids for documents and elements, readable in a URL.

Examples
--------
>>> slug("Dinas Pekerjaan Umum & Penataan Ruang")
'dinas-pekerjaan-umum-penataan-ruang'
>>> document_id("RENJA", "Kota Contoh", 2026, 2026, "Dinas Kesehatan")
'renja-kota-contoh-dinas-kesehatan-2026'
>>> document_id("RPJMD", "Kota Contoh", 2025, 2029)
'rpjmd-kota-contoh-2025-2029'
>>> element_id("rpjmd-kota-contoh-2025-2029", "sasaran", "S1.2")
'rpjmd-kota-contoh-2025-2029:sasaran:S1.2'
>>> search_key("1.02.02  Pembangunan  PUSKESMAS Kécamatan")
'1.02.02 pembangunan puskesmas kecamatan'
>>> normalised_name("PROGRAM Pemenuhan Upaya Kesehatan & Masyarakat.")
'pemenuhan upaya kesehatan dan masyarakat'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from graph.model import ELEMENT_KINDS

__all__ = [
    "document_id",
    "element_id",
    "is_element_id",
    "normalised_name",
    "search_key",
    "slug",
]


@lru_cache(maxsize=65_536)
def slug(text: str) -> str:
    """Lower case ASCII, every run of other characters turned into one ``-``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def document_id(
    jenis: str, pemda: str, awal: int, akhir: int, opd: str | None = None, part: str | None = None
) -> str:
    """``<jenis>-<pemda>[-<opd>]-<periode|tahun>[-<part>]``, slugged.

    ``part`` names one table of a document written as several (the RPJMD's program prioritas
    beside its matriks), so that loading one table does not replace the others.

    >>> document_id("RPJMD", "Kab. Contoh", 2025, 2029, part="program-prioritas")
    'rpjmd-kab-contoh-2025-2029-program-prioritas'
    """
    years = str(awal) if awal == akhir else f"{awal}-{akhir}"
    parts = [jenis, pemda, opd or "", years, part or ""]
    return "-".join(slug(p) for p in parts if p and slug(p))


def element_id(document: str, kind: str, key: str) -> str:
    """``<document id>:<kind>:<key>``."""
    return f"{document}:{kind}:{key}"


def is_element_id(text: str) -> bool:
    """True for text of the element id shape ``<document id>:<kind>:<key>``.

    >>> is_element_id("rpjmd-kota-2025-2029:sasaran:S1"), is_element_id("*total:kota-contoh")
    (True, False)
    """
    parts = text.split(":", 2)
    return len(parts) == 3 and parts[1] in ELEMENT_KINDS and all(parts)


def search_key(text: str) -> str:
    """Text as searched: lower case, accents dropped, runs of white space as one space."""
    if text.isascii():  # nothing to drop: the same result without NFKD and a regex
        return " ".join(text.lower().split())
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"\s+", " ", ascii_text.lower()).strip()


_WORDS = {"&": " dan ", "kab/kota": "kabupaten kota", "kab.": "kabupaten ", "yg": "yang"}


def normalised_name(text: str) -> str:
    """A name in the form compared for similarity: case, accents, punctuation and a leading
    "program" aside, ``dan``/``&`` and ``kab/kota`` spellings unified."""
    out = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    for short, full in _WORDS.items():
        out = out.replace(short, full)
    out = re.sub(r"[^a-z0-9]+", " ", out).strip()
    return re.sub(r"^program\s+", "", out)
