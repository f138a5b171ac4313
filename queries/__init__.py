"""The canned queries of Selaras: each a Python reference over networkx with a Cypher twin.

Importing this package registers every query in :data:`CATALOGUE` (one module per theme).

Examples
--------
>>> CATALOGUE["orphaned_activities"].severity
'error'
"""

# Each theme module registers its queries with @canned when imported.
from queries import (  # noqa: F401
    budget,
    chain_checks,
    consistency,
    coverage,
    cycles,
    duplicates,
    indicators,
    nomenclature,
    opd_brief,
    opd_names,
    orphans,
    ownership,
    priorities,
    subkegiatan,
    suggestions,
    trace,
)
from queries.registry import CATALOGUE, CannedQuery, Param, canned
from queries.run import SEVERITIES, Result, checks, fails, finding_flags, get_query, run_query

__all__ = [
    "CATALOGUE",
    "SEVERITIES",
    "CannedQuery",
    "Param",
    "Result",
    "canned",
    "checks",
    "fails",
    "finding_flags",
    "get_query",
    "run_query",
]
