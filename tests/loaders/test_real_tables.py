"""Real planning tables of a kabupaten, read in place from a folder under ``../shared/real/``.

The files belong to a third party and stay outside the project: no value or fact of theirs is
written here either (not even their names: each table is found in place by the profile its
header matches; no code, name, count, period, target or trait of the tables; only the counts
and forms the issue itself states). Where a test checks a value, it reads the expected
value from the file in place (``row_text``, ``code_column``, ``renstra_rows``, the detected
period) and asserts nothing about what the file happens to hold beyond the issue; the identity a
planner would type (pemda, OPD, period) is one of our own; every test skips with a reason when
the folder is absent. Each table comes as an HTML export and as an ``.xlsx`` made from it: both
must give the same elements and links.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from python_calamine import CalamineWorkbook

from graph.codes import normalise_kode
from graph.errors import LoadError
from graph.model import Records
from loaders import load_workbook
from loaders.cells import code_text
from tests.conftest import SHARED

REAL = SHARED / "real"
PEMDA = {"pemda": "Kab. Uji Nyata"}  # our own name: the identity a planner types
# The tables by the profile of the layout the issue names for each, not by their file names.
MATRIKS, PRIORITAS, RENSTRA = "rpjmd-matriks", "rpjmd-program-prioritas", "renstra-tc27"
SUFFIXES = [".html", ".xlsx"]

pytestmark = pytest.mark.skipif(
    not any(REAL.glob("*/*.xlsx")), reason=f"real tables not available here (none under {REAL})"
)


@cache
def _found() -> dict[str, Path]:
    """Each real table's ``.xlsx`` in place, by the profile its header matches."""
    out: dict[str, Path] = {}
    for path in sorted(REAL.glob("*/*.xlsx")):
        try:
            out.setdefault(load_workbook(path, identity=PEMDA).profile, path)
        except LoadError:
            continue
    return out


def table(profile: str, suffix: str = ".xlsx") -> Path:
    """The real table of ``profile`` as ``suffix`` (its ``.html`` beside the ``.xlsx``)."""
    path = _found().get(profile)
    if path is None:
        pytest.skip(f"no real {profile} table under {REAL}")
    return path.with_suffix(suffix)


def load(profile: str, suffix: str, **identity: str) -> Records:
    return load_workbook(table(profile, suffix), identity={**PEMDA, **identity})


@cache
def raw_rows(profile: str) -> list[list[Any]]:
    """Every row of the table's ``.xlsx`` as python-calamine reads it, row 1 first."""
    book = CalamineWorkbook.from_path(str(table(profile)))
    return book.get_sheet_by_name(book.sheet_names[0]).to_python(skip_empty_area=False)


def row_text(profile: str, row: Any) -> str:
    """The text of one source row of the ``.xlsx`` (1-based), cells joined by ``|``."""
    return "|".join(str(c) for c in raw_rows(profile)[int(row) - 1])


def sheet_text(profile: str) -> str:
    """The text of every row of the ``.xlsx``, for values in merged cells."""
    return "\n".join(row_text(profile, n) for n in range(1, len(raw_rows(profile)) + 1))


def code_column(profile: str) -> list[Any]:
    """The ``Kode`` column of the table's ``.xlsx``, as calamine reads it."""
    rows = raw_rows(profile)
    _, columns = header(rows)
    return [row[columns["kode"]] for row in rows]


def header(rows: list[list[Any]]) -> tuple[int, dict[str, int]]:
    """The header row's index and the column where each of its texts first starts: ``kode``,
    ``tujuan``, ``sasaran`` … (the first word of the text, lower case)."""
    for index, row in enumerate(rows):
        words = [str(c).strip().split(" ")[0].split("/")[0].lower() for c in row]
        if "kode" in words:
            return index, {w: words.index(w) for w in words if w}
    raise AssertionError("no header row with a Kode column")


def renstra_rows() -> Counter[str]:
    """What the Renstra's ``.xlsx`` rows hold below its column-number row (``1 2 3 …``), read
    with none of the loader's code: a text in the Tujuan or the Sasaran column (merged cells
    hold it once), a program (the issue's five code cells filled up to the program segment) or
    a kegiatan (the kegiatan segment filled too)."""
    rows = raw_rows(RENSTRA)
    top, columns = header(rows)
    start = next(i for i, r in enumerate(rows) if i > top and r[0] == 1.0 and r[1] == 2.0) + 1
    kode = columns["kode"]
    out: Counter[str] = Counter()
    for row in rows[start:]:
        for kind in ("tujuan", "sasaran"):
            cell = row[columns[kind]]
            out[kind] += isinstance(cell, str) and bool(cell.strip())
        if row[kode] != "" and row[kode + 2] != "":
            out["kegiatan" if row[kode + 3] != "" else "program"] += 1
    return out


