"""``selaras generate``: synthetic plans for N pemda, written as workbooks, with a manifest."""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

import click

from api.cli_errors import handle_errors
from loaders.synthetic import FORMATS, LAYOUTS, Rates, each_pemda, write_plans
from loaders.synthetic_catalogue import NOMENCLATURE

__all__ = ["generate"]

RATE_NAMES = [f.name for f in dataclasses.fields(Rates)]


def _rates(values: tuple[str, ...]) -> Rates:
    """``("pagu_mismatch=0.05",)`` → Rates with that rate, the others at their default."""
    changes: dict[str, float] = {}
    for text in values:
        name, _, number = text.partition("=")
        if name.strip() not in RATE_NAMES:
            raise click.BadParameter(
                f"'{name}' tidak dikenal / unknown; pilih / choose: {', '.join(RATE_NAMES)}",
                param_hint="--rate",
            )
        try:
            changes[name.strip()] = float(number)
        except ValueError:
            raise click.BadParameter(
                f"'{number}' bukan pecahan / not a fraction (0.01 = 1 %)", param_hint="--rate"
            ) from None
    return dataclasses.replace(Rates(), **changes)


@click.command("generate")
@click.option(
    "--pemda",
    "count",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Jumlah pemda / number of pemda.",
)
@click.option(
    "--seed",
    type=int,
    default=1,
    show_default=True,
    help="Benih acak: benih sama, berkas sama / same seed, same files.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="Folder keluaran / output folder (OUT/<pemda>/…, OUT/manifest.json).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="csv",
    show_default=True,
    help="csv (satu berkas per dokumen / one file per document) atau / or xlsx.",
)
@click.option(
    "--layout",
    type=click.Choice(list(LAYOUTS)),
    default="selaras",
    show_default=True,
    help="selaras (format Selaras / the Selaras format) atau / or permendagri (matriks RPJMD, "
    "Renstra T-C.27, RKPD, Renja seperti dicetak / as planners print them; pakai / use xlsx).",
)
@click.option(
    "--tahun",
    type=click.IntRange(2025, 2029),
    default=2026,
    show_default=True,
    help="Tahun RKPD dan Renja / year of the RKPD and the Renjas (periode 2025-2029).",
)
@click.option(
    "--rate",
    "rates",
    multiple=True,
    metavar="JENIS=PECAHAN",
    help=f"Laju temuan tertanam / planted rate, boleh berulang / repeatable; "
    f"default 0.01: {', '.join(RATE_NAMES)}.",
)
@click.option(
    "--nomenklatur",
    type=click.Path(path_type=Path, dir_okay=False),
    default=NOMENCLATURE,
    show_default=True,
    help="CSV nomenklatur resmi; bila tidak ada, daftar bawaan kecil / official "
    "nomenclature CSV; a small built-in list when it is absent.",
)
@handle_errors
def generate(
    count: int,
    seed: int,
    out: Path,
    fmt: str,
    layout: str,
    tahun: int,
    rates: tuple[str, ...],
    nomenklatur: Path,
) -> None:
    """Buat rencana sintetis dengan temuan tertanam / generate synthetic plans with planted
    findings.

    Tiap pemda: ~40 OPD (separuh kecamatan), RPJMD, Renstra per OPD, RKPD dan Renja per OPD,
    ~4.600 elemen, ditulis dalam format Selaras (satu berkas per dokumen) di OUT/<pemda>/, atau
    dengan --layout permendagri dalam tabel seperti dicetak: matriks RPJMD, Renstra T-C.27 per
    OPD, RKPD dan Renja per OPD, identitasnya di baris judul (dimuat tanpa opsi).
    OUT/manifest.json mendaftar setiap temuan yang ditanam: nama pemeriksaan dan id elemen.

    Each pemda: ~40 OPD (half kecamatan), an RPJMD, a Renstra per OPD, an RKPD and a Renja per
    OPD, ~4,600 elements, written in the Selaras format (one file per document) in
    OUT/<pemda>/, or with --layout permendagri as the printed tables: the RPJMD matrix, a
    Renstra T-C.27 per OPD, the RKPD and a Renja per OPD, their identity in the title rows
    (loaded without options). OUT/manifest.json lists every planted finding by check name and
    element id.

    \b
    Contoh / Example:
      selaras generate --pemda 2 --seed 7 --out sintetis
      selaras --store sintetis.db load sintetis/*/*.csv
      selaras --store sintetis.db check --only orphaned_activities
      selaras generate --pemda 100 --out nasional --format xlsx --rate pagu_mismatch=0.05
      selaras generate --pemda 3 --out cetak --layout permendagri --format xlsx
      selaras --store cetak.db load cetak/*/*.xlsx
    """
    chosen = _rates(rates)
    started = time.perf_counter()
    click.echo(f"Membuat / generating {count} pemda (seed {seed}) → {out}", err=True)
    plans = each_pemda(count, seed, tahun=tahun, rates=chosen, nomenclature=nomenklatur)
    manifest = write_plans(
        plans, out, fmt, LAYOUTS[layout], progress=lambda m: click.echo(m, err=True)
    )
    found = len(manifest.findings) if manifest else 0
    source = manifest.nomenklatur if manifest else ""
    click.echo(
        f"Selesai / done in {time.perf_counter() - started:.1f} s: {found} temuan tertanam / "
        f"planted findings → {out / 'manifest.json'} (nomenklatur: {source})",
        err=True,
    )
