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

A number past what an amount may be (10^15) is kept as written, without a number:

>>> target_values("target_2024", 1e300), target_values("target_2025", "9" * 20 + " unit")
({'target_2024': '1e+300'}, {'target_2025': '99999999999999999999 unit'})
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
        return {key: number_text(value), **_nilai(key, value)}
    text = clean_text(value)
    if not text or (len(text) < 12 and text.lower() in PLACEHOLDERS):
        return {}
    if (text.isascii() and text.isdigit()) or (
        ("E" in text or "e" in text) and _SCIENTIFIC.match(text)
    ):
        return {key: text, **_nilai(key, text)}
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


def _nilai(key: str, value: Cell) -> dict[str, Value]:
    """``{key_nilai: number}``; nothing when the number is past what an amount may be (a
    target is kept as written all the same, as ``1e+300`` or thirty nines are)."""
    try:
        number = parse_number(value)
    except ValueError:
        return {}
    return {} if number is None else {f"{key}_nilai": number}


def _parsed(key: str, match: re.Match[str]) -> dict[str, Value]:
    out: dict[str, Value] = {}
    try:
        a = parse_number(match["a"])
        b = parse_number(match["b"]) if match["b"] else None
    except ValueError:
        return out
    if match["op"]:
        out[f"{key}_op"] = _OPS.get(match["op"], match["op"])
    if b is None:
        out[f"{key}_nilai"] = a
    elif a is not None:
        out[f"{key}_min"], out[f"{key}_max"] = min(a, b), max(a, b)
    return out
