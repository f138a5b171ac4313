"""The graph as an OpenFastTrace specification, and OFT's defects set against Selaras's checks.

`OpenFastTrace <https://github.com/itsallcode/openfasttrace>`_ (OFT) traces *specification
items* that ``Cover`` one another and ``Need`` coverage by artifact types. Selaras writes one
Markdown file per document and one item per element:

- the item id is ``<type>~<name>~1``: the **artifact type** is the element's chain level
  (``RPJMD:sasaran`` → ``rpjmdsasaran``, ``RENJA:sub_kegiatan`` → ``renjasubkeg``), the
  **name** the element id, encoded reversibly (:func:`oft_name`, :func:`element_id`);
- ``Covers:`` every element it supports (the store's links, child → parent). An activity
  (``kegiatan``, ``sub_kegiatan``) that supports nothing covers ``induk~<name>~1``, the parent
  it should name and the store does not hold: no item has the type ``induk``, so OFT reports
  that link *orphaned*;
- ``Needs:`` the levels of the elements that support it (OFT needs every listed type, so only
  those present); a priority (``priorities`` of ``chain.toml``) nothing supports needs every
  level the chain lets support it, so OFT reports it *uncovered*.

So OFT's defects are three kinds, and each equals one Selaras finding, item for item:

=============== ======================================================================
OFT             Selaras
=============== ======================================================================
orphaned        ``orphaned_activities`` rows with ``break_type = direct`` (no parent)
uncovered       ``unsupported_priorities`` rows with ``supporters = 0`` (nothing below)
uncovered_below the other elements above one of those (OFT: not *covered deeply*)
=============== ======================================================================

OFT judges coverage by artifact type and link by link: an activity whose parent is itself
cut off (``break_type = inherited``) and a priority supported only by elements no activity
reaches are Selaras findings OFT cannot see. :func:`compare_with_oft` checks the equivalence.

Examples
--------
>>> oft_name("renja-x:sub_kegiatan:1.02.02.2.09.0001")
'renja-x_csub_ukegiatan_c1.02.02.2.09.0001'
>>> element_id(oft_name("rkpd-x:program:dinas/1.02.02")) == "rkpd-x:program:dinas/1.02.02"
True
>>> artifact_type("RENJA", "sub_kegiatan")
'renjasubkeg'
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Set
from functools import cache, cached_property
from pathlib import Path
from typing import Any, NamedTuple

import networkx as nx

from graph.chain import load_chain, split_level
from graph.store import GraphStore
from queries.run import run_query

__all__ = [
    "DEFECT_KINDS",
    "OftElement",
    "artifact_type",
    "compare_with_oft",
    "element_id",
    "expected_defects",
    "oft_document",
    "oft_item_id",
    "oft_name",
    "oft_specification",
    "write_oft",
]

REVISION = 1
MISSING_PARENT = "induk"
DEFECT_KINDS = ("orphaned", "uncovered", "uncovered_below")
KIND_SHORT = {
    "program": "prog",
    "kegiatan": "keg",
    "sub_kegiatan": "subkeg",
    "arah_kebijakan": "arah",
}
_ESCAPED = re.compile(r"[^A-Za-z0-9.-]|\.(?=\.|$)")
_ESCAPES = {"_": "_u", ":": "_c", "/": "_s"}
_UNESCAPES = {v[1]: k for k, v in _ESCAPES.items()}


def oft_name(element: str) -> str:
    """The element id as an OFT item name: letters, digits, ``-``, ``.`` and ``_`` escapes.

    ``_`` → ``_u``, ``:`` → ``_c``, ``/`` → ``_s``, any other character (and a ``.`` that ends
    the id or precedes another ``.``, which OFT refuses) → ``_x`` and six hex digits; an id
    not starting with an ASCII letter gets the prefix ``z_n`` (``_n`` stands for nothing).

    >>> oft_name("9 a..b.")
    'z_n9_x000020a_x00002e.b_x00002e'
    """
    prefix = "" if element[:1].isascii() and element[:1].isalpha() else "z_n"
    return prefix + _ESCAPED.sub(_escape, element)


def _escape(match: re.Match[str]) -> str:
    ch = match[0]
    return _ESCAPES.get(ch) or f"_x{ord(ch):06x}"


def element_id(name: str) -> str:
    """The element id an OFT item name encodes (the inverse of :func:`oft_name`).

    >>> element_id("z_n9_x000020a_x00002e.b_x00002e")
    '9 a..b.'
    """
    out, i = [], 3 if name.startswith("z_n") else 0
    while i < len(name):
        ch = name[i]
        if ch != "_":
            out.append(ch)
            i += 1
        elif name[i + 1] == "x":
            out.append(chr(int(name[i + 2 : i + 8], 16)))
            i += 8
        else:
            out.append(_UNESCAPES.get(name[i + 1], ""))
            i += 2
    return "".join(out)


@cache
def artifact_type(jenis: str | None, kind: str) -> str:
    """The OFT artifact type of a chain level: lower-case letters only."""
    return f"{(jenis or '').lower()}{KIND_SHORT.get(kind, kind).replace('_', '')}"


def oft_item_id(element: str, jenis: str | None, kind: str) -> str:
    """The OFT item id of an element: ``type~name~1``."""
    return f"{artifact_type(jenis, kind)}~{oft_name(element)}~{REVISION}"


class OftElement(NamedTuple):
    """One element with what its item says: the elements it supports and those supporting it."""

    id: str
    kind: str
    dokumen: str
    jenis: str | None
    nama: str
    parents: list[tuple[str, str | None, str]]  # (id, jenis, kind) of each element supported
    supporters: list[str]  # artifact types of the elements supporting it


class _Rows:
    """What :meth:`GraphStore.run` needs to read every element as an :class:`OftElement`
    (a query, not in the catalogue): documents in id order, elements in id order in each."""

    name = "oft_elements"

    def reference(self, g: nx.DiGraph, params: Mapping[str, Any]) -> list[OftElement]:
        return list(_oft_elements(g))

    @cached_property
    def cypher(self) -> str:
        return (Path(__file__).with_name("cypher") / "oft_elements.cypher").read_text("utf-8")

    def row(self, record: Mapping[str, Any]) -> OftElement:
        parents = sorted((str(p[0]), p[1], str(p[2])) for p in record["parents"])
        below = [artifact_type(c[0], str(c[1])) for c in record["supporters"]]
        return OftElement(**{**record, "parents": parents, "supporters": below})


def _oft_elements(g: nx.DiGraph) -> Iterator[OftElement]:
    node, succ, pred = g._node, g._succ, g._pred
    by_doc: dict[str, list[str]] = defaultdict(list)
    for n, d in node.items():
        by_doc[d["dokumen"]].append(n)
    for dokumen in sorted(by_doc):
        for n in sorted(by_doc[dokumen]):
            d = node[n]
            parents = [(p, node[p].get("dokumen_jenis"), node[p]["kind"]) for p in sorted(succ[n])]
            below = [artifact_type(node[c].get("dokumen_jenis"), node[c]["kind"]) for c in pred[n]]
            yield OftElement(
                n, d["kind"], dokumen, d.get("dokumen_jenis"), str(d.get("nama") or ""),
                parents, below,
            )  # fmt: skip


def oft_document(elements: Iterable[OftElement]) -> Iterator[str]:
    """The Markdown lines of one document's items (each line ends with a newline)."""
    chain = load_chain()
    priorities, activities = set(chain.priorities), set(chain.activities)
    first = True
    for e in elements:
        if first:
            yield f"# {e.dokumen}\n\n"
            first = False
        yield f"### {_one_line(e.nama) or e.id}\n`{oft_item_id(e.id, e.jenis, e.kind)}`\n\n"
        yield f"{e.jenis}:{e.kind} {_one_line(e.id)}\n\n"
        covers = [oft_item_id(*p) for p in e.parents]
        if not covers and e.kind in activities:
            covers = [f"{MISSING_PARENT}~{oft_name(e.id)}~{REVISION}"]
        if covers:
            yield "Covers:\n\n" + "".join(f"* {c}\n" for c in covers) + "\n"
        needs = set(e.supporters)
        if not needs and f"{e.jenis}:{e.kind}" in priorities:
            needs = _allowed_below(f"{e.jenis}:{e.kind}") or {
                artifact_type(None, k) for k in activities
            }
        if needs:
            yield f"Needs: {', '.join(sorted(needs))}\n\n"


