"""``selaras export``: the store as an OpenFastTrace specification or as JSON, per document."""

from __future__ import annotations

from pathlib import Path

import click
import orjson

from api.cli_errors import handle_errors
from graph.store import open_store
from queries.oft import write_oft

__all__ = ["export"]


@click.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["oft", "json"]),
    default="oft",
    show_default=True,
    help="oft: spesifikasi OpenFastTrace (.md) / an OpenFastTrace specification; "
    "json: rekaman seperti dimuat / the records as loaded.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="Folder keluaran, satu berkas per dokumen / output folder, one file per document.",
)
@click.pass_context
@handle_errors
def export(ctx: click.Context, fmt: str, out: Path) -> None:
    """Ekspor graf / export the graph, one file per document.

    Dengan --format oft setiap elemen menjadi satu item OpenFastTrace yang Covers elemen yang
    didukungnya; `oft trace` lalu melaporkan kegiatan tanpa induk (orphaned) dan prioritas
    tanpa pendukung (uncovered), sama dengan temuan Selaras (docs/oft.md).

    With --format oft each element becomes one OpenFastTrace item covering what it supports;
    `oft trace` then reports the activities with no parent (orphaned) and the priorities
    nothing supports (uncovered), the same items Selaras finds (docs/oft.md). With --format
    json each document is written as the records it was loaded from (for other tools).

    \b
    Example:
      selaras export --format oft --out spesifikasi/
      java -jar openfasttrace-4.1.0.jar trace spesifikasi/
    """
    with open_store(ctx.obj["store"]) as store:
        if fmt == "oft":
            documents = write_oft(store, out)
        else:
            out.mkdir(parents=True, exist_ok=True)
            batch = store.export()
            for records in batch:
                path = out / f"{records.document.id}.json"
                path.write_bytes(orjson.dumps(records, option=orjson.OPT_INDENT_2))
            documents = len(batch)
    click.echo(f"Diekspor / exported: {documents} dokumen → {out}", err=True)
