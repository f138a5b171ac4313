"""The records Selaras moves between loaders, stores and queries.

Property values are JSON scalars or lists of them, so one record round-trips through SQLite,
Neo4j and the HTTP API without converters.

Examples
--------
>>> e = Element("d:program:1.02.02", "program", "d", {"kode": "1.02.02", "nama": "Program"})
>>> e.properties()["kind"], e.properties()["kode"]
('program', '1.02.02')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, TypeAlias, get_args

__all__ = [
    "DOCUMENT_KINDS",
    "DocumentKind",
    "ELEMENT_KINDS",
    "NOMENCLATURE_KINDS",
    "Document",
    "Element",
    "Indicator",
    "Link",
    "Problem",
    "Records",
    "Reference",
    "Scalar",
    "Severity",
    "Value",
]

Scalar: TypeAlias = str | int | float | bool | None
Value: TypeAlias = Scalar | list[Scalar]
Severity = Literal["error", "warning"]

DocumentKind = Literal["RPJPD", "RPJMD", "RENSTRA", "RKPD", "RENJA", "RPJMN"]
DOCUMENT_KINDS: tuple[str, ...] = get_args(DocumentKind)
ELEMENT_KINDS = (
    "visi",
    "misi",
    "tujuan",
    "sasaran",
    "strategi",
    "arah_kebijakan",
    "prioritas",
    "program",
    "kegiatan",
    "sub_kegiatan",
)
NOMENCLATURE_KINDS = ("program", "kegiatan", "sub_kegiatan")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located as precisely as the input allows."""

    file: str
    sheet: str | None
    row: int | None
    column: str | None
    severity: Severity
    message: str

    def as_dict(self) -> dict[str, Scalar]:
        """The problem as a JSON object (the shape of ``load --report json``)."""
        return {
            "file": self.file,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "severity": self.severity,
            "message": self.message,
        }


@dataclass(frozen=True)
class Document:
    """A planning document: one RPJMD, one OPD's Renstra, one RKPD, one OPD's Renja."""

    id: str
    jenis: str
    pemda: str
    tahun_awal: int
    tahun_akhir: int
    opd: str | None = None
    opd_kode: str | None = None
    src_file: str = ""
    sha256: str = ""
    loaded_at: str = ""

    def properties(self) -> dict[str, Value]:
        """Every field as a flat property mapping, plus ``periode``/``tahun`` as planners write."""
        props: dict[str, Value] = {k: v for k, v in self.__dict__.items()}
        if self.tahun_awal == self.tahun_akhir:
            props["tahun"] = self.tahun_awal
        else:
            props["periode"] = f"{self.tahun_awal}-{self.tahun_akhir}"
        return props

    def overlaps(self, other: Document) -> bool:
        """True when the two documents' years overlap (a Renja 2026 and a Renstra 2025-2029)."""
        return self.tahun_awal <= other.tahun_akhir and other.tahun_awal <= self.tahun_akhir


@dataclass(frozen=True, slots=True)
class Element:
    """A planning element (a node): a sasaran, a program, a sub kegiatan …"""

    id: str
    kind: str
    dokumen: str
    extra: Mapping[str, Value] = field(default_factory=dict)

    def properties(self) -> dict[str, Value]:
        """All properties, with ``id``, ``kind`` and ``dokumen`` first."""
        return {"id": self.id, "kind": self.kind, "dokumen": self.dokumen, **self.extra}

    @classmethod
    def from_properties(cls, props: Mapping[str, Value]) -> Element:
        """The element whose :meth:`properties` these are."""
        extra = {k: v for k, v in props.items() if k not in ("id", "kind", "dokumen")}
        return cls(str(props["id"]), str(props["kind"]), str(props["dokumen"]), extra)


@dataclass(frozen=True, slots=True)
class Link:
    """A ``SUPPORTS`` edge: ``child`` supports ``parent``.

    ``basis`` says how it was found: ``explicit`` (an ``induk`` reference), ``kode`` (a code
    prefix or the same code in another document) or ``row`` (table position).
    ``dokumen`` is the document that declared it, or ``""`` for links resolved across documents.
    """

    child: str
    parent: str
    basis: str
    dokumen: str = ""
    confidence: float = 1.0
    src_file: str | None = None
    src_sheet: str | None = None
    src_row: int | None = None

    def properties(self) -> dict[str, Value]:
        """The edge properties (without its ends)."""
        return {
            "basis": self.basis,
            "dokumen": self.dokumen,
            "confidence": self.confidence,
            "src_file": self.src_file,
            "src_sheet": self.src_sheet,
            "src_row": self.src_row,
        }


@dataclass(frozen=True, slots=True)
class Reference:
    """A reference to an element of another document, resolved in the store.

    ``target`` is written as planners write it: ``RPJMD:S1.2`` (jenis, then a ref or a code),
    or ``RPJMD:nama:Meningkatnya …`` to find the element by its name (the only link a
    Renstra T-C.27 has to its RPJMD sasaran). ``candidates`` is not stored: the store fills it
    on a reference it could not resolve, with the closest names and their scores.
    ``src_sheet`` and ``src_column`` say where the loader read it (for the load report; not
    stored, and not compared: a reference read back from a store is the same reference).
    """

    child: str
    target_jenis: str
    target_key: str
    src_row: int | None = None
    candidates: tuple[str, ...] = ()
    src_sheet: str | None = field(default=None, compare=False)
    src_column: str | None = field(default=None, compare=False)

    @property
    def by_name(self) -> str | None:
        """The name searched for, for a ``nama:`` reference; else None."""
        head, sep, name = self.target_key.partition(":")
        return name.strip() if sep and head.strip().lower() == "nama" else None


@dataclass(frozen=True, slots=True)
class Indicator:
    """A performance indicator that measures an element, with its targets as written."""

    element: str
    seq: int
    nama: str
    values: Mapping[str, Value] = field(default_factory=dict)

    def properties(self) -> dict[str, Value]:
        """The indicator as a flat property mapping."""
        return {"element": self.element, "seq": self.seq, "nama": self.nama, **self.values}

    @classmethod
    def from_properties(cls, props: Mapping[str, Value]) -> Indicator:
        """The indicator whose :meth:`properties` these are (a ``dokumen`` key is dropped)."""
        values = {k: v for k, v in props.items() if k not in ("element", "seq", "nama", "dokumen")}
        return cls(str(props["element"]), int(str(props["seq"])), str(props["nama"]), values)


@dataclass(frozen=True)
class Records:
    """Everything one load of one document produces, ready for ``store.replace_documents``."""

    document: Document
    elements: Sequence[Element] = ()
    links: Sequence[Link] = ()
    references: Sequence[Reference] = ()
    indicators: Sequence[Indicator] = ()
    problems: Sequence[Problem] = ()
