"""The benchmark suite's figures as Markdown tables, and its targets judged.

``report(results, meta)`` turns what ``bench/suite.py`` measured into the generated part of
"The benchmark suite" in ``docs/benchmarks.md``; ``wrong(results)`` lists what makes the run
fail: a store at a size whose verdict is not ``ALL_RIGHT`` (a planted finding missed, or one
more of their kinds found), a size where OpenFastTrace and Selaras name different items.

Examples
--------
>>> ratio(30.0, 10.0), ratio(1.0, 0.0)
('3.0×', '–')
>>> judged("load under 60 s", 42.0 < 60)
'- load under 60 s: met'
"""

from __future__ import annotations

from typing import Any

__all__ = ["ALL_RIGHT", "judged", "ratio", "report", "wrong"]

ALL_RIGHT = "all planted findings found, nothing else"
CHECK_LIMIT_S = 3.0


def ratio(a: float, b: float) -> str:
    """``a / b`` as ``1.5×``; a dash when ``b`` is zero."""
    return f"{a / b:.1f}×" if b else "–"


def judged(target: str, met: bool) -> str:
    """One line of the targets list."""
    return f"- {target}: {'met' if met else '**missed**'}"


def wrong(results: dict[str, Any]) -> list[str]:
    """What went wrong: a store at a size that missed a planted finding or found one more of
    their kinds, a size where OpenFastTrace and Selaras name different items. Empty if none.

    >>> wrong({"sizes": {1: {"checks": {"correct": ALL_RIGHT}}}})
    []
    >>> wrong({"sizes": {1: {"checks": {"correct": "missed 1, unexpected 0"}}}})
    ['embedded 1: missed 1, unexpected 0']
    """
    out = [f"embedded {p}: {part['checks']['correct']}" for p, part in results["sizes"].items()]
    out += [f"Neo4j {p}: {part['correct']}" for p, part in results.get("neo4j", {}).items()]
    out = [line for line in out if not line.endswith(ALL_RIGHT)]
    for p, part in results["sizes"].items():
        if "oft" in part and not part["oft"]["same"]:
            out.append(f"OpenFastTrace {p}: {part['oft']['difference']}")
    return out


def markdown_table(head: list[str], rows: list[list[str]]) -> str:
    """A Markdown table.

    >>> print(markdown_table(["a", "b"], [["1", "2"]]), end="")
    | a | b |
    |---|---|
    | 1 | 2 |
    """
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(cells) + " |" for cells in rows]
    return "\n".join(lines) + "\n"


def naive_cells(rate: float, naive: dict[str, Any]) -> list[str]:
    """The naive loader's rate (and sample size), and how many times faster ``rate`` is."""
    return [f"{naive['rate']:,.0f} elements/s ({naive['elements']:,})", ratio(rate, naive["rate"])]


def load_table(results: dict[str, Any]) -> str:
    head = ["pemda", "files", "elements", "python-calamine alone (floor)", "`selaras load`",
            "ratio to the floor", "load CPU", "elements/s", "peak RSS", "naive loader (sample)",
            "ratio to naive"]  # fmt: skip
    rows = []
    for pemda, part in results["sizes"].items():
        floor, load = part["floor"], part["load"]
        rate = load["elements"] / load["wall"]
        rows.append([
            str(pemda), f"{part['files']:,}", f"{load['elements']:,}", f"{floor['wall']:.1f} s",
            f"{load['wall']:.1f} s", ratio(load["wall"], floor["wall"]), f"{load['cpu']:.1f} s",
            f"{rate:,.0f}", f"{load['rss_mb']:,.0f} MB", *naive_cells(rate, part["naive"]),
        ])  # fmt: skip
    return markdown_table(head, rows)


def neo4j_table(results: dict[str, Any]) -> str:
    head = ["pemda", "elements", "reading the workbooks", "writing (one write a pemda)",
            "elements/s written", "server CPU", "server peak RSS", "naive loader (sample)",
            "ratio to naive"]  # fmt: skip
    rows = []
    for pemda, part in results.get("neo4j", {}).items():
        load = part["load"]
        rate = load["elements"] / load["write"]
        rows.append([
            str(pemda), f"{load['elements']:,}", f"{load['read']:.1f} s", f"{load['write']:.1f} s",
            f"{rate:,.0f}", f"{load['server_cpu']:.0f} s", f"{load['server_rss']:,.0f} MB",
            *naive_cells(rate, part["naive"]),
        ])  # fmt: skip
    return markdown_table(head, rows)


def checks_table(results: dict[str, Any]) -> str:
    sizes, neo = results["sizes"], results.get("neo4j", {})
    head = [f"embedded {p}" for p in sizes] + [f"Neo4j {p}" for p in neo]
    timings = [part["checks"]["checks"] for part in sizes.values()]
    timings += [part["checks"] for part in neo.values()]
    rows = [[f"`{name}`", *[f"{t[name][0]:.2f} / {t[name][1]:.2f}" for t in timings]]
            for name in timings[0]]  # fmt: skip
    for name, what in (("orphaned_activities", "`nx.descendants` per activity"),
                       ("unsupported_priorities", "`nx.ancestors` per priority")):  # fmt: skip
        cells = [
            f"{part['checks']['naive'][name]:.2f} "
            f"({ratio(part['checks']['naive'][name], part['checks']['checks'][name][1])})"
            for part in sizes.values()
        ]
        rows.append([f"naive: {what} (× `{name}` warm)", *cells, *["–"] * len(neo)])
    return markdown_table(["check (cold / warm s)", *head], rows)


