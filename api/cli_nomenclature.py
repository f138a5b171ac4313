"""``selaras nomenklatur``: load, list and delete official nomenclature lists, by version."""

from __future__ import annotations

from pathlib import Path

import click

from api import output
from api.cli_errors import handle_errors
from graph.nomenclature import LEVELS
from graph.store import GraphStore, open_store
from loaders.nomenclature import default_versi, read_nomenclature

__all__ = ["nomenklatur"]

COLUMNS = ["versi", "entries", *LEVELS, "src_file", "loaded_at"]


def _store(ctx: click.Context) -> GraphStore:
    store = open_store(ctx.obj["store"])
    ctx.call_on_close(store.close)
    return store


@click.group()
def nomenklatur() -> None:
    """Nomenklatur resmi / official nomenclature lists: load, list, delete.

    Several versions may be loaded side by side; the check nomenclature_mismatches compares
    plans with the most recently loaded one (or -p versi=NAME).

    \b
    Example:
      selaras nomenklatur load nomenklatur_kabkota.csv --versi kepmendagri-050-3708-2020
      selaras nomenklatur list
      selaras query nomenclature_mismatches
    """


@nomenklatur.command("load")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--versi", help="Nama versi / version name (default: the file name).")
@click.pass_context
@handle_errors
def nomenklatur_load(ctx: click.Context, file: Path, versi: str | None) -> None:
    """Muat daftar nomenklatur / load a list (.csv, .xlsx, .ods) as one version.

    Columns kode, nama and optionally level (or jenis) and aktif. The file is checked first:
    with any problem nothing is written. A version of the same name is replaced.

    \b
    Example:
      selaras nomenklatur load kepmendagri_900_2025.xlsx --versi 900.1-2850-2025
    """
    entries = read_nomenclature(file)
    summary = _store(ctx).replace_nomenclature(versi or default_versi(file), entries, file.name)
    click.echo(output.text_table(COLUMNS, [summary]))


@nomenklatur.command("list")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table")
@click.pass_context
@handle_errors
def nomenklatur_list(ctx: click.Context, fmt: str) -> None:
    """Daftar versi / list the loaded versions with their counts, the one in force last.

    \b
    Example:
      selaras nomenklatur list --format json
    """
    rows = _store(ctx).nomenclature_versions()
    output.emit(COLUMNS, rows, fmt, rows, None)


@nomenklatur.command("delete")
@click.argument("versi")
@click.pass_context
@handle_errors
def nomenklatur_delete(ctx: click.Context, versi: str) -> None:
    """Hapus satu versi / delete one version.

    \b
    Example:
      selaras nomenklatur delete kepmendagri-050-3708-2020
    """
    _store(ctx).delete_nomenclature(versi)
    click.echo(f"Dihapus / deleted: {versi}")
