"""Write ``docs/checks.md``, the catalogue of canned queries, from the registry itself.

Run ``python tools/checks_doc.py`` after adding or changing a query; a test fails while the page
and the catalogue disagree.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from queries import CATALOGUE  # noqa: E402

PAGE = ROOT / "docs" / "checks.md"
HEAD = """# Pemeriksaan dan kueri / Checks and queries

Generated from the catalogue by `python tools/checks_doc.py`; do not edit by hand.
Every query has a Python reference (embedded store) and a Cypher twin (`queries/cypher/`),
compared on both stores by the golden tests. `selaras check` runs every query with a severity;
`selaras query NAME -p key=value` runs one; `GET /api/queries/NAME?key=value` over HTTP.

| query | severity | judul / title |
|---|---|---|
"""


def _param(p: dict[str, Any]) -> str:
    choices = f"; one of {', '.join(map(str, p['choices']))}" if p["choices"] else ""
    default = "required" if p["required"] else f"default `{p['default']}`"
    return f"- `{p['name']}` ({p['type']}, {default}{choices})"


def _section(q: dict[str, Any]) -> str:
    params = "\n".join(_param(p) for p in q["parameters"]) or "- (none)"
    return (
        f'<a id="{q["name"]}"></a>\n\n'
        f"## `{q['name']}` — {q['title']['id']} / {q['title']['en']}\n\n"
        f"Severity: **{q['severity'] or '-'}**\n\n"
        f"{q['description']['id']}\n\n{q['description']['en']}\n\n"
        f"Parameters:\n{params}\n\n"
        f"Columns: {', '.join(f'`{c}`' for c in q['columns'])}\n"
    )


def page() -> str:
    """The whole page, in catalogue order."""
    queries = [q.describe() for q in CATALOGUE.values()]
    rows = "".join(
        f"| [`{q['name']}`](#{q['name']}) | {q['severity'] or '-'} | "
        f"{q['title']['id']} / {q['title']['en']} |\n"
        for q in queries
    )
    return HEAD + rows + "\n" + "\n".join(_section(q) for q in queries)


if __name__ == "__main__":
    PAGE.write_text(page(), encoding="utf-8")
    print(f"{PAGE.relative_to(ROOT)}: {len(CATALOGUE)} queries")
