"""Settings of the HTTP app, from the environment.

| variable | default | meaning |
|---|---|---|
| ``SELARAS_TOKENS`` | ``selaras-tokens.json`` | the hashed tokens file |
| ``SELARAS_READ_TOKEN`` | ``0`` | ``1``: reading needs a ``read`` token too |
| ``SELARAS_CORS_ORIGINS`` | (none) | comma-separated origins allowed by CORS |
| ``SELARAS_MAX_UPLOAD_MB`` | ``50`` | largest upload, all files together (decimals allowed) |
| ``SELARAS_UPLOAD_TIMEOUT_S`` | ``60`` | time a request body may take, +1 s per 10 KB received |
| ``SELARAS_MAX_CELLS`` | ``2000000`` | most cells read from one uploaded workbook |
| ``SELARAS_CYPHER_ROWS`` | ``1000`` | row cap of ``POST /api/cypher`` |
| ``SELARAS_NODE_MODULES`` | the repo's ``node_modules`` | where the explorer's npm libraries are |
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Settings"]


@dataclass(frozen=True)
class Settings:
    """What the app is allowed to do, and how much."""

    tokens: Path = Path("selaras-tokens.json")
    read_needs_token: bool = False
    cors_origins: tuple[str, ...] = ()
    max_upload_bytes: int = 50 * 1024 * 1024
    upload_timeout_s: float = 60.0
    max_cells: int = 2_000_000
    cypher_rows: int = 1000
    node_modules: Path | None = None

    @classmethod
    def from_env(cls) -> Settings:
        """Settings read from ``SELARAS_*`` environment variables."""
        env = os.environ.get
        origins = tuple(o.strip() for o in env("SELARAS_CORS_ORIGINS", "").split(",") if o.strip())
        return cls(
            tokens=Path(env("SELARAS_TOKENS", "selaras-tokens.json")),
            read_needs_token=env("SELARAS_READ_TOKEN", "0") == "1",
            cors_origins=origins,
            max_upload_bytes=int(float(env("SELARAS_MAX_UPLOAD_MB", "50")) * 1024 * 1024),
            upload_timeout_s=float(env("SELARAS_UPLOAD_TIMEOUT_S", "60")),
            max_cells=int(env("SELARAS_MAX_CELLS", "2000000")),
            cypher_rows=int(env("SELARAS_CYPHER_ROWS", "1000")),
            node_modules=Path(env("SELARAS_NODE_MODULES", ""))
            if env("SELARAS_NODE_MODULES")
            else None,
        )
