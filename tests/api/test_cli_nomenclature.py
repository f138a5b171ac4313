"""``selaras nomenklatur``: load, list, delete; a bad list writes nothing."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from api.cli import main
from api.cli_nomenclature import nomenklatur

LIST = (
    "kode,level,nama\n"
    "1.02.02,program,PROGRAM PEMENUHAN UPAYA KESEHATAN\n"
    "1.02.02.2.01,kegiatan,Penyediaan Fasilitas Pelayanan Kesehatan\n"
    "1.02.02.2.01.02,sub_kegiatan,Pembangunan Puskesmas\n"
)
RENSTRA = (
    "jenis,RENSTRA\npemda,Kota Uji\nperiode,2025-2029\nopd,Dinas Kesehatan\n\n"
    "jenis_elemen,kode,ref,nama,induk\nsasaran,,SP1,Mutu,\n"
    "program,1.02.02,,Program Pemenuhan Upaya Kesehatan,SP1\n"
    "kegiatan,1.02.02.2.01,,Penyediaan Fasilitas Pelayanan Kesehatan,\n"
    "sub_kegiatan,1.02.02.2.01.0002,,Pembangunan Rumah Sakit,\n"
    "sub_kegiatan,1.02.02.2.01.0077,,Sub kegiatan karangan,\n"
)


def run(store: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--store", str(store), *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def lists(tmp_path: Path) -> dict[str, Path]:
    out = {"daftar": tmp_path / "daftar.csv", "renstra": tmp_path / "renstra.csv"}
    out["daftar"].write_text(LIST, encoding="utf-8")
    out["renstra"].write_text(RENSTRA, encoding="utf-8")
    return out


def versions(db: Path) -> list[dict[str, object]]:
    code, out, _ = run(db, "nomenklatur", "list", "--format", "json")
    assert code == 0
    rows: list[dict[str, object]] = json.loads(out)
    return rows


def test_load_list_and_delete(tmp_path: Path, lists: dict[str, Path]) -> None:
    db = tmp_path / "s.db"
    code, out, _ = run(db, "nomenklatur", "load", str(lists["daftar"]))
    assert code == 0 and out.splitlines()[0].split()[:3] == ["versi", "entries", "urusan"]
    assert "daftar" in out.splitlines()[2]
    assert run(db, "nomenklatur", "load", str(lists["daftar"]), "--versi", "baru")[0] == 0
    listed = versions(db)
    assert [(v["versi"], v["entries"], v["sub_kegiatan"]) for v in listed] == [
        ("daftar", 3, 1),
        ("baru", 3, 1),
    ]
    code, out, _ = run(db, "nomenklatur", "list", "--format", "csv")
    assert out.splitlines()[0].startswith("versi,entries,urusan,bidang_urusan,program")
    code, out, _ = run(db, "nomenklatur", "delete", "daftar")
    assert code == 0 and "daftar" in out
    assert [v["versi"] for v in versions(db)] == ["baru"]
    code, _, err = run(db, "nomenklatur", "delete", "daftar")
    assert code == 2 and "no such nomenclature version" in err


def test_check_uses_the_loaded_list(tmp_path: Path, lists: dict[str, Path]) -> None:
    db = tmp_path / "s.db"
    assert run(db, "load", str(lists["renstra"]))[0] == 0
    code, out, _ = run(db, "query", "nomenclature_mismatches", "--format", "json")
    assert code == 0 and json.loads(out)["rows"] == []
    run(db, "nomenklatur", "load", str(lists["daftar"]), "--versi", "kepmendagri-2021")
    code, out, _ = run(db, "query", "nomenclature_mismatches", "--format", "json")
    rows = json.loads(out)["rows"]
    assert [(r["jenis"], r["kode"], r["versi"]) for r in rows] == [
        ("nama_beda", "1.02.02.2.01.0002", "kepmendagri-2021"),
        ("tidak_ada", "1.02.02.2.01.0077", "kepmendagri-2021"),
    ]
    code, out, _ = run(db, "check", "--only", "nomenclature_mismatches", "--fail-on", "warning")
    assert code == 1 and "Pembangunan Puskesmas" in out


BAD = {
    "bad-code": LIST + "1.02.AB,program,Program\n",
    "unknown-level": LIST + "1.02.03,programme,Program\n",
    "level-not-the-code": LIST + "1.02.03,kegiatan,Program\n",
    "no-name": LIST + "1.02.03,program,\n",
    "no-code": LIST + ",program,Program tanpa kode\n",
    "twice": LIST + "1.02.02.2.01.0002,sub_kegiatan,Pembangunan Puskesmas\n",
    "no-columns": "nomor,uraian_program\n1,Program\n",
    "only-a-header": "kode,level,nama\n",
    "empty-file": "",
    "not-a-csv": "\x00\x01 bukan CSV",
}


@pytest.mark.parametrize("bad", BAD.values(), ids=BAD.keys())
def test_a_bad_list_writes_nothing(tmp_path: Path, lists: dict[str, Path], bad: str) -> None:
    db = tmp_path / "s.db"
    run(db, "nomenklatur", "load", str(lists["daftar"]))
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    broken = tmp_path / "rusak.csv"
    broken.write_text(bad, encoding="utf-8")
    code, _, err = run(db, "nomenklatur", "load", str(broken))
    assert code == 2 and "rusak.csv" in err
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert not run(tmp_path / "new.db", "nomenklatur", "load", str(broken))[0] == 0
    assert not (tmp_path / "new.db").exists()


def test_problems_say_where(tmp_path: Path) -> None:
    broken = tmp_path / "rusak.csv"
    broken.write_text(BAD["level-not-the-code"], encoding="utf-8")
    code, _, err = run(tmp_path / "s.db", "nomenklatur", "load", str(broken))
    assert code == 2 and "nothing written" in err
    assert "[error] 1×" in err
    line = next(x for x in err.splitlines() if "baris / row" in x)
    assert line.strip().startswith("rusak.csv, sheet rusak, baris / row 5, kolom / column level:")


@pytest.mark.parametrize("command", sorted(nomenklatur.commands))
def test_every_subcommand_has_help_with_an_example(command: str) -> None:
    result = CliRunner().invoke(main, ["nomenklatur", command, "--help"])
    assert result.exit_code == 0 and "Example:" in result.stdout
