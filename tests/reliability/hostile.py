"""A raw HTTP/1.1 client for hostile requests, and a real ``selaras serve`` to send them to.

Requests are written byte for byte on a socket (so a body can lie about its length, trickle,
stall or carry broken multipart), and the answer is read with :mod:`http.client`. A server that
closes the connection without answering gives ``Answer.status == 0``.

Examples
--------
>>> raw = request("GET", "/api/health", headers={"X-A": "1"})
>>> raw.decode().splitlines()[:3]
['GET /api/health HTTP/1.1', 'Host: 127.0.0.1', 'X-A: 1']
>>> body, kind = multipart([Part("files", b"a,b\\n", "x.csv")], boundary="B")
>>> kind, body.count(b"--B")
('multipart/form-data; boundary=B', 2)
"""

from __future__ import annotations

import http.client
import json
import os
import select
import socket
import subprocess
import sys
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "Answer",
    "Part",
    "Server",
    "exchange",
    "free_port",
    "multipart",
    "request",
    "trickle",
]

PIECE = 16 * 1024
CLI = "import sys; from api.cli import main; sys.exit(main())"


@dataclass(frozen=True)
class Answer:
    """What came back: status (0: closed without an answer), headers, body, seconds taken,
    bytes of the request sent, and whether the server closed the connection after answering
    (looked at only when it said ``Connection: close``)."""

    status: int
    headers: Mapping[str, str]
    body: bytes
    seconds: float
    sent: int = 0
    closed: bool = False

    def json(self) -> Any:
        """The body as JSON."""
        return json.loads(self.body)

    def is_json(self) -> bool:
        """Whether the answer says it is JSON."""
        return self.headers.get("content-type", "").startswith("application/json")


@dataclass(frozen=True)
class Part:
    """One part of a multipart body: ``filename`` None makes it a plain field."""

    name: str
    data: bytes
    filename: str | bytes | None = None
    content_type: str = "application/octet-stream"


def request(
    method: str,
    target: str | bytes,
    headers: Mapping[str, str | bytes] | None = None,
    body: bytes = b"",
    length: bool = True,
) -> bytes:
    """An HTTP/1.1 request as bytes; ``Content-Length`` is added when there is a body (and
    ``length``) unless ``headers`` give their own."""
    given = dict(headers or {})
    if body and length and not any(k.lower() == "content-length" for k in given):
        given["Content-Length"] = str(len(body))
    line = (target if isinstance(target, bytes) else target.encode()) + b" HTTP/1.1\r\n"
    head = [method.encode() + b" " + line, b"Host: 127.0.0.1\r\n"]
    for key, value in given.items():
        head.append(key.encode() + b": " + _bytes(value) + b"\r\n")
    return b"".join(head) + b"\r\n" + body


def multipart(parts: Iterable[Part], boundary: str = "selarasbatas") -> tuple[bytes, str]:
    """A ``multipart/form-data`` body and its content type."""
    out = []
    for part in parts:
        disposition = b'form-data; name="' + part.name.encode() + b'"'
        if part.filename is not None:
            disposition += b'; filename="' + _bytes(part.filename) + b'"'
        out += [
            b"--" + boundary.encode() + b"\r\n",
            b"Content-Disposition: " + disposition + b"\r\n",
            b"Content-Type: " + part.content_type.encode() + b"\r\n\r\n",
            part.data + b"\r\n",
        ]
    out.append(b"--" + boundary.encode() + b"--\r\n")
    return b"".join(out), f"multipart/form-data; boundary={boundary}"


def _bytes(value: str | bytes) -> bytes:
    return value if isinstance(value, bytes) else value.encode("utf-8")


def exchange(port: int, raw: bytes, timeout: float = 20.0) -> Answer:
    """Send ``raw`` (stopping early if the server answers first) and read the answer."""
    return trickle(port, [raw], 0.0, timeout)


def trickle(port: int, pieces: list[bytes], interval: float, timeout: float = 20.0) -> Answer:
    """Send ``pieces`` one by one, ``interval`` seconds apart, then wait; stop sending as soon
    as the server answers (or closes), and read what it said."""
    started, sent = time.monotonic(), 0
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        for i, piece in enumerate(pieces):
            if i and interval:
                time.sleep(interval)
            if _readable(sock):
                break
            count = _send(sock, piece)
            sent += count
            if count < len(piece):
                break
        return _read(sock, started, timeout, sent)


def _readable(sock: socket.socket, wait: float = 0.0) -> bool:
    return bool(select.select([sock], [], [], wait)[0])


def _send(sock: socket.socket, data: bytes) -> int:
    """Send in 16 KB pieces (the first three 20 ms apart, so that a request head is read in
    pieces as a network gives it, then a millisecond apart) as long as the server has not
    answered or closed: writing on after it closed would reset the connection and lose its
    answer. The bytes sent."""
    for start in range(0, len(data), PIECE):
        if _readable(sock, (0.02 if start < 3 * PIECE else 0.001) if start else 0.0):
            return start
        try:
            sock.sendall(data[start : start + PIECE])
        except (BrokenPipeError, ConnectionResetError):
            return start
    return len(data)


def _read(sock: socket.socket, started: float, timeout: float, sent: int) -> Answer:
    sock.settimeout(max(0.1, timeout - (time.monotonic() - started)))
    response = http.client.HTTPResponse(sock)
    try:
        response.begin()
        body = response.read()
    except (http.client.RemoteDisconnected, ConnectionResetError, http.client.IncompleteRead):
        return Answer(0, {}, b"", time.monotonic() - started, sent)
    seconds = time.monotonic() - started
    headers = {k.lower(): v for k, v in response.getheaders()}
    closed = headers.get("connection") == "close" and _closed(sock)
    return Answer(response.status, headers, body, seconds, sent, closed)


def _closed(sock: socket.socket) -> bool:
    """Whether the server has closed the connection (within 2 s)."""
    sock.settimeout(2.0)
    try:
        return sock.recv(65536) == b"" or _closed(sock)
    except ConnectionResetError:
        return True
    except TimeoutError:
        return False


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    """``selaras --store TARGET serve`` in a subprocess, its output in ``folder/server.log``.

    ``env`` adds ``SELARAS_*`` settings; the server's temporary files go to ``folder/tmp``
    (``TMPDIR``), so a test can see that nothing is left behind.
    """

    target: str
    folder: Path
    env: Mapping[str, str] = field(default_factory=dict)
    port: int = 0
    process: subprocess.Popen[bytes] | None = None

    @property
    def log(self) -> Path:
        return self.folder / "server.log"

    @property
    def tmp(self) -> Path:
        return self.folder / "tmp"

    def start(self, timeout: float = 60.0) -> Server:
        """Start and wait until ``/api/health`` answers."""
        self.tmp.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        env = {**os.environ, **self.env, "TMPDIR": str(self.tmp), "PYTHONUNBUFFERED": "1"}
        command = [sys.executable, "-c", CLI, "--store", self.target, "serve"]
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [*command, "--host", "127.0.0.1", "--port", str(self.port)],
                cwd=self.folder,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                if exchange(self.port, request("GET", "/api/health"), 5).status == 200:
                    return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"selaras serve did not start: {self.log.read_text()[-3000:]}")

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL after 10 s)."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)

    def send(self, raw: bytes, timeout: float = 20.0) -> Answer:
        """One raw request and its answer."""
        return exchange(self.port, raw, timeout)
