"""One Perangkat Daerah however its tables spell it, or shorten it.

Two names are one OPD when their :func:`opd_key` is the same (case, accents, punctuation and
``dan``/``&``/``serta`` aside), or when one is the usual Indonesian short form of the other
(``BAPPELITBANGDA``, ``Dinkes``, ``Satpol PP``: :func:`abbreviates`) and shortens no other
name of the store. :class:`OpdNames` holds that decision for the names a store holds, and
every check, filter and link by OPD asks it, on both stores.

Examples
--------
>>> opd_key("DINAS KOMUNIKASI, INFORMATIKA DAN STATISTIK")
'dinas komunikasi informatika statistik'
>>> names = OpdNames(["Dinas Kesehatan", "DINKES", "Dinas Pendidikan", "Disdik", "DISKES"])
>>> names.key("Dinkes"), names.key("disdik")
('dinas kesehatan', 'dinas pendidikan')
>>> sorted(names.spellings("Dinas Kesehatan"))
['DINKES', 'DISKES', 'Dinas Kesehatan']
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

import networkx as nx

from graph.ids import normalised_name

__all__ = [
    "OPD_VARIANT",
    "OpdNames",
    "abbreviates",
    "name_key",
    "opd_key",
    "opd_names",
    "opd_overlap",
]

_CONNECTIVES = frozenset({"dan", "serta"})


@lru_cache(maxsize=65_536)
def opd_key(name: str) -> str:
    """The Perangkat Daerah as spelled, matched and grouped: case, accents, punctuation and
    the connectives ``dan``/``&``/``serta`` aside, so the upper-case name of one export and
    the title-case name of another are one OPD. A short form is another key: which full name
    it shortens depends on the names beside it (:class:`OpdNames`).

    >>> opd_key("Dinas Penanaman Modal Pelayanan Terpadu Satu Pintu")
    'dinas penanaman modal pelayanan terpadu satu pintu'
    >>> opd_key("DINAS PENANAMAN MODAL DAN PELAYANAN TERPADU SATU PINTU")
    'dinas penanaman modal pelayanan terpadu satu pintu'
    >>> opd_key("Dinas PU & Penataan Ruang") == opd_key("Dinas PU dan Penataan Ruang")
    True
    """
    words = normalised_name(name).split()
    return " ".join(w for w in words if w not in _CONNECTIVES)


# Word overlap from which two OPD names of one pemda are probably one OPD written two ways.
OPD_VARIANT = 0.75


def opd_overlap(a: str, b: str) -> float:
    """Word overlap (Jaccard) of two OPD keys: 1.0 for one OPD, :data:`OPD_VARIANT` and up for
    names probably of one OPD written two ways.

    >>> opd_overlap(opd_key("Badan Keuangan dan Aset"), opd_key("BADAN KEUANGAN DAN ASET DAERAH"))
    0.75
    """
    wa, wb = set(a.split()), set(b.split())
    both = len(wa & wb)
    return both / (len(wa) + len(wb) - both) if wa or wb else 0.0


# A short form has at most this many words and letters; it may leave out a leading word of
# these (``Kesbangpol``: Badan Kesatuan Bangsa dan Politik). ``Dis`` stands for ``Dinas``.
_SHORT_WORDS, _SHORT_LETTERS = 3, 16
_REPEATED = re.compile(r"([a-z])([2-9])")  # P3: three words starting with p
_LEADING = frozenset({"badan", "dinas", "kantor"})
# Pieces said for a word they are not spelled from: SETDA (Sekretariat Daerah), ITDA
# (Inspektorat Daerah), SETWAN (Sekretariat DPRD, the Dewan's), Disdik (Dinas Pendidikan)
_SPOKEN = {"dis": "dinas", "set": "sekretariat", "it": "inspektorat", "wan": "dprd"}


@lru_cache(maxsize=65_536)
def abbreviates(short: str, full: str) -> bool:
    """True when the key ``short`` is the usual short form of the key ``full``: its letters cut
    into pieces, one for every word of ``full`` in order, each piece the start of its word or
    (two letters or more, from a consonant) a syllable inside it; the first piece starts the
    first word (or the second, after a leading ``badan``/``dinas``/``kantor``); no word of
    ``short`` is a word of ``full``.

    >>> abbreviates("bappelitbangda", opd_key(
    ...     "Badan Perencanaan, Pembangunan, Penelitian dan Pengembangan Daerah"))
    True
    >>> abbreviates("satpol pp", "satuan polisi pamong praja")
    True
    >>> abbreviates("dinkes", "dinas kesehatan"), abbreviates("dinkes", "dinas kehutanan")
    (True, False)
    >>> abbreviates("disdukcapil", "dinas kependudukan pencatatan sipil")
    True
    >>> abbreviates("dinkes", "dinas kependudukan pencatatan sipil")
    False
    >>> abbreviates("dinas kesehatan", "dinas kesehatan pengendalian penduduk")
    False

    A digit after a letter repeats it, as in ``DP3A``: Dinas Pemberdayaan Perempuan dan
    Perlindungan Anak.

    >>> abbreviates("dp3a", "dinas pemberdayaan perempuan perlindungan anak")
    True
    """
    words = full.split()
    tokens = short.split()
    letters = _REPEATED.sub(lambda m: m[1] * int(m[2]), "".join(tokens))
    if (
        len(tokens) > _SHORT_WORDS
        or not 3 <= len(letters) <= _SHORT_LETTERS
        or len(words) < 2
        or len(letters) >= len(full.replace(" ", ""))
        or not set(tokens).isdisjoint(words)
    ):
        return False
    if _pieces_fit(letters, tuple(words)):
        return True
    return words[0] in _LEADING and len(words) > 2 and _pieces_fit(letters, tuple(words[1:]))


def _pieces_fit(letters: str, words: tuple[str, ...]) -> bool:
    """Whether ``letters`` cut into ``len(words)`` pieces, piece ``i`` fitting ``words[i]``
    (:func:`_fits`), the first piece the start of the first word."""
    # reach[i]: the letters before i are cut into pieces for the words handled so far
    reach = {0}
    for n, word in enumerate(words):
        left = len(words) - n - 1  # the words after this one need a letter each
        nxt = set()
        for start in reach:
            for end in range(start + 1, len(letters) - left + 1):
                if _fits(letters[start:end], word, first=n == 0):
                    nxt.add(end)
        if not nxt:
            return False
        reach = nxt
    return len(letters) in reach


def _fits(piece: str, word: str, first: bool) -> bool:
    """The piece starts the word, or (not in the first word) is a syllable of two letters or
    more inside it: one starting with a consonant (``lit`` of pene-lit-ian, not ``en``)."""
    if word.startswith(piece) or _SPOKEN.get(piece) == word:
        return True
    return not first and len(piece) >= 2 and piece[0] not in _VOWELS and piece in word


_VOWELS = frozenset("aeiou")


class OpdNames:
    """The OPD names a store holds, each to its key: a short form that shortens exactly one
    of the other names (:func:`abbreviates`) takes that name's key; one that could shorten
    several keeps its own (``ambiguous`` lists them), as does every other name. A name with a
    word that another name of the store also has (``Kecamatan Situ``) is no short form.

    >>> names = OpdNames(["BPKAD", "Badan Pengelolaan Keuangan dan Aset Daerah", "Bappeda"])
    >>> names.key("BPKAD"), names.key("Bappeda")
    ('badan pengelolaan keuangan aset daerah', 'bappeda')
    >>> OpdNames(["DPP", "Dinas Pertanian Pangan", "Dinas Perikanan Peternakan"]).ambiguous
    {'dpp': ['dinas perikanan peternakan', 'dinas pertanian pangan']}
    """

    def __init__(self, names: Iterable[str]) -> None:
        self.names = {name: name_key(name) for name in names if name}
        keys = self._keys = set(self.names.values())
        self._full = sorted(k for k in keys if " " in k)
        self._words = Counter(w for k in self._full for w in set(k.split()))  # keys per word
        self.short_for: dict[str, str] = {}
        self.ambiguous: dict[str, list[str]] = {}
        self._asked: dict[str, str] = {}  # the key of a name the store does not hold
        for key in sorted(keys):
            expansions = self._expansions(key)
            if len(expansions) == 1:
                self.short_for[key] = expansions[0]
            elif expansions:
                self.ambiguous[key] = expansions

    def _expansions(self, key: str) -> list[str]:
        own = " " in key and key in self._keys  # its own words are counted too
        if not key or any(self._words[w] > own for w in key.split()):
            return []
        return [f for f in self._full if f[0] == key[0] or f.split()[0] in _LEADING
                if abbreviates(key, f)]  # fmt: skip

    def key(self, name: object) -> str:
        """The key ``name`` is matched and grouped by; ``""`` for no name. A name the store
        does not hold (an ``opd`` asked for) is read against the names it holds."""
        if not name:
            return ""
        key = self.names.get(name) if isinstance(name, str) else None
        if key is not None:
            return self.short_for.get(key, key)
        text = str(name)
        if (known := self._asked.get(text)) is None:
            key = name_key(text)
            found = [self.short_for.get(key, key)] if key in self._keys else self._expansions(key)
            known = self._asked[text] = found[0] if len(found) == 1 else key
        return known

    def key_of(self, props: Mapping[str, Any]) -> str:
        """The key of an element's ``opd``; ``""`` when it names none.

        >>> OpdNames([]).key_of({"opd": "DINAS KESEHATAN"}), OpdNames([]).key_of({"nama": "x"})
        ('dinas kesehatan', '')
        """
        return self.key(props.get("opd"))

    def is_short(self, name: str) -> bool:
        """True for a name read as the one it shortens."""
        return self.names.get(name, "") in self.short_for

    def shown_order(self, name: str) -> tuple[bool, str]:
        """Sort key of the names of one OPD: the first is the one it is shown by, a name
        written out before a short one, then in sort order.

        >>> names = OpdNames(["SATPOL PP", "Satuan Polisi Pamong Praja"])
        >>> min(names.names, key=names.shown_order)
        'Satuan Polisi Pamong Praja'
        """
        return self.is_short(name), name

    def first_spelling(self, key: str) -> str:
        """The first, in sort order, of the names of ``key`` written out (not shortened).

        >>> OpdNames(["Dinkes", "Dinas Kesehatan", "DINAS KESEHATAN"]).first_spelling(
        ...     "dinas kesehatan")
        'DINAS KESEHATAN'
        """
        return min((n for n, k in self.names.items() if k == key), default=key)

    def spellings(self, opd: str) -> set[str]:
        """The names the store holds for the OPD ``opd``, however spelled or shortened."""
        wanted = self.key(opd)
        return {name for name in self.names if self.key(name) == wanted}

    def matches(self, props: Mapping[str, Any], opd: str | None) -> bool:
        """True when no OPD is asked for (``opd`` None or empty) or the element is of that OPD:
        a query's ``opd`` filter.

        >>> names = OpdNames(["Dinas Kesehatan", "Dinkes"])
        >>> names.matches({"opd": "DINAS KESEHATAN"}, "dinkes"), names.matches({"opd": "x"}, None)
        (True, True)
        """
        return not opd or self.key_of(props) == self.key(opd)


def name_key(name: str) -> str:
    """The key of a name before short forms are read (:class:`OpdNames` reads them):
    :func:`opd_key`, or for a name with nothing left to key (``—``, a script other than Latin)
    a key of its own, so that it is no OPD but itself (and asking for it finds only it, not the
    elements that name no OPD); ``""`` for no name.

    >>> name_key("Dinas Kesehatan"), name_key("—"), name_key("")
    ('dinas kesehatan', '\\x00—', '')
    """
    return opd_key(name) or (f"\0{name}" if name else "")


def opd_names(g: nx.DiGraph) -> OpdNames:
    """The :class:`OpdNames` of every ``opd`` a graph's elements name, worked out once per
    graph (a store's graph is not changed once built: a write builds a new one)."""
    found = g.graph.get("opd_names")
    if found is None:
        found = g.graph["opd_names"] = OpdNames({str(o) for _, o in g.nodes(data="opd") if o})
    return found  # type: ignore[no-any-return]