def _allowed_below(level: str) -> set[str]:
    """The artifact types of every level the chain lets support ``level``."""
    return {artifact_type(*split_level(r.child)) for r in load_chain().rules if r.parent == level}


def _one_line(text: str) -> str:
    """Text safe on one Markdown line of an OFT item: no line break, no backquote, no tilde."""
    return " ".join(text.replace("`", "'").replace("~", "-").split())


def oft_specification(store: GraphStore) -> Iterator[tuple[str, Iterator[str]]]:
    """Each document's id with the lines of its OFT specification, in document id order."""
    rows = store.run(_Rows(), {})
    start = 0
    while start < len(rows):
        end = start
        while end < len(rows) and rows[end].dokumen == rows[start].dokumen:
            end += 1
        yield rows[start].dokumen, oft_document(rows[start:end])
        start = end


def write_oft(store: GraphStore, out_dir: Path) -> int:
    """Write one ``<document>.md`` per document into ``out_dir`` (created); how many.

    Files of documents no longer in the store are not removed: write into an empty folder.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    written = 0
    for dokumen, lines in oft_specification(store):
        with (out_dir / f"{oft_name(dokumen)}.md").open("w", encoding="utf-8") as f:
            f.writelines(lines)
        written += 1
    return written


def expected_defects(store: GraphStore) -> dict[str, set[str]]:
    """The OFT defects Selaras predicts: element ids by defect kind (see the module table).

    ``orphaned`` and ``uncovered`` come from the checks' own rows; ``uncovered_below`` is
    every other element above an uncovered one (``trace_down`` from it reaches one).
    """
    orphans = run_query(store, "orphaned_activities").rows
    unsupported = run_query(store, "unsupported_priorities").rows
    orphaned = {r.id for r in orphans if r.break_type == "direct"}
    uncovered = {r.id for r in unsupported if r.supporters == 0}
    above = _reach_up(store.run(_Rows(), {}), uncovered)
    return {
        "orphaned": orphaned,
        "uncovered": uncovered,
        "uncovered_below": above - uncovered - orphaned,
    }


def _reach_up(rows: Iterable[OftElement], sources: Set[str]) -> set[str]:
    """Every element some element of ``sources`` supports, directly or not."""
    parents = {r.id: [p[0] for p in r.parents] for r in rows}
    seen, stack = set(sources), list(sources)
    while stack:
        for p in parents.get(stack.pop(), ()):
            if p not in seen:
                seen.add(p)
                stack.append(p)
    return seen


def compare_with_oft(
    store: GraphStore, oft_defects: Mapping[str, Set[str]]
) -> tuple[bool, set[tuple[str, str]], set[tuple[str, str]]]:
    """``(same, only_selaras, only_oft)``: Selaras's equivalent findings against OFT's defects.

    ``oft_defects`` maps a defect kind (``orphaned``, ``uncovered`` or any other OFT reports)
    to OFT item ids; the two sets hold ``(kind, element id)`` pairs.
    """
    expected = expected_defects(store)
    ours = {(k, i) for k, ids in expected.items() for i in ids}
    theirs = {(k, element_id(i.split("~")[1])) for k, ids in oft_defects.items() for i in ids}
    return ours == theirs, ours - theirs, theirs - ours