def peer_table(results: dict[str, Any]) -> str:
    head = ["pemda", "items", "export", "`oft trace`", "`selaras check` (same defects)",
            "OFT / Selaras", "same items"]  # fmt: skip
    rows = [
        [str(pemda), f"{o['items']:,}", f"{o['export_s']:.1f} s", f"{o['oft_s']:.1f} s",
         f"{o['selaras_s']:.2f} s", ratio(o["oft_s"], o["selaras_s"]),
         "yes" if o["same"] else "**no**: " + o["difference"]]
        for pemda, part in results["sizes"].items()
        if (o := part.get("oft"))
    ]  # fmt: skip
    return markdown_table(head, rows)


def targets(results: dict[str, Any]) -> list[str]:
    """The issue's targets at the largest size measured, each met or missed."""
    sizes = results["sizes"]
    top = max(sizes)
    part = sizes[top]
    load, floor = part["load"], part["floor"]
    slow = [n for n, t in part["checks"]["checks"].items() if t[1] >= CHECK_LIMIT_S]
    out = [
        f"Targets, judged at {top} pemda (the issue's are set for 100):",
        judged(f"embedded load under 60 s ({load['wall']:.0f} s)", load["wall"] < 60),
        judged(
            f"embedded load within 3× the raw read ({ratio(load['wall'], floor['wall'])})",
            load["wall"] <= 3 * floor["wall"],
        ),
        judged(
            f"embedded peak RSS under 2.5 GB ({load['rss_mb']:,.0f} MB)", load["rss_mb"] < 2560
        ),  # fmt: skip
        judged(
            f"every embedded check under 3 s warm (over: {', '.join(slow) or 'none'})", not slow
        ),  # fmt: skip
    ]
    neo = results.get("neo4j", {})
    if neo:
        n = neo[max(neo)]
        rate = n["load"]["elements"] / n["load"]["write"]
        slow_n = [k for k, t in n["checks"].items() if t[1] >= CHECK_LIMIT_S]
        out += [
            judged(
                f"Neo4j at least 30,000 elements/s ({rate:,.0f} at {max(neo)} pemda)",
                rate >= 30_000,
            ),  # fmt: skip
            judged(
                f"Neo4j at least 30× the naive loader ({ratio(rate, n['naive']['rate'])})",
                rate >= 30 * n["naive"]["rate"],
            ),  # fmt: skip
            judged(
                f"every Neo4j check under 3 s warm (over: {len(slow_n)} of {len(n['checks'])})",
                not slow_n,
            ),  # fmt: skip
        ]
    for pemda, p in sizes.items():
        if "oft" in p:
            o = p["oft"]
            out.append(judged(f"faster than OpenFastTrace at {pemda} pemda, same defects "
                              f"({ratio(o['oft_s'], o['selaras_s'])})",
                              o["same"] and o["selaras_s"] < o["oft_s"]))  # fmt: skip
    return out


def report(results: dict[str, Any], meta: dict[str, Any]) -> str:
    """The generated Markdown: what ran where, the tables, correctness and targets."""
    sizes = results["sizes"]
    correct = [f"embedded {p} pemda: {part['checks']['correct']}" for p, part in sizes.items()]
    neo = results.get("neo4j", {})
    correct += [f"Neo4j {p} pemda: {part['correct']}" for p, part in neo.items()]
    gen = ", ".join(
        f"{p} pemda "
        + (
            "reused from an earlier run (`--keep`)"
            if part["generate"] is None
            else f"{part['generate']:.0f} s"
        )  # fmt: skip
        for p, part in sizes.items()
    )
    text = [
        f"Measured {meta['date']} on {meta['host']} ({meta['cores']} cores), `{meta['command']}`"
        f" (load average {results['load_avg']:.1f} when it began). Workbooks generated with "
        f"`selaras generate --format xlsx --layout {meta['layout']}` (seed {meta['seed']}; not "
        f"counted: {gen}).",
        "",
        "**Load, embedded store** (each in a process of its own; the naive loader writes the "
        "first elements of the same workbooks one transaction each):",
        "",
        load_table(results),
    ]
    if results.get("neo4j"):
        text += ["**Load, Neo4j** (the same workbooks, read, then written one pemda a write):",
                 "", neo4j_table(results)]  # fmt: skip
    text += ["**Checks**, every check with its default parameters, cold then warm; the naive "
             "rows run on the same graph:", "", checks_table(results)]  # fmt: skip
    if any("oft" in p for p in sizes.values()):
        text += ["**The peer**, OpenFastTrace on the same graph:", "", peer_table(results)]
    text += ["**Correctness** against the manifest:", "", *[f"- {c}" for c in correct], "",
             *targets(results), ""]  # fmt: skip
    return "\n".join(text) + "\n"
