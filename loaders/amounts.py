"""Numbers as Indonesian planners write them: ``1.234.567,00``, ``1,234,567.00``, ``Rp 1.500``.

Examples
--------
>>> [parse_number(t) for t in ["1.234.567,00", "1,234,567.00", "1234567.00", "Rp 1.500"]]
[1234567, 1234567, 1234567, 1500]
>>> parse_number("70,38"), parse_number("33.630000000000003"), parse_number("-")
(70.38, 33.63, None)
>>> parse_number(2500000.0), parse_number("12,5 %")
(2500000, 12.5)
"""

from __future__ import annotations

import re

__all__ = ["PLACEHOLDERS", "parse_number"]

PLACEHOLDERS = {"", "-", "--", "n/a", "na", "belum diisi", "belum disi", "tidak ada"}
_NUMBER = re.compile(r"^[+-]?[\d.,]+$")


def parse_number(value: object) -> int | float | None:
    """The number in a cell, an int when it is whole; None for an empty placeholder.

    A lone ``.`` followed by exactly three digits is a thousands separator (``1.500`` = 1500);
    a lone ``,`` is a decimal comma. Float noise from Excel is rounded to 10 significant places.

    Raises
    ------
    ValueError
        When the text is not a number.
    """
    if isinstance(value, bool):
        raise ValueError(f"'{value}' bukan angka / is not a number")
    if isinstance(value, int | float):
        return _tidy(float(value))
    text = re.sub(r"(?i)^rp\.?|%$|\s", "", str(value or "").strip().rstrip("%"))
    if text.lower() in PLACEHOLDERS:
        return None
    if not _NUMBER.match(text):
        raise ValueError(f"'{value}' bukan angka / is not a number")
    return _tidy(float(_canonical(text)))


def _canonical(text: str) -> str:
    dots, commas = text.count("."), text.count(",")
    if dots and commas:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        return text.replace(thousands, "").replace(decimal, ".")
    if commas:
        return (
            text.replace(",", "") if commas > 1 or _thousands(text, ",") else text.replace(",", ".")
        )
    if dots > 1 or (dots == 1 and _thousands(text, ".")):
        return text.replace(".", "")
    return text


def _thousands(text: str, sep: str) -> bool:
    head, _, tail = text.lstrip("+-").partition(sep)
    return len(tail) == 3 and head not in ("", "0") and sep == "."


def _tidy(number: float) -> int | float:
    rounded = float(f"{number:.10g}")
    return int(rounded) if rounded.is_integer() else rounded
