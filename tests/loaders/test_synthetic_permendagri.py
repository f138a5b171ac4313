"""Synthetic plans written as the forms planners print (``--layout permendagri``): every file
loads with no options under its intended profile, into the same elements as the Selaras layout,
and the checks report exactly the planted findings."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from api.cli import main
from api.loading import read_files
from graph.embedded import EmbeddedStore
from graph.model import Records
from loaders import load_workbook
from loaders.records import Loaded
from loaders.synthetic import CHECKS, LAYOUTS, Manifest, Rates, generate, verify, write_plans
from queries import CATALOGUE, run_query
from tests.loaders.tables import write_xlsx

SEED = 5
# High enough that one pemda holds plants of every kind.
RATES = Rates(0.02, 0.02, 0.12, 0.03, 0.02)
PROFILES = {"RPJMD": "rpjmd-matriks", "RENSTRA": "renstra-tc27", "RKPD": "rkpd", "RENJA": "renja"}
# The RPJMD matrix has no visi level: the visi is a title row (loaders/synthetic_permendagri.py).
NOT_IN_FORMS = {("RPJMD", "visi")}


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[list[Records], Path]]:
    plans = generate(1, SEED, rates=RATES)
    out: dict[str, tuple[list[Records], Path]] = {}
    for layout in LAYOUTS:
        folder = tmp_path_factory.mktemp(layout)
        fmt = "xlsx" if layout == "permendagri" else "csv"
        write_plans([plans], folder, fmt, LAYOUTS[layout])
        out[layout] = (read_files(sorted(folder.glob(f"*/*.{fmt}"))), folder)
    return out


def counts(records: list[Records]) -> Counter[tuple[str, str]]:
    return Counter((r.document.jenis, e.kind) for r in records for e in r.elements)


def test_every_form_is_read_with_its_profile(loaded: dict) -> None:
    records, _ = loaded["permendagri"]
    assert len(records) > 40
    for r in records:
        assert isinstance(r, Loaded)
        assert r.profile == PROFILES[r.document.jenis], r.document.src_file
        assert not [p for p in r.problems if p.severity == "error"], r.document.src_file
        assert r.identity["pemda"] == {"value": "Kab. Sintetis 001", "source": "detected"}
        if r.document.jenis in ("RENSTRA", "RENJA"):
            assert r.identity["opd_kode"]["source"] == "detected"


def test_the_forms_hold_the_elements_of_the_selaras_layout(loaded: dict) -> None:
    forms, selaras = counts(loaded["permendagri"][0]), counts(loaded["selaras"][0])
    assert {k: v for k, v in selaras.items() if k not in NOT_IN_FORMS} == forms
    ids = {r.document.id for r in loaded["selaras"][0]}
    assert ids == {r.document.id for r in loaded["permendagri"][0]}


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_planted_findings_are_what_the_checks_report(
    loaded: dict, layout: str, tmp_path: Path
) -> None:
    records, folder = loaded[layout]
    manifest = Manifest.from_dict(json.loads((folder / "manifest.json").read_text("utf-8")))
    checks = [c for c in CHECKS if c in CATALOGUE]
    with EmbeddedStore(str(tmp_path / f"{layout}.db")) as store:
        store.replace_documents(records)
        results = {c: run_query(store, c).rows for c in checks}
    assert verify(manifest, results) == (set(), set())
    assert {f.check for f in manifest.findings} == set(checks)


def test_cli_generate_permendagri_layout(tmp_path: Path) -> None:
    out = tmp_path / "cetak"
    args = ["generate", "--seed", "2", "--out", str(out), "--layout", "permendagri"]
    result = CliRunner().invoke(main, [*args, "--format", "xlsx"])
    assert result.exit_code == 0, result.output
    names = {f.name for f in (out / "kab-sintetis-001").glob("*.xlsx")}
    assert {"rpjmd.xlsx", "rkpd_2026.xlsx"} <= names and len(names) > 40
    assert (out / "manifest.json").is_file()
    helped = CliRunner().invoke(main, ["generate", "--help"])
    assert "--layout [selaras|permendagri]" in helped.output
    assert "--layout permendagri --format xlsx" in helped.output


def test_title_rows_name_the_perangkat_daerah(tmp_path: Path) -> None:
    rows = [
        ["RENCANA KERJA PERANGKAT DAERAH"],
        ["PEMERINTAH KOTA SINTETIS 005"],
        ["Perangkat Daerah : 1.02.0.00.0.00.01.0000 Dinas Kesehatan"],
        ["Kode", "Urusan/Bidang Urusan/Program/Kegiatan/Sub Kegiatan", "Indikator Kinerja",
         "Rencana Tahun 2026"],
        [None, None, None, "Kebutuhan Dana/Pagu Indikatif"],
        ["1.02.02", "PROGRAM PEMENUHAN UPAYA KESEHATAN", "Cakupan", "1.500.000,00"],
    ]  # fmt: skip
    records = load_workbook(write_xlsx(tmp_path / "renja.xlsx", rows))
    assert records.document.id == "renja-kota-sintetis-005-dinas-kesehatan-2026"
    assert records.document.opd_kode == "1.02.0.00.0.00.01.0000"
    assert {k: v["source"] for k, v in records.identity.items()} == {
        "jenis": "assumed",
        "tahun": "detected",
        "pemda": "detected",
        "opd": "detected",
        "opd_kode": "detected",
    }
