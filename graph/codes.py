"""Nomenclature codes (``U.BB.PP.L.KK.SSSS``) as planners write them, normalised.

Examples
--------
>>> normalise_kode("1,02.02.2.01.02")
'1.02.02.2.01.0002'
>>> normalise_kode(" 1.2.2 ")
'1.02.02'
>>> code_kind("1.02.02.2.01")
'kegiatan'
>>> parent_kode("1.02.02.2.01.0002")
'1.02.02.2.01'
>>> is_penunjang("1.03.01"), is_penunjang("1.03.02"), is_penunjang("X.XX.01")
(True, False, True)
>>> opd_bidang("3.31.2.17.0.00.01.0000")
['3.31', '2.17']
"""

from __future__ import annotations

import re

__all__ = [
    "bidang_of",
    "code_kind",
    "is_penunjang",
    "normalise_kode",
    "opd_bidang",
    "parent_kode",
]

# width of each segment: urusan, bidang, program, level digit, kegiatan, sub kegiatan
_WIDTHS = (1, 2, 2, 1, 2, 4)
_KINDS = {1: "urusan", 2: "bidang_urusan", 3: "program", 5: "kegiatan", 6: "sub_kegiatan"}
_GENERIC = {0: "X", 1: "XX"}
# a program, kegiatan or sub kegiatan code already in canonical form: returned as it is
_CANONICAL = re.compile(r"[0-9]\.[0-9]{2}\.[0-9]{2}(?:\.[0-9]\.[0-9]{2}(?:\.[0-9]{4})?)?")


def normalise_kode(raw: str) -> str:
    """The code in the canonical ``U.BB.PP.L.KK.SSSS`` form.

    Commas are read as dots, spaces dropped, short segments zero-padded and a 2-digit sub
    kegiatan suffix padded to 4 digits. ``X``/``XX`` (program penunjang) are kept.

    Raises
    ------
    ValueError
        When the text is not a nomenclature code; the message says why, in Indonesian first.
    """
    if type(raw) is str and _CANONICAL.fullmatch(raw):  # most codes: nothing to change
        return raw
    text = re.sub(r"\s+", "", str(raw)).replace(",", ".").strip(".")
    parts = text.split(".")
    if not text or len(parts) not in _KINDS:
        raise ValueError(
            f"kode '{raw}' tidak berbentuk U.BB.PP.L.KK.SSSS / code is not U.BB.PP.L.KK.SSSS"
        )
    return ".".join(_segment(p, i, raw) for i, p in enumerate(parts))


def _segment(part: str, index: int, raw: str) -> str:
    width = _WIDTHS[index]
    if index in _GENERIC and part.upper() == _GENERIC[index]:
        return part.upper()
    if not part.isdigit() or len(part) > width:
        raise ValueError(
            f"kode '{raw}': bagian '{part}' bukan angka {width} digit / "
            f"segment '{part}' is not a {width}-digit number"
        )
    return part.zfill(width)


def code_kind(kode: str) -> str:
    """The nomenclature level a normalised code denotes (``program``, ``kegiatan`` …)."""
    return _KINDS[len(kode.split("."))]


def parent_kode(kode: str) -> str | None:
    """The code of the level above (sub kegiatan → kegiatan → program), or None above that."""
    parts = kode.split(".")
    if len(parts) == 6:
        return ".".join(parts[:5])
    if len(parts) == 5:
        return ".".join(parts[:3])
    return None


def bidang_of(kode: str) -> str:
    """The bidang urusan a program, kegiatan or sub kegiatan code belongs to (``1.02``)."""
    return ".".join(kode.split(".")[:2])


def is_penunjang(kode: str) -> bool:
    """True for a program penunjang code (program number ``01``) or anything under one."""
    parts = kode.split(".")
    return len(parts) >= 3 and parts[2] == "01"


def opd_bidang(opd_kode: str | None) -> list[str]:
    """The bidang urusan an OPD may run, read from its 8-segment organisation code."""
    if not opd_kode:
        return []
    parts = opd_kode.replace(",", ".").split(".")
    pairs = [parts[i : i + 2] for i in (0, 2, 4) if len(parts) >= i + 2]
    return [f"{u}.{b.zfill(2)}" for u, b in pairs if u not in ("", "0") and b.strip("0")]