def period(records: Records) -> tuple[int, int]:
    """The first and last year of the period detected from the table itself."""
    detected = records.identity["periode"]
    assert detected["source"] == "detected" and re.fullmatch(r"\d{4}-\d{4}", detected["value"])
    first, last = detected["value"].split("-")
    return int(first), int(last)


def kinds(records: Records) -> Counter[str]:
    return Counter(e.kind for e in records.elements)


def parents(records: Records) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for link in records.links:
        out.setdefault(link.child, []).append(link.parent)
    return out


def by_kind(records: Records, kind: str) -> list:
    return [e for e in records.elements if e.kind == kind]


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_matriks_counts_and_chain(suffix: str) -> None:
    records = load(MATRIKS, suffix)
    assert records.profile == "rpjmd-matriks"
    first, last = period(records)
    assert records.document.id == f"rpjmd-kab-uji-nyata-{first}-{last}"
    assert kinds(records) == {"misi": 5, "tujuan": 12, "sasaran": 20, "program": 69}
    up = parents(records)
    kind_of = {e.id: e.kind for e in records.elements}
    expected = {"tujuan": "misi", "sasaran": "tujuan", "program": "sasaran"}
    for element in records.elements:
        if element.kind in expected:
            assert [kind_of[p] for p in up[element.id]] == [expected[element.kind]]
    assert not [p for p in records.problems if p.severity == "error"]


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_matriks_programs_sit_under_the_sasaran_above_them(suffix: str) -> None:
    records = load(MATRIKS, suffix)
    up = parents(records)
    current = None
    for element in sorted(records.elements, key=lambda e: e.extra["src_row"]):
        if element.kind == "sasaran":
            current = element.id
        elif element.kind == "program":
            assert up[element.id] == [current]
        elif element.kind in ("misi", "tujuan"):
            current = None
    if suffix == ".xlsx":  # names and OPD as the row writes them, its "Program n :" prefix off
        for program in by_kind(records, "program"):
            text = row_text(MATRIKS, program.extra["src_row"])
            assert program.extra["nama"] in text and str(program.extra.get("opd", "")) in text
            assert not program.extra["nama"].lower().startswith("program 1")


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_matriks_indicators_keep_targets_as_written(suffix: str) -> None:
    records = load(MATRIKS, suffix)
    measured = {i.element for i in records.indicators}
    assert {e.id for e in records.elements if e.kind in ("sasaran", "program")} <= measured
    targets = [(k, v, i) for i in records.indicators for k, v in i.values.items()]
    ranges = [(k, v, i) for k, v, i in targets if k[-4:].isdigit() and _range(v)]
    below = [(k, v, i) for k, v, i in targets if k[-4:].isdigit() and BELOW.fullmatch(str(v))]
    assert ranges and below  # the table has both kinds of target
    for key, written, indicator in ranges:  # kept as written, plus the range read from it
        low, high = _range(written)
        assert (indicator.values[f"{key}_min"], indicator.values[f"{key}_max"]) == (low, high)
    for key, _, indicator in below:
        assert indicator.values[f"{key}_op"] == "<"
    if suffix == ".xlsx":
        for indicator in records.indicators:
            assert indicator.nama in row_text(MATRIKS, indicator.values["src_row"])
    first, last = period(records)
    for program in by_kind(records, "program"):  # "Kondisi akhir" Rp is pagu_total, not a year
        years = [k for k in program.extra if k.startswith("pagu_") and k[5:].isdigit()]
        assert years and all(first <= int(k[5:]) <= last for k in years), years
        assert set(k for k in program.extra if k.startswith("pagu_")) <= {*years, "pagu_total"}
    totals = [p.extra.get("pagu_total") for p in by_kind(records, "program")]
    assert any(isinstance(t, int) and t > 0 for t in totals)


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_program_prioritas_one_element_per_code(suffix: str) -> None:
    records = load(PRIORITAS, suffix)
    assert records.profile == "rpjmd-program-prioritas"
    programs = by_kind(records, "program")
    assert kinds(records) == {"program": len(programs)}
    codes = [e.extra.get("kode") for e in programs]
    assert len(codes) == len(set(codes))
    # Bidang urusan rows are headings, not elements: each program keeps its bidang. The issue
    # counts 36 bidang rows and 133 programs: the rows whose code is written cleanly. Whatever
    # other forms the Kode column holds (a code with a trailing dot, typed as a number, turned
    # into a time of day, or no code at all) are counted from the column itself; a code that
    # cannot be read loads without one, with a warning.
    column = code_column(PRIORITAS)
    typed = {code_text(c) for c in column if isinstance(c, float) and c >= 1}
    dotted = {
        c.strip()[:-1]
        for c in column
        if isinstance(c, str) and re.fullmatch(r"\d\.\d\d\.", c.strip())
    }
    times = {code_text(c) for c in column if isinstance(c, float) and c < 1}
    written = [code_text(c) if isinstance(c, float) else str(c).strip() for c in column]
    bidang_rows = [c for c in written if re.fullmatch(r"\d\.\d{1,2}\.?", c)]
    bidang = {e.extra["bidang"] for e in programs if "bidang" in e.extra}
    assert len(bidang) == len(bidang_rows) >= 36
    assert dotted | {b for b in typed if b.count(".") == 1} <= bidang
    clean = [c for c in codes if c and c[0].isdigit() and c not in times]
    assert len(clean) == 133
    assert times <= set(codes) and codes.count("X.XX.01") == 1
    unreadable = [e for e in programs if not e.extra.get("kode")]
    for element in unreadable:
        with pytest.raises(ValueError):
            normalise_kode(str(element.extra["kode_asli"]))
    assert len(programs) == 133 + len(times) + 1 + len(unreadable)  # 1: the penunjang
    assert [p.row for p in records.problems] == [e.extra["src_row"] for e in unreadable]


