"""Synthetic plans for N pemda, with a manifest of the findings planted in them.

Each pemda (``Kab. Sintetis 001`` …) has about 40 OPD, half of them kecamatan, an RPJMD (1 visi,
5 misi, 12 tujuan, 25 sasaran, ~140 OPD programs and ``X.XX.01``), a Renstra per OPD, an RKPD
and a Renja per OPD for one year: about 4,550 elements (100 pemda: ~455,000), of which about
400 kegiatan and 820 sub kegiatan a year. Codes and names come from the official nomenclature
when it is there (:mod:`loaders.synthetic_catalogue`). Every draw comes from a
``random.Random`` seeded by ``(seed, pemda number)``: the same seed gives the same records, and
pemda 7 is the same whether 2 or 100 are made.

The records are what loading the written CSV files gives (ids, properties, links, provenance
``src_file``/``src_row``); only ``sha256`` and ``loaded_at`` are left to the loader.

Examples
--------
>>> plans = generate(1, seed=7)
>>> plans.manifest.pemda, len(plans.records)
(('Kab. Sintetis 001',), 84)
>>> counts = plans.counts()
>>> counts["RPJMD", "sasaran"], counts["RENJA", "sub_kegiatan"] > 700
(25, True)
>>> generate(1, seed=7).records[5] == plans.records[5]
True
>>> verify(plans.manifest, {"pagu_mismatches": []}).missed == {
...     (f.check, f.id) for f in plans.manifest.findings if f.check == "pagu_mismatches"}
True
"""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any, NamedTuple

from graph.chain import Chain, load_chain
from graph.ids import slug
from graph.model import Records
from loaders.synthetic_catalogue import NOMENCLATURE, Catalogue, load_catalogue
from loaders.synthetic_docs import pemda_records
from loaders.synthetic_layout import FORMATS, Layout, selaras_layout, write_document
from loaders.synthetic_permendagri import permendagri_layout
from loaders.synthetic_plan import plan_pemda, sasaran_refs
from loaders.synthetic_plants import Planted, Rates, plant, planted_count, planted_findings

__all__ = [
    "CHECKS",
    "FORMATS",
    "LAYOUTS",
    "Manifest",
    "Planted",
    "Plans",
    "Rates",
    "Verdict",
    "each_pemda",
    "generate",
    "pemda_name",
    "verify",
    "write_plans",
]

# ``--layout``: the Selaras format, or the forms planners print (RPJMD matrix, T-C.27 …)
LAYOUTS: dict[str, Layout] = {"selaras": selaras_layout, "permendagri": permendagri_layout}
CHECKS = ("orphaned_activities", "unsupported_priorities", "duplicated_programs", "pagu_mismatches")


@dataclass(frozen=True)
class Manifest:
    """What was generated and every finding planted in it, by check and element id."""

    seed: int
    tahun: int
    periode: tuple[int, int]
    rates: Rates
    pemda: tuple[str, ...] = ()
    findings: tuple[Planted, ...] = ()
    nomenklatur: str = ""

    def as_dict(self) -> dict[str, Any]:
        """The manifest as JSON (``manifest.json``), with a count per check."""
        data = asdict(self)
        data["periode"] = list(self.periode)
        data["pemda"] = list(self.pemda)
        data["counts"] = dict(sorted(Counter(f.check for f in self.findings).items()))
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Manifest:
        """The manifest read back from :meth:`as_dict`."""
        return cls(
            int(data["seed"]),
            int(data["tahun"]),
            (int(data["periode"][0]), int(data["periode"][1])),
            Rates(**data["rates"]),
            tuple(data["pemda"]),
            tuple(Planted(**f) for f in data["findings"]),
            str(data.get("nomenklatur", "")),
        )

    def merged(self, other: Manifest) -> Manifest:
        """This manifest followed by ``other``'s pemda and findings."""
        return replace(
            self, pemda=self.pemda + other.pemda, findings=self.findings + other.findings
        )


@dataclass(frozen=True)
class Plans:
    """The records of every document (ready for ``store.replace_documents``) and the manifest."""

    records: tuple[Records, ...]
    manifest: Manifest

    def counts(self) -> Counter[tuple[str, str]]:
        """Elements per (document kind, element kind)."""
        return Counter((r.document.jenis, e.kind) for r in self.records for e in r.elements)


class Verdict(NamedTuple):
    """``(check, id)`` planted but not reported, and reported beyond what was planted."""

    missed: set[tuple[str, str]]
    unexpected: set[tuple[str, str]]


def pemda_name(number: int) -> str:
    """The name of pemda ``number`` (from 1): every fifth is a kota.

    >>> pemda_name(1), pemda_name(5)
    ('Kab. Sintetis 001', 'Kota Sintetis 005')
    """
    return f"{'Kota' if number % 5 == 0 else 'Kab.'} Sintetis {number:03d}"


