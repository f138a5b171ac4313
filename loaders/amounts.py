"""Numbers as Indonesian planners write them: ``1.234.567,00``, ``1,234,567.00``, ``Rp 1.500``.

Examples
--------
>>> [parse_number(t) for t in ["1.234.567,00", "1,234,567.00", "1234567.00", "Rp 1.500"]]
[1234567, 1234567, 1234567, 1500]
>>> parse_number("70,38"), parse_number("33.630000000000003"), parse_number("-")
(70.38, 33.63, None)
>>> parse_number(2500000.0), parse_number("12,5 %")
(2500000, 12.5)
>>> parse_number("1,458,477,763,740.40"), parse_number(1764758094125.4)
(1458477763740.4, 1764758094125.4)
>>> parse_number("723360871.507"), parse_number("7.0000000000000007E-2")
(723360871.507, 0.07)
"""

from __future__ import annotations

import re

__all__ = ["PLACEHOLDERS", "parse_number"]

PLACEHOLDERS = {"", "-", "--", "n/a", "na", "belum diisi", "belum disi", "tidak ada"}
_NUMBER = re.compile(r"^[+-]?[\d.,]+$")
_NOISE = re.compile(r"(?i)^rp\.?|%$|\s")
_SCIENTIFIC = re.compile(r"^[+-]?\d+(?:\.\d+)?[eE][+-]?\d+$")
_DOTTED = re.compile(r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+")  # 1.500, 1.250.000: thousands only
_NO_SEN = re.compile(r"([1-9][0-9]{0,2}(?:\.[0-9]{3})+|[0-9]+),00?")  # 1.250.000,00: no sen
MAX_AMOUNT = 10**15  # past a thousand trillion (more than the APBN) a double loses the rupiah


def parse_number(value: object) -> int | float | None:
    """The number in a cell, an int when it is whole; None for an empty placeholder.

    A lone ``.`` followed by exactly three digits is a thousands separator (``1.500`` = 1500);
    a lone ``,`` is a decimal comma. Float noise from Excel is rounded to 15 significant places
    (a double holds 15 exactly, so a pagu of a trillion rupiah keeps its sen).

    Raises
    ------
    ValueError
        When the text is not a number, or a number of ``MAX_AMOUNT`` or more (``9`` × 400).
    """
    text = str(value)
    if len(text) > 64 and not _NUMBER.match(text.strip()):  # int() of 5000 digits raises
        raise ValueError(f"'{_shown(text)}' bukan angka / is not a number")
    number: int | float | None = _whole(text) if type(value) is str else None
    if number is None:
        number = _parse(value) if len(text) <= 64 else MAX_AMOUNT
    if number is not None and not abs(number) < MAX_AMOUNT:
        raise ValueError(f"'{_shown(text)}' terlalu besar / too large (batas / limit 10^15)")
    return number


def _shown(text: str) -> str:
    return f"{text[:20]}…" if len(text) > 20 else text


def _whole(text: str) -> int | None:
    """The whole number of plain digits or of digits in thousands (``1.250.000``, also with
    ``,00``), read without the general parse (most amounts); None for any other text.

    >>> _whole("1.250.000"), _whole("0.500"), _whole("70,38")
    (1250000, None, None)
    >>> _whole("1.250.000,00"), _whole("1250000,0"), _whole("1.250.000,50")
    (1250000, 1250000, None)
    """
    if len(text) > 64:
        return None
    if text.isdigit() and text.isascii():
        return int(text)
    if _DOTTED.fullmatch(text):
        return int(text.replace(".", ""))
    if text[-1:] == "0" and (no_sen := _NO_SEN.fullmatch(text)):
        return int(no_sen[1].replace(".", ""))
    return None


def _parse(value: object) -> int | float | None:
    if isinstance(value, bool):
        raise ValueError(f"'{value}' bukan angka / is not a number")
    if isinstance(value, int | float):
        return _tidy(float(value))
    if isinstance(value, str) and value.isascii() and value.isdigit():
        return int(value)
    text = _NOISE.sub("", str(value or "").strip().rstrip("%"))
    if text.lower() in PLACEHOLDERS:
        return None
    if not _NUMBER.match(text):
        if _SCIENTIFIC.match(text):
            return _tidy(float(text))
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
    """One ``.`` is a thousands separator only as in ``1.500``: three digits after, one to
    three before (``723360871.507`` is a decimal point)."""
    head, _, tail = text.lstrip("+-").partition(sep)
    return len(tail) == 3 and head not in ("", "0") and len(head) <= 3 and sep == "."


def _tidy(number: float) -> int | float:
    rounded = float(f"{number:.15g}")
    return int(rounded) if rounded.is_integer() else rounded