BELOW = re.compile(r"<\s*[0-9]+(?:[.,][0-9]+)?")  # "<" then a number; "< a/b" stays text only


def _range(text: object) -> tuple[float, float] | None:
    """``"a,b-c,d"`` (decimal commas) as its smaller and larger number, or None."""
    low, sep, high = str(text).partition("-")
    try:
        ends = sorted(float(x.replace(",", ".")) for x in (low, high)) if sep else None
    except ValueError:
        return None
    return (ends[0], ends[1]) if ends else None


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_program_prioritas_lists_every_perangkat_daerah(suffix: str) -> None:
    records = load(PRIORITAS, suffix)
    programs = by_kind(records, "program")
    listed = {e.id: e.extra["perangkat_daerah"] for e in programs}
    # the five kecamatan programs: once each, each listing the same 26 kecamatan
    kecamatan = [i for i, o in listed.items() if len(o) >= 26]
    assert len(kecamatan) == 5
    assert all(len(listed[i]) == len(set(listed[i])) == 26 for i in kecamatan)
    assert len({frozenset(map(str, listed[i])) for i in kecamatan}) == 1
    several = [e for e in programs if len(listed[e.id]) > 1]  # on successive rows: no single OPD
    assert all(
        len(set(listed[e.id])) == len(listed[e.id]) and "opd" not in e.extra for e in several
    )
    ones = [e for e in programs if len(listed[e.id]) == 1]
    assert ones and all(listed[e.id] == [e.extra["opd"]] for e in ones)
    coded = [e for e in ones if e.extra.get("kode")]
    assert coded and all(e.id == f"{records.document.id}:program:{e.extra['kode']}" for e in coded)
    if suffix == ".xlsx":
        text = sheet_text(PRIORITAS)
        assert all(str(e.extra["opd"]) in text for e in ones)
    penunjang = next(e for e in programs if e.extra.get("kode") == "X.XX.01")
    assert penunjang.extra["kode_asli"] == "X.XX.01" and "bidang" not in penunjang.extra
    named = [str(e.extra["bidang_nama"]) for e in programs if e.extra.get("bidang_nama")]
    assert named
    if suffix == ".xlsx":  # each as its bidang row writes it
        assert all(n in sheet_text(PRIORITAS) for n in named)


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_program_prioritas_values(suffix: str) -> None:
    records = load(PRIORITAS, suffix)
    programs = by_kind(records, "program")
    # Rp per indicator row, summed; the years whose Rp column holds only 0 are years the plan
    # does not use: no pagu and no target for them.
    first, last = period(records)
    used = {k[5:] for e in programs for k in e.extra if k.startswith("pagu_") and k[5:].isdigit()}
    unused = tuple(str(y) for y in range(first, last + 1) if str(y) not in used)
    assert used
    assert not [k for e in programs for k in e.extra if k.endswith(unused)]
    assert not [
        k
        for i in records.indicators
        for k in i.values
        if k.startswith("target_") and k[7:11] in unused
    ]
    amounts = [e.extra[f"pagu_{y}"] for e in programs for y in used if f"pagu_{y}" in e.extra]
    assert amounts and all(isinstance(a, (int, float)) and a > 0 for a in amounts)
    if suffix == ".xlsx":  # kondisi awal kept as written (decimal comma)
        kept = [i for i in records.indicators if "kondisi_awal" in i.values]
        assert kept and all(
            str(i.values["kondisi_awal"]) in row_text(PRIORITAS, i.values["src_row"]) for i in kept
        )


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_renstra_tc27(suffix: str) -> None:
    records = load(RENSTRA, suffix)
    assert records.profile == "renstra-tc27"
    in_file = renstra_rows()
    assert kinds(records) == in_file and in_file["program"] and in_file["kegiatan"]
    programs = {e.extra["kode"] for e in by_kind(records, "program")}
    assert len(programs) == in_file["program"]
    assert all(re.fullmatch(r"5\.\d{2}\.\d{2}", k) for k in programs)  # the 5.01.xx
    kegiatan = by_kind(records, "kegiatan")
    # "2,01" (text) and 2.01 (a number) are one code form; "01" and 1.0 the same segment
    written = [str(e.extra["kode_asli"]) for e in kegiatan]
    assert any("," in w for w in written) and any("," not in w for w in written)
    assert all(e.extra["kode"] == normalise_kode(str(e.extra["kode_asli"])) for e in kegiatan)
    up = parents(records)
    kind_of = {e.id: e for e in records.elements}
    for element in records.elements:
        if element.kind == "kegiatan":
            (parent,) = up[element.id]
            assert kind_of[parent].extra["kode"] == element.extra["kode"][:7]
        elif element.kind == "program":
            assert [kind_of[p].kind for p in up[element.id]] == ["sasaran"]
    if suffix == ".xlsx":  # a sasaran's name as its row writes it (merged cells hold it once)
        for sasaran in by_kind(records, "sasaran"):
            assert str(sasaran.extra["nama"]) in row_text(RENSTRA, sasaran.extra["src_row"])
    assert not [i for i in records.indicators if "_x00" in i.nama]  # _x0002_ escapes removed
    assert not [p for p in records.problems if p.severity == "error"]


