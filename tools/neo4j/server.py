"""Run a real Neo4j 5.26 Community server in a JVM, from Maven Central jars, without Docker.

``python tools/neo4j/server.py [--data DIR] [--port N]`` runs one in the foreground.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import os
import queue
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import IO, NoReturn, Self

HERE = Path(__file__).resolve().parent
TARGET = HERE / "target"
DEFAULT_JAVA_OPTS = "-Xms512m -Xmx2g -XX:+UseG1GC"
# Always passed: Neo4j's page cache, native I/O and netty want these JDK internals
# (as its own server scripts pass them); without them it warns and falls back.
FIXED_JAVA_OPTS = [
    *(f"--add-opens=java.base/{pkg}=ALL-UNNAMED" for pkg in ("java.nio", "java.io", "sun.nio.ch")),
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true",
]
MAIN_CLASS = "id.selaras.neo4j.Launcher"


class LauncherError(RuntimeError):
    """The launcher could not be built, or the server did not start."""


def java_and_maven_available() -> str | None:
    """Return None when ``java`` and ``mvn`` are on PATH, else the reason why not."""
    missing = [tool for tool in ("java", "mvn") if shutil.which(tool) is None]
    return f"not on PATH: {', '.join(missing)}" if missing else None


def build(quiet: bool = True) -> Path:
    """Build the launcher with Maven unless ``target/`` is newer than pom.xml and src/.

    Parameters
    ----------
    quiet : bool
        Run ``mvn -q`` and capture its output (shown only on failure); else Maven
        prints its progress, e.g. the first download of ~125 MB of jars, to stderr.

    Returns
    -------
    Path
        The ``target`` directory: classpath is ``target/classes`` plus ``target/lib/*``.
    """
    TARGET.mkdir(exist_ok=True)
    stamp = TARGET / ".selaras-built"
    sources = [HERE / "pom.xml", *(HERE / "src").rglob("*.java")]
    with open(TARGET / ".build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # parallel test workers build once
        fresh = (
            stamp.exists()
            and (TARGET / "classes").is_dir()
            and any((TARGET / "lib").glob("*.jar"))
            and max(p.stat().st_mtime for p in sources) <= stamp.stat().st_mtime
        )
        if fresh:
            return TARGET
        shutil.rmtree(TARGET / "lib", ignore_errors=True)  # no jars of an old version
        cmd = ["mvn", *(["-q"] if quiet else []), "-B", "-Dstyle.color=never", "package",
               "-DskipTests"]  # fmt: skip
        out = subprocess.PIPE if quiet else sys.stderr
        try:
            done = subprocess.run(cmd, cwd=HERE, stdout=out, stderr=subprocess.STDOUT, text=True)
        except OSError as exc:
            raise LauncherError(f"cannot run mvn: {exc}") from exc
        if done.returncode != 0:
            tail = "\n".join((done.stdout or "(see Maven's output above)").splitlines()[-40:])
            raise LauncherError(f"{shlex.join(cmd)} failed ({done.returncode}) in {HERE}:\n{tail}")
        stamp.touch()
    return TARGET


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _pump(stream: IO[str], put: Callable[[str], object]) -> None:
    for line in stream:
        put(line)


class Neo4jServer:
    """A Neo4j DBMS running in a child JVM, with Bolt on ``uri`` and auth disabled.

    Attributes
    ----------
    uri : str
        ``bolt://127.0.0.1:<port>``.
    process : subprocess.Popen[str]
        The JVM. It shuts down cleanly when its stdin is closed, even if we die.
    data_dir : Path
        Neo4j home: databases in ``data/``, Neo4j's own logs in ``logs/debug.log``.
    """

    def __init__(self, process: subprocess.Popen[str], uri: str, data_dir: Path) -> None:
        self.process, self.uri, self.data_dir = process, uri, data_dir
        self.stderr: deque[str] = deque(maxlen=60)
        self._threads: list[threading.Thread] = []

    @classmethod
    def start(
        cls,
        data_dir: Path,
        port: int | None = None,
        timeout: float = 180,
        password: str | None = None,
    ) -> Self:
        """Build if needed, start the JVM and wait for its ``READY`` line.

        Parameters
        ----------
        data_dir : Path
            Neo4j home directory; created if missing, reused (with its data) if present.
        port : int or None
            Bolt port on 127.0.0.1; when None, a free one (retried if taken meanwhile).
        password : str or None
            When given, auth is on and user ``neo4j`` has this password; else auth is off.
        timeout : float
            Seconds to wait for the server to be ready.

        Raises
        ------
        LauncherError
            The build failed, or the JVM exited or timed out before it was ready.
        """
        for attempt in range(1 if port else 3):
            try:
                return cls._start(Path(data_dir).resolve(), port or free_port(), timeout, password)
            except LauncherError as exc:
                if attempt == 2 or "Address already in use" not in str(exc):
                    raise
        raise AssertionError("unreachable")

    @classmethod
    def _start(cls, data_dir: Path, port: int, timeout: float, password: str | None) -> Self:
        target = build()
        opts = shlex.split(os.environ.get("SELARAS_NEO4J_JAVA_OPTS", DEFAULT_JAVA_OPTS))
        classpath = f"{target / 'classes'}{os.pathsep}{target / 'lib' / '*'}"
        cmd = ["java", *opts, *FIXED_JAVA_OPTS, "-cp", classpath, MAIN_CLASS,
               "--data", str(data_dir), "--port", str(port)]  # fmt: skip
        cmd += ["--password", password] if password else []
        try:
            proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, text=True, bufsize=1)  # fmt: skip
        except OSError as exc:
            raise LauncherError(f"cannot run java: {exc}") from exc
        server = cls(proc, f"bolt://127.0.0.1:{port}", data_dir)
        lines: queue.Queue[str] = queue.Queue()
        assert proc.stdout is not None and proc.stderr is not None
        for stream, put in ((proc.stdout, lines.put), (proc.stderr, server.stderr.append)):
            thread = threading.Thread(target=_pump, args=(stream, put), daemon=True)
            thread.start()
            server._threads.append(thread)
        deadline = time.monotonic() + timeout
        try:
            while (left := deadline - time.monotonic()) > 0:
                try:
                    line = lines.get(timeout=min(left, 0.2)).strip()
                except queue.Empty:
                    if proc.poll() is not None and lines.empty():
                        server._fail(f"JVM exited with code {proc.returncode} before READY")
                    continue
                if line == f"READY {server.uri}":
                    return server
        except BaseException:  # Ctrl-C while waiting: leave no JVM behind
            server.kill()
            raise
        server._fail(f"no READY line within {timeout:.0f} s")

    def _fail(self, why: str) -> NoReturn:
        self.kill()
        tail = "".join(self.stderr).rstrip() or "(stderr empty)"
        log = self.data_dir / "logs" / "debug.log"
        raise LauncherError(f"Neo4j did not start: {why}; see {log}\nstderr:\n{tail}")

    def stop(self, timeout: float = 60) -> int:
        """Stop cleanly by closing the JVM's stdin; return its exit code (0 when clean).

        Escalates to SIGTERM (still a clean shutdown) and then SIGKILL after ``timeout``.
        """
        if self.process.poll() is None:
            try:
                assert self.process.stdin is not None
                self.process.stdin.close()
                self.process.wait(timeout)
            except (OSError, subprocess.TimeoutExpired):
                self.process.terminate()  # SIGTERM: the shutdown hook still stops cleanly
                try:
                    self.process.wait(timeout)
                except subprocess.TimeoutExpired:
                    self.process.kill()
        return self._reap()

    def kill(self) -> int:
        """SIGKILL the JVM, leaving the store as after a crash; returns its exit code."""
        if self.process.poll() is None:
            self.process.kill()
        return self._reap()

    def _reap(self) -> int:
        code = self.process.wait()
        for thread in self._threads:
            thread.join(5)
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()
        return code

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> int:
    """Run a server in the foreground until Ctrl-C or SIGTERM."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=HERE / ".data", help="Neo4j home dir")
    parser.add_argument("--port", type=int, default=7687, help="Bolt port (0: any free one)")
    args = parser.parse_args(argv)
    if reason := java_and_maven_available():
        parser.exit(2, f"cannot run Neo4j: {reason}\n")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    print(f"starting Neo4j in {args.data.resolve()}", flush=True)
    try:
        build(quiet=False)
        server = Neo4jServer.start(args.data, args.port or None)
    except LauncherError as exc:
        parser.exit(1, f"{exc}\n")
    print(f"READY {server.uri}\n{server.uri}  (no auth; Ctrl-C stops it)", flush=True)
    try:
        return server.process.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        print("stopping Neo4j", flush=True)
        server.stop()


if __name__ == "__main__":
    sys.exit(main())
