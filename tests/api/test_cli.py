"""The ``selaras`` CLI: exit codes, JSON shapes, and a failed load that writes nothing."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from api.cli import main
from tests.loaders.test_workbook import COLUMNS, GOOD_ROWS, RENJA_HEAD

RPJMD = (
    "jenis,RPJMD\npemda,Kota Uji\nperiode,2025-2029\n\n"
    "jenis_elemen,kode,ref,nama,induk\nvisi,,V,Kota Uji sehat,\nmisi,,M1,Layanan,V\n"
    "tujuan,,T1,Sehat,M1\nsasaran,,S1,Akses,T1\nsasaran,,S2,Gizi,T1\n"
)
RENSTRA = (
    "jenis,RENSTRA\npemda,Kota Uji\nperiode,2025-2029\nopd,Dinas Kesehatan\n\n"
    "jenis_elemen,kode,ref,nama,induk,pagu_2026\nsasaran,,SP1,Mutu,RPJMD:S1,\n"
    "program,1.02.02,,Program Kesehatan,SP1,\n"
    "kegiatan,1.02.02.2.01,,Penyediaan Fasilitas,,\n"
    "sub_kegiatan,1.02.02.2.01.0002,,Pembangunan Puskesmas,,100\n"
)


def run(store: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--store", str(store), *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    out = {}
    for name, text in {
        "rpjmd": RPJMD,
        "renstra": RENSTRA,
        "renja": RENJA_HEAD + COLUMNS + GOOD_ROWS,
    }.items():
        out[name] = tmp_path / f"{name}.csv"
        out[name].write_text(text, encoding="utf-8")
    return out


def test_load_report_json(tmp_path: Path, files: dict[str, Path]) -> None:
    code, out, _ = run(tmp_path / "s.db", "load", str(files["renstra"]), "--report", "json")
    assert code == 0
    report = json.loads(out)
    assert report["documents"][0]["elements"] == {
        "kegiatan": 1,
        "program": 1,
        "sasaran": 1,
        "sub_kegiatan": 1,
    }
    assert report["problems"] == [
        {
            "file": "renstra.csv",
            "sheet": "elemen",
            "row": 7,
            "column": "induk",
            "severity": "warning",
            "message": report["problems"][0]["message"],
        }
    ]
    assert "RPJMD:S1" in report["problems"][0]["message"]


def test_query_json_shape_and_check_exit_codes(tmp_path: Path, files: dict[str, Path]) -> None:
    db = tmp_path / "s.db"
    assert run(db, "load", *map(str, files.values()))[0] == 0
    code, out, _ = run(db, "query", "unsupported_priorities", "--format", "json")
    data = json.loads(out)
    assert code == 0 and set(data) == {"query", "params", "columns", "rows", "seconds"}
    assert [r["id"] for r in data["rows"]] == ["rpjmd-kota-uji-2025-2029:sasaran:S2"]
    code, out, _ = run(db, "check")
    assert code == 0 and "unsupported_priorities" in out
    assert run(db, "check", "--fail-on", "warning")[0] == 1


def test_renja_before_renstra_gives_the_same_findings(
    tmp_path: Path, files: dict[str, Path]
) -> None:
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    for name in ("rpjmd", "renstra", "renja"):
        run(a, "load", str(files[name]))
    for name in ("renja", "renstra", "rpjmd"):
        run(b, "load", str(files[name]))
    for q in ("orphaned_activities", "unsupported_priorities"):
        found = [json.loads(run(db, "query", q, "--format", "json")[1]) for db in (a, b)]
        assert found[0]["rows"] == found[1]["rows"]


@pytest.mark.parametrize(
    "bad",
    [
        RENJA_HEAD + "jenis_elemen,kode\nprogram,1.02.02\n",
        RENJA_HEAD + COLUMNS + "programme,1.02.02,,X,,\n",
        RENJA_HEAD + COLUMNS + "program,1.02.02,,X,NOPE,\n",
        RENJA_HEAD + COLUMNS + "program,1.02.02,,X,,\nprogram,1.2.2,,Y,,\n",
        RENJA_HEAD + COLUMNS + "program,1.02.AB,,X,,\n",
        RENJA_HEAD + COLUMNS + "program,1.02.02,,X,,banyak\n",
        RENJA_HEAD + COLUMNS + "program,1.02.02,,X,1.02.03,\nprogram,1.02.03,,Y,1.02.02,\n",
        "",
        "\x00\x01 bukan CSV",
        "jenis,RENJA\n\njenis_elemen,nama\nprogram,X\n",
    ],
    ids=[
        "missing-column",
        "unknown-kind",
        "dangling",
        "duplicate",
        "bad-code",
        "bad-number",
        "cycle",
        "empty-file",
        "not-a-csv",
        "bad-document-sheet",
    ],
)
def test_failed_load_leaves_the_store_unchanged(
    tmp_path: Path, files: dict[str, Path], bad: str
) -> None:
    db = tmp_path / "selaras.db"
    run(db, "load", str(files["rpjmd"]), str(files["renstra"]))
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    broken = tmp_path / "broken.csv"
    broken.write_text(bad, encoding="utf-8")
    code, _, err = run(db, "load", str(files["renja"]), str(broken))
    assert code == 2 and "broken.csv" in err and "nothing written" in err
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_failed_load_does_not_create_a_store(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a workbook")
    assert run(tmp_path / "new.db", "load", str(broken))[0] == 2
    assert not (tmp_path / "new.db").exists()


def test_unknown_query_and_bad_param_are_exit_2(tmp_path: Path) -> None:
    assert run(tmp_path / "s.db", "query", "nope")[0] == 2
    code, _, err = run(tmp_path / "s.db", "query", "unsupported_priorities", "-p", "tahun=dua")
    assert code == 2 and "tahun" in err


def test_unreachable_store_is_exit_3(tmp_path: Path) -> None:
    code, _, err = run(tmp_path / "no" / "such" / "dir.db", "documents")
    assert code == 3 and "dir.db" in err


def test_trace_template_and_formats(tmp_path: Path, files: dict[str, Path]) -> None:
    db = tmp_path / "s.db"
    run(db, "load", *map(str, files.values()))
    code, out, _ = run(
        db, "trace", "renja-kota-uji-dinas-kesehatan-2026:sub_kegiatan:1.02.02.2.01.0002"
    )
    assert code == 0 and "rpjmd-kota-uji-2025-2029:visi:V" in out
    code, out, _ = run(
        db, "query", "trace_down", "-p", "id=rpjmd-kota-uji-2025-2029:sasaran:S1", "--format", "csv"
    )
    assert out.splitlines()[0] == "distance,id,kind,kode,nama,opd,dokumen"
    xlsx = tmp_path / "hasil.xlsx"
    assert run(db, "query", "orphaned_activities", "--format", "xlsx", "-o", str(xlsx))[0] == 0
    assert xlsx.read_bytes()[:2] == b"PK"
    assert run(db, "template", str(tmp_path / "t.xlsx"))[0] == 0


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0 and "Example:" in result.stdout


def test_check_report_only_skip_and_fail_on(tmp_path: Path, files: dict[str, Path]) -> None:
    from openpyxl import load_workbook

    db = tmp_path / "s.db"
    run(db, "load", *map(str, files.values()))
    report = tmp_path / "temuan.xlsx"
    code, out, _ = run(db, "check", "--out", str(report), "--fail-on", "warning")
    header = ["check", "severity", "findings", "ms", "title"]
    assert code == 1 and out.splitlines()[0].split() == header
    assert "Temuan / findings: error " in out
    book = load_workbook(report)
    assert book.sheetnames[0] == "ringkasan" and "orphaned_activities" in book.sheetnames
    sheet = book["unsupported_priorities"]
    header_row = [c.value for c in sheet[1]]
    assert header_row[-3:] == ["src_file", "src_sheet", "src_row"]
    assert sheet.cell(2, len(header_row) - 2).value == "rpjmd.csv"
    assert run(db, "check", "--only", "unsupported_priorities", "--fail-on", "warning")[0] == 1
    assert run(db, "check", "--only", "unsupported_priorities", "--fail-on", "error")[0] == 0
    assert (
        run(
            db,
            "check",
            "--skip",
            "unsupported_priorities",
            "--skip",
            "orphaned_activities",
            "--skip",
            "duplicated_programs",
        )[0]
        == 0
    )
    assert run(db, "check", "--only", "nope")[0] == 2


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["query", "orphan_activities"], "mungkin / did you mean: orphaned_activities"),
        (["query", "unsupported_priorities", "-p", "tahun=2031"], "outside the loaded periods"),
        (["query", "unsupported_priorities", "-p", "tahun=dua"], "is not of type int"),
        (["query", "coverage", "-p", "tingkat=kecamatan"], "not in pemda, opd, dokumen"),
        (["query", "trace_up"], "'id' wajib diisi / is required"),
        (["query", "trace_up", "-p", "id=tidak-ada"], "no such element: tidak-ada"),
        (["query", "orphaned_activities", "-p", "anchor=RPJMD:hantu"], "not in"),
        (["check", "--only", "orphan"], "not a check: orphan"),
    ],
)
def test_bad_query_input_is_said_with_exit_2(
    tmp_path: Path, files: dict[str, Path], args: list[str], said: str
) -> None:
    db = tmp_path / "s.db"
    run(db, "load", *map(str, files.values()))
    before = db.read_bytes()
    code, _, err = run(db, *args)
    assert code == 2 and said in err
    assert db.read_bytes() == before
