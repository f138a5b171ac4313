"""Cell values as planners' tables hold them, turned into clean text and codes.

Text loses ``_x0002_``-style escapes, HTML tags and runs of white space; a code cell typed as a
number is read back without float damage (``2.1`` in a two-digit segment is ``2.10``, a code
that LibreOffice turned into a time, ``0.09379…`` or ``2:15:04``, is ``2.15.04`` again).

Examples
--------
>>> clean_text("  Perundang_x0002_undangan <b>Daerah</b>\\n "), clean_text("a\\x02b\\x1f")
('Perundang-undangan Daerah', 'a-b')
>>> [code_text(v) for v in (5.0, 2.01, 2.1, "2,01", 0.0937962962962963, "2:15:04", " X.XX.01 ")]
['5', '2.01', '2.10', '2,01', '2.15.04', '2.15.04', 'X.XX.01']
>>> joined_code([5.0, "01", 1.0, "2,01", None])
'5.01.1.2,01'
>>> number_text(33.630000000000003), number_text(1764758094125.4), number_text(0.08)
('33.63', '1764758094125.4', '0.08')
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from loaders.reading import Cell

__all__ = ["clean_text", "code_text", "is_roman", "joined_code", "number_text"]

_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_JOINING_CONTROL = re.compile(r"(?<=\w)[\x00-\x08\x0b\x0c\x0e-\x1f](?=\w)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ROMAN = re.compile(r"(?i)^[IVX]+\.?$")


def clean_text(value: Cell) -> str:
    """A text cell as one clean line: escapes decoded, tags dropped, white space collapsed."""
    if value is None:
        return ""
    if not isinstance(value, str):
        return number_text(value)
    if _is_clean(value):
        return value
    text = value
    if "_x" in text:
        text = _ESCAPE.sub(_unescape, text)
    if not text.isprintable():
        text = _CONTROL.sub(" ", _JOINING_CONTROL.sub("-", text))
    if "<" in text:
        text = _TAG.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
    return " ".join(text.split())


def _is_clean(text: str) -> bool:
    """True for text that needs no cleaning (most cells): checked without building anything."""
    return (
        text.isprintable()
        and "  " not in text
        and text[:1] != " "
        and text[-1:] != " "
        and "_x" not in text
        and "<" not in text
        and "&" not in text
    )


def _unescape(match: re.Match[str]) -> str:
    char = chr(int(match.group(1), 16))
    return char if char.isprintable() else "-"


def number_text(value: Cell) -> str:
    """A number as written, without float noise (``33.630000000000003`` → ``33.63``); a
    float past 15 digits either way in the form Excel shows it.

    >>> number_text(33.630000000000003), number_text(2500000.0), number_text(7e-05)
    ('33.63', '2500000', '0.00007')
    >>> number_text(1e300), number_text(-1e-300)
    ('1e+300', '-1e-300')
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "" if value is None else str(value).strip()
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        text = f"{value:.15g}"
        if "e" in text and 1e-15 <= abs(value) < 1:
            return f"{value:.15f}".rstrip("0")
        return text
    return str(value)


def code_text(value: Cell) -> str:
    """A code cell as text, repairing what typing it as a number did to it."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        if 0 < value < 1:
            return _time_code(value)
        return f"{value:.2f}"
    text = value.strip()
    if ":" in text:
        head, _, rest = text.partition(":")
        return f"{head.lstrip('0') or '0'}.{rest.replace(':', '.')}"
    return text


def _time_code(day_fraction: float) -> str:
    """``2.15.04`` typed into a spreadsheet became 2 h 15 min 04 s: read it back as a code."""
    seconds = round(day_fraction * 86400)
    return f"{seconds // 3600}.{seconds % 3600 // 60:02}.{seconds % 60:02}"


def joined_code(cells: Sequence[Cell]) -> str:
    """A code split over several cells (``5 | 01 | 01 | 2,01``) joined with dots."""
    parts = [code_text(v) for v in cells]
    return ".".join(p.strip(".,") for p in parts if p)


def is_roman(text: str) -> bool:
    """True for an urusan heading number such as ``I``, ``II.``, ``VIII``.

    >>> is_roman("II."), is_roman("1.02")
    (True, False)
    """
    return bool(text) and _ROMAN.match(text) is not None
