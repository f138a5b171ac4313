"""Findings planted on purpose in a synthetic pemda, at known rates, and their element ids.

Each plant is what one canned check must report, and nothing else may be:

- ``orphaned_activities``: a Renja sub kegiatan whose kegiatan row is absent (``direct``), or a
  Renja kegiatan whose program is absent (itself ``direct``, its sub kegiatan ``inherited``);
  their codes are nowhere else in the OPD's plans, so no code link saves them;
- ``unsupported_priorities``: an RPJMD sasaran with no program, Renstra sasaran or prioritas;
- ``duplicated_programs``: a program of one OPD also run by an OPD outside its bidang, in every
  document (``bidang_lain``: both OPDs' program in the RPJMD, Renstra, RKPD and Renja);
- ``pagu_mismatches``: a Renja kegiatan whose pagu differs from the sum of its sub kegiatan
  (the program still equals the sum of its kegiatan).

Examples
--------
>>> import random
>>> planted_count(0.01, 200, random.Random(1)), planted_count(0.0, 250, random.Random(1))
(2, 0)
>>> sorted({planted_count(0.01, 250, random.Random(seed)) for seed in range(20)})
[2, 3]
>>> Rates().pagu_mismatch
0.01
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from graph.codes import bidang_of, is_penunjang
from graph.ids import document_id, element_id, slug
from loaders.synthetic_catalogue import Catalogue, Item
from loaders.synthetic_plan import Keg, Opd, Orphan, Pemda, kegiatan, program

__all__ = ["Planted", "Rates", "document_of", "plant", "planted_count", "planted_findings"]


@dataclass(frozen=True)
class Rates:
    """How often each finding is planted, as a fraction of what it is drawn from."""

    orphan_sub_kegiatan: float = 0.01  # of Renja sub kegiatan
    orphan_kegiatan: float = 0.01  # of Renja kegiatan
    unsupported_sasaran: float = 0.01  # of RPJMD sasaran
    duplicated_program: float = 0.01  # of OPD programs (not penunjang)
    pagu_mismatch: float = 0.01  # of Renja kegiatan


@dataclass(frozen=True, order=True)
class Planted:
    """One planted finding: the check that must report it and the element it must name."""

    check: str
    id: str
    pemda: str
    detail: str


def planted_count(rate: float, population: int, rng: random.Random) -> int:
    """``rate × population`` as a whole number: the fraction left decides by a draw."""
    expected = rate * population
    whole = int(expected)
    return whole + (rng.random() < expected - whole)


def plant(pemda: Pemda, rng: random.Random, catalogue: Catalogue, rates: Rates) -> None:
    """Put duplicated programs, pagu mismatches and Renja orphans into the plan."""
    owned = [p for o in pemda.opds for p in o.programs if not is_penunjang(p.kode)]
    _duplicates(pemda, rng, catalogue, planted_count(rates.duplicated_program, len(owned), rng))
    kegs = [k for o in pemda.opds for p in o.programs for k in p.kegiatan]
    subs = sum(len(k.subs) for k in kegs)
    _mismatches(pemda, rng, kegs, planted_count(rates.pagu_mismatch, len(kegs), rng))
    spare = {o.nama: _spare(o, catalogue) for o in pemda.opds}
    for _ in range(planted_count(rates.orphan_kegiatan, len(kegs), rng)):
        _orphan(pemda, rng, catalogue, spare, True)
    for _ in range(planted_count(rates.orphan_sub_kegiatan, subs, rng)):
        _orphan(pemda, rng, catalogue, spare, False)


def _duplicates(pemda: Pemda, rng: random.Random, catalogue: Catalogue, count: int) -> None:
    for _ in range(count):
        runs = {p.kode: 0 for o in pemda.opds for p in o.programs}
        for o in pemda.opds:
            for p in o.programs:
                runs[p.kode] += 1
        owners = [
            (o, p)
            for o in pemda.opds
            if not o.kecamatan
            for p in o.programs
            if not is_penunjang(p.kode) and runs[p.kode] == 1
        ]
        if not owners:
            return
        owner, prog = rng.choice(owners)
        intruders = [o for o in pemda.opds if o is not owner and _may_run(o, prog.kode, catalogue)]
        if intruders:
            intruder = rng.choice(intruders)
            where = [intruder.nama] if intruder.kecamatan else [pemda.nama]
            copy = program(Item(prog.kode, prog.nama), rng, catalogue, pemda.years, where)
            copy.sasaran = prog.sasaran
            intruder.programs = sorted([*intruder.programs, copy], key=_program_order)
            pemda.duplicates.append((owner, intruder, prog.kode))


def _may_run(opd: Opd, kode: str, catalogue: Catalogue) -> bool:
    """True when ``opd`` may take ``kode`` as a duplicate: outside its bidang, new to it, and
    named unlike its own programs."""
    clash = catalogue.confusable.get(kode, frozenset())
    mine = {p.kode for p in opd.programs}
    return bidang_of(kode) not in opd.bidang and kode not in mine and not mine & clash


def _program_order(p: object) -> tuple[bool, str]:
    kode = str(getattr(p, "kode", ""))
    return (not is_penunjang(kode), kode)


def _mismatches(pemda: Pemda, rng: random.Random, kegs: list[Keg], count: int) -> None:
    for k in rng.sample(kegs, min(count, len(kegs))):
        total = k.pagu(pemda.tahun)
        size = max(1000, round(total * rng.uniform(0.05, 0.25) / 1000) * 1000)
        k.selisih = size if total - size <= 0 else rng.choice((-1, 1)) * size


def _spare(opd: Opd, catalogue: Catalogue) -> list[tuple[str, Item]]:
    """(program code, kegiatan) of the OPD's bidang that none of its plans holds."""
    used = {k.kode for p in opd.programs for k in p.kegiatan}
    return [
        (p.kode, k)
        for b in opd.bidang
        for p in catalogue.programs(b)
        for k in catalogue.kegiatan(p.kode)
        if k.kode not in used
    ]


