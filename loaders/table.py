"""The one engine that reads a planning table by its profile into element drafts.

The rows below the header are walked once, top to bottom, keeping the element open at each
level. A row opens an element through a level column (``Tujuan``, ``Sasaran``), a text prefix
(``SASARAN 2 : …``) or its code (``1.02.02`` a program, ``1.02.02.2.01`` a kegiatan); urusan
(``I``, ``II.``) and bidang (``1.02``) rows and, where the profile says so, rows with a name and no
code are headings; an empty or merged (continued) level cell continues the element above, and
so does the same text written again. A program code seen before is the same element. Each
row's indicator, targets and Rp go to the element the row belongs to (``loaders/table_values``).
Elements without a code are keyed by their position: ``M1``, ``T1.2``, ``S1.2.1``, ``P1.2.1.3``.

Examples
--------
>>> from loaders.profiles import profiles
>>> from loaders.reading import Sheet
>>> rows = [(1, ["Kode", "Misi/Tujuan/Sasaran", "Indikator", "2026 Rp"]),
...         (2, [None, "MISI 1 : Sejahtera", None, None]),
...         (3, [None, "Tujuan 1: Sehat", "Indikator Tujuan 1 : Usia Harapan Hidup", None]),
...         (4, [None, "SASARAN 1 :Akses layanan", None, None]),
...         (5, [None, "Program 1 : Program Upaya Kesehatan", None, "1.500.000"])]
>>> table = TableReader(profiles()["rpjmd-matriks"], Sheet("s", rows), 0, "m.xlsx")
>>> [(d.kind, d.ref, d.nama, d.induk) for d in table.drafts()][1:]  # doctest: +NORMALIZE_WHITESPACE
[('tujuan', 'T1.1', 'Sehat', ['M1']), ('sasaran', 'S1.1.1', 'Akses layanan', ['T1.1']),
 ('program', 'P1.1.1.1', 'Program Upaya Kesehatan', ['S1.1.1'])]
>>> table.drafts()[-1].props["pagu_2026"], table.drafts()[1].indicators[0]["nama"]
(1500000, 'Usia Harapan Hidup')
"""

from __future__ import annotations

import re

from graph.chain import load_chain
from graph.codes import normalise_kode
from graph.ids import slug
from graph.model import Problem, Severity
from loaders.amounts import PLACEHOLDERS
from loaders.cells import clean_text, code_text, is_roman, joined_code
from loaders.header import Layout, column_letter, read_layout
from loaders.profiles import Profile
from loaders.reading import Cell, Sheet
from loaders.records import MULTI_OPD
from loaders.rows import Draft
from loaders.table_merges import continued_and_spans, unspilled
from loaders.table_values import INDICATOR_PREFIX, RowValues, finish_drafts

__all__ = ["TableReader", "acuan_refs"]

LETTERS = {"visi": "V", "misi": "M", "tujuan": "T", "sasaran": "S", "strategi": "ST",
           "arah_kebijakan": "AK", "prioritas": "PR", "program": "P"}  # fmt: skip
CODE_KINDS = {3: "program", 5: "kegiatan", 6: "sub_kegiatan"}
NEEDS = {"kegiatan": "program", "sub_kegiatan": "kegiatan"}
SKIP = ("jumlah", "total", "sub total", "subtotal")


