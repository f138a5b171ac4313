"""docs/checks.md is the catalogue as it is (regenerate with ``python tools/checks_doc.py``)."""

from __future__ import annotations

from queries import CATALOGUE
from tools.checks_doc import PAGE, page


def test_the_checks_page_matches_the_catalogue() -> None:
    assert PAGE.read_text(encoding="utf-8") == page(), "run: python tools/checks_doc.py"


def test_every_query_is_described_in_both_languages() -> None:
    for q in CATALOGUE.values():
        assert q.keterangan and q.description and q.title_id and q.title_en, q.name
