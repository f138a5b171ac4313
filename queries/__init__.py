"""The canned queries of Selaras: each a Python reference over networkx with a Cypher twin.

Examples
--------
>>> sorted(CATALOGUE)
['duplicated_programs', 'orphaned_activities', 'trace_down', 'trace_up', 'unsupported_priorities']
"""

from queries.duplicates import duplicated_programs
from queries.orphans import orphaned_activities
from queries.priorities import unsupported_priorities
from queries.registry import CATALOGUE, CannedQuery, Param, canned
from queries.run import SEVERITIES, Result, checks, fails, finding_flags, get_query, run_query
from queries.trace import trace_down, trace_up

__all__ = [
    "CATALOGUE",
    "SEVERITIES",
    "CannedQuery",
    "Param",
    "Result",
    "canned",
    "checks",
    "duplicated_programs",
    "fails",
    "finding_flags",
    "get_query",
    "orphaned_activities",
    "run_query",
    "trace_down",
    "trace_up",
    "unsupported_priorities",
]
