"""The nomenclature synthetic plans draw from: the official kab/kota list, or a small built-in one.

The official list (``../shared/data/nomenklatur_kabkota.csv``, Kepmendagri 050-3708/2020) is
read with the standard library when it is there; rows marked retired (``aktif=0``) or only valid
for Aceh, DIY or Papua (a ``penanda_catatan``) are left out. Without it, a few bidang written
here stand in.

Examples
--------
>>> cat = builtin_catalogue()
>>> [p.kode for p in cat.programs("1.02")]
['1.02.02', '1.02.05']
>>> cat.kegiatan("1.02.02")[0].nama
'Penyediaan Fasilitas Pelayanan Kesehatan untuk UKM dan UKP Kewenangan Kabupaten/Kota'
>>> [s.kode for s in cat.subs("X.XX.01.2.02")][:2]
['X.XX.01.2.02.0001', 'X.XX.01.2.02.0003']
>>> official_catalogue(None) is None
True
"""

from __future__ import annotations

import csv
import itertools
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

from graph.codes import is_penunjang, parent_kode
from loaders.similar import THRESHOLD, normalised_name

__all__ = [
    "NOMENCLATURE",
    "PENUNJANG",
    "Catalogue",
    "Item",
    "builtin_catalogue",
    "load_catalogue",
    "official_catalogue",
]

NOMENCLATURE = Path(__file__).resolve().parents[2] / "shared" / "data" / "nomenklatur_kabkota.csv"
PENUNJANG = "X.XX.01"
LEVELS = ("program", "kegiatan", "sub_kegiatan")


@dataclass(frozen=True)
class Item:
    """One nomenclature entry: a program, kegiatan or sub kegiatan."""

    kode: str
    nama: str


@dataclass(frozen=True)
class Catalogue:
    """Programs per bidang, kegiatan per program, sub kegiatan per kegiatan.

    Only entries with something below them are kept (a program with kegiatan that have sub
    kegiatan), so any program picked can be planned down to its sub kegiatan.
    """

    children: Mapping[str, tuple[Item, ...]]
    confusable: Mapping[str, frozenset[str]]
    source: str

    def programs(self, bidang: str) -> tuple[Item, ...]:
        """The non-penunjang programs of a bidang (``1.02``)."""
        return tuple(p for p in self.children.get(bidang, ()) if not is_penunjang(p.kode))

    def kegiatan(self, program: str) -> tuple[Item, ...]:
        """The kegiatan of a program code (``X.XX.01`` for the program penunjang)."""
        return self.children.get(program, ())

    def subs(self, kegiatan: str) -> tuple[Item, ...]:
        """The sub kegiatan of a kegiatan code."""
        return self.children.get(kegiatan, ())


def load_catalogue(path: Path | None = NOMENCLATURE) -> Catalogue:
    """The official list at ``path`` when it is there, else the built-in one."""
    return official_catalogue(path) or builtin_catalogue()


def official_catalogue(path: Path | None) -> Catalogue | None:
    """The catalogue of an official nomenclature CSV, or None when there is no such file."""
    if path is None or not path.is_file():
        return None
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = [
            (r["kode"], r["nama"], r.get("parent_kode") or "")
            for r in csv.DictReader(handle)
            if r.get("level") in LEVELS
            and r.get("aktif", "1") == "1"
            and not (r.get("penanda_catatan") or "").strip()
        ]
    return _catalogue(rows, path.name)


def builtin_catalogue() -> Catalogue:
    """A few bidang (pendidikan, kesehatan, PU, perencanaan, kecamatan) and the penunjang."""
    rows = []
    for line in BUILTIN.strip().splitlines():
        kode, nama = (part.strip() for part in line.split("|"))
        rows.append((kode, nama, _parent(kode)))
    return _catalogue(rows, "built-in")


def _parent(kode: str) -> str:
    return parent_kode(kode) or ".".join(kode.split(".")[:2])


