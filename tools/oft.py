"""Run OpenFastTrace (``oft trace``) on a folder and read its defects.

OFT 4.1.0 comes from Maven Central through ``mvn dependency:get`` into the local Maven
repository (``~/.m2``); it runs on Java 17.

Examples
--------
>>> report = '''not ok [ in:  0 /  0   | out:  1 /  1 ✘ ] renjasubkeg~a~1 ()
...
...   [orphaned         ] → induk~a~1
...
... not ok [ in:  0 /  0   | out:  0 /  0   ] rpjmdsasaran~b~1 (-rpjmdprog)
...
... not ok - 5 total, 2 defect'''
>>> parse_plain_report(report)
({'orphaned': {'renjasubkeg~a~1'}, 'uncovered': {'rpjmdsasaran~b~1'}}, 5)
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["OFT_VERSION", "OftError", "OftResult", "oft_jar", "parse_plain_report", "run_oft_trace"]

OFT_VERSION = "4.1.0"
ARTIFACT = f"org.itsallcode.openfasttrace:openfasttrace:{OFT_VERSION}"
JAR = (
    Path.home() / ".m2/repository/org/itsallcode/openfasttrace/openfasttrace"
    / OFT_VERSION / f"openfasttrace-{OFT_VERSION}.jar"
)  # fmt: skip
_HEADER = re.compile(r"^not ok \[.*\] (\S+~\S+~\d+) \((.*)\)$")
_LINK = re.compile(r"^\s+\[(.+?)\s*\] [→←] ")
_TOTAL = re.compile(r"^(?:not )?ok - (\d+) total")


class OftError(RuntimeError):
    """OFT could not be fetched or run (no Maven, no Java, a failed trace)."""


@dataclass(frozen=True)
class OftResult:
    """One ``oft trace``: wall seconds, items traced, defect item ids by kind, exit code."""

    seconds: float
    items: int
    defects: dict[str, set[str]] = field(default_factory=dict)
    exit_code: int = 0

    @property
    def defect_count(self) -> int:
        """Distinct defect items (an item may have defects of two kinds)."""
        return len(set().union(*self.defects.values())) if self.defects else 0


def oft_jar() -> Path:
    """The OFT jar in the local Maven repository, fetched with ``mvn`` when absent."""
    if JAR.is_file():
        return JAR
    mvn = shutil.which("mvn")
    if mvn is None:
        raise OftError(f"OpenFastTrace tidak ada dan mvn tidak ditemukan / no {JAR} and no mvn")
    command = [mvn, "-q", "dependency:get", "-Dtransitive=false", f"-Dartifact={ARTIFACT}"]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0 or not JAR.is_file():
        raise OftError(f"mvn dependency:get {ARTIFACT} gagal / failed:\n{done.stdout[-2000:]}")
    return JAR


def run_oft_trace(folder: Path, java: str | None = None) -> OftResult:
    """Trace every specification under ``folder`` with OFT; its defects from the plain report.

    OFT exits 0 when it finds no defect and 1 when it does (or fails: then nothing is parsed
    and OftError is raised).
    """
    java = java or shutil.which("java")
    if java is None:
        raise OftError("java tidak ditemukan / java not found (OpenFastTrace needs Java 17)")
    command = [java, "-jar", str(oft_jar()), "trace", "-o", "plain", "-v", "failure_details"]
    command += ["-c", "BLACK_AND_WHITE", str(folder)]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    defects, items = parse_plain_report(done.stdout)
    if done.returncode not in (0, 1) or items < 0:
        raise OftError(f"oft trace gagal / failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return OftResult(seconds, items, defects, done.returncode)


def parse_plain_report(text: str) -> tuple[dict[str, set[str]], int]:
    """The defect item ids by kind, and the items traced (-1 without a summary line).

    Kinds: ``uncovered`` (a needed artifact type with no coverage, ``-type``), and the status
    of each broken link as OFT writes it (``orphaned``, ``unwanted``, ``outdated`` …); an item
    that is not ok for no such reason is ``uncovered_below``: covered, but not deeply (an item
    below it is uncovered).
    """
    defects: dict[str, set[str]] = {}
    items, current, kinds = -1, "", set[str]()

    def close() -> None:
        for kind in kinds or ({"uncovered_below"} if current else set()):
            defects.setdefault(kind, set()).add(current)

    for line in text.splitlines():
        if header := _HEADER.match(line):
            close()
            current, kinds = header[1], set()
            if any(t.strip().startswith("-") for t in header[2].split(",")):
                kinds.add("uncovered")
        elif (link := _LINK.match(line)) and current:
            status = link[1].strip()
            if status not in ("covers", "covered shallow"):
                kinds.add(status.replace(" ", "_"))
        elif total := _TOTAL.match(line):
            items = int(total[1])
    close()
    return defects, items