def generate(
    pemda: int,
    seed: int,
    *,
    tahun: int = 2026,
    periode: tuple[int, int] = (2025, 2029),
    rates: Rates | None = None,
    nomenclature: Path | None = NOMENCLATURE,
) -> Plans:
    """Plans for ``pemda`` pemda, all in memory: records per document and the manifest.

    Parameters
    ----------
    pemda : how many pemda
    seed : the seed every draw derives from
    tahun : the year of the RKPD and the Renjas, within ``periode``
    periode : the years of the RPJMD and the Renstras
    rates : how often each finding is planted (1 % each by default)
    nomenclature : the official kab/kota nomenclature CSV; the built-in list when absent
    """
    parts = list(
        each_pemda(
            pemda, seed, tahun=tahun, periode=periode, rates=rates, nomenclature=nomenclature
        )
    )
    manifest = parts[0].manifest if parts else _manifest(seed, tahun, periode, rates, "")
    for part in parts[1:]:
        manifest = manifest.merged(part.manifest)
    records = tuple(r for part in parts for r in part.records)
    return Plans(records, manifest)


def each_pemda(
    pemda: int,
    seed: int,
    *,
    tahun: int = 2026,
    periode: tuple[int, int] = (2025, 2029),
    rates: Rates | None = None,
    nomenclature: Path | None = NOMENCLATURE,
    catalogue: Catalogue | None = None,
) -> Iterator[Plans]:
    """The plans of each pemda in turn (one pemda in memory at a time)."""
    if not periode[0] <= tahun <= periode[1]:
        raise ValueError(f"tahun {tahun} di luar / outside periode {periode[0]}-{periode[1]}")
    catalogue = catalogue or load_catalogue(nomenclature)
    chain = load_chain()
    for number in range(1, pemda + 1):
        yield _one_pemda(number, seed, tahun, periode, rates or Rates(), catalogue, chain)


def _manifest(
    seed: int, tahun: int, periode: tuple[int, int], rates: Rates | None, source: str
) -> Manifest:
    return Manifest(seed, tahun, periode, rates or Rates(), nomenklatur=source)


def _one_pemda(
    number: int,
    seed: int,
    tahun: int,
    periode: tuple[int, int],
    rates: Rates,
    catalogue: Catalogue,
    chain: Chain,
) -> Plans:
    rng = random.Random(f"selaras-synthetic:{seed}:{number}")
    empty = planted_count(rates.unsupported_sasaran, len(sasaran_refs()), rng)
    pemda = plan_pemda(pemda_name(number), rng, catalogue, periode, tahun, empty)
    plant(pemda, rng, catalogue, rates)
    manifest = Manifest(
        seed, tahun, periode, rates, (pemda.nama,), tuple(planted_findings(pemda)), catalogue.source
    )
    return Plans(tuple(pemda_records(pemda, chain)), manifest)


def verify(manifest: Manifest, results_by_check: Mapping[str, Iterable[Any]]) -> Verdict:
    """What the checks missed and what they found beyond the manifest, for the checks given.

    ``results_by_check`` maps a check name to its rows (named tuples or mappings with ``id``);
    only the checks it names are compared, so a check that does not exist is left out.

    Examples
    --------
    >>> m = Manifest(1, 2026, (2025, 2029), Rates(), ("Kab. X",),
    ...              (Planted("pagu_mismatches", "a", "Kab. X", "rincian"),))
    >>> verify(m, {"pagu_mismatches": [{"id": "b"}], "duplicated_programs": []})
    Verdict(missed={('pagu_mismatches', 'a')}, unexpected={('pagu_mismatches', 'b')})
    """
    planted = {(f.check, f.id) for f in manifest.findings if f.check in results_by_check}
    found = {(check, _row_id(row)) for check, rows in results_by_check.items() for row in rows}
    return Verdict(planted - found, found - planted)


def _row_id(row: Any) -> str:
    return str(row["id"] if isinstance(row, Mapping) else row.id)


def write_plans(
    plans: Iterable[Plans],
    out: Path,
    fmt: str = "csv",
    layout: Layout = selaras_layout,
    progress: Callable[[str], None] | None = None,
) -> Manifest | None:
    """Write each document into ``out/<pemda slug>/`` with ``layout``, then
    ``out/manifest.json``; ``progress`` hears of each part written.

    Returns the merged manifest (None when there were no plans).
    """
    manifest: Manifest | None = None
    for part in plans:
        for records in part.records:
            folder = out / slug(records.document.pemda)
            folder.mkdir(parents=True, exist_ok=True)
            write_document(records, folder, fmt, layout)
        manifest = part.manifest if manifest is None else manifest.merged(part.manifest)
        if progress:
            progress(_summary(part))
    if manifest is not None:
        out.mkdir(parents=True, exist_ok=True)
        text = json.dumps(manifest.as_dict(), ensure_ascii=False, indent=1)
        (out / "manifest.json").write_text(text + "\n", encoding="utf-8")
    return manifest


def _summary(part: Plans) -> str:
    elements = sum(len(r.elements) for r in part.records)
    name = ", ".join(part.manifest.pemda)
    return (
        f"{name}: {len(part.records)} dokumen, {elements} elemen, "
        f"{len(part.manifest.findings)} temuan tertanam / planted"
    )
