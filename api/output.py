"""Rendering query results and reports: a text table, JSON, CSV or XLSX.

Examples
--------
>>> print(text_table(["id", "nama"], [{"id": "a", "nama": "Program"}]))
id  nama
--  -------
a   Program
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import click
from openpyxl import Workbook

from queries import SEVERITIES, Result
from queries.run import SOURCE_KEYS

__all__ = [
    "check_summary",
    "columns_for",
    "csv_text",
    "emit",
    "json_text",
    "problem_kind",
    "problems_report",
    "text_table",
    "write_report",
    "xlsx_bytes",
]

MAX_WIDTH = 44


def _text(column: str, value: Any) -> str:
    if value is None:
        return ""
    text = str(value) if not isinstance(value, list) else ", ".join(map(str, value))
    if column == "id" or column.endswith("_id") or len(text) <= MAX_WIDTH:
        return text
    return text[: MAX_WIDTH - 1] + "…"


def text_table(columns: Sequence[str], rows: Sequence[dict[str, Any]]) -> str:
    """A plain aligned table for a terminal."""
    cells = [[_text(c, r.get(c)) for c in columns] for r in rows]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += [
        "  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() for row in cells
    ]
    return "\n".join(lines)


def json_text(data: Any) -> str:
    """Indented JSON, non-ASCII kept readable."""
    return json.dumps(data, ensure_ascii=False, indent=2)


def csv_text(columns: Sequence[str], rows: Sequence[dict[str, Any]]) -> str:
    """CSV with a header row."""
    out = io.StringIO()
    writer = csv.DictWriter(
        out, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n"
    )
    writer.writeheader()
    writer.writerows({c: _csv_value(r.get(c)) for c in columns} for r in rows)
    return out.getvalue()


def _csv_value(value: Any) -> Any:
    return ";".join(map(str, value)) if isinstance(value, list) else value


def xlsx_bytes(sheets: Sequence[tuple[str, Sequence[str], Sequence[dict[str, Any]]]]) -> bytes:
    """An XLSX workbook with one sheet per (name, columns, rows)."""
    wb = Workbook()
    first = wb.active
    if first is not None:
        wb.remove(first)
    for name, columns, rows in sheets:
        ws = wb.create_sheet(name[:31])
        ws.append(list(columns))
        for r in rows:
            ws.append([_csv_value(r.get(c)) for c in columns])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


FIRST_ROWS = 5
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")
_NUMBER = re.compile(r"\d+(?:[.,:/-]\d+)*")
_CANDIDATES = re.compile(r"\S+:[a-z_]+:\S+ '…' \(N\)(?:; \S+:[a-z_]+:\S+ '…' \(N\))*")


def problem_kind(message: str) -> str:
    """The shape of a message: quoted values, numbers and lists of candidate elements replaced,
    so one kind groups them.

    >>> problem_kind("Kode '1.x' tidak dikenal di baris 12 / unknown code")
    "Kode '…' tidak dikenal di baris N / unknown code"
    >>> problem_kind("Kode '2.y' tidak dikenal di baris 40 / unknown code")
    "Kode '…' tidak dikenal di baris N / unknown code"
    >>> problem_kind("Nama 'x' tidak cocok; terdekat: d:tujuan:T1 'y' (80); d:sasaran:S1 'z' (7)")
    "Nama '…' tidak cocok; terdekat: …"
    """
    return _CANDIDATES.sub("…", _NUMBER.sub("N", _QUOTED.sub("'…'", message)))


def problems_report(problems: Sequence[dict[str, Any]], first: int = FIRST_ROWS) -> str:
    """Load problems for a person: errors first, grouped by kind, the first rows of each kind.

    Every message is whole (never cut to a column width); the place is given as file, sheet,
    row and column, whichever the input has.

    >>> print(problems_report([
    ...     {"file": "r.csv", "sheet": None, "row": 3, "column": "kode", "severity": "error",
    ...      "message": "Kode '1.x' tidak dikenal / unknown code"},
    ...     {"file": "r.csv", "sheet": None, "row": 9, "column": "kode", "severity": "error",
    ...      "message": "Kode '2.y' tidak dikenal / unknown code"},
    ...     {"file": "r.csv", "sheet": None, "row": 4, "column": "pagu", "severity": "warning",
    ...      "message": "Pagu kosong / no pagu"}], first=1))
    Masalah / problems: 2 error, 1 warning (2 jenis / kinds)
    <BLANKLINE>
    [error] 2× Kode '…' tidak dikenal / unknown code
      r.csv, baris / row 3, kolom / column kode: Kode '1.x' tidak dikenal / unknown code
      … 1 lagi / more (--report json: semua / all)
    <BLANKLINE>
    [warning] 1× Pagu kosong / no pagu
      r.csv, baris / row 4, kolom / column pagu: Pagu kosong / no pagu
    """
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for p in sorted(problems, key=lambda p: p.get("severity") != "error"):
        groups.setdefault((str(p.get("severity")), problem_kind(str(p["message"]))), []).append(p)
    counts = {s: sum(p.get("severity") == s for p in problems) for s in ("error", "warning")}
    lines = [
        f"Masalah / problems: {counts['error']} error, {counts['warning']} warning "
        f"({len(groups)} jenis / kinds)"
    ]
    for (severity, kind), rows in groups.items():
        lines += ["", f"[{severity}] {len(rows)}× {kind}"]
        lines += [f"  {_place(p)}: {p['message']}" for p in rows[:first]]
        if len(rows) > first:
            lines.append(f"  … {len(rows) - first} lagi / more (--report json: semua / all)")
    return "\n".join(lines)


def _place(problem: Mapping[str, Any]) -> str:
    """Where a problem is: ``file, sheet S, baris / row R, kolom / column C``."""
    parts = [str(problem.get("file") or "-")]
    if problem.get("sheet"):
        parts.append(f"sheet {problem['sheet']}")
    if problem.get("row") is not None:
        parts.append(f"baris / row {problem['row']}")
    if problem.get("column"):
        parts.append(f"kolom / column {problem['column']}")
    return ", ".join(parts)


def columns_for(result: Result, fmt: str, wide: bool) -> list[str]:
    """Every column, but only the query's brief ones in a terminal table."""
    if fmt == "table" and not wide and result.query.brief:
        return list(result.query.brief)
    return list(result.query.columns)