class TableReader:
    """Reads one table (a sheet from its header on) into drafts, collecting problems."""

    def __init__(
        self, profile: Profile, sheet: Sheet, index: int, file: str, jenis: str | None = None
    ) -> None:
        self.profile, self.sheet, self.file = profile, sheet, file
        self.layout: Layout = read_layout(profile, sheet, index)
        self.multi_opd = (jenis or profile.jenis or "") in MULTI_OPD
        self.values = RowValues(self.layout, self._problem)
        self.rank = _ranks(profile)
        self.prefix = _prefix_pattern(profile)
        self.open: dict[str, Draft] = {}
        self.stack: list[tuple[int, str]] = []  # (rank, kind) of the open elements, top last
        self.texts: dict[str, str] = {}
        self.by_code: dict[tuple[str, str], Draft] = {}
        self.counts: dict[tuple[str, str], int] = {}
        self.out: list[Draft] = []
        self.problems: list[Problem] = []
        self.current: Draft | None = None
        self.heading: dict[str, str] = {}
        self._read: list[Draft] | None = None
        self.name_col = self._column("nama")
        self.code_cols = self.layout.roles.get("kode", [])
        self.level_cols = [(k, self._column(k)) for k in profile.level_columns]
        self.acuan_col = self._column("acuan")

    def drafts(self) -> list[Draft]:
        """Every element of the table, in the order of their first row."""
        if self._read is None:
            continued, spans = continued_and_spans(self.sheet)
            merged_rows = {r for r, _ in continued}
            for number, cells in self.sheet.rows[self.layout.first_data :]:
                if number in spans:
                    cells = unspilled(cells, spans[number], self.name_col)
                fresh = cells
                if number in merged_rows:
                    fresh = [None if (number, c) in continued else v for c, v in enumerate(cells)]
                self._row(number, cells, fresh, continued)
            self._read = finish_drafts(self.out, self.values, self.multi_opd)
        return self._read

    # --- one row ----------------------------------------------------------------------------
    def _row(
        self, number: int, cells: list[Cell], fresh: list[Cell], continued: set[tuple[int, int]]
    ) -> None:
        """One data row; ``fresh`` is ``cells`` without what merges continue from above."""
        width = len(fresh)
        col = self.name_col
        name = clean_text(fresh[col]) if col is not None and col < width else ""
        code = _code(fresh, self.code_cols, width)
        if (name or code)[:3].lower() in _SKIP_START and (name or code).lower().startswith(SKIP):
            self._heading(cells)
            return
        indicator = None
        if name[:9].lower() == "indikator" and INDICATOR_PREFIX.match(name):
            indicator, name = INDICATOR_PREFIX.sub("", name), ""
        for kind, col in self.level_cols:
            if col is not None and col < width and fresh[col] is not None:
                self._level_column(number, kind, clean_text(fresh[col]))
        col = self.acuan_col
        if col is not None and col < width and fresh[col] is not None:
            self._acuan(number, fresh[col])
        element = self._element(number, name, code, cells)
        if element is not None:
            merged = continued if fresh is not cells else None
            self.values.add(element, number, cells, merged, self.heading.get("opd"), indicator)

    def _level_column(self, number: int, kind: str, text: str) -> None:
        if text and text != "0" and text != self.texts.get(kind):
            self._open(number, kind, text)
            self.texts[kind] = text

    def _acuan(self, number: int, cell: Cell) -> None:
        """What the open element of a ``links.by_name`` kind (a tujuan, a sasaran) supports in
        the upper document, written in its own column (``Sasaran RPJMD``): it takes the place of
        the match by the element's own name."""
        text = clean_text(cell)
        if text.lower() in PLACEHOLDERS:
            return
        kind = next((k for _, k in reversed(self.stack) if k in self.profile.name_links), None)
        if kind is None:
            self._problem(number, "acuan", f"Rujukan '{text}' tidak berada di bawah tujuan "
                          "atau sasaran mana pun; diabaikan / a reference under no tujuan or "
                          "sasaran; ignored", warn=True)  # fmt: skip
            return
        draft, jenis = self.open[kind], self.profile.name_links[kind]
        by_own_name = f"{jenis}:nama:{draft.nama}"
        if by_own_name in draft.induk and by_own_name not in draft.induk_at:
            draft.induk.remove(by_own_name)
        for ref in acuan_refs(cell if isinstance(cell, str) else text, jenis):
            if ref not in draft.induk:
                draft.induk.append(ref)
                draft.induk_at[ref] = (number, self._column_label("acuan"))

    def _element(self, number: int, name: str, code: str, cells: list[Cell]) -> Draft | None:
        if code:
            return self._by_code(number, code, name, cells)
        if not name or name == self.texts.get("nama"):
            return self.current
        match = self.prefix.match(name) if self.prefix else None
        if match:
            draft = self._open(number, self.profile.prefixes[_words(match.group(1))], match[2])
            self.texts["nama"] = name
            return draft
        if self.profile.groups:
            self._heading(cells)
            return None
        self._problem(number, "nama", "Baris tidak cocok dengan tingkat mana pun; baris ini dan "
                      "lanjutannya dilewati / row fits no level; it and its continuation rows "
                      "are skipped", warn=True)  # fmt: skip
        self.current = None
        return None

    # --- codes ------------------------------------------------------------------------------
    def _by_code(self, number: int, raw: str, name: str, cells: list[Cell]) -> Draft | None:
        if (raw[0] in "IVXivx" and is_roman(raw)) or (raw.isdigit() and len(raw) == 1):
            self.heading = {}
            self._heading(cells)
            return None
        try:
            kode = raw if _is_normal(raw) else normalise_kode(raw)
        except ValueError as exc:
            return self._unreadable_code(number, raw, name, str(exc))
        parts = kode.count(".") + 1
        if parts == 2:
            self.heading = {"bidang": kode, "bidang_nama": name} if name else {"bidang": kode}
            self._heading(cells)
            return None
        kind = CODE_KINDS[parts]
        needed = NEEDS.get(kind)
        if needed and needed not in self.open:
            self._problem(number, "kode", f"{kind} {kode} tanpa {needed} di atasnya / a {kind} "
                          f"with no {needed} above it")  # fmt: skip
            self.current = None
            return None
        lookup = (kind, self._lookup(kode, cells))
        known = self.by_code.get(lookup)
        if known is not None:
            return self._again(number, known, kind)
        draft = self.by_code[lookup] = self._open(number, kind, name, kode=kode, raw=raw)
        self.texts["nama"] = name
        return draft

    def _again(self, number: int, draft: Draft, kind: str) -> Draft:
        """A code seen before: the same element (a further row, parent or Perangkat Daerah)."""
        if self.open.get(kind) is not draft:
            if kind != "program":
                self._problem(number, "kode", f"Kode {draft.kode} sudah ada di baris {draft.row}; "
                              "digabung / code already on that row; merged", warn=True)  # fmt: skip
            self._close(kind)
            parent = self._parent(kind)
            if parent is not None and parent.ref and kind not in NEEDS:
                draft.induk += [] if parent.ref in draft.induk else [parent.ref]
            self._push(kind, draft)
        self.current = draft
        return draft

    def _unreadable_code(self, number: int, raw: str, name: str, why: str) -> Draft | None:
        kind = CODE_KINDS.get(len(re.split(r"[.,]", raw)))
        if kind is None or not name or (NEEDS.get(kind) and NEEDS[kind] not in self.open):
            self._problem(number, "kode", f"{why}; baris dilewati / row skipped", warn=True)
            self.current = None
            return None
        self._problem(number, "kode", f"{why}; {kind} dimuat tanpa kode / loaded without a code",
                      warn=True)  # fmt: skip
        return self._open(number, kind, name, raw=raw)

    def _lookup(self, kode: str, cells: list[Cell]) -> str:
        if self.profile.key == "kode" or not self.multi_opd:
            return kode
        opd = clean_text(self._cell(cells, "opd")) or self.heading.get("opd", "")
        return f"{slug(opd)}/{kode}"

    # --- headings and open elements -----------------------------------------------------------
    def _heading(self, cells: list[Cell]) -> None:
        """An urusan, bidang, group or total row: it closes the programs and sets the context."""
        self._close("program")
        self.current = None
        opd = clean_text(self._cell(cells, "opd"))
        self.heading = {k: v for k, v in self.heading.items() if k != "opd"}
        if opd:
            self.heading["opd"] = opd

    def _open(
        self, number: int, kind: str, nama: str, kode: str | None = None, raw: str | None = None
    ) -> Draft:
        self._close(kind)
        parent = self._parent(kind)
        draft = Draft(number, kind, nama, kode=kode, kode_asli=raw)
        if kind in LETTERS and not kode:
            draft.ref = LETTERS[kind] + self._path(kind, parent)
        if parent is not None and parent.ref and kind not in NEEDS:
            draft.induk.append(parent.ref)
        if kind in self.profile.name_links and nama:
            draft.induk.append(f"{self.profile.name_links[kind]}:nama:{nama}")
            draft.induk_column = self._column_label(kind if kind in self.layout.roles else "nama")
        if kode and self.profile.key == "kode":
            draft.key = kode
        if kind == "program":
            draft.props |= {k: v for k, v in self.heading.items() if k.startswith("bidang")}
        self._push(kind, draft)
        self.out.append(draft)
        return draft

    def _path(self, kind: str, parent: Draft | None) -> str:
        above = (parent.ref or "").lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ") if parent else ""
        count = self.counts[(above, kind)] = self.counts.get((above, kind), 0) + 1
        return f"{above}.{count}" if above else str(count)

    def _parent(self, kind: str) -> Draft | None:
        """The open element right above ``kind`` (call after ``_close(kind)``)."""
        return self.open[self.stack[-1][1]] if self.stack else None

    def _close(self, kind: str) -> None:
        """Close the open elements at the level of ``kind`` and below."""
        level = self.rank.get(kind, 99)
        while self.stack and self.stack[-1][0] >= level:
            _, k = self.stack.pop()
            del self.open[k]
            self.texts.pop(k, None)
        self.texts.pop("nama", None)

    def _push(self, kind: str, draft: Draft) -> None:
        self.open[kind] = self.current = draft
        self.stack.append((self.rank.get(kind, 99), kind))

    # --- columns and problems -----------------------------------------------------------------
    def _column(self, role: str) -> int | None:
        cols = self.layout.roles.get(role)
        return cols[0] if cols else None

    def _cell(self, cells: list[Cell], role: str) -> Cell:
        col = self._column(role)
        return cells[col] if col is not None and col < len(cells) else None

    def _problem(self, row: int, role: str, message: str, warn: bool = False) -> None:
        severity: Severity = "warning" if warn else "error"
        column = self._column_label(role)
        self.problems.append(Problem(self.file, self.sheet.name, row, column, severity, message))

    def _column_label(self, role: str) -> str:
        """The column of ``role`` as a problem names it: ``F (pagu_2025)``, or the role."""
        cols = self.layout.roles.get(role) or [c for c, k in self.layout.values if k == role]
        return f"{column_letter(cols[0])} ({role})" if cols else role


