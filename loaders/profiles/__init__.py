"""Table layouts ("profiles") as data: one TOML file per layout beside this module.

A profile says how to recognise its header (``markers`` every one of which starts some cell of
the first header row, ``excludes`` none of which may), which header texts name which column
(``[columns]``, matched against the start of the column's top header text), and how rows become
elements (``[levels]``): by their own columns (``columns = ["tujuan", "sasaran"]``), by a text
prefix (``MISI 1 :``), by the shape of the code (``codes = true``), with headings (``groups``)
and one element per code (``key = "kode"``); ``part`` names a table that is one part of a
document written as several (its document id ends in it). ``loaders/table.py`` is the one
engine that applies them; ``selaras`` names the Selaras workbook format, read by
``loaders/selaras.py``.

Examples
--------
>>> sorted(profiles())
['renja', 'renstra-tc27', 'rkpd', 'rpjmd-matriks', 'rpjmd-program-prioritas', 'selaras']
>>> profiles()["rpjmd-matriks"].prefixes["tujuan"], profiles()["renstra-tc27"].level_columns
('tujuan', ('tujuan', 'sasaran'))
>>> header_text(" Urusan / Bidang  Urusan ")
'urusan/bidang urusan'
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from graph.errors import InputError
from graph.ids import slug
from graph.model import DOCUMENT_KINDS, ELEMENT_KINDS
from loaders.cells import clean_text
from loaders.reading import Cell

__all__ = ["ROLES", "Profile", "header_text", "profiles"]

FOLDER = Path(__file__).parent
ROLES = (
    "acuan",
    "kode",
    "nama",
    "indikator",
    "satuan",
    "kondisi_awal",
    "opd",
    "unit_kerja",
    "lokasi",
    "sumber_dana",
    "kelompok_sasaran",
    "catatan",
)
_SLASH = re.compile(r"\s*/\s*")


def header_text(value: Cell) -> str:
    """A header cell as compared with markers: clean, lower case, no spaces around ``/``."""
    text = clean_text(value).lower()
    return _SLASH.sub("/", text) if "/" in text else text


@dataclass(frozen=True)
class Profile:
    """One table layout (see the module docstring)."""

    name: str
    description: str
    format: str = "table"
    jenis: str | None = None
    markers: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()
    columns: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    level_columns: tuple[str, ...] = ()
    prefixes: Mapping[str, str] = field(default_factory=dict)
    codes: bool = False
    groups: bool = False
    key: str = "default"
    name_links: Mapping[str, str] = field(default_factory=dict)
    part: str | None = None

    def found_markers(self, texts: list[str]) -> list[str]:
        """The markers that start one of ``texts`` (header texts of one row)."""
        return [m for m in self.markers if any(t.startswith(m) for t in texts)]

    def matches(self, texts: list[str]) -> bool:
        """True when every marker and no exclude starts one of ``texts``."""
        if len(self.found_markers(texts)) < len(self.markers):
            return False
        return not any(t.startswith(x) for x in self.excludes for t in texts)

    @property
    def specificity(self) -> tuple[int, int]:
        """How much of a header a full match says: the number and length of the markers."""
        return len(self.markers), sum(map(len, self.markers))


@cache
def profiles(folder: Path = FOLDER) -> dict[str, Profile]:
    """Every profile of ``folder`` by name, read and checked once.

    Raises
    ------
    InputError
        When a profile names an unknown document kind, element kind or column role.
    """
    out = {}
    for path in sorted(folder.glob("*.toml")):
        profile = _profile(tomllib.loads(path.read_text(encoding="utf-8")), path)
        out[profile.name] = profile
    return out


def _profile(data: dict[str, Any], path: Path) -> Profile:
    header, levels = data.get("header", {}), data.get("levels", {})
    columns = {
        role: tuple(map(header_text, aliases)) for role, aliases in data.get("columns", {}).items()
    }
    profile = Profile(
        name=data["name"],
        description=" ".join(str(data["description"]).split()),
        format=data.get("format", "table"),
        jenis=data.get("jenis"),
        markers=tuple(map(header_text, header.get("markers", ()))),
        excludes=tuple(map(header_text, header.get("excludes", ()))),
        columns=columns,
        level_columns=tuple(levels.get("columns", ())),
        prefixes={header_text(w): kind for w, kind in levels.get("prefixes", {}).items()},
        codes=bool(levels.get("codes", False)),
        groups=bool(levels.get("groups", False)),
        key=levels.get("key", "default"),
        name_links=dict(data.get("links", {}).get("by_name", {})),
        part=data.get("part"),
    )
    _check(profile, path)
    return profile


def _acuan_alone(profile: Profile) -> bool:
    """True when a profile reads an ``acuan`` column but links nothing to an upper document."""
    return "acuan" in profile.columns and not profile.name_links


def _check(profile: Profile, path: Path) -> None:
    kinds = set(profile.level_columns) | set(profile.prefixes.values())
    bad = [k for k in kinds if k not in ELEMENT_KINDS]
    bad += [r for r in profile.columns if r not in ROLES and r not in profile.level_columns]
    bad += [profile.jenis] if profile.jenis and profile.jenis not in DOCUMENT_KINDS else []
    bad += [profile.format] if profile.format not in ("table", "selaras") else []
    bad += [profile.key] if profile.key not in ("default", "kode") else []
    bad += [k for k in profile.name_links if k not in ELEMENT_KINDS]
    bad += [j for j in profile.name_links.values() if j not in DOCUMENT_KINDS]
    bad += [profile.part] if profile.part and slug(profile.part) != profile.part else []
    bad += ["acuan (tanpa / without links.by_name)"] if _acuan_alone(profile) else []
    if bad or not profile.markers:
        raise InputError(f"{path}: tidak dikenal / unknown: {', '.join(sorted(map(str, bad)))}")
