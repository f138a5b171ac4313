"""Near-identical program names in one OPD's document, found with rapidfuzz.

Names are compared after an Indonesian-aware normalisation: case, accents, punctuation and the
word "program" aside, ``dan``/``&`` and ``kab/kota`` spellings unified.

Examples
--------
>>> normalised_name("PROGRAM Pemenuhan Upaya Kesehatan & Masyarakat.")
'pemenuhan upaya kesehatan dan masyarakat'
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx
from rapidfuzz import fuzz, process

from graph.codes import is_penunjang
from graph.ids import normalised_name, slug
from loaders.rows import Draft

__all__ = ["THRESHOLD", "normalised_name", "similar_programs"]

THRESHOLD = 90.0


def similar_programs(drafts: list[Draft]) -> dict[str, list[str]]:
    """For each non-penunjang program, the other programs of its OPD whose names nearly match."""
    by_opd: dict[str, list[Draft]] = defaultdict(list)
    for d in drafts:
        if d.kind == "program" and d.kode and not is_penunjang(d.kode):
            by_opd[slug(d.opd or "")].append(d)
    pairs = nx.Graph()
    for group in by_opd.values():
        names = [normalised_name(d.nama) for d in group]
        for i, a in enumerate(group):
            # every later name at once, compared in C (an OPD may hold thousands of programs)
            hits = process.extract(
                names[i], names, scorer=fuzz.ratio, score_cutoff=THRESHOLD, limit=None
            )
            for _, _, j in hits:
                if j > i and a.kode != group[j].kode:
                    pairs.add_edge(a.id, group[j].id)
    return {
        n: sorted(component - {n})
        for component in nx.connected_components(pairs)
        for n in component
    }