def _catalogue(rows: Iterable[tuple[str, str, str]], source: str) -> Catalogue:
    below: dict[str, list[Item]] = defaultdict(list)
    seen: set[str] = set()
    for kode, nama, parent in rows:
        if kode not in seen:
            seen.add(kode)
            below[parent or _parent(kode)].append(Item(kode, " ".join(nama.split())))
    children = {k: tuple(v) for k, v in below.items()}
    children = _with_descendants(children)
    programs = [p for k, items in children.items() if len(k.split(".")) == 2 for p in items]
    return Catalogue(children, _confusable(programs), source)


def _with_descendants(children: Mapping[str, tuple[Item, ...]]) -> dict[str, tuple[Item, ...]]:
    """Kegiatan without sub kegiatan and programs without such kegiatan left out."""
    kept = {k: v for k, v in children.items() if len(k.split(".")) == 5}
    for depth in (3, 2):
        for parent, items in children.items():
            if len(parent.split(".")) == depth:
                useful = tuple(i for i in items if kept.get(i.kode))
                if useful:
                    kept[parent] = useful
    return kept


def _confusable(programs: list[Item]) -> dict[str, frozenset[str]]:
    """Program codes whose names the loader would flag as near-identical (``mirip``)."""
    names = {p.kode: normalised_name(p.nama) for p in programs}
    pairs: dict[str, set[str]] = defaultdict(set)
    for a, b in itertools.combinations(sorted(names), 2):
        if fuzz.ratio(names[a], names[b]) >= THRESHOLD:
            pairs[a].add(b)
            pairs[b].add(a)
    return {k: frozenset(v) for k, v in pairs.items()}


