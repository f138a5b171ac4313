"""Synthetic plans: deterministic, in proportion, loadable as written, and their planted
findings are exactly what the checks report."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from api.cli import main
from api.loading import read_files
from graph.embedded import EmbeddedStore
from graph.model import Records
from loaders import load_workbook
from loaders.synthetic import (
    CHECKS,
    Manifest,
    Plans,
    Planted,
    Rates,
    generate,
    verify,
    write_plans,
)
from loaders.synthetic_layout import write_document
from queries import CATALOGUE, run_query

ROOT = Path(__file__).resolve().parents[2]
SEED = 11
# High enough that 2 pemda hold several plants of every kind.
RATES = Rates(
    orphan_sub_kegiatan=0.02,
    orphan_kegiatan=0.02,
    unsupported_sasaran=0.12,
    duplicated_program=0.03,
    pagu_mismatch=0.02,
)


@pytest.fixture(scope="module")
def plans() -> Plans:
    return generate(2, SEED, rates=RATES)


@pytest.fixture(scope="module")
def written(plans: Plans, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sintetis")
    write_plans([plans], out)
    return out


@pytest.fixture(scope="module")
def loaded(written: Path) -> list[Records]:
    return read_files(sorted(written.glob("*/*.csv")))


def first_pemda(plans: Plans) -> list[Records]:
    name = plans.manifest.pemda[0]
    return [r for r in plans.records if r.document.pemda == name]


# A fingerprint of every element, link, indicator and planted finding of the plans ``p``.
FINGERPRINT = (
    "hashlib.sha256(repr([(r.document, r.elements, r.links, r.indicators) for r in p.records]"
    " + list(p.manifest.findings)).encode()).hexdigest()"
)


def test_same_seed_same_records_whatever_the_number_of_pemda(plans: Plans) -> None:
    one = generate(1, SEED, rates=RATES)
    assert list(one.records) == first_pemda(plans)
    assert set(one.manifest.findings) <= set(plans.manifest.findings)
    assert one.records[0] != generate(1, SEED + 1, rates=RATES).records[0]


def test_records_do_not_depend_on_the_hash_seed(plans: Plans) -> None:
    code = (
        "import hashlib\nfrom loaders.synthetic import Rates, generate\n"
        f"p = generate(1, {SEED}, rates={RATES!r})\nprint({FINGERPRINT})"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    name = plans.manifest.pemda[0]
    findings = tuple(f for f in plans.manifest.findings if f.pemda == name)
    p = Plans(tuple(first_pemda(plans)), replace(plans.manifest, findings=findings))
    assert out.stdout.strip() == eval(FINGERPRINT, {"hashlib": hashlib, "p": p})


def test_one_pemda_has_the_proportions_of_a_kabupaten(plans: Plans) -> None:
    if plans.manifest.nomenklatur == "built-in":
        pytest.skip("the proportions need the official list (../shared/data is absent here)")
    records = first_pemda(plans)
    kinds = Counter((r.document.jenis, e.kind) for r in records for e in r.elements)
    opds = [r.document.opd or "" for r in records if r.document.jenis == "RENSTRA"]
    assert 36 <= len(opds) <= 44
    assert 18 <= sum(o.startswith("Kecamatan") for o in opds) <= 22
    rpjmd = {k: v for (jenis, k), v in kinds.items() if jenis == "RPJMD"}
    assert (rpjmd["visi"], rpjmd["misi"], rpjmd["tujuan"], rpjmd["sasaran"]) == (1, 5, 12, 25)
    assert 110 <= rpjmd["program"] <= 190
    assert 330 <= kinds["RENJA", "kegiatan"] <= 520
    assert 650 <= kinds["RENJA", "sub_kegiatan"] <= 1050
    assert 3_900 <= sum(kinds.values()) <= 5_400
    assert len(records) == 2 + 2 * len(opds)


def test_pagu_adds_up_except_where_planted(plans: Plans) -> None:
    planted = {f.id for f in plans.manifest.findings if f.check == "pagu_mismatches"}
    assert planted
    for records in plans.records:
        by_id = {e.id: e for e in records.elements}
        parts: dict[tuple[str, str], int] = Counter()
        for link in records.links:
            if link.basis == "kode" and by_id[link.child].kind in ("kegiatan", "sub_kegiatan"):
                for key, value in by_id[link.child].extra.items():
                    if key.startswith("pagu_"):
                        parts[link.parent, key] += int(str(value))
        for (parent, key), total in parts.items():
            assert isinstance(by_id[parent].extra[key], int)
            assert (by_id[parent].extra[key] == total) == (parent not in planted), parent


def test_written_csv_loads_back_as_the_records_in_memory(
    plans: Plans, loaded: list[Records]
) -> None:
    assert not [p for r in loaded for p in r.problems if p.severity == "error"]
    memory = {r.document.id: r for r in plans.records}
    assert sorted(memory) == sorted(r.document.id for r in loaded)
    for read in loaded:
        made = memory[read.document.id]
        assert [e.id for e in read.elements] == [e.id for e in made.elements]
        assert list(read.elements) == list(made.elements)
        assert (list(read.links), list(read.indicators)) == (
            list(made.links),
            list(made.indicators),
        )
        assert [r.target_key for r in read.references] == [r.target_key for r in made.references]
        assert list(read.problems) == list(made.problems)  # warnings only: the planted orphans


def test_planted_findings_are_exactly_what_the_checks_report(
    plans: Plans, loaded: list[Records], tmp_path: Path
) -> None:
    checks = [c for c in CHECKS if c in CATALOGUE]
    assert {"orphaned_activities", "unsupported_priorities", "duplicated_programs"} <= set(checks)
    with EmbeddedStore(str(tmp_path / "sintetis.db")) as store:
        store.replace_documents(loaded)
        results = {c: run_query(store, c).rows for c in checks}
    verdict = verify(plans.manifest, results)
    assert verdict.missed == set()
    assert verdict.unexpected == set()
    planted = Counter(f.check for f in plans.manifest.findings)
    assert all(planted[c] for c in checks), planted
    details = Counter(f.detail for f in plans.manifest.findings)
    assert details["direct"] and details["inherited"]


def test_builtin_list_stands_in_without_the_nomenclature(tmp_path: Path) -> None:
    plans = generate(1, 4, rates=RATES, nomenclature=tmp_path / "absent.csv")
    assert plans.manifest.nomenklatur == "built-in"
    with EmbeddedStore(":memory:") as store:
        store.replace_documents(plans.records)
        results = {c: run_query(store, c).rows for c in CHECKS if c in CATALOGUE}
    assert verify(plans.manifest, results) == (set(), set())


def test_xlsx_layout_loads_back_with_the_same_ids(plans: Plans, tmp_path: Path) -> None:
    for records in [plans.records[0], plans.records[1], plans.records[-1]]:
        path = write_document(records, tmp_path, "xlsx")
        read = load_workbook(path)
        assert [e.id for e in read.elements] == [e.id for e in records.elements]
        assert read.elements[-1].extra["src_file"] == path.name


def test_manifest_round_trips_through_json(plans: Plans, written: Path) -> None:
    data = json.loads((written / "manifest.json").read_text(encoding="utf-8"))
    assert Manifest.from_dict(data) == plans.manifest
    assert data["counts"] == dict(sorted(Counter(f.check for f in plans.manifest.findings).items()))


def test_verify_says_what_was_missed_and_what_is_extra() -> None:
    manifest = Manifest(
        1,
        2026,
        (2025, 2029),
        Rates(),
        ("Kab. X",),
        (
            Planted("orphaned_activities", "a", "Kab. X", "direct"),
            Planted("pagu_mismatches", "p", "Kab. X", "rincian"),
        ),
    )
    rows = {"orphaned_activities": [{"id": "b"}]}
    assert verify(manifest, rows) == (
        {("orphaned_activities", "a")},
        {("orphaned_activities", "b")},
    )


def test_cli_generate_writes_workbooks_and_manifest(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["generate", "--pemda", "1", "--seed", "5", "--out", str(tmp_path / "o"), "--rate",
         "pagu_mismatch=0.05"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    files = sorted((tmp_path / "o" / "kab-sintetis-001").glob("*.csv"))
    assert {"rpjmd.csv", "rkpd_2026.csv"} <= {f.name for f in files}
    manifest = json.loads((tmp_path / "o" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["rates"]["pagu_mismatch"] == 0.05
    assert "Kab. Sintetis 001" in result.stderr


def test_cli_generate_refuses_an_unknown_rate(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["generate", "--out", str(tmp_path), "--rate", "typo=0.1"])
    assert result.exit_code == 2
    assert "pagu_mismatch" in result.output
