"""``selaras load`` with table profiles and identity options, and ``selaras profiles``."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from api.cli import main
from api.loading import read_files
from loaders import profiles
from tests.loaders.tables import write_html

RENJA = """<p>PEMERINTAH KOTA UJI</p>
<table><tr><th>Kode<th>Urusan/Bidang Urusan/Program/Kegiatan/Sub Kegiatan<th>Indikator Kinerja
<th>Pagu Indikatif Tahun 2026
<tr><td>1.02.02<td>Program Pemenuhan Upaya Kesehatan<td>Cakupan SPM<td>1.000.000
<tr><td>1.02.02.2.01<td>Penyediaan Fasilitas<td>Puskesmas<td>1.000.000
</table>"""


def run(store: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--store", str(store), *args])
    return result.exit_code, result.stdout, result.stderr


def test_profiles_lists_every_profile(tmp_path: Path) -> None:
    code, out, _ = run(tmp_path / "s.db", "profiles")
    assert code == 0
    lines = out.splitlines()
    assert [line.split()[0] for line in lines] == list(profiles())
    assert all(p.description in out for p in profiles().values())
    code, out, _ = run(tmp_path / "s.db", "profiles", "--format", "json")
    assert [row["name"] for row in json.loads(out)] == list(profiles())


def test_load_with_identity_options_reports_the_sources(tmp_path: Path) -> None:
    path = write_html(tmp_path / "renja.html", RENJA)
    args = ["load", str(path), "--opd", "Dinas Kesehatan", "--jenis", "renja", "--report", "json"]
    code, out, err = run(tmp_path / "s.db", *args)
    assert code == 0, err
    (doc,) = json.loads(out)["documents"]
    assert doc["id"] == "renja-kota-uji-dinas-kesehatan-2026"
    assert doc["profile"] == "renja"
    assert doc["identity"] == {
        "jenis": {"value": "RENJA", "source": "given"},
        "tahun": {"value": "2026", "source": "detected"},
        "pemda": {"value": "Kota Uji", "source": "detected"},
        "opd": {"value": "Dinas Kesehatan", "source": "given"},
    }


def test_load_text_report_names_the_profile(tmp_path: Path) -> None:
    path = write_html(tmp_path / "renja.xls", RENJA.replace("<p>PEMERINTAH KOTA UJI</p>", ""))
    args = ["load", str(path), "--profile", "renja", "--pemda", "Kota Uji", "--opd", "Dinkes"]
    code, out, err = run(tmp_path / "s.db", *args)
    assert code == 0, err
    assert "renja-kota-uji-dinkes-2026" in out
    assert "profil / profile renja" in out and "pemda = Kota Uji (diberikan / given)" in out
    assert "tahun = 2026 (terdeteksi / detected)" in out


def test_load_without_the_pemda_writes_nothing(tmp_path: Path) -> None:
    path = write_html(tmp_path / "renja.html", RENJA.replace("<p>PEMERINTAH KOTA UJI</p>", ""))
    code, _, err = run(tmp_path / "s.db", "load", str(path), "--opd", "Dinkes")
    assert code == 2
    assert "--pemda" in err
    assert not (tmp_path / "s.db").exists()


def test_read_files_callers_without_options_still_work(tmp_path: Path) -> None:
    path = write_html(tmp_path / "renja.html", RENJA)
    (records,) = read_files([path], identity={"opd": "Dinkes"})
    assert records.document.pemda == "Kota Uji"