BUILTIN = """
1.01.02 | PROGRAM PENGELOLAAN PENDIDIKAN
1.01.02.2.01 | Pengelolaan Pendidikan Sekolah Dasar
1.01.02.2.01.0001 | Pembangunan Unit Sekolah Baru (USB)
1.01.02.2.01.0002 | Penambahan Ruang Kelas Baru
1.01.02.2.01.0003 | Pembangunan Ruang Guru/Kepala Sekolah/TU
1.01.02.2.02 | Pengelolaan Pendidikan Sekolah Menengah Pertama
1.01.02.2.02.0001 | Pembangunan Unit Sekolah Baru (USB)
1.01.02.2.02.0002 | Penambahan Ruang Kelas Baru
1.01.02.2.03 | Pengelolaan Pendidikan Anak Usia Dini (PAUD)
1.01.02.2.03.0001 | Pembangunan Gedung PAUD
1.01.04 | PROGRAM PENDIDIK DAN TENAGA KEPENDIDIKAN
1.01.04.2.01 | Pemerataan Kuantitas dan Kualitas Pendidik dan Tenaga Kependidikan
1.01.04.2.01.0001 | Perhitungan dan Pemetaan Pendidik dan Tenaga Kependidikan
1.01.04.2.01.0002 | Penataan Pendistribusian Pendidik dan Tenaga Kependidikan
1.02.02 | PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN MASYARAKAT
1.02.02.2.01 | Penyediaan Fasilitas Pelayanan Kesehatan untuk UKM dan UKP Kewenangan Kabupaten/Kota
1.02.02.2.01.0001 | Pembangunan Rumah Sakit beserta Sarana dan Prasarana Pendukungnya
1.02.02.2.01.0002 | Pembangunan Puskesmas
1.02.02.2.02 | Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan Tingkat Daerah Kabupaten/Kota
1.02.02.2.02.0001 | Pengelolaan Pelayanan Kesehatan Ibu Hamil
1.02.02.2.02.0002 | Pengelolaan Pelayanan Kesehatan Ibu Bersalin
1.02.05 | PROGRAM PEMBERDAYAAN MASYARAKAT BIDANG KESEHATAN
1.02.05.2.01 | Advokasi, Pemberdayaan, Kemitraan dan Peran Serta Masyarakat Bidang Kesehatan
1.02.05.2.01.0001 | Peningkatan Upaya Advokasi Kesehatan dan Pemberdayaan Masyarakat
1.03.03 | PROGRAM PENGELOLAAN DAN PENGEMBANGAN SISTEM PENYEDIAAN AIR MINUM
1.03.03.2.01 | Pengelolaan dan Pengembangan Sistem Penyediaan Air Minum di Daerah Kabupaten/Kota
1.03.03.2.01.0001 | Pembangunan SPAM Jaringan Perpipaan di Kawasan Perkotaan
1.03.03.2.01.0002 | Pembangunan SPAM Jaringan Perpipaan di Kawasan Perdesaan
1.03.10 | PROGRAM PENYELENGGARAAN JALAN
1.03.10.2.01 | Penyelenggaraan Jalan Kabupaten/Kota
1.03.10.2.01.0001 | Pembangunan Jalan
1.03.10.2.01.0002 | Pembangunan Jembatan
1.03.10.2.01.0003 | Rehabilitasi Jalan
5.01.02 | PROGRAM PERENCANAAN, PENGENDALIAN DAN EVALUASI PEMBANGUNAN DAERAH
5.01.02.2.01 | Penyusunan Perencanaan dan Pendanaan
5.01.02.2.01.0001 | Analisis Data dan Informasi Perencanaan Pembangunan Daerah
5.01.02.2.01.0002 | Penyusunan Dokumen Perencanaan Pembangunan Daerah
5.01.03 | PROGRAM KOORDINASI DAN SINKRONISASI PERENCANAAN PEMBANGUNAN DAERAH
5.01.03.2.01 | Koordinasi Perencanaan Bidang Pemerintahan dan Pembangunan Manusia
5.01.03.2.01.0001 | Koordinasi dan Sinkronisasi Perencanaan Bidang Pemerintahan
7.01.02 | PROGRAM PENYELENGGARAAN PEMERINTAHAN DAN PELAYANAN PUBLIK
7.01.02.2.01 | Koordinasi Penyelenggaraan Kegiatan Pemerintahan di Tingkat Kecamatan
7.01.02.2.01.0001 | Koordinasi/Sinergi Perencanaan dan Pelaksanaan Kegiatan Pemerintahan
7.01.02.2.01.0002 | Peningkatan Efektifitas Kegiatan Pemerintahan di Tingkat Kecamatan
7.01.02.2.02 | Penyelenggaraan Urusan Pemerintahan yang tidak Dilaksanakan Unit Kerja di Kecamatan
7.01.02.2.02.0001 | Perencanaan Kegiatan Pelayanan Kepada Masyarakat di Kecamatan
7.01.03 | PROGRAM PEMBERDAYAAN MASYARAKAT DESA DAN KELURAHAN
7.01.03.2.01 | Koordinasi Kegiatan Pemberdayaan Desa
7.01.03.2.01.0001 | Peningkatan Partisipasi Masyarakat dalam Musrenbang Desa
7.01.03.2.02 | Kegiatan Pemberdayaan Kelurahan
7.01.03.2.02.0001 | Pembangunan Sarana dan Prasarana Kelurahan
7.01.04 | PROGRAM KOORDINASI KETENTRAMAN DAN KETERTIBAN UMUM
7.01.04.2.01 | Koordinasi Upaya Penyelenggaraan Ketenteraman dan Ketertiban Umum
7.01.04.2.01.0001 | Harmonisasi Hubungan dengan Tokoh Agama dan Tokoh Masyarakat
X.XX.01 | PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA
X.XX.01.2.01 | Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah
X.XX.01.2.01.0001 | Penyusunan Dokumen Perencanaan Perangkat Daerah
X.XX.01.2.01.0006 | Penyusunan Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD
X.XX.01.2.01.0007 | Evaluasi Kinerja Perangkat Daerah
X.XX.01.2.02 | Administrasi Keuangan Perangkat Daerah
X.XX.01.2.02.0001 | Penyediaan Gaji dan Tunjangan ASN
X.XX.01.2.02.0003 | Pelaksanaan Penatausahaan dan Pengujian/Verifikasi Keuangan SKPD
X.XX.01.2.02.0004 | Koordinasi dan Pelaksanaan Akuntansi SKPD
X.XX.01.2.06 | Administrasi Umum Perangkat Daerah
X.XX.01.2.06.0001 | Penyediaan Komponen Instalasi Listrik/Penerangan Bangunan Kantor
X.XX.01.2.06.0002 | Penyediaan Peralatan dan Perlengkapan Kantor
X.XX.01.2.08 | Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah
X.XX.01.2.08.0001 | Penyediaan Jasa Surat Menyurat
X.XX.01.2.08.0002 | Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik
"""
