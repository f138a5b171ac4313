"""A planning table read into one document's records, and where its identity came from.

The table rarely says which document it is. The identity is put together from what is
**given** (``--jenis``, ``--pemda``, ``--periode``/``--tahun``, ``--opd``, ``--opd-kode``), what is
**detected** in the workbook (the years of its header, ``Kabupaten …`` in the title rows above the
header, the Perangkat Daerah of a Renstra or a Renja from a title row ``Perangkat Daerah : [kode]
nama`` or else from the unit kerja its rows name most) and what is
**assumed** from the profile (its document kind). Given beats detected beats assumed.

Examples
--------
>>> from loaders.detect import find_table
>>> from loaders.reading import Sheet
>>> sheet = Sheet("s", [(1, ["PEMERINTAH KABUPATEN CONTOH"]),
...     (2, ["Kode", "Urusan/Bidang Urusan/Program/Kegiatan", "Indikator Kinerja", "Pagu 2026"]),
...     (3, ["1.02.02", "Program Kesehatan", "Cakupan", "1.000.000"])])
>>> found = find_table([sheet], "renja.xlsx")
>>> records, identity = read_table(found, "renja.xlsx", {"opd": "Dinkes"})
>>> records.document.id, {k: v["source"] for k, v in identity.items()}
('renja-kabupaten-contoh-dinkes-2026', {'jenis': 'assumed', 'tahun': 'detected', \
'pemda': 'detected', 'opd': 'given'})
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping

from graph.chain import Chain, load_chain
from graph.codes import bidang_of, opd_bidang
from graph.errors import LoadError
from graph.model import Document, Problem, Records
from loaders.cells import clean_text
from loaders.detect import Found
from loaders.document import PERIOD_KINDS, read_document
from loaders.records import records_from_drafts
from loaders.rows import Draft
from loaders.table import TableReader

__all__ = ["IDENTITY", "read_table", "title_opd"]

IDENTITY = ("jenis", "pemda", "periode", "tahun", "opd", "opd_kode")
_PEMDA = re.compile(
    r"(?i)\b(kabupaten|kab\.|kota|provinsi)\s+"
    r"([a-z][a-z.'-]*(?:\s+(?!tahun\b|periode\b)[a-z][a-z.'-]*){0,3}(?:\s+\d{1,3}(?![\d.,-]))?)"
)
_OPD_KODE = r"(\d{1,2}(?:\.\d{1,4}){7})"  # 1.02.0.00.0.00.01.0000
_OPD = re.compile(
    rf"(?i)^(?:perangkat\s+daerah|opd|skpd|organisasi)\s*:\s*(?:{_OPD_KODE}\s+)?(\S.*)$"
)
_CODED_OPD = re.compile(rf"^{_OPD_KODE}\s+(\S.*)$")


def read_table(
    found: Found,
    file: str,
    given: Mapping[str, str] | None = None,
    chain: Chain | None = None,
) -> tuple[Records, dict[str, dict[str, str]]]:
    """The records of the table ``found`` and the sources of its identity.

    Raises
    ------
    LoadError
        When the document cannot be named (say what is missing: ``--pemda`` …).
    """
    table = TableReader(found.profile, found.sheet, found.index, file, (given or {}).get("jenis"))
    drafts = table.drafts()
    identity = _identity(found, table, drafts, given or {})
    values = {k: v["value"] for k, v in identity.items()}
    doc, problems = read_document(values, file, found.sheet.name, {}, found.profile.part)
    if doc is None:
        raise LoadError([_with_option(p) for p in problems] + table.problems)
    _split_opd_codes(drafts)
    _instantiate_penunjang(drafts, doc)
    # every parent a table gives is above its child (or a shorter code): no cycle can form
    records = records_from_drafts(
        doc, drafts, chain or load_chain(), found.sheet.name, acyclic=True
    )
    problems = table.problems + list(records.problems)
    return Records(
        doc, records.elements, records.links, records.references, records.indicators, problems
    ), identity


def _identity(
    found: Found, table: TableReader, drafts: list[Draft], given: Mapping[str, str]
) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    if found.profile.jenis:
        out["jenis"] = {"value": found.profile.jenis, "source": "assumed"}
    jenis = given.get("jenis") or found.profile.jenis or ""
    for key, value in _detected(found, table, drafts, jenis).items():
        out[key] = {"value": value, "source": "detected"}
    for key, value in given.items():
        if value and key in IDENTITY:
            out[key] = {"value": value, "source": "given"}
    return out


def _detected(found: Found, table: TableReader, drafts: list[Draft], jenis: str) -> dict[str, str]:
    out = {}
    years = table.layout.years
    if years and jenis in PERIOD_KINDS:
        out["periode"] = f"{years[0]}-{years[-1]}" if len(years) > 1 else str(years[0])
    elif years:
        out["tahun"] = str(years[0])
    titles = [clean_text(c) for _, cells in found.sheet.rows[: found.index] for c in cells]
    match = next((m for t in titles if (m := _PEMDA.search(t))), None)
    if match:
        out["pemda"] = f"{match.group(1).title()} {match.group(2).title()}"
    if jenis in ("RENSTRA", "RENJA"):
        units = Counter(u for d in drafts for u in _texts(d.props.get("unit_kerja")))
        opd = title_opd(titles) or ({"opd": units.most_common(1)[0][0]} if units else {})
        out |= opd
    return out


def title_opd(titles: list[str]) -> dict[str, str]:
    """The Perangkat Daerah a title row names (``Perangkat Daerah : [kode] nama``, ``OPD :``,
    ``SKPD :``, ``Organisasi :``), with its 8-segment code when written before the name.

    >>> title_opd(["RENCANA KERJA", "Perangkat Daerah : 1.02.0.00.0.00.01.0000 Dinas Kesehatan"])
    {'opd': 'Dinas Kesehatan', 'opd_kode': '1.02.0.00.0.00.01.0000'}
    >>> title_opd(["OPD: Bappeda"]), title_opd(["PEMERINTAH KOTA CONTOH"])
    ({'opd': 'Bappeda'}, {})
    """
    match = next((m for t in titles if (m := _OPD.match(t))), None)
    if match is None:
        return {}
    found = {"opd": match.group(2).strip()}
    return found | ({"opd_kode": match.group(1)} if match.group(1) else {})


def _texts(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value] if isinstance(value, list) else []


def _split_opd_codes(drafts: list[Draft]) -> None:
    """A row's Perangkat Daerah written after its code (``1.02.0.00.0.00.01.0000 Dinas
    Kesehatan``) is that OPD with that code.

    >>> d = Draft(1, "program", "P", kode="1.02.02", opd="1.02.0.00.0.00.01.0000 Dinas Kesehatan")
    >>> _split_opd_codes([d]); d.opd, d.opd_kode
    ('Dinas Kesehatan', '1.02.0.00.0.00.01.0000')
    """
    for d in drafts:
        if d.opd and (match := _CODED_OPD.match(d.opd)):
            d.opd_kode, d.opd = d.opd_kode or match.group(1), match.group(2)


def _with_option(problem: Problem) -> Problem:
    key = problem.column or ""
    if key not in IDENTITY:
        return problem
    option = "--" + key.replace("_", "-")
    message = f"beri / pass {option}: tabel tidak menyebutnya / the table does not say it"
    return Problem(
        problem.file, problem.sheet, None, key, "error", f"{message} ({problem.message})"
    )


def _instantiate_penunjang(drafts: list[Draft], doc: Document) -> None:
    """``X.XX.01…`` of a known OPD becomes ``<its bidang>.01…`` (the code as written stays)."""
    generic = [d for d in drafts if d.kode and d.kode.startswith("X.XX")]
    if not generic:
        return
    own: dict[str, Counter[str]] = {}
    for d in drafts:
        if d.kode and not d.kode.startswith("X") and d.kind == "program":
            own.setdefault(d.opd or doc.opd or "", Counter())[bidang_of(d.kode)] += 1
    for d in generic:
        opd = d.opd or doc.opd
        kode_opd = d.opd_kode or (doc.opd_kode if opd == doc.opd else None)
        known = opd_bidang(kode_opd)
        bidang = known[0] if known else None
        if bidang is None and opd and own.get(opd):
            bidang = own[opd].most_common(1)[0][0]
        if bidang and opd and d.kode:
            d.kode = bidang + d.kode[4:]
            d.key = d.kode if d.key else None