def emit(
    columns: list[str], rows: list[dict[str, Any]], fmt: str, data: Any, out: str | None
) -> None:
    """Print (or write to ``out``) rows as a table, JSON, CSV, or an XLSX file."""
    if fmt == "xlsx":
        target = out or "hasil.xlsx"
        Path(target).write_bytes(xlsx_bytes([("hasil", columns, rows)]))
        click.echo(f"Ditulis / written: {target}", err=True)
        return
    render = {"table": text_table, "csv": csv_text}
    text = json_text(data) if fmt == "json" else render[fmt](columns, rows)
    if out:
        Path(out).write_text(text + "\n", encoding="utf-8")
    else:
        click.echo(text)


def check_summary(results: Sequence[Result]) -> str:
    """A summary table (check, severity, findings, ms), totals by severity, then the findings."""
    rows = [
        {
            "check": r.query.name,
            "severity": r.query.severity,
            "findings": len(r.rows),
            "ms": round(r.seconds * 1000),
            "title": r.query.title_id,
        }
        for r in results
    ]
    parts = [text_table(["check", "severity", "findings", "ms", "title"], rows)]
    parts.append(severity_totals(results))
    for r in results:
        if r.rows:
            q = r.query
            parts.append(f"\n== {q.name}: {q.title_id} / {q.title_en} ({len(r.rows)})")
            parts.append(text_table(list(q.brief or q.columns), [x._asdict() for x in r.rows]))
    return "\n".join(parts)


def severity_totals(results: Sequence[Result]) -> str:
    """One line: findings per severity, and the checks that found them.

    >>> severity_totals([])
    'Temuan / findings: error 0 · warning 0 · info 0'
    """
    counts = {s: sum(len(r.rows) for r in results if r.query.severity == s) for s in SEVERITIES}
    parts = [f"{s} {counts[s]}" for s in reversed(SEVERITIES)]
    return "Temuan / findings: " + " · ".join(parts)


COVER_COLUMNS = ["check", "title", "title_en", "severity", "findings", "seconds", "params"]


def write_report(
    path: Path, results: Sequence[Result], sources: Mapping[str, Mapping[str, Any]] | None = None
) -> None:
    """The check report as ``.xlsx`` or ``.json``.

    The workbook has a cover sheet (each check, its title, severity, findings, time and the
    parameters used), then one sheet per check whose rows carry ``src_file``, ``src_sheet`` and
    ``src_row`` of the element they name, from ``sources`` (see ``queries.run.row_sources``).
    """
    if path.suffix.lower() == ".json":
        path.write_text(json_text([r.as_dict() for r in results]) + "\n", encoding="utf-8")
        return
    path.write_bytes(report_xlsx_bytes(results, sources or {}))


def report_xlsx_bytes(results: Sequence[Result], sources: Mapping[str, Mapping[str, Any]]) -> bytes:
    """The check report workbook: a cover sheet ``ringkasan``, then one sheet per check."""
    cover = [
        {
            "check": r.query.name,
            "title": r.query.title_id,
            "title_en": r.query.title_en,
            "severity": r.query.severity,
            "findings": len(r.rows),
            "seconds": round(r.seconds, 3),
            "params": json.dumps(r.params, ensure_ascii=False),
        }
        for r in results
    ]
    sheets = [("ringkasan", COVER_COLUMNS, cover)]
    for d in (r.as_dict() for r in results):
        rows = [{**row, **sources.get(row.get("id"), {})} for row in d["rows"]]
        sheets.append((d["query"], [*d["columns"], *SOURCE_KEYS], rows))
    return xlsx_bytes(sheets)
