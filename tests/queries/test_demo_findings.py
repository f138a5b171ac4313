"""The checks find exactly the findings planted in Kota Contoh, as listed in demo/README.md."""

from __future__ import annotations

import re
from collections import defaultdict

from graph.codes import is_penunjang
from graph.store import GraphStore
from queries import checks, run_query
from tests.conftest import DEMO_DIR, demo_batch

TABLE_ROW = re.compile(r"^\| (\w+) \| ([^ |]+) \| .+ \|$")


def planted() -> dict[str, set[str]]:
    """The ``query | id | catatan`` table of the README, as query → ids."""
    text = (DEMO_DIR.parent / "README.md").read_text(encoding="utf-8")
    section = text.split("## Temuan yang ditanam", 1)[1]
    found: dict[str, set[str]] = defaultdict(set)
    for line in section.splitlines():
        match = TABLE_ROW.match(line)
        if match and match.group(1) != "query":
            found[match.group(1)].add(match.group(2))
    return dict(found)


def findings(store: GraphStore) -> dict[str, set[str]]:
    """The ids every error and warning check reports on the demo (checks without rows left out)."""
    found = {}
    for q in checks():
        if q.severity in ("error", "warning"):
            ids = {row.id for row in run_query(store, q.name).rows}
            if ids:
                found[q.name] = ids
    return found


def test_checks_report_exactly_the_planted_findings(store: GraphStore) -> None:
    store.replace_documents(demo_batch())
    assert findings(store) == planted()


def test_penunjang_is_never_a_duplicate_or_out_of_its_bidang(store: GraphStore) -> None:
    store.replace_documents(demo_batch())
    for name in ("duplicated_programs", "duplicated_sub_kegiatan", "opd_bidang_mismatches"):
        for row in run_query(store, name).rows:
            assert not (row.kode and is_penunjang(row.kode)), row