def _orphan(
    pemda: Pemda,
    rng: random.Random,
    catalogue: Catalogue,
    spare: dict[str, list[tuple[str, Item]]],
    row: bool,
) -> None:
    """One Renja kegiatan with no program (``row``), or one sub kegiatan with no kegiatan."""
    choices = [
        (o, item)
        for o in pemda.opds
        for program_kode, item in spare[o.nama]
        if not row or program_kode not in {p.kode for p in o.programs}
    ]
    if not choices:
        return
    opd, item = rng.choice(choices)
    spare[opd.nama] = [(p, k) for p, k in spare[opd.nama] if k.kode != item.kode]
    where = [opd.nama] if opd.kecamatan else [pemda.nama]
    keg = kegiatan(item, rng, catalogue, pemda.years, where, 2 if row else 1)
    opd.orphans.append(Orphan(keg, row))


def document_of(pemda: Pemda, jenis: str, opd: Opd | None = None) -> str:
    """The id of one of the pemda's documents, as the loader derives it."""
    awal, akhir = (pemda.tahun, pemda.tahun) if jenis in ("RKPD", "RENJA") else pemda.periode
    return document_id(jenis, pemda.nama, awal, akhir, opd.nama if opd else None)


def planted_findings(pemda: Pemda) -> list[Planted]:
    """Every finding planted in the pemda, by check and element id."""

    def found(check: str, doc: str, kind: str, key: str, detail: str) -> Planted:
        return Planted(check, element_id(doc, kind, key), pemda.nama, detail)

    rpjmd = document_of(pemda, "RPJMD")
    out = [
        found("unsupported_priorities", rpjmd, "sasaran", s, "sasaran") for s in pemda.unsupported
    ]
    for owner, intruder, kode in pemda.duplicates:
        for opd in (owner, intruder):
            for jenis in ("RPJMD", "RKPD"):
                key = f"{slug(opd.nama)}/{kode}"
                out.append(
                    found(
                        "duplicated_programs",
                        document_of(pemda, jenis),
                        "program",
                        key,
                        "bidang_lain",
                    )
                )
            for jenis in ("RENSTRA", "RENJA"):
                doc = document_of(pemda, jenis, opd)
                out.append(found("duplicated_programs", doc, "program", kode, "bidang_lain"))
    for opd in pemda.opds:
        renja = document_of(pemda, "RENJA", opd)
        out += [
            found("pagu_mismatches", renja, "kegiatan", k.kode, "rincian")
            for p in opd.programs
            for k in p.kegiatan
            if k.selisih
        ]
        out += [p for o in opd.orphans for p in _orphan_findings(o, renja, pemda.nama)]
    return sorted(set(out))


def _orphan_findings(orphan: Orphan, renja: str, pemda: str) -> list[Planted]:
    check = "orphaned_activities"
    keg = orphan.kegiatan
    subs = [
        Planted(
            check,
            element_id(renja, "sub_kegiatan", s.kode),
            pemda,
            "inherited" if orphan.row else "direct",
        )
        for s in keg.subs
    ]
    if orphan.row:
        subs.append(Planted(check, element_id(renja, "kegiatan", keg.kode), pemda, "direct"))
    return subs
