"""The core of Selaras: the model, the chain and the stores (embedded and Neo4j)."""

from graph.chain import Chain, Rule, load_chain
from graph.errors import (
    AccessDenied,
    BackendUnavailable,
    Forbidden,
    InputError,
    LoadError,
    NotFound,
    QueryError,
    SelarasError,
    TooLarge,
    Unsupported,
)
from graph.model import Document, Element, Indicator, Link, Problem, Records, Reference
from graph.store import DEFAULT_STORE, GraphStore, open_store

__all__ = [
    "DEFAULT_STORE",
    "AccessDenied",
    "BackendUnavailable",
    "Chain",
    "Document",
    "Element",
    "Forbidden",
    "GraphStore",
    "Indicator",
    "InputError",
    "Link",
    "LoadError",
    "NotFound",
    "Problem",
    "QueryError",
    "Records",
    "Reference",
    "Rule",
    "SelarasError",
    "TooLarge",
    "Unsupported",
    "load_chain",
    "open_store",
]
