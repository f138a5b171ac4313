"""The ``selaras`` command: a thin face over the core (parse, call once, format)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from api import output
from api.cli_errors import handle_errors
from api.cli_export import export
from api.cli_generate import generate
from api.cli_load import load, profiles_command
from api.cli_nomenclature import nomenklatur
from api.cli_tokens import token
from api.errors import EXIT_FINDINGS
from api.loading import UNRESOLVED_COLUMNS, read_files, unresolved_rows, write_records
from graph.errors import NotFound
from graph.store import DEFAULT_STORE, GraphStore, copy_store, open_store
from loaders import write_template
from queries import CATALOGUE, SEVERITIES, checks, fails, run_query
from queries.run import row_sources

__all__ = ["main"]

DEMO_DIR = Path(__file__).resolve().parents[1] / "demo" / "kota_contoh"
FORMATS = click.Choice(["table", "json", "csv", "xlsx"])
PARAMS = click.option(
    "--param", "-p", "params", multiple=True, metavar="KEY=VALUE",
    help="Parameter, boleh berulang / repeatable: -p tahun=2026",
)  # fmt: skip


def _progress(message: str) -> None:
    click.echo(message, err=True)


def _store(ctx: click.Context) -> GraphStore:
    store = open_store(ctx.obj["store"])
    ctx.call_on_close(store.close)
    return store


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--store",
    envvar="SELARAS_STORE",
    default=DEFAULT_STORE,
    show_default=True,
    help="Berkas SQLite atau URI Neo4j / SQLite file or neo4j:// URI (env SELARAS_STORE).",
)
@click.pass_context
def main(ctx: click.Context, store: str) -> None:
    """Selaras: menelusuri benang merah RPJMD, Renstra, RKPD dan Renja.

    Selaras: traceability of Indonesian regional development plans.

    \b
    Example:
      selaras demo
      selaras query orphaned_activities
      selaras check
    """
    ctx.obj = {"store": store}


@main.command()
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@click.pass_context
@handle_errors
def documents(ctx: click.Context, fmt: str) -> None:
    """Daftar dokumen / list the documents in the store.

    \b
    Example:
      selaras documents --format json
    """
    rows = _store(ctx).documents()
    columns = ["id", "jenis", "pemda", "opd", "tahun_awal", "tahun_akhir", "elements"]
    output.emit(columns, rows, fmt, rows, None)


@main.command()
@click.option("--pemda", help="Hanya pemda ini / only this pemda (any case).")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@click.pass_context
@handle_errors
def unresolved(ctx: click.Context, pemda: str | None, fmt: str) -> None:
    """Rujukan yang belum tertaut / references that link to nothing yet.

    Every reference of the loaded documents to another document (an induk such as RPJMD:S1.2,
    a Renstra sasaran named after an RPJMD sasaran, a Sasaran RPJMD column) that finds no
    element now, with the file and row it was written in and, for a name, the closest
    candidates: the load's warnings, asked again after later loads, without loading anything.

    \b
    Example:
      selaras unresolved
      selaras unresolved --pemda "Kab. Contoh" --format json
    """
    rows = unresolved_rows(_store(ctx), pemda)
    output.emit(UNRESOLVED_COLUMNS, rows, fmt, rows, None)


@main.command()
@click.argument("ids", nargs=-1, required=True, metavar="DOKUMEN_ID...")
@click.pass_context
@handle_errors
def delete(ctx: click.Context, ids: tuple[str, ...]) -> None:
    """Hapus dokumen / delete documents with their elements, links and indicators.

    Every id must be in the store, else nothing is deleted (exit 2); the links other documents
    had to a deleted one are resolved again.

    \b
    Example:
      selaras documents
      selaras delete renja-kota-contoh-dinkes-2026
    """
    store = _store(ctx)
    missing = sorted(set(ids) - {d["id"] for d in store.documents()})
    if missing:
        raise NotFound(f"Dokumen tidak ada / no such document: {', '.join(missing)}")
    for document_id in dict.fromkeys(ids):
        store.delete_document(document_id)
        click.echo(f"Dihapus / deleted: {document_id}")


@main.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@handle_errors
def queries(fmt: str) -> None:
    """Daftar kueri / list the canned queries with their parameters.

    \b
    Example:
      selaras queries --format json
    """
    described = [q.describe() for q in CATALOGUE.values()]
    rows = [
        {
            "name": d["name"],
            "severity": d["severity"],
            "title": d["title"]["id"],
            "parameters": [p["name"] for p in d["parameters"]],
        }
        for d in described
    ]
    output.emit(["name", "severity", "title", "parameters"], rows, fmt, described, None)


@main.command()
@click.argument("name")
@PARAMS
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@click.option("--output", "-o", "out", type=click.Path(), help="Tulis ke berkas / write to a file.")
@click.option("--wide", is_flag=True, help="Tabel dengan semua kolom / table with every column.")
@click.pass_context
@handle_errors
def query(
    ctx: click.Context, name: str, params: tuple[str, ...], fmt: str, out: str | None, wide: bool
) -> None:
    """Jalankan satu kueri / run one canned query.

    \b
    Example:
      selaras query orphaned_activities --param kind=sub_kegiatan
      selaras query unsupported_priorities -p tahun=2026 --format csv
    """
    raw = _key_values(params)
    result = run_query(_store(ctx), name, raw)
    data = result.as_dict()
    output.emit(output.columns_for(result, fmt, wide), data["rows"], fmt, data, out)


@main.command()
@click.option("--only", multiple=True, help="Hanya pemeriksaan ini / only these checks.")
@click.option("--skip", multiple=True, help="Lewati pemeriksaan ini / skip these checks.")
@click.option(
    "--fail-on",
    type=click.Choice(SEVERITIES),
    default="error",
    show_default=True,
    help="Exit 1 bila ada temuan setingkat ini atau lebih / at or above this severity.",
)
@click.option("--out", type=click.Path(path_type=Path), help="Tulis laporan .xlsx atau .json.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@click.pass_context
@handle_errors
def check(
    ctx: click.Context,
    only: tuple[str, ...],
    skip: tuple[str, ...],
    fail_on: str,
    out: Path | None,
    fmt: str,
) -> None:
    """Jalankan semua pemeriksaan / run every check; exit 1 on findings at or above --fail-on.

    \b
    Example:
      selaras check --out temuan.xlsx
      selaras check --only orphaned_activities --fail-on warning && echo "benang merah utuh"
      selaras check --skip coverage --skip budget_rollup --format json
    """
    store = _store(ctx)
    results = [run_query(store, q.name) for q in checks(only, skip)]
    if out is not None:
        output.write_report(out, results, row_sources(store, results))
        click.echo(f"Laporan / report: {out}", err=True)
    if fmt == "json":
        click.echo(output.json_text([r.as_dict() for r in results]))
    else:
        click.echo(output.check_summary(results))
    if fails(results, fail_on):
        sys.exit(EXIT_FINDINGS)


@main.command()
@click.argument("element_id")
@click.option("--up/--down", default=True, help="Ke atas (default) atau ke bawah / direction.")
@click.option("--depth", default=10, show_default=True)
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@click.pass_context
@handle_errors
def trace(ctx: click.Context, element_id: str, up: bool, depth: int, fmt: str) -> None:
    """Telusuri rantai satu elemen / trace the chain above or below an element.

    \b
    Example:
      selaras trace renja-kota-contoh-dinkes-2026:sub_kegiatan:1.02.02.2.01.0002
    """
    name = "trace_up" if up else "trace_down"
    result = run_query(_store(ctx), name, {"id": element_id, "max_depth": depth})
    data = result.as_dict()
    output.emit(output.columns_for(result, fmt, wide=False), data["rows"], fmt, data, None)


@main.command()
@click.argument("path", type=click.Path(path_type=Path))
@handle_errors
def template(path: Path) -> None:
    """Tulis templat buku kerja / write an empty Selaras workbook template.

    \b
    Example:
      selaras template renstra_dinkes.xlsx
    """
    write_template(path)
    click.echo(f"Templat ditulis / template written: {path}")


@main.command()
@click.pass_context
@handle_errors
def demo(ctx: click.Context) -> None:
    """Muat data contoh Kota Contoh / load the Kota Contoh demo into the store.

    \b
    Example:
      selaras --store demo.db demo && selaras --store demo.db check
    """
    batch = read_files(sorted(DEMO_DIR.glob("*.csv")), _progress)
    result = write_records(_store(ctx), batch, _progress)
    total = sum(sum(d["elements"].values()) for d in result["documents"])
    click.echo(
        f"Kota Contoh: {len(result['documents'])} dokumen, {total} elemen → {ctx.obj['store']}"
    )


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, envvar="PORT", default=8000, show_default="8000, or $PORT")
@click.pass_context
@handle_errors
def serve(ctx: click.Context, host: str, port: int) -> None:
    """Jalankan server HTTP / serve the HTTP API.

    \b
    Example:
      selaras serve --port 8000   # then open http://127.0.0.1:8000/api/health
    """
    import uvicorn

    from api.app import create_app

    uvicorn.run(create_app(ctx.obj["store"]), host=host, port=port, log_level="info")


@main.command()
@click.option("--from", "source", required=True, help="Penyimpanan asal / source store.")
@click.option("--to", "target", required=True, help="Penyimpanan tujuan / target store.")
@handle_errors
def copy(source: str, target: str) -> None:
    """Salin seluruh graf / copy every document from one store to another.

    \b
    Example:
      selaras copy --from selaras.db --to neo4j://localhost:7687
    """
    with open_store(source) as a, open_store(target) as b:
        counts = copy_store(a, b)
    click.echo(f"Disalin / copied {source} → {target}: {counts}")


main.add_command(token)
main.add_command(load)
main.add_command(profiles_command)
main.add_command(nomenklatur)
main.add_command(generate)
main.add_command(export)


@main.command("cypher")
@click.argument("text")
@PARAMS
@click.option("--limit", default=10_000, show_default=True, help="Batas baris / row cap.")
@click.option(
    "--timeout", default=10.0, show_default=True, help="Batas waktu (detik) / time limit (s)."
)
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@click.pass_context
@handle_errors
def cypher_command(
    ctx: click.Context, text: str, params: tuple[str, ...], limit: int, timeout: float, fmt: str
) -> None:
    """Cypher ad-hoc hanya-baca / read-only ad-hoc Cypher on the Neo4j store.

    Refused unless Neo4j plans it read-only; no LOAD CSV, no IN TRANSACTIONS, only allowlisted
    procedures; a timeout and a row cap (truncation is said on standard error).

    \b
    Example:
      selaras --store neo4j://localhost:7687 cypher \\
        "MATCH (s:Sasaran)<-[:SUPPORTS*]-(k:SubKegiatan) RETURN s.id AS id, count(k) AS n" -p x=1
    """
    args = {key: _number_or_text(value) for key, value in _key_values(params).items()}
    result = _store(ctx).cypher(text, args, limit, timeout)
    if result["truncated"]:
        click.echo(f"Dipotong pada {limit} baris / truncated at {limit} rows", err=True)
    output.emit(result["columns"], result["rows"], fmt, result, None)


def _key_values(params: tuple[str, ...]) -> dict[str, str]:
    """``("a=1", "b=x")`` → ``{"a": "1", "b": "x"}``."""
    return {key: value for key, _, value in (p.partition("=") for p in params)}


def _number_or_text(value: str) -> int | float | str:
    for kind in (int, float):
        try:
            return kind(value)
        except ValueError:
            pass
    return value