def test_renstra_identity_given_and_detected() -> None:
    records = load(RENSTRA, ".html")
    opd = records.identity["opd"]
    page = table(RENSTRA, ".html").read_text(encoding="utf-8", errors="replace")
    assert opd["source"] == "detected" and str(opd["value"]).upper() in page.upper()
    first, last = period(records)
    assert f"{first}" in page and f"{last}" in page
    given = load(RENSTRA, ".html", opd="Badan Uji", periode="2030-2034", jenis="RENSTRA")
    assert given.document.id == "renstra-kab-uji-nyata-badan-uji-2030-2034"
    assert {k: v["source"] for k, v in given.identity.items()} == {
        "jenis": "given",
        "periode": "given",
        "opd": "given",
        "pemda": "given",
    }


@pytest.mark.parametrize("profile", [MATRIKS, PRIORITAS, RENSTRA])
def test_html_and_xlsx_give_the_same_graph(profile: str) -> None:
    html, xlsx = load(profile, ".html"), load(profile, ".xlsx")

    def graph(records: Records) -> tuple[list, list]:
        elements = sorted(
            (e.id, e.kind, e.extra.get("kode"), e.extra["nama"]) for e in records.elements
        )
        return elements, sorted((lk.child, lk.parent, lk.basis) for lk in records.links)

    assert graph(html) == graph(xlsx)
    assert [(i.element, i.nama) for i in html.indicators] == [
        (i.element, i.nama) for i in xlsx.indicators
    ]


