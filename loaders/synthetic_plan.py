"""One synthetic pemda as a plan: its OPDs and their programs down to sub kegiatan, with pagu.

:func:`plan_pemda` draws everything from one seeded ``random.Random``; the plants (findings put
in on purpose) are drawn by :mod:`loaders.synthetic_plants` afterwards.

Examples
--------
>>> import random
>>> from loaders.synthetic_catalogue import builtin_catalogue
>>> pemda = plan_pemda("Kab. Uji", random.Random(1), builtin_catalogue(), (2025, 2029), 2026)
>>> pemda.opds[0].nama, pemda.opds[0].kode, pemda.opds[0].programs[0].kode
('Dinas Pendidikan', '1.01.0.00.0.00.01.0000', '1.01.01')
>>> keg = pemda.opds[0].programs[0].kegiatan[0]
>>> keg.pagu(2026) == sum(s.pagu[2026] for s in keg.subs)
True
"""

from __future__ import annotations

import itertools
import random
from collections import Counter
from dataclasses import dataclass, field

from graph.codes import is_penunjang
from loaders.synthetic_catalogue import PENUNJANG, Catalogue, Item
from loaders.synthetic_text import (
    BIDANG_SASARAN,
    DINAS,
    GOVERNANCE,
    KECAMATAN_HEADS,
    KECAMATAN_TAILS,
    MISI,
    Dinas,
)

__all__ = ["Keg", "Opd", "Orphan", "Pemda", "Prog", "Sub", "plan_pemda", "sasaran_refs"]

SATUAN = ("Dokumen", "Laporan", "Kegiatan", "Orang", "Unit", "Paket")
SUMBER_DANA = ("DAU", "DAU", "DAK", "PAD", "DBH")
PENUNJANG_NAMA = "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"
GAJI = ".2.02.0001"  # Penyediaan Gaji dan Tunjangan ASN: the largest line of every OPD


@dataclass
class Sub:
    """A sub kegiatan with its yearly target (a count) and pagu per year of the period."""

    kode: str
    nama: str
    satuan: str
    target: int
    pagu: dict[int, int]
    lokasi: str
    sumber_dana: str


@dataclass
class Keg:
    """A kegiatan; ``selisih`` is a planted difference of its Renja pagu from its sub kegiatan."""

    kode: str
    nama: str
    subs: list[Sub]
    selisih: int = 0

    def pagu(self, year: int, renja: bool = False) -> int:
        """Σ sub kegiatan of ``year``, plus the planted difference in the Renja."""
        return sum(s.pagu[year] for s in self.subs) + (self.selisih if renja else 0)


@dataclass
class Prog:
    """A program of one OPD, under one RPJMD sasaran (``ref``)."""

    kode: str
    nama: str
    kegiatan: list[Keg]
    awal: int
    sasaran: str = GOVERNANCE

    def pagu(self, year: int, renja: bool = False) -> int:
        """Σ kegiatan of ``year``."""
        return sum(k.pagu(year, renja) for k in self.kegiatan)


@dataclass
class Orphan:
    """Renja rows cut off on purpose: a kegiatan (with ``row``) whose program is absent, or
    (without) sub kegiatan whose kegiatan row is absent."""

    kegiatan: Keg
    row: bool


@dataclass
class Opd:
    """A Perangkat Daerah: its 8-segment code, its bidang and programs (penunjang first)."""

    nama: str
    kode: str
    bidang: tuple[str, ...]
    kecamatan: bool = False
    programs: list[Prog] = field(default_factory=list)
    orphans: list[Orphan] = field(default_factory=list)


@dataclass
class Pemda:
    """A pemda's whole plan, with what was planted in it."""

    nama: str
    periode: tuple[int, int]
    tahun: int
    opds: list[Opd]
    unsupported: list[str] = field(default_factory=list)
    duplicates: list[tuple[Opd, Opd, str]] = field(default_factory=list)

    @property
    def years(self) -> range:
        """The years of the period."""
        return range(self.periode[0], self.periode[1] + 1)


