"""The chain of plans, read from ``chain.toml``: which kind in which document supports which.

Examples
--------
>>> chain = load_chain()
>>> chain.allows("RENSTRA", "sasaran", "RPJMD", "sasaran")
True
>>> chain.allows("RENSTRA", "kegiatan", "RPJMD", "sasaran")
False
>>> [r.parent for r in chain.rules_for("RENJA", "program", by="kode")]
['RENSTRA:program', 'RKPD:program']
>>> chain.anchors, chain.activities
(('RPJMD:sasaran',), ('kegiatan', 'sub_kegiatan'))
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from graph.errors import InputError
from graph.model import DOCUMENT_KINDS, ELEMENT_KINDS

__all__ = ["Chain", "Rule", "load_chain", "split_level"]

DEFAULT_CHAIN = Path(__file__).with_name("chain.toml")
_BY = ("induk", "prefix", "kode")


@dataclass(frozen=True)
class Rule:
    """``child`` (``JENIS:kind``) may support ``parent`` (``JENIS:kind``), found ``by`` …"""

    child: str
    parent: str
    by: str

    @property
    def across(self) -> bool:
        """True when the rule links two different documents."""
        return split_level(self.child)[0] != split_level(self.parent)[0]


@dataclass(frozen=True)
class Chain:
    """The rules, anchors, activities, priorities and kind levels of the chain."""

    rules: tuple[Rule, ...]
    anchors: tuple[str, ...]
    activities: tuple[str, ...]
    priorities: tuple[str, ...]
    levels: dict[str, int]

    def allows(
        self, child_jenis: str, child_kind: str, parent_jenis: str, parent_kind: str
    ) -> bool:
        """True when some rule lets the child level support the parent level."""
        child, parent = f"{child_jenis}:{child_kind}", f"{parent_jenis}:{parent_kind}"
        return any(r.child == child and r.parent == parent for r in self.rules)

    @property
    def used_levels(self) -> tuple[str, ...]:
        """Every ``JENIS:kind`` a rule, anchor or priority names, sorted.

        >>> "RENJA:sub_kegiatan" in load_chain().used_levels
        True
        """
        levels = {lvl for r in self.rules for lvl in (r.child, r.parent)}
        return tuple(sorted(levels | set(self.anchors) | set(self.priorities)))

    def cypher_params(self) -> dict[str, list[Any]]:
        """What every Cypher twin may read besides its own parameters: ``$chain_*`` lists.

        ``chain_rules`` holds each allowed link as ``"CHILD>PARENT"`` (``RENJA:program>…``),
        ``chain_ways`` each rule as ``[child, parent, by]``.
        """
        return {
            "chain_activities": list(self.activities),
            "chain_anchors": list(self.anchors),
            "chain_priorities": list(self.priorities),
            "chain_rules": sorted({f"{r.child}>{r.parent}" for r in self.rules}),
            "chain_ways": [[r.child, r.parent, r.by] for r in self.rules],
        }

    def rules_for(self, jenis: str, kind: str, by: str | None = None) -> list[Rule]:
        """The rules whose child is this level, optionally only those found ``by`` one way."""
        return self._rules_by_child.get((f"{jenis}:{kind}", by), [])

    @cached_property
    def _rules_by_child(self) -> dict[tuple[str, str | None], list[Rule]]:
        index: dict[tuple[str, str | None], list[Rule]] = {}
        for r in self.rules:
            index.setdefault((r.child, None), []).append(r)
            index.setdefault((r.child, r.by), []).append(r)
        return index


def split_level(level: str) -> tuple[str, str]:
    """``"RPJMD:sasaran"`` → ``("RPJMD", "sasaran")``."""
    jenis, _, kind = level.partition(":")
    return jenis, kind


@cache
def load_chain(path: Path = DEFAULT_CHAIN) -> Chain:
    """Read and check a chain file.

    Raises
    ------
    InputError
        When a rule names an unknown document kind, element kind or way of linking.
    """
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    rules = tuple(
        Rule(raw["child"], parent, raw["by"]) for raw in data["rule"] for parent in raw["parents"]
    )
    chain = Chain(
        rules=rules,
        anchors=tuple(data["anchors"]),
        activities=tuple(data["activities"]),
        priorities=tuple(data["priorities"]),
        levels=dict(data["levels"]),
    )
    _check(chain, path)
    return chain


def _check(chain: Chain, path: Path) -> None:
    levels = [lvl for r in chain.rules for lvl in (r.child, r.parent)]
    levels += list(chain.anchors) + list(chain.priorities)
    bad = [lvl for lvl in levels if not _is_level(lvl)]
    bad += [k for k in chain.activities if k not in ELEMENT_KINDS]
    bad += [r.by for r in chain.rules if r.by not in _BY]
    if bad:
        raise InputError(f"{path}: tidak dikenal / unknown: {', '.join(sorted(set(bad)))}")


def _is_level(level: Any) -> bool:
    jenis, kind = split_level(str(level))
    return jenis in DOCUMENT_KINDS and kind in ELEMENT_KINDS
