"""Merged cells seen from a table's rows: what continues from above, what spills sideways.

A cell merged down from the row above (``rowspan``) continues the element or the amount above
it: it opens nothing and its Rp is not counted again. A cell merged sideways (``colspan``, such
as a ``MISI 1 : …`` row across the whole table) holds its text once, in the name column when the
merge covers it.

Examples
--------
>>> from loaders.reading import Sheet
>>> sheet = Sheet("s", [(1, ["MISI 1", "MISI 1", "MISI 1"]), (2, [None, "x", "y"])],
...               merged=((1, 0, 1, 2), (2, 1, 3, 1)))
>>> continued, spans = continued_and_spans(sheet)
>>> sorted(continued), spans
([(3, 1)], {1: [(0, 2)]})
>>> unspilled(["MISI 1", "MISI 1", "MISI 1"], spans[1], name=1)
[None, 'MISI 1', None]
"""

from __future__ import annotations

from loaders.reading import Cell, Sheet

__all__ = ["continued_and_spans", "unspilled"]


def continued_and_spans(
    sheet: Sheet,
) -> tuple[set[tuple[int, int]], dict[int, list[tuple[int, int]]]]:
    """The ``(row, column)`` cells that continue a merge from the row above, and each row's
    sideways merged spans as ``(first column, last column)``."""
    continued: set[tuple[int, int]] = set()
    spans: dict[int, list[tuple[int, int]]] = {}
    for r0, c0, r1, c1 in sheet.merged:
        continued.update((r, c) for r in range(r0 + 1, r1 + 1) for c in range(c0, c1 + 1))
        if c1 > c0:
            spans.setdefault(r0, []).append((c0, c1))
    return continued, spans


def unspilled(cells: list[Cell], spans: list[tuple[int, int]], name: int | None) -> list[Cell]:
    """The row with each sideways span's text kept once: in ``name`` if it covers it."""
    out = list(cells)
    for c0, c1 in spans:
        text = out[c0] if c0 < len(out) else None
        for c in range(c0, min(c1 + 1, len(out))):
            out[c] = None
        keep = name if name is not None and c0 <= name <= c1 else c0
        if keep < len(out):
            out[keep] = text
    return out