def sasaran_refs() -> list[str]:
    """Every RPJMD sasaran ref, in order: ``S1.1.1`` …"""
    return [
        f"S{i}.{j}.{k}"
        for i, misi in enumerate(MISI, 1)
        for j, tujuan in enumerate(misi.tujuan, 1)
        for k in range(1, len(tujuan.sasaran) + 1)
    ]


def plan_pemda(
    nama: str,
    rng: random.Random,
    catalogue: Catalogue,
    periode: tuple[int, int],
    tahun: int,
    unsupported: int = 0,
) -> Pemda:
    """A pemda of about 40 OPD (half kecamatan), with ``unsupported`` sasaran left empty."""
    pemda = Pemda(nama, periode, tahun, _roster(rng, catalogue))
    candidates = [s for s in sasaran_refs() if s != GOVERNANCE]
    pemda.unsupported = sorted(rng.sample(candidates, min(unsupported, len(candidates) - 5)))
    places = [o.nama for o in pemda.opds if o.kecamatan] or [nama]
    for opd in pemda.opds:
        where = [opd.nama] if opd.kecamatan else [nama, *places]
        opd.programs = _programs(opd, rng, catalogue, pemda.years, where)
    _assign_sasaran(pemda, rng)
    return pemda


def _roster(rng: random.Random, catalogue: Catalogue) -> list[Opd]:
    usable = [d for d in DINAS if any(catalogue.programs(b) for b in d.bidang)]
    core = [d for d in usable if d.core]
    rest = [d for d in usable if not d.core]
    chosen = set(rng.sample(rest, min(len(rest), max(0, rng.randint(18, 22) - len(core)))))
    dinas = [_dinas(d) for d in usable if d.core or d in chosen]
    if not catalogue.programs("7.01"):
        return dinas
    names = _kecamatan_names(rng, rng.randint(18, 22))
    return dinas + [
        Opd(n, f"7.01.0.00.0.00.{i:02d}.0000", ("7.01",), kecamatan=True)
        for i, n in enumerate(names, 1)
    ]


def _dinas(d: Dinas) -> Opd:
    pairs = [b.split(".") for b in d.bidang[:3]] + [["0", "00"]] * (3 - len(d.bidang[:3]))
    return Opd(d.nama, ".".join(f"{u}.{b}" for u, b in pairs) + ".01.0000", d.bidang)


def _kecamatan_names(rng: random.Random, n: int) -> list[str]:
    names = [
        f"Kecamatan {h}{t.capitalize() if h.endswith(' ') else t}"
        for h, t in itertools.product(KECAMATAN_HEADS, KECAMATAN_TAILS)
    ]
    return rng.sample(names, n)


def _programs(
    opd: Opd, rng: random.Random, catalogue: Catalogue, years: range, where: list[str]
) -> list[Prog]:
    own = [p for b in opd.bidang for p in catalogue.programs(b)]
    wanted = rng.randint(2, 4) if opd.kecamatan else rng.randint(4, 6)
    picked = pick_programs(own, wanted, rng, catalogue)
    penunjang = _penunjang(opd, rng, catalogue, years, where)
    return [penunjang] + [program(p, rng, catalogue, years, where) for p in picked]


def pick_programs(
    candidates: list[Item], wanted: int, rng: random.Random, catalogue: Catalogue
) -> list[Item]:
    """Up to ``wanted`` programs, no two of them names the loader would call near-identical."""
    picked: list[Item] = []
    for item in rng.sample(candidates, len(candidates)):
        clash = catalogue.confusable.get(item.kode, frozenset())
        if len(picked) < wanted and not any(p.kode in clash for p in picked):
            picked.append(item)
    return sorted(picked, key=lambda p: p.kode)


def program(
    item: Item, rng: random.Random, catalogue: Catalogue, years: range, where: list[str]
) -> Prog:
    """A program with 1-4 of its kegiatan, each with 1-4 sub kegiatan."""
    options = catalogue.kegiatan(item.kode)
    chosen = sorted(rng.sample(options, min(len(options), rng.randint(1, 4))), key=_kode)
    kegs = [kegiatan(k, rng, catalogue, years, where, 4) for k in chosen]
    return Prog(item.kode, item.nama, kegs, rng.randint(55, 85))


