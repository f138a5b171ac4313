"""``selaras load`` and ``selaras profiles``: workbooks in, with the layout and identity said."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from api import output
from api.cli_errors import echo_problems, handle_errors
from api.errors import error_body
from api.loading import identity_text, read_files, replaced_text, write_records
from graph.errors import SelarasError
from graph.model import DOCUMENT_KINDS
from graph.store import GraphStore, open_store
from loaders import profiles

__all__ = ["load", "profiles_command"]

COLUMNS = ["id", "jenis", "profile", "elements", "links", "indicators"]
IDENTITY_OPTIONS = [
    click.option("--profile", type=click.Choice(sorted(profiles())),
                 help="Tata letak tabel (lihat: selaras profiles); dideteksi dari tajuknya bila "
                      "tidak diberi / table layout, detected from the header when not given."),
    click.option("--jenis", type=click.Choice(DOCUMENT_KINDS, case_sensitive=False),
                 help="Jenis dokumen bila tabel tidak menyebutnya / document kind."),
    click.option("--pemda", help="Pemerintah daerah / the pemda, e.g. \"Kab. Contoh\"."),
    click.option("--periode", help="Periode RPJMD/Renstra / plan period, e.g. 2025-2029."),
    click.option("--tahun", help="Tahun RKPD/Renja / plan year, e.g. 2026."),
    click.option("--opd", help="Perangkat Daerah (Renstra/Renja), lengkap atau singkat "
                              "(Bappeda) / the OPD, full or short."),
    click.option("--opd-kode", "opd_kode", help="Kode OPD 8 segmen / 8-segment OPD code."),
]  # fmt: skip


def _identity_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(IDENTITY_OPTIONS):
        fn = option(fn)
    return fn


def _store(ctx: click.Context) -> GraphStore:
    store = open_store(ctx.obj["store"])
    ctx.call_on_close(store.close)
    return store


def _progress(message: str) -> None:
    click.echo(message, err=True)


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--report",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: ringkasan untuk dibaca / a summary to read; json: laporan lengkap di "
    "stdout, juga saat gagal / the whole report on stdout, also on failure.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Peringatan juga menggagalkan pemuatan / warnings block the load too.",
)
@_identity_options
@click.pass_context
@handle_errors
def load(
    ctx: click.Context,
    /,
    files: tuple[Path, ...],
    report: str,
    strict: bool,
    profile: str | None,
    **given: str,
) -> None:
    """Muat buku kerja / load workbooks (.xlsx, .xls, .ods, .csv, .html) into the store.

    Every file is read and checked first; if any has an error nothing is written. A planning
    table (RPJMD matriks, program prioritas, Renstra T-C.27, RKPD, Renja) is recognised from its
    header; say with --pemda, --periode/--tahun, --opd what the table does not say. The report
    shows the profile used and, for each identity value, whether it was given, detected or
    assumed. Problems are grouped by kind with the first rows of each; --report json gives them
    all (on failure too, as {"ok": false, "error": {..., "problems": [...]}}); with --strict a
    warning blocks the load as an error does. Loading a file again replaces the document it
    made, and the report says what it replaced (selaras delete ID removes one); two files of
    one load that make the same document are an error. A Renstra or RKPD sasaran links to the
    RPJMD sasaran of its name; where no name matches clearly, a "Sasaran RPJMD" column in the
    table (S3.2.1, or the name) states the link. Exit 0 loaded, 2 bad input, 3 store
    unreachable.

    \b
    Example:
      selaras load rpjmd.xlsx renstra_dinkes.xlsx --report json
      selaras load renja_*.xlsx --strict
      selaras load renstra.xls --profile renstra-tc27 --jenis RENSTRA \\
        --opd "Bappeda" --periode 2025-2029 --pemda "Kab. Contoh"
      selaras load renja_dinkes_2026.html --tahun 2026 --opd "Dinas Kesehatan" --pemda "Kota X"
    """
    quiet = report == "json"
    progress = None if quiet else _progress
    identity = {k: v.upper() if k == "jenis" else v for k, v in given.items() if v}
    try:
        batch = read_files(list(files), progress, profile=profile, identity=identity)
        result = write_records(_store(ctx), batch, progress, strict=strict)
    except SelarasError as exc:
        if quiet:
            click.echo(output.json_text(error_body(exc)))
        raise
    if quiet:
        click.echo(output.json_text(result))
        return
    docs = [{**d, "elements": sum(d["elements"].values())} for d in result["documents"]]
    click.echo(output.text_table(COLUMNS, docs))
    for doc in result["documents"]:
        click.echo(identity_text(doc))
        if replaced := replaced_text(doc):
            click.echo(replaced)
    echo_problems(result["problems"])


@click.command("profiles")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@handle_errors
def profiles_command(fmt: str) -> None:
    """Daftar profil tabel / list the table layouts that load reads, one line each.

    \b
    Example:
      selaras profiles
      selaras load matriks.html --profile rpjmd-matriks --pemda "Kab. Contoh"
    """
    rows = [
        {"name": p.name, "jenis": p.jenis or "-", "description": p.description}
        for p in profiles().values()
    ]
    if fmt == "json":
        click.echo(output.json_text(rows))
        return
    for row in rows:
        click.echo(f"{row['name']:<24} {row['jenis']:<8} {row['description']}")