_SKIP_START = {s[:3] for s in SKIP}
_ACUAN_SPLIT = re.compile(r"[;\n]")
_ACUAN_KEY = re.compile(r"[A-Za-z]{0,2}[0-9]+(?:\.[0-9]+)*")
_NORMAL = re.compile(r"[0-9]\.[0-9]{2}(?:\.[0-9]{2}(?:\.[0-9]\.[0-9]{2}(?:\.[0-9]{4})?)?)?")


def _code(cells: list[Cell], cols: list[int], width: int) -> str:
    """The row's code: one cell, or several joined (a split code)."""
    if len(cols) == 1:
        value = cells[cols[0]] if cols[0] < width else None
        return "" if value is None else code_text(value).strip(".,")
    return joined_code([cells[c] for c in cols if c < width])


def acuan_refs(text: str, jenis: str) -> list[str]:
    """The references an acuan cell writes, as ``induk`` holds them: a ref or code (with or
    without ``JENIS:``, or an element id as the load report shows it) or else a name; several
    are separated by ``;`` or a line break.

    >>> acuan_refs("s3.2.1; RPJMD: Meningkatnya mutu", "RPJMD")
    ['RPJMD:S3.2.1', 'RPJMD:nama:Meningkatnya mutu']
    >>> acuan_refs("rpjmd-kab-uji-2025-2029:sasaran:S1.2.1\\nS1.2.2", "RPJMD")
    ['RPJMD:S1.2.1', 'RPJMD:S1.2.2']
    """
    out = []
    for piece in map(clean_text, _ACUAN_SPLIT.split(text)):
        head, sep, rest = piece.partition(":")
        written = rest.strip() if sep and head.strip().upper() == jenis else piece
        if written.count(":") >= 2 and " " not in written:  # an element id
            written = written.rsplit(":", 1)[1]
        if _ACUAN_KEY.fullmatch(written):
            out.append(f"{jenis}:{written.upper()}")
        elif written:
            out.append(f"{jenis}:{written if written.startswith('nama:') else 'nama:' + written}")
    return out


