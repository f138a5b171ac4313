"""Tokens that expire: ``selaras token create NAME --expires 30d|12h|DATE``, listed with their
expiry and state, refused over HTTP once expired (401 "kedaluwarsa / expired"); tokens without
an expiry, and token files written before expiries existed, work as before."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from api.app import create_app
from api.cli import main
from api.settings import Settings
from api.tokens import TokenBook, expiry
from graph.errors import AccessDenied, InputError

NOW = datetime(2026, 1, 1, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "moment"),
    [
        ("30d", NOW + timedelta(days=30)),
        ("12h", NOW + timedelta(hours=12)),
        (" 1D ", NOW + timedelta(days=1)),
        ("2026-03-01", datetime(2026, 3, 1, tzinfo=UTC)),
        ("2026-01-01T17:00:00+07:00", datetime(2026, 1, 1, 10, tzinfo=UTC)),
        ("2026-01-02T00:00", datetime(2026, 1, 2, tzinfo=UTC)),
    ],
)
def test_expiry_accepts_days_hours_and_iso_dates(text: str, moment: datetime) -> None:
    assert expiry(text, NOW) == moment


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("30x", "unknown expiry"),
        ("sebulan", "unknown expiry"),
        ("0d", "not in the future"),
        ("2025-12-31", "not in the future"),
        ("2026-01-01T15:00:00+07:00", "not in the future"),
    ],
)
def test_expiry_refuses_what_it_cannot_read_and_the_past(text: str, said: str) -> None:
    with pytest.raises(InputError, match=said):
        expiry(text, NOW)


def cli(tokens: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["token", *args], env={"SELARAS_TOKENS": str(tokens)})
    return result.exit_code, result.stdout, result.stderr


def test_cli_creates_lists_and_refuses_expiries(tmp_path: Path) -> None:
    tokens = tmp_path / "tokens.json"
    code, out, err = cli(tokens, "create", "opd-dinkes", "--role", "write", "--expires", "30d")
    assert code == 0 and out.startswith("slr_") and "expires" in err
    assert cli(tokens, "create", "--name", "dasbor")[0] == 0  # the old spelling, no expiry
    code, listing, _ = cli(tokens, "list")
    lines = {line.split()[0]: line for line in listing.splitlines()[2:]}
    in_30_days = (datetime.now(UTC) + timedelta(days=30)).date().isoformat()
    assert in_30_days in lines["opd-dinkes"] and "aktif" in lines["opd-dinkes"]
    assert "None" not in lines["dasbor"] and "aktif" in lines["dasbor"]
    stored = json.loads(tokens.read_text(encoding="utf-8"))
    assert stored["dasbor"]["expires"] is None
    assert stored["opd-dinkes"]["expires"].startswith(in_30_days)
    code, _, err = cli(tokens, "create", "lama", "--expires", "2020-01-01")
    assert code == 2 and "sudah lewat" in err and "Traceback" not in err
    code, _, err = cli(tokens, "create", "lama", "--expires", "sebulan")
    assert code == 2 and "30d, 12h" in err
    assert cli(tokens, "create", "a", "--name", "b")[0] == 2
    assert cli(tokens, "create")[0] == 2
    assert "lama" not in tokens.read_text(encoding="utf-8")


def test_an_expired_token_is_refused_and_listed_as_expired(tmp_path: Path) -> None:
    book = TokenBook(tmp_path / "tokens.json")
    secret = book.create("lalu", "write", expires=datetime.now(UTC) - timedelta(seconds=1))
    with pytest.raises(AccessDenied, match="kedaluwarsa .* token expired"):
        book.check(secret, "read")
    (entry,) = book.names()
    assert entry["state"] == "kedaluwarsa / expired"
    book.revoke("lalu")
    assert book.names()[0]["state"] == "dicabut / revoked"


def test_a_token_file_from_before_expiries_still_works(tmp_path: Path) -> None:
    """The shape the token book had before: no ``expires`` key."""
    path = tmp_path / "tokens.json"
    secret = TokenBook(path).create("lama", "write")
    old = json.loads(path.read_text(encoding="utf-8"))
    del old["lama"]["expires"]
    path.write_text(json.dumps(old), encoding="utf-8")
    book = TokenBook(path)
    assert book.check(secret, "write") == "lama"
    assert book.names()[0]["expires"] is None and book.names()[0]["state"] == "aktif / active"


def test_over_http_a_token_works_until_it_expires(tmp_path: Path) -> None:
    """Created by the CLI to expire two seconds on: a delete is let through (404, no such
    document) until then, and refused with 401 "kedaluwarsa" after, on the real clock."""
    tokens = tmp_path / "tokens.json"
    until = (datetime.now(UTC) + timedelta(seconds=2)).isoformat(timespec="microseconds")
    code, secret, _ = cli(tokens, "create", "sebentar", "--role", "write", "--expires", until)
    assert code == 0
    headers = {"Authorization": f"Bearer {secret.strip()}"}
    settings = Settings(tokens=tokens)
    with TestClient(create_app(str(tmp_path / "s.db"), settings)) as client:
        assert client.delete("/api/documents/tidak-ada", headers=headers).status_code == 404
        time.sleep(max(0.0, (datetime.fromisoformat(until) - datetime.now(UTC)).total_seconds()))
        late = client.delete("/api/documents/tidak-ada", headers=headers)
        body = late.json()
        assert late.status_code == 401 and body["error"]["type"] == "AccessDenied"
        assert "kedaluwarsa" in body["error"]["message"] and "expired" in body["error"]["message"]
        upload = {"files": ("renja.csv", b"jenis,RENJA\n", "text/csv")}
        assert client.post("/api/documents", files=upload, headers=headers).status_code == 401