def kegiatan(
    item: Item,
    rng: random.Random,
    catalogue: Catalogue,
    years: range,
    where: list[str],
    most: int,
    prefix: str | None = None,
) -> Keg:
    """A kegiatan with 1 to ``most`` of its sub kegiatan (codes under ``prefix`` if given)."""
    options = catalogue.subs(item.kode)
    chosen = sorted(rng.sample(options, min(len(options), rng.randint(1, most))), key=_kode)
    if prefix and options[0] not in chosen and item.kode.endswith((".2.01", ".2.02")):
        chosen = [options[0], *chosen[:-1]]  # planning and salaries: every OPD has them
    kode = _instance(item.kode, prefix)
    subs = [_sub(s, _instance(s.kode, prefix), rng, years, where) for s in chosen]
    return Keg(kode, item.nama, subs)


def _penunjang(
    opd: Opd, rng: random.Random, catalogue: Catalogue, years: range, where: list[str]
) -> Prog:
    options = catalogue.kegiatan(PENUNJANG)
    fixed = [k for k in options if k.kode.endswith((".2.01", ".2.02"))]
    rest = [k for k in options if k not in fixed]
    chosen = fixed + rng.sample(rest, min(len(rest), rng.randint(1, 3)))
    items = sorted(chosen, key=_kode)
    head = opd.bidang[0]
    kegs = [kegiatan(k, rng, catalogue, years, where, 3, head) for k in items]
    return Prog(f"{head}.01", PENUNJANG_NAMA, kegs, rng.randint(85, 95))


def _instance(kode: str, bidang: str | None) -> str:
    """``X.XX.01.2.01`` as one OPD writes it: ``1.02.01.2.01``."""
    return kode.replace("X.XX", bidang, 1) if bidang and kode.startswith("X.XX") else kode


def _sub(item: Item, kode: str, rng: random.Random, years: range, where: list[str]) -> Sub:
    low, high = (1_500_000, 8_000_000) if kode.endswith(GAJI) else (25_000, 900_000)
    base, growth = rng.randrange(low, high) * 1000, 1 + rng.randint(2, 6) / 100
    pagu = {y: round(base * growth**i / 1000) * 1000 for i, y in enumerate(years)}
    satuan = "Orang/bulan" if kode.endswith(GAJI) else rng.choice(SATUAN)
    target = rng.randint(20, 400) if kode.endswith(GAJI) else rng.randint(1, 24)
    return Sub(kode, item.nama, satuan, target, pagu, rng.choice(where), rng.choice(SUMBER_DANA))


def _kode(item: Item) -> str:
    return item.kode


def _assign_sasaran(pemda: Pemda, rng: random.Random) -> None:
    """Each non-penunjang program under a sasaran of its bidang (the same for one code), then
    every sasaran not left empty on purpose given at least one program."""
    open_ = [s for s in sasaran_refs() if s not in pemda.unsupported]
    by_code: dict[str, str] = {}
    rows = [p for o in pemda.opds for p in o.programs if not is_penunjang(p.kode)]
    for p in rows:
        if p.kode not in by_code:
            fits = [s for s in BIDANG_SASARAN.get(p.kode[:4], ()) if s in open_]
            by_code[p.kode] = rng.choice(fits or _same_misi(p.kode, open_))
        p.sasaran = by_code[p.kode]
    _cover(rows, [s for s in open_ if s != GOVERNANCE])


def _same_misi(kode: str, open_: list[str]) -> list[str]:
    misi = {s.split(".")[0] for s in BIDANG_SASARAN.get(kode[:4], ())}
    return [s for s in open_ if s.split(".")[0] in misi] or [GOVERNANCE]


def _cover(rows: list[Prog], needed: list[str]) -> None:
    """Move programs from the fullest sasaran to each sasaran that has none."""
    count = Counter(p.sasaran for p in rows)
    for s in needed:
        if count[s] == 0:
            fullest = max(count, key=lambda k: (count[k], k))
            if count[fullest] < 2:
                return
            moved = [p for p in rows if p.sasaran == fullest][-1]
            moved.sasaran = s
            count[fullest] -= 1
            count[s] += 1
