"""Short forms of OPD names as Indonesian pemda write them, read as the one name they shorten,
and the ones that must not be guessed."""

from __future__ import annotations

import pytest

from graph.opd import OpdNames, abbreviates, opd_key

FULL = [
    "Dinas Pendidikan",
    "Dinas Kesehatan",
    "Dinas Pekerjaan Umum dan Penataan Ruang",
    "Satuan Polisi Pamong Praja",
    "Badan Penanggulangan Bencana Daerah",
    "Dinas Kependudukan dan Pencatatan Sipil",
    "Dinas Komunikasi dan Informatika",
    "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
    "Dinas Perikanan",
    "Dinas Pertanian",
    "Badan Perencanaan Pembangunan Daerah",
    "Badan Pengelolaan Keuangan dan Aset Daerah",
    "Badan Pendapatan Daerah",
    "Badan Kesatuan Bangsa dan Politik",
    "Badan Perencanaan, Pembangunan, Penelitian dan Pengembangan Daerah",
    "Rumah Sakit Umum Daerah",
    "Dinas Pemberdayaan Perempuan dan Perlindungan Anak",
    "Sekretariat Daerah",
    "Sekretariat DPRD",
    "Inspektorat Daerah",
    "Dinas Pengendalian Penduduk, Keluarga Berencana, Pemberdayaan Perempuan dan Perlindungan Anak",
]
NAMES = OpdNames(FULL)


@pytest.mark.parametrize(
    ("short", "full"),
    [
        ("DISDIK", "Dinas Pendidikan"),
        ("Dinkes", "Dinas Kesehatan"),
        ("DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang"),
        ("Satpol PP", "Satuan Polisi Pamong Praja"),
        ("BPBD", "Badan Penanggulangan Bencana Daerah"),
        ("Disdukcapil", "Dinas Kependudukan dan Pencatatan Sipil"),
        ("DISKOMINFO", "Dinas Komunikasi dan Informatika"),
        ("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"),
        ("Bappeda", "Badan Perencanaan Pembangunan Daerah"),
        ("BPKAD", "Badan Pengelolaan Keuangan dan Aset Daerah"),
        ("Bapenda", "Badan Pendapatan Daerah"),
        ("Kesbangpol", "Badan Kesatuan Bangsa dan Politik"),
        ("BAPPELITBANGDA", "Badan Perencanaan, Pembangunan, Penelitian dan Pengembangan Daerah"),
        ("RSUD", "Rumah Sakit Umum Daerah"),
        ("DP3A", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak"),
        ("SETDA", "Sekretariat Daerah"),
        ("Setwan", "Sekretariat DPRD"),
        ("ITDA", "Inspektorat Daerah"),
        (
            "DP2KBP3A",
            "Dinas Pengendalian Penduduk, Keluarga Berencana, Pemberdayaan Perempuan dan "
            "Perlindungan Anak",
        ),
    ],
)
def test_a_short_form_takes_the_key_of_the_name_it_shortens(short: str, full: str) -> None:
    assert NAMES.key(short) == opd_key(full)
    assert short in OpdNames([*FULL, short]).spellings(full)


@pytest.mark.parametrize(
    ("short", "why"),
    [
        ("DISKAN", "Dinas Perikanan or the -kan of Dinas Pendidikan"),
        ("DISTAN", "Dinas Pertanian or the -tan of Dinas Kesehatan"),
        ("Dinas PUPR", "shares the word dinas with its name"),
        ("PP", "two letters"),
        ("Bappeda Kota", "a word (kota) no name has"),
    ],
)
def test_a_short_form_that_is_not_clear_keeps_its_own_key(short: str, why: str) -> None:
    assert NAMES.key(short) == opd_key(short), why


def test_a_full_name_is_never_read_as_a_short_form() -> None:
    longer = "Dinas Kesehatan, Pengendalian Penduduk dan Keluarga Berencana"
    assert not abbreviates(opd_key("Dinas Kesehatan"), opd_key(longer))
    names = OpdNames(["Dinas Kesehatan", longer])
    assert names.key("Dinas Kesehatan") != names.key(longer)
    assert names.short_for == {} and names.ambiguous == {}
