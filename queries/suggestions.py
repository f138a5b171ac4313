"""Where an orphaned activity probably belongs: ranked candidate parents, each with its score."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any, NamedTuple

import networkx as nx

from graph.chain import Chain, Rule, load_chain, split_level
from graph.opd import opd_names
from queries.registry import canned

__all__ = ["OrphanSuggestion", "orphan_suggestions", "kode_score", "name_score"]

WEIGHTS = (0.5, 0.2, 0.3)  # code prefix, same OPD, name
PUNCTUATION = str.maketrans({c: " " for c in ",./()-:;\"'"})


class OrphanSuggestion(NamedTuple):
    """One candidate parent of an orphaned activity, ranked 1 (best) to 3."""

    id: str
    kind: str
    kode: str | None
    nama: str
    dokumen: str
    rank: int
    candidate_id: str
    candidate_kind: str
    candidate_nama: str
    score: float
    score_kode: float
    score_opd: int
    score_nama: float


@canned(
    "Candidate parents for orphaned activities",
    severity="info",
    brief=("id", "rank", "candidate_id", "score"),
    keterangan=(
        "Untuk setiap kegiatan yatim langsung (tanpa induk sama sekali), paling banyak tiga calon "
        "induk yang diizinkan rantai, diurutkan menurut skor: kecocokan awalan kode, OPD yang "
        "sama, dan kemiripan kata nama."
    ),
)
def orphan_suggestions(
    g: nx.DiGraph, dokumen: str | None = None, limit: int = 3
) -> list[OrphanSuggestion]:
    """Usulan induk untuk kegiatan yatim

    For each activity with no parent at all (a direct orphan; an inherited one is mended by
    mending the element its chain stops at), up to ``limit`` candidate parents among the
    elements the chain file allows above it, in the same pemda (same document for links found
    by code prefix, same OPD for links found by code), ranked by
    ``score = 0.5 × score_kode + 0.2 × score_opd + 0.3 × score_nama``: the share of the
    candidate's code segments the activity's code starts with, 1 for the same OPD, and the
    word overlap (Jaccard) of the two names. Candidates scoring 0 are left out.

    Examples
    --------
    >>> from graph.demo import demo_graph
    >>> [(r.kode, r.rank, r.candidate_id.rsplit(":", 1)[1], r.score_kode)
    ...  for r in orphan_suggestions(demo_graph(), limit=1)]
    [('1.02.02.2.09.0001', 1, '1.02.02.2.01', 0.8)]
    """
    chain = load_chain()
    node, succ = g._node, g._succ
    orphans = sorted(
        n
        for n, d in node.items()
        if d["kind"] in chain.activities and not succ[n] and not _skip(d, dokumen)
    )
    buckets = _candidates_by_level(g, _wanted(g, orphans, chain)) if orphans else {}
    rows = []
    for n in orphans:
        d = node[n]
        rules = chain.rules_for(str(d.get("dokumen_jenis")), d["kind"])
        ranked = sorted(_scored(g, d, rules, buckets), key=lambda s: (-s[0], s[1]))[:limit]
        rows += [_row(g, n, d, rank, s) for rank, s in enumerate(ranked, 1)]
    return rows


def _skip(d: Mapping[str, Any], dokumen: str | None) -> bool:
    return bool(dokumen) and d["dokumen"] != dokumen


Bucket = tuple[str, str, str, str]  # (pemda, level, "", "") or by "prefix" document or "kode" OPD
Wanted = set[tuple[str, str, str]]  # (pemda, parent level, "" or "prefix" or "kode")


def _wanted(g: nx.DiGraph, orphans: list[str], chain: Chain) -> Wanted:
    """The buckets the orphans' rules look in, without the value of the document or OPD."""
    wanted = set()
    for n in orphans:
        d = g._node[n]
        for rule in chain.rules_for(str(d.get("dokumen_jenis")), d["kind"]):
            wanted.add((str(d.get("pemda")), rule.parent, _by(rule)))
    return wanted


def _by(rule: Rule) -> str:
    return rule.by if rule.by in ("prefix", "kode") else ""


def _candidates_by_level(g: nx.DiGraph, wanted: Wanted) -> dict[Bucket, list[str]]:
    """The elements of the parent levels of a pemda the orphans need: all, per document or per
    OPD (by its key, however spelled), the candidates of an ``induk``, a ``prefix`` and a
    ``kode`` rule."""
    kinds = {split_level(level)[1] for _, level, _ in wanted}
    buckets: dict[Bucket, list[str]] = defaultdict(list)
    names = opd_names(g)
    for n, d in g._node.items():
        if d["kind"] not in kinds:
            continue
        pemda, level = str(d.get("pemda")), f"{d.get('dokumen_jenis')}:{d['kind']}"
        for by, value in (("", ""), ("prefix", d["dokumen"]), ("kode", names.key_of(d))):
            if (pemda, level, by) in wanted:
                buckets[pemda, level, by, value].append(n)
    return buckets


Scored = tuple[float, str, float, int, float]


def _scored(
    g: nx.DiGraph,
    d: Mapping[str, Any],
    rules: Iterable[Rule],
    buckets: Mapping[Bucket, list[str]],
) -> list[Scored]:
    out: dict[str, Scored] = {}
    names = opd_names(g)
    pemda, opd = str(d.get("pemda")), names.key_of(d)
    for rule in rules:
        by = _by(rule)
        value = {"prefix": d["dokumen"], "kode": opd}.get(by, "")
        for c in buckets.get((pemda, rule.parent, by, value), []):
            cd = g._node[c]
            k, o = kode_score(d.get("kode"), cd.get("kode")), int(names.key_of(cd) == opd != "")
            nm = name_score(d["nama"], cd["nama"])
            score = WEIGHTS[0] * k + WEIGHTS[1] * o + WEIGHTS[2] * nm
            if score > 0:
                out[c] = (score, c, k, o, nm)
    return list(out.values())


def _row(g: nx.DiGraph, n: str, d: Mapping[str, Any], rank: int, s: Scored) -> OrphanSuggestion:
    score, c, k, o, nm = s
    cd = g.nodes[c]
    return OrphanSuggestion(
        n, d["kind"], d.get("kode"), d["nama"], d["dokumen"], rank,
        c, cd["kind"], cd["nama"], score, k, o, nm,
    )  # fmt: skip


def kode_score(kode: str | None, candidate: str | None) -> float:
    """The share of the candidate's code segments that ``kode`` starts with.

    >>> kode_score("1.02.02.2.01.0002", "1.02.02.2.01"), kode_score("1.02.03.2.01", "1.02.02")
    (1.0, 0.6666666666666666)
    """
    if not kode or not candidate:
        return 0.0
    mine, theirs = kode.split("."), candidate.split(".")
    shared = 0
    while shared < min(len(mine), len(theirs)) and mine[shared] == theirs[shared]:
        shared += 1
    return shared / len(theirs)


def name_score(a: str, b: str) -> float:
    """Word overlap of two names (Jaccard), case and punctuation aside.

    >>> name_score("Pembangunan Puskesmas", "Rehabilitasi Puskesmas")
    0.3333333333333333
    """
    wa, wb = _words(a), _words(b)
    union = len(wa | wb)
    return len(wa & wb) / union if union else 0.0


@lru_cache(maxsize=65_536)
def _words(text: str) -> frozenset[str]:
    """The words of a name, case and punctuation aside; cached, for names repeat."""
    return frozenset(w for w in text.lower().translate(PUNCTUATION).split(" ") if w)