def _is_normal(raw: str) -> bool:
    """True when ``raw`` is already a normalised code (most are): no need to normalise it.

    >>> _is_normal("1.02.02.2.01.0002"), _is_normal("1.2.2"), _is_normal("X.XX.01")
    (True, False, False)
    """
    return _NORMAL.fullmatch(raw) is not None


def _words(text: str) -> str:
    return " ".join(text.lower().split())


def _ranks(profile: Profile) -> dict[str, int]:
    """Each kind's depth in this table: smaller is higher (misi above tujuan above …)."""
    levels = load_chain().levels
    kinds = list(profile.level_columns) + list(profile.prefixes.values())
    kinds += ["program", "kegiatan", "sub_kegiatan"] if profile.codes else []
    order = sorted(dict.fromkeys(kinds), key=lambda k: (-levels.get(k, 0), kinds.index(k)))
    return {k: i for i, k in enumerate(order)}


def _prefix_pattern(profile: Profile) -> re.Pattern[str] | None:
    """``MISI 1 :``, ``Tujuan 2:``, ``SASARAN 1 :`` … in any case, a space or none round ``:``."""
    if not profile.prefixes:
        return None
    words = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in profile.prefixes)
    return re.compile(rf"(?is)^({words})\s*\d+(?:\.\d+)*\s*[:.]?\s*(.*)$")
