"""The explorer: static files at ``/`` and the npm libraries at ``/vendor/<package>/``.

The page (``api/static/``) is plain ES modules with no build step; it calls only the public
JSON API. Cytoscape.js and cytoscape-dagre come from ``node_modules`` (``npm ci`` over the
root ``package.json``, as ``make run`` does); only the packages that file names are served.
Without them the page still loads and says how to install them, and the API is unaffected.

Examples
--------
>>> from fastapi import FastAPI
>>> app = FastAPI()
>>> mount_explorer(app)
>>> [r.path for r in app.routes][-1]
''
>>> explorer_route_matches("/api/health"), explorer_route_matches("/index.html")
(False, True)
"""

from __future__ import annotations

import json
from pathlib import Path

from fastapi import FastAPI
from starlette.routing import Match, Mount
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

__all__ = ["NODE_MODULES", "STATIC", "explorer_route_matches", "mount_explorer", "vendor_packages"]

STATIC = Path(__file__).with_name("static")
ROOT = Path(__file__).resolve().parents[1]
NODE_MODULES = ROOT / "node_modules"
RESERVED = ("/api", "/docs", "/redoc", "/openapi.json", "/vendor")


def explorer_route_matches(path: str) -> bool:
    """Whether the catch-all explorer mount may answer ``path``: never for the API or docs."""
    return not any(path == p or path.startswith(p + "/") for p in RESERVED)


class _Explorer(Mount):
    """A mount at ``/`` that steps aside for the API and the docs, whatever the route order."""

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if scope["type"] == "http" and not explorer_route_matches(scope["path"]):
            return Match.NONE, {}
        return super().matches(scope)


class _Files(StaticFiles):
    """Static files whose folder may be missing (npm not run yet): a 404, never a 500."""

    async def check_config(self) -> None:
        return None


def vendor_packages(package_json: Path = ROOT / "package.json") -> list[str]:
    """The npm packages the explorer may serve: the dependencies of ``package.json``."""
    if not package_json.is_file():
        return []
    return sorted(json.loads(package_json.read_text(encoding="utf-8")).get("dependencies", {}))


def mount_explorer(app: FastAPI, node_modules: Path | None = None) -> None:
    """Serve the explorer at ``/`` (``index.html`` at ``GET /``) and its libraries at
    ``/vendor/<package>/…`` from ``node_modules``; ``/api/*``, ``/docs`` and
    ``/openapi.json`` keep answering, whether this is called before or after the routers.
    A second call changes nothing."""
    if any(getattr(route, "name", None) == "explorer" for route in app.router.routes):
        return  # mounted already, by create_app say: once is enough
    modules = node_modules or NODE_MODULES
    for name in vendor_packages():
        files = _Files(directory=modules / name, check_dir=False)
        app.mount(f"/vendor/{name}", files, name=f"vendor-{name}")
    page = _Files(directory=STATIC, html=True, check_dir=False)
    app.router.routes.append(_Explorer("/", app=page, name="explorer"))