def test_renstra_sasaran_reach_the_rpjmd_by_name_or_say_why() -> None:
    """The Renstra names no RPJMD sasaran, only its own texts: each tujuan and sasaran is linked
    by a clearly matching name (confidence at least 0.9), or else reported with its closest
    candidates, never guessed."""
    from graph.embedded import EmbeddedStore

    rpjmd, renstra = load(MATRIKS, ".xlsx"), load(RENSTRA, ".xlsx")
    with EmbeddedStore(":memory:") as store:
        unresolved = store.replace_documents([rpjmd, renstra])
        named = [d for _, _, d in store.graph.edges(data=True) if d.get("basis") == "nama"]
    named_in_renstra = len(by_kind(renstra, "tujuan")) + len(by_kind(renstra, "sasaran"))
    assert len(named) + len(unresolved) == named_in_renstra
    assert all(d["confidence"] >= 0.9 for d in named)
    assert all(r.by_name and len(r.candidates) == 3 for r in unresolved)
    assert all(
        c.startswith(rpjmd.document.id + ":sasaran:") for r in unresolved for c in r.candidates
    )


def test_both_rpjmd_tables_and_the_renstra_load_together() -> None:
    """The matriks and the program prioritas are two tables of one RPJMD: loaded together they
    stay two documents (neither replaces the other), and each Renstra program whose code the
    program prioritas lists is linked to it by code."""
    from api.loading import read_files, write_records
    from graph.embedded import EmbeddedStore

    paths = [table(profile) for profile in (MATRIKS, PRIORITAS, RENSTRA)]
    batch = read_files(paths, identity=PEMDA)
    with EmbeddedStore(":memory:") as store:
        report = write_records(store, batch)
        kept = {d["id"]: d["elements"] for d in store.documents()}
        edges = list(store.graph.edges(data="basis"))
    assert kept == {r.document.id: len(r.elements) for r in batch}
    matriks, prioritas, renstra = batch
    assert prioritas.document.id == f"{matriks.document.id}-program-prioritas"
    listed = {e.extra.get("kode"): e.id for e in by_kind(prioritas, "program")}
    expected = {
        (e.id, listed[e.extra["kode"]])
        for e in by_kind(renstra, "program")
        if e.extra["kode"] in listed
    }
    assert expected <= {(child, parent) for child, parent, basis in edges if basis == "kode"}
    _assert_element_opds_read_as_names_of_the_other_table(batch, report)


def _assert_element_opds_read_as_names_of_the_other_table(
    batch: list[Records], report: dict[str, Any]
) -> None:
    """The matriks names some OPD short that the program prioritas writes out: its report
    says which name it was read as, a name the other table's rows carry and that it shortens."""
    from graph.opd import abbreviates, opd_key

    def opds(records: Records) -> set[str]:
        return {str(e.extra["opd"]) for e in records.elements if e.extra.get("opd")}

    matriks, prioritas, _ = batch
    read = report["documents"][0]["element_opds_read_as"]
    assert read and set(read) <= opds(matriks)
    assert set(read.values()) <= opds(prioritas)
    assert all(abbreviates(opd_key(short), opd_key(full)) for short, full in read.items())


def test_the_renstra_loaded_with_its_opd_written_short() -> None:
    """A planner types the OPD short (``selaras load … --opd BAPPELITBANGDA``): it is read as
    the one name of the program prioritas it shortens, the load report says so, and the
    Renstra's programs link by code as when the name is written out."""
    from api.loading import read_files, write_records
    from graph.embedded import EmbeddedStore
    from graph.opd import opd_key

    full = str(load(RENSTRA, ".xlsx").identity["opd"]["value"])
    short = "".join(word[0] for word in opd_key(full).split()).upper()  # its initials
    rpjmd = read_files([table(MATRIKS), table(PRIORITAS)], identity=PEMDA)
    [renstra] = read_files([table(RENSTRA)], identity={**PEMDA, "opd": short})
    with EmbeddedStore(":memory:") as store:
        write_records(store, rpjmd)
        report = write_records(store, [renstra])
        edges = {(c, p) for c, p, basis in store.graph.edges(data="basis") if basis == "kode"}
    [document] = report["documents"]
    assert document["identity"]["opd"]["value"] == short
    assert opd_key(document["opd_read_as"]) == opd_key(full)
    listed = {e.extra.get("kode"): e.id for e in by_kind(rpjmd[1], "program")}
    expected = {
        (e.id, listed[e.extra["kode"]])
        for e in by_kind(renstra, "program")
        if e.extra["kode"] in listed
    }
    assert expected and expected <= edges
