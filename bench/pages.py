"""The generated part of a section of ``docs/benchmarks.md``, rewritten by each run.

Each benchmark owns the text between its two markers (``<!-- bench/NAME:begin -->`` and
``<!-- bench/NAME:end -->``); the hand-written text around them stays. A page without the
markers gets the section, with its heading, at the end.

Examples
--------
>>> import pathlib, tempfile
>>> page = pathlib.Path(tempfile.mkdtemp()) / "b.md"
>>> _ = page.write_text("# Benchmarks\\n")
>>> write_section(page, "x.py", "Some figures", "| a |\\n")
>>> write_section(page, "x.py", "Some figures", "| b |\\n")
>>> print(page.read_text())
# Benchmarks
<BLANKLINE>
## Some figures
<BLANKLINE>
<!-- bench/x.py:begin -->
| b |
<!-- bench/x.py:end -->
<BLANKLINE>
"""

from __future__ import annotations

import shlex
from collections.abc import Mapping, Sequence
from pathlib import Path

__all__ = ["shown_command", "write_section"]


def write_section(page: Path, name: str, heading: str, text: str) -> None:
    """Put ``text`` between the markers of benchmark ``name`` in ``page``."""
    begin, end = f"<!-- bench/{name}:begin -->", f"<!-- bench/{name}:end -->"
    content = page.read_text(encoding="utf-8")
    if begin not in content:
        content = content.rstrip("\n") + f"\n\n## {heading}\n\n{begin}\n{end}\n"
    before, rest = content.split(begin, 1)
    after = rest.split(end, 1)[1]
    page.write_text(f"{before}{begin}\n{text}{end}{after}", encoding="utf-8")


def shown_command(command: str, argv: Sequence[str], placeholders: Mapping[str, str]) -> str:
    """The command line a page shows for a run: ``argv`` after ``command``, the value of each
    option of ``placeholders`` (a folder, a file, a server of this machine) written as its
    placeholder, so the page names no path of the machine it was measured on.

    >>> shown_command("python bench/suite.py", ["--keep", "/srv/x", "--sizes=1,10",
    ...               "--neo4j-uri=bolt://h:7687"], {"--keep": "DIR", "--neo4j-uri": "URI"})
    'python bench/suite.py --keep DIR --sizes=1,10 --neo4j-uri=URI'
    """
    shown: list[str] = []
    instead: str | None = None  # the placeholder of the value that comes next
    for arg in argv:
        name, eq, _ = arg.partition("=")
        if instead:
            shown.append(instead)
            instead = None
        elif eq and name in placeholders:
            shown.append(f"{name}={placeholders[name]}")
        else:
            shown.append(arg)
            instead = placeholders.get(arg)
    return shlex.join([*shlex.split(command), *shown])
