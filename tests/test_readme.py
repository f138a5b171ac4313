"""The README's terminal session is real: each ``$ selaras …`` prints what the README shows."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from api.cli import main

README = Path(__file__).resolve().parents[1] / "README.md"


def sessions() -> list[tuple[str, list[str]]]:
    """(command, expected output lines) for every ``$ selaras`` line of a console block."""
    text = README.read_text(encoding="utf-8")
    out: list[tuple[str, list[str]]] = []
    for block in re.findall(r"```console\n(.*?)```", text, flags=re.S):
        for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, *lines = chunk.rstrip("\n").split("\n")
            if command.startswith("selaras ") and not re.search(r"[;>&|]", command):
                out.append((command, lines))
    return out


def test_readme_shows_the_two_commands() -> None:
    head = README.read_text(encoding="utf-8")[:3000]
    assert "make run" in head and "make test" in head


def test_readme_session_is_real(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    checked = 0
    for command, expected in sessions():
        if any(w in command for w in ("load ", "SELARAS_STORE")):
            continue
        result = runner.invoke(main, shlex.split(command)[1:])
        assert result.exit_code in (0, 1), (command, result.output)
        assert result.stdout.splitlines() == expected, command
        checked += 1
    assert checked >= 3
