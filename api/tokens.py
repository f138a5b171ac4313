"""API tokens: created by ``selaras token create``, kept hashed in a JSON file.

Only the SHA-256 of a token is stored (tokens are 32 random bytes, so a fast hash is enough);
a presented token is compared with every stored hash in constant time. A token may carry an
expiry (``--expires 30d``, ``12h`` or a date); tokens without one never expire.

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
>>> now = datetime(2026, 1, 1, tzinfo=UTC)
>>> expiry("30d", now).isoformat(), expiry("2026-03-01", now).isoformat()
('2026-01-31T00:00:00+00:00', '2026-03-01T00:00:00+00:00')
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from graph.errors import AccessDenied, Forbidden, InputError

__all__ = ["ROLES", "TokenBook", "expiry"]

ROLES = ("read", "write")
_SPAN = re.compile(r"(\d{1,5})\s*([dh])", re.IGNORECASE)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def expiry(text: str, now: datetime | None = None) -> datetime:
    """The moment a token given ``--expires text`` expires: ``Nd`` (days), ``Nh`` (hours) from
    ``now``, or an ISO date or date-time (a date is 00:00 UTC of that day; no zone means UTC).

    Raises
    ------
    InputError
        When the text is none of these, or names a moment not after ``now``.
    """
    now = now or _now()
    if span := _SPAN.fullmatch(text.strip()):
        count, unit = int(span.group(1)), span.group(2).lower()
        moment = now + (timedelta(days=count) if unit == "d" else timedelta(hours=count))
    else:
        try:
            moment = datetime.fromisoformat(text.strip())
        except ValueError:
            raise InputError(
                f"Masa berlaku tidak dikenal / unknown expiry: {text!r} "
                "(30d, 12h, 2026-12-31 atau / or 2026-12-31T17:00:00+07:00)"
            ) from None
        moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    if moment <= now:
        raise InputError(f"Masa berlaku sudah lewat / expiry is not in the future: {_iso(moment)}")
    return moment.astimezone(UTC)


class TokenBook:
    """The tokens file: name → {sha256, role, created, expires, revoked}."""

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

    def create(self, name: str, role: str, expires: datetime | None = None) -> str:
        """A new token for ``name`` with ``role``, valid until ``expires`` (None: no expiry);
        only its hash is kept."""
        if role not in ROLES:
            raise InputError(f"Peran harus / role must be one of {', '.join(ROLES)}")
        data = self._read()
        if name in data and not data[name].get("revoked"):
            raise InputError(f"Token '{name}' sudah ada / already exists (revoke it first)")
        token = "slr_" + secrets.token_urlsafe(32)
        data[name] = {
            "sha256": _digest(token),
            "role": role,
            "created": _iso(_now()),
            "expires": _iso(expires) if expires else None,
            "revoked": None,
        }
        self._write(data)
        return token

    def revoke(self, name: str) -> None:
        """Revoke the token called ``name``."""
        data = self._read()
        if name not in data:
            raise InputError(f"Token '{name}' tidak ada / no such token")
        data[name]["revoked"] = _iso(_now())
        self._write(data)

    def names(self) -> list[dict[str, Any]]:
        """Every token's name, role, dates and state (never the hash)."""
        return [
            {
                "name": n,
                "role": t["role"],
                "created": t["created"],
                "expires": t.get("expires"),
                "revoked": t["revoked"],
                "state": _state(t),
            }
            for n, t in sorted(self._read().items())
        ]

    def check(self, token: str | None, role: str) -> str:
        """The name of a valid token with ``role`` (``write`` includes ``read``)."""
        if not token:
            raise AccessDenied("Token diperlukan / a bearer token is required")
        name, entry = self._find(token)
        if _expired(entry):
            raise AccessDenied(
                f"Token '{name}' kedaluwarsa sejak {entry['expires']} / token expired at "
                f"{entry['expires']}"
            )
        if role == "write" and entry["role"] != "write":
            raise Forbidden(f"Token '{name}' hanya baca / is read-only")
        return name

    def _find(self, token: str) -> tuple[str, dict[str, Any]]:
        """The unrevoked entry whose hash is the token's (every hash compared)."""
        digest = _digest(token)
        match = None
        for name, entry in self._read().items():
            if hmac.compare_digest(entry["sha256"], digest) and not entry.get("revoked"):
                match = (name, entry)
        if match is None:
            raise AccessDenied("Token tidak berlaku / invalid or revoked token")
        return match


def _expired(entry: dict[str, Any]) -> bool:
    expires = entry.get("expires")
    return isinstance(expires, str) and datetime.fromisoformat(expires) <= _now()


def _state(entry: dict[str, Any]) -> str:
    if entry.get("revoked"):
        return "dicabut / revoked"
    return "kedaluwarsa / expired" if _expired(entry) else "aktif / active"
