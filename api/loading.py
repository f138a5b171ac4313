"""Loading files into a store: read and check every file first, then write them all at once.

If any file has an error-level problem nothing is written, so a failed load leaves the store
exactly as it was. The report is the same for the CLI (``load --report json``) and the API.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from graph.errors import LoadError, NotFound
from graph.ids import slug
from graph.model import Element, Problem, Records, Reference
from graph.opd import OPD_VARIANT, OpdNames, name_key, opd_key, opd_overlap
from graph.resolve import unresolved_references
from graph.store import GraphStore
from loaders import Loaded, load_workbook

__all__ = [
    "SOURCES",
    "UNRESOLVED_COLUMNS",
    "identity_text",
    "read_files",
    "replaced_text",
    "unresolved_rows",
    "write_records",
]

UNRESOLVED_COLUMNS = ["id", "rujukan", "src_file", "src_row", "terdekat"]
SLOW_READ_BYTES = 1_000_000  # read in a second or more: said before, not only after
SOURCES = {"given": "diberikan / given", "detected": "terdeteksi / detected",
           "assumed": "diasumsikan / assumed"}  # fmt: skip


def read_files(
    paths: Sequence[Path],
    progress: Callable[[str], None] | None = None,
    names: Sequence[str] | None = None,
    max_cells: int | None = None,
    profile: str | None = None,
    identity: Mapping[str, str] | None = None,
) -> list[Records]:
    """Every file read and checked; raises LoadError with the problems of all files at once.

    ``names`` are the file names to report (an upload's original names), ``max_cells`` the
    most cells read from one workbook, ``profile`` the table layout of every file (detected
    when None) and ``identity`` what the workbooks do not say (``jenis``, ``pemda``,
    ``periode``, ``tahun``, ``opd``, ``opd_kode``).
    """
    batch: list[Records] = []
    problems: list[Problem] = []
    made: dict[str, str] = {}  # document id -> the file that made it
    for path, name in zip(paths, names or [p.name for p in paths], strict=True):
        if path.is_file() and (size := path.stat().st_size) >= SLOW_READ_BYTES:
            _say(progress, f"Membaca / reading {name} ({size / 1e6:.1f} MB) …")
        try:
            records = load_workbook(
                path, name=name, max_cells=max_cells, profile=profile, identity=identity
            )
        except LoadError as exc:
            problems += exc.problems
            _say(progress, f"{name}: {len(exc.problems)} masalah / problem(s)")
            continue
        if (first := made.get(records.document.id)) is None:
            made[records.document.id] = name
        else:
            problems.append(_made_twice(name, first, records.document.id))
        batch.append(records)
        _say(
            progress,
            f"{name}: {len(records.elements)} elemen → {records.document.id} "
            f"(profil / profile {records.profile})",
        )
    if any(p.severity == "error" for p in problems):
        raise LoadError(problems + [p for r in batch for p in r.problems])
    return batch


def _made_twice(name: str, first: str, document_id: str) -> Problem:
    """The error of a file that makes the document another file of the same load made."""
    return Problem(
        name,
        None,
        None,
        None,
        "error",
        f"Dokumen {document_id} juga dibuat oleh {first} dalam pemuatan ini: yang satu akan "
        "menimpa yang lain; muat salah satunya, atau bedakan identitasnya (--opd, --tahun, "
        f"--periode) / document {document_id} is also made by {first} in this load: one would "
        "replace the other; load one of them, or tell them apart (--opd, --tahun, --periode)",
    )


def write_records(
    store: GraphStore,
    batch: list[Records],
    progress: Callable[[str], None] | None = None,
    strict: bool = False,
) -> dict[str, Any]:
    """Write checked records into the store in one transaction; the load report.

    With ``strict`` a warning blocks the load as an error does: a LoadError, and nothing is
    written. The warnings the store alone can tell (references that resolve to nothing) are
    judged inside the write transaction, so refusing them rolls the whole write back.
    """
    _say(progress, f"Menulis / writing {len(batch)} dokumen ke / to {store.kind} store …")
    stored = store.documents()
    warnings = [p for r in batch for p in r.problems] + _standing_alone(stored, batch)
    warnings += _opd_spelled_otherwise(stored, batch)
    shortened, how_read = _opd_short_forms(store, batch)
    warnings += shortened
    if strict and warnings:
        raise LoadError(warnings)

    def judged(unresolved: Sequence[Reference]) -> None:
        if unresolved:
            raise LoadError(_unresolved_problems(unresolved, batch))

    unresolved = store.replace_documents(batch, judged if strict else None)
    replaced = {str(d["id"]): d for d in stored}
    problems = warnings + _unresolved_problems(unresolved, batch)
    return _report(batch, problems, replaced, how_read)


def _unresolved_problems(refs: Sequence[Reference], batch: Sequence[Records]) -> list[Problem]:
    """A warning at the sheet, row and column of each reference that found no element (the
    store gives them back without their sheet and column: those of the batch's own)."""
    files = {r.document.id: r.document.src_file for r in batch}
    read = {_written(ref): ref for records in batch for ref in records.references}
    problems = []
    for ref in refs:
        where = read.get(_written(ref), ref)
        file = files[ref.child.split(":", 1)[0]]
        message = _unresolved_message(ref)
        problems.append(
            Problem(file, where.src_sheet, ref.src_row, where.src_column, "warning", message)
        )
    return problems


def unresolved_rows(store: GraphStore, pemda: str | None = None) -> list[dict[str, Any]]:
    """Every reference in the store (of one ``pemda``, its name in any case) that links to
    nothing now (``selaras unresolved``, ``GET /api/documents/unresolved``): the element, the
    reference as written, the file and row it was written in, and for a name the closest
    candidates. Links never cross pemda, so one pemda is resolved on its own, and faster."""
    batch = store.export(None if pemda is None else _documents_of(store, pemda))
    files = {r.document.id: r.document.src_file for r in batch}
    return [
        {
            "id": ref.child,
            "rujukan": f"{ref.target_jenis}:{ref.target_key}",
            "src_file": files.get(ref.child.split(":", 1)[0]),
            "src_row": ref.src_row,
            "terdekat": "; ".join(ref.candidates),
        }
        for ref in unresolved_references(batch, store.chain)
    ]


def _documents_of(store: GraphStore, pemda: str) -> set[str]:
    """The ids of the pemda's documents; raises NotFound naming the pemda there are."""
    documents = store.documents()
    ids = {str(d["id"]) for d in documents if slug(str(d["pemda"])) == slug(pemda)}
    if not ids:
        known = ", ".join(sorted({str(d["pemda"]) for d in documents})) or "-"
        raise NotFound(f"Pemda tidak ada / no such pemda: {pemda} (ada / known: {known})")
    return ids


def _written(ref: Reference) -> tuple[str, str, str, int | None]:
    """A reference as written (without the candidates the store found for it)."""
    return ref.child, ref.target_jenis, ref.target_key, ref.src_row


def _standing_alone(stored: Sequence[Mapping[str, Any]], batch: list[Records]) -> list[Problem]:
    """Warnings for documents that will link to nothing: another pemda than every document
    around them (``stored``: the store's documents), or years no document of their pemda
    covers (a Renja for 2031)."""
    ids = {r.document.id for r in batch}
    spans = [_span(d) for d in stored if d["id"] not in ids]
    spans += [_span(r.document) for r in batch]
    if len(spans) <= 1:  # a lone document: nothing around it to link to or not
        return []
    by_pemda: dict[str, Counter[tuple[int, int]]] = {}
    for pemda, a, b in spans:
        by_pemda.setdefault(pemda, Counter())[a, b] += 1
    out = []
    for r in batch:
        doc = r.document
        same_pemda = by_pemda[doc.pemda].copy()
        same_pemda[doc.tahun_awal, doc.tahun_akhir] -= 1  # the document itself
        if not +same_pemda:
            message = (
                f"Tidak ada dokumen lain pemda '{doc.pemda}': tidak ada yang tertaut / no other "
                "document of this pemda is loaded, nothing will link to it"
            )
            out.append(Problem(doc.src_file, "dokumen", None, "pemda", "warning", message))
        elif not any(a <= doc.tahun_akhir and doc.tahun_awal <= b for a, b in +same_pemda):
            message = (
                f"Tahun {doc.tahun_awal}-{doc.tahun_akhir} di luar periode dokumen lain pemda "
                "ini / outside the years of the other documents of this pemda: nothing will link"
            )
            out.append(Problem(doc.src_file, "dokumen", None, "tahun", "warning", message))
    return out


def _opd_spelled_otherwise(
    stored: Sequence[Mapping[str, Any]], batch: list[Records]
) -> list[Problem]:
    """A warning for a document whose OPD no other document of its pemda names, however
    spelled, but one names alike (:data:`graph.opd.OPD_VARIANT`): probably one OPD written two
    ways, so the two will not link by OPD and code."""
    ids = {r.document.id for r in batch}
    around = [(str(d["id"]), str(d["pemda"]), d["opd"]) for d in stored if d["id"] not in ids]
    around += [(r.document.id, r.document.pemda, r.document.opd) for r in batch]
    by_pemda: dict[str, list[tuple[str, str, str]]] = {}  # pemda -> (document, OPD key, OPD)
    for document, pemda, opd in around:
        if opd:
            by_pemda.setdefault(pemda, []).append((document, opd_key(str(opd)), str(opd)))
    out = []
    for r in batch:
        doc = r.document
        if not doc.opd:
            continue
        key = opd_key(doc.opd)
        names = {k: name for i, k, name in by_pemda[doc.pemda] if i != doc.id}
        if key in names:
            continue
        alike = [(opd_overlap(key, k), name) for k, name in names.items()]
        score, name = max(alike, default=(0.0, ""))
        if score >= OPD_VARIANT:
            message = (
                f"OPD '{doc.opd}' tidak ada di dokumen lain pemda ini, tetapi mirip '{name}' "
                f"({score:.2f}): tulis sama agar bertaut per OPD dan kode / no other document of "
                f"this pemda names this OPD, but '{name}' is alike: write it the same way for "
                "the documents to link by OPD and code"
            )
            out.append(Problem(doc.src_file, "dokumen", None, "opd", "warning", message))
    return out


def _opd_short_forms(
    store: GraphStore, batch: list[Records]
) -> tuple[list[Problem], dict[str, dict[str, Any]]]:
    """How each document's short OPD names are read, by document id, for its report: the name
    its own OPD, written short (``--opd BAPPELITBANGDA``), is read as (``opd_read_as``), and
    the names its elements' other OPDs (a program prioritas row's ``SATPOL PP``) are read as
    (``element_opds_read_as``), where each shortens exactly one name of the store after this
    load (:class:`graph.opd.OpdNames`). A warning where one could shorten several (then it is
    taken as written, and links by OPD and code only to documents that write it so too): on
    the document's OPD, or at the first row of an element that names it."""
    opds = {r.document.opd for r in batch if r.document.opd}
    element_opds = _element_opds(batch)
    first_row: dict[str, Element] = {}  # each of those OPDs at its first row of the batch
    for firsts in element_opds.values():
        for opd, e in firsts.items():
            first_row.setdefault(opd, e)
    ids = {r.document.id for r in batch}
    names = OpdNames(store.opd_names(ids) | first_row.keys() | opds)
    how: dict[str, dict[str, Any]] = {r.document.id: {} for r in batch}
    problems = []
    for r in batch:
        key = name_key(r.document.opd or "")
        if full := names.short_for.get(key):
            how[r.document.id]["opd_read_as"] = names.first_spelling(full)
        elif key in names.ambiguous:
            where = (r.document.src_file, "dokumen", None, "opd")
            problems.append(Problem(*where, "warning", _several(r.document.opd or "", names)))
        read = {
            opd: names.first_spelling(full)
            for opd in sorted(element_opds[r.document.id])
            if (full := names.short_for.get(name_key(opd)))
        }
        if read:
            how[r.document.id]["element_opds_read_as"] = read
    for opd, e in first_row.items():
        if opd not in opds and name_key(opd) in names.ambiguous:
            x, message = e.extra, _several(opd, names)
            sheet, row = x.get("src_sheet"), x.get("src_row")
            problems.append(
                Problem(
                    str(x.get("src_file") or ""),
                    None if sheet is None else str(sheet),
                    row if isinstance(row, int) else None,
                    "opd",
                    "warning",
                    message,
                )
            )
    return problems, how


def _element_opds(batch: list[Records]) -> dict[str, dict[str, Element]]:
    """By document id: each OPD its elements name other than the document's own (a program
    prioritas row's), with the first element that names it."""
    out: dict[str, dict[str, Element]] = {}
    for r in batch:
        firsts = out.setdefault(r.document.id, {})
        for e in r.elements:
            if (opd := e.extra.get("opd")) and opd != r.document.opd and opd not in firsts:
                firsts[str(opd)] = e
    return out


def _several(opd: str, names: OpdNames) -> str:
    """Why a short OPD name is taken as written: the names it could shorten."""
    some = ", ".join(f"'{names.first_spelling(k)}'" for k in names.ambiguous[name_key(opd)])
    return (
        f"OPD '{opd}' bisa singkatan dari beberapa nama ({some}): tulis nama lengkapnya agar "
        "bertaut per OPD dan kode / could be short for several names: write it out for the "
        "documents to link by OPD and code"
    )


def _span(doc: Any) -> tuple[str, int, int]:
    """(pemda, first year, last year) of a Document or a ``store.documents()`` row."""
    fields = doc if isinstance(doc, dict) else doc.__dict__
    return str(fields["pemda"]), int(fields["tahun_awal"]), int(fields["tahun_akhir"])


def _unresolved_message(ref: Reference) -> str:
    """Why a reference found no element: not loaded yet, or no name clearly the same."""
    if ref.by_name is None:
        return (
            f"Rujukan {ref.target_jenis}:{ref.target_key} belum ditemukan (dokumennya belum "
            "dimuat?) / reference not found yet (document not loaded?)"
        )
    close = "; ".join(ref.candidates) or "-"
    return (
        f"Nama '{ref.by_name}' tidak jelas cocok dengan satu elemen {ref.target_jenis} / no "
        f"clear name match in {ref.target_jenis}; terdekat / closest: {close}. Tulis rujukannya "
        f"(mis. S1.2.1) di kolom Sasaran {ref.target_jenis} pada tabel, atau di induk format "
        f"Selaras / write the reference (e.g. S1.2.1) in a column headed Sasaran "
        f"{ref.target_jenis}, or in induk of the Selaras format"
    )


def _report(
    batch: list[Records],
    problems: list[Problem],
    replaced: Mapping[str, Mapping[str, Any]],
    opds_read: Mapping[str, Mapping[str, Any]],
) -> dict[str, Any]:
    return {
        "documents": [
            {
                "id": r.document.id,
                "jenis": r.document.jenis,
                "file": r.document.src_file,
                "elements": dict(sorted(Counter(e.kind for e in r.elements).items())),
                "links": len(r.links) + len(r.references),
                "indicators": len(r.indicators),
                "replaces": _replaced(replaced.get(r.document.id)),
                **_how_read(r, opds_read.get(r.document.id, {})),
            }
            for r in batch
        ],
        "problems": [p.as_dict() for p in problems],
    }


def _how_read(records: Records, opds_read: Mapping[str, Any]) -> dict[str, Any]:
    """The profile the file was read with, where each identity value came from, and the names
    short OPD names were read as (:func:`_opd_short_forms`)."""
    if not isinstance(records, Loaded):
        return dict(opds_read)
    identity = {k: dict(v) for k, v in records.identity.items()}
    return {"profile": records.profile, "identity": identity, **opds_read}


def _replaced(old: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """What a written document replaced: the file it was loaded from, when, and its elements."""
    if old is None:
        return None
    return {"file": old["src_file"], "loaded_at": old["loaded_at"], "elements": old["elements"]}


def replaced_text(document: Mapping[str, Any]) -> str | None:
    """The line of a load report that says a document replaced one loaded before, or None.

    >>> replaced_text({"id": "renja-x-2026", "replaces": {"file": "lama.xlsx",
    ...                "loaded_at": "2026-11-02", "elements": 120}})
    'renja-x-2026: menggantikan / replaces 120 elemen dari / from lama.xlsx (2026-11-02)'
    """
    old = document.get("replaces")
    if not old:
        return None
    return (
        f"{document['id']}: menggantikan / replaces {old['elements']} elemen dari / from "
        f"{old['file']} ({old['loaded_at']})"
    )


def identity_text(document: Mapping[str, Any]) -> str:
    """One line of a load report: the profile and each identity value with its source.

    >>> identity_text({"file": "r.html", "profile": "rpjmd-matriks",
    ...                "identity": {"pemda": {"value": "Kab. X", "source": "given"}}})
    'r.html: profil / profile rpjmd-matriks; pemda = Kab. X (diberikan / given)'
    >>> line = identity_text({"file": "m.xlsx", "element_opds_read_as": {"SATPOL PP": "Satuan"}})
    >>> line.split(" / ")[2]
    "element OPDs read as 'SATPOL PP' = 'Satuan' (singkatan"
    """
    parts = [
        f"{key} = {item['value']} ({SOURCES.get(item['source'], item['source'])})"
        for key, item in document.get("identity", {}).items()
    ]
    if read_as := document.get("opd_read_as"):
        parts.append(f"opd dibaca sebagai / read as '{read_as}' (singkatan / short form)")
    if read := document.get("element_opds_read_as"):
        each = ", ".join(f"'{short}' = '{full}'" for short, full in read.items())
        parts.append(
            f"opd elemen dibaca sebagai / element OPDs read as {each} (singkatan / short form)"
        )
    head = f"{document.get('file')}: profil / profile {document.get('profile', '-')}"
    return "; ".join([head, *parts])


def _say(progress: Callable[[str], None] | None, message: str) -> None:
    if progress is not None:
        progress(message)
