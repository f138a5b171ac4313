"""What the scripts that start ``selaras serve`` share: a free port, the command, CPU time.

Used by ``bench/api_load.py`` and ``tools/soak.py``; Linux only (``/proc``).

Examples
--------
>>> 1024 <= free_port() <= 65535
True
>>> cpu_seconds(os.getpid()) >= 0
True
"""

from __future__ import annotations

import os
import shutil
import socket
import sys
from pathlib import Path

__all__ = ["HOST", "ToolError", "cpu_seconds", "free_port", "selaras_exe"]

HOST = "127.0.0.1"


class ToolError(RuntimeError):
    """A script could not set itself up (no ``selaras`` command, a server that did not start)."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def selaras_exe() -> str:
    """The ``selaras`` console script next to this interpreter, else the one on PATH."""
    here = Path(sys.executable).parent / "selaras"
    found = str(here) if here.exists() else shutil.which("selaras")
    if not found:
        raise ToolError("no `selaras` command: run from the project's venv")
    return found


def cpu_seconds(pid: int) -> float:
    """User plus system CPU seconds of a process so far, from /proc/PID/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
