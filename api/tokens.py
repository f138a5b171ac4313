"""API tokens: created by ``selaras token create``, kept hashed in a JSON file.

Only the SHA-256 of a token is stored (tokens are 32 random bytes, so a fast hash is enough);
a presented token is compared with every stored hash in constant time.

Examples
--------
>>> import tempfile, pathlib
>>> book = TokenBook(pathlib.Path(tempfile.mkdtemp()) / "tokens.json")
>>> secret = book.create("bappeda", "write")
>>> book.check(secret, "read")
'bappeda'
>>> book.revoke("bappeda")
>>> book.check(secret, "read")
Traceback (most recent call last):
...
graph.errors.AccessDenied: Token tidak berlaku / invalid or revoked token
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from graph.errors import AccessDenied, Forbidden, InputError

__all__ = ["ROLES", "TokenBook"]

ROLES = ("read", "write")


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class TokenBook:
    """The tokens file: name → {sha256, role, created, revoked}."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _read(self) -> dict[str, dict[str, Any]]:
        if not self.path.exists():
            return {}
        data: dict[str, dict[str, Any]] = json.loads(self.path.read_text(encoding="utf-8"))
        return data

    def _write(self, data: dict[str, dict[str, Any]]) -> None:
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
        os.chmod(tmp, 0o600)
        tmp.replace(self.path)

    def create(self, name: str, role: str) -> str:
        """A new token for ``name`` with ``role``; only its hash is kept."""
        if role not in ROLES:
            raise InputError(f"Peran harus / role must be one of {', '.join(ROLES)}")
        data = self._read()
        if name in data and not data[name].get("revoked"):
            raise InputError(f"Token '{name}' sudah ada / already exists (revoke it first)")
        token = "slr_" + secrets.token_urlsafe(32)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        data[name] = {"sha256": _digest(token), "role": role, "created": now, "revoked": None}
        self._write(data)
        return token

    def revoke(self, name: str) -> None:
        """Revoke the token called ``name``."""
        data = self._read()
        if name not in data:
            raise InputError(f"Token '{name}' tidak ada / no such token")
        data[name]["revoked"] = datetime.now(UTC).isoformat(timespec="seconds")
        self._write(data)

    def names(self) -> list[dict[str, Any]]:
        """Every token's name, role and dates (never the hash)."""
        return [
            {"name": n, "role": t["role"], "created": t["created"], "revoked": t["revoked"]}
            for n, t in sorted(self._read().items())
        ]

    def check(self, token: str | None, role: str) -> str:
        """The name of a valid token with ``role`` (``write`` includes ``read``)."""
        if not token:
            raise AccessDenied("Token diperlukan / a bearer token is required")
        digest = _digest(token)
        match = None
        for name, entry in self._read().items():
            if hmac.compare_digest(entry["sha256"], digest) and not entry.get("revoked"):
                match = (name, entry["role"])
        if match is None:
            raise AccessDenied("Token tidak berlaku / invalid or revoked token")
        if role == "write" and match[1] != "write":
            raise Forbidden(f"Token '{match[0]}' hanya baca / is read-only")
        return match[0]
