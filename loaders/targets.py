"""Targets as planners write them: kept as written, with the number read where there is one.

A target ``70,38-70,76`` is a range, ``<22`` and ``≤5 menit`` carry a comparator, ``100%`` and
``3 Laporan`` a number with a unit; ``WTP`` or ``< 12/1.000 penduduk`` carry no plain number
and stay text only. Placeholders (``-``, ``n/a``, ``Belum disi``) are empty.

Examples
--------
>>> target_values("target_2019", "70,38-70,76")
{'target_2019': '70,38-70,76', 'target_2019_min': 70.38, 'target_2019_max': 70.76}
>>> target_values("target_2020", "≤5 menit")
{'target_2020': '≤5 menit', 'target_2020_op': '<=', 'target_2020_nilai': 5}
>>> target_values("target_2021", 33.630000000000003), target_values("target_2022", "N/A")
({'target_2021': '33.63', 'target_2021_nilai': 33.63}, {})
>>> target_values("target_2023", "WTP"), target_values("target_2019", "7.0000000000000007E-2")
({'target_2023': 'WTP'}, {'target_2019': '7.0000000000000007E-2', 'target_2019_nilai': 0.07})
"""

from __future__ import annotations

import re

from graph.model import Value
from loaders.amounts import PLACEHOLDERS, parse_number
from loaders.cells import clean_text, number_text
from loaders.reading import Cell

__all__ = ["target_unit", "target_values"]

_TARGET = re.compile(
    r"^(?P<op><=|>=|≤|≥|<|>|=)?\s*(?P<a>\d[\d.,]*)"
    r"(?:\s*[-–—]\s*(?P<b>\d[\d.,]*))?\s*(?P<rest>.*)$"
)
_SCIENTIFIC = re.compile(r"^\d+(?:\.\d+)?[eE][+-]?\d+$")
_OPS = {"≤": "<=", "≥": ">="}
_STARTS = frozenset("<>=≤≥0123456789")
_NOT_AFTER = frozenset("/,.0123456789")
_UNIT = re.compile(r"%|[^\W\d_][^\d%()]{0,29}")  # "%", "Dokumen", "menit", "unit/tahun"


def target_values(key: str, value: Cell) -> dict[str, Value]:
    """The target under ``key`` as written, plus ``_nilai`` or ``_min``/``_max`` and ``_op``."""
    if isinstance(value, bool) or value is None:
        return {}
    if not isinstance(value, str):
        return {key: number_text(value), f"{key}_nilai": parse_number(value)}
    text = clean_text(value)
    if not text or (len(text) < 12 and text.lower() in PLACEHOLDERS):
        return {}
    if text.isascii() and text.isdigit():
        return {key: text, f"{key}_nilai": int(text)}
    if ("E" in text or "e" in text) and _SCIENTIFIC.match(text):
        return {key: text, f"{key}_nilai": parse_number(text)}
    match = _TARGET.match(text) if text[0] in _STARTS else None
    if match is None or match["rest"][:1] in _NOT_AFTER:
        return {key: text}
    return {key: text, **_parsed(key, match)}


def target_unit(text: str) -> str | None:
    """The unit a target is written with, after its number; None when it has none.

    >>> target_unit("100 %"), target_unit("≤5 menit"), target_unit("7 Dokumen")
    ('%', 'menit', 'Dokumen')
    >>> target_unit("70,38-70,76"), target_unit("WTP"), target_unit("< 12/1.000 penduduk")
    (None, None, None)
    """
    match = _TARGET.match(text) if text[:1] in _STARTS else None
    if match is None or match["rest"][:1] in _NOT_AFTER:
        return None
    unit = match["rest"].strip()
    return unit if _UNIT.fullmatch(unit) else None


def _number(text: str) -> int | float | None:
    return int(text) if text.isascii() and text.isdigit() else parse_number(text)


def _parsed(key: str, match: re.Match[str]) -> dict[str, Value]:
    out: dict[str, Value] = {}
    try:
        a = _number(match["a"])
        b = _number(match["b"]) if match["b"] else None
    except ValueError:
        return out
    if match["op"]:
        out[f"{key}_op"] = _OPS.get(match["op"], match["op"])
    if b is None:
        out[f"{key}_nilai"] = a
    elif a is not None:
        out[f"{key}_min"], out[f"{key}_max"] = min(a, b), max(a, b)
    return out
