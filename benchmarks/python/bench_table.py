#!/usr/bin/env python3
"""Prints the `make bench` table from the JSON lines devlog-bench and devlog_bench.py wrote.

Targets come from the issues, as ratios to the Python counterpart in the same run (this machine's
speed varies 2-3x from day to day): rendering at least as fast as Jinja2; import and re-render of
10,000 devlogs each >= 3x, each under 100 MiB peak memory; the site of 10,000 devlogs under 30 s
and 200 MiB (beside a Python-Markdown loop over the same files, for the record); `devlog cycle --no-publish` >= 2x
faster than a Python script by median wall time, and at most 1.5x its own time in an empty
repository with 2,000 devlogs archived; 8 writer processes on one store with 0 errors
and 0 writes lost; publishing 40 messages through a 5-per-2-seconds bucket within 5% of the
least time that limit allows, no 429s; 6 and 8 processes publishing on one store, and 2 machines
of 3 processes on one PostgreSQL store, within 5% of one process sending the same messages, no 429s. Store inserts and reads are for the record.
A missed target prints MISSED (exit 0); a failed output check exits 1.
"""
import json
import sys

MIB = 1024

# (row, bench, devlog side, what is compared, target kind, target value)
ROWS = [
    ("store insert (ops/s)", "store.insert", "devlog", "rate", None, None),
    ("store read cached (ops/s)", "store.read.cached", "devlog", "rate", None, None),
    ("store read uncached (ops/s)", "store.read.uncached", "devlog", "rate", None, None),
    ("render (renders/s)", "render", "devlog", "rate", "ratio", 1),
    ("render swift-mustache (renders/s)", "render", "swift-mustache", "rate", None, None),
    ("import (files/s)", "import", "devlog", "rate", "ratio", 3),
    ("import peak RSS (MiB)", "import", "devlog", "memory", "below", 100),
    ("re-render all (renders/s)", "rerender", "devlog", "rate", "ratio", 3),
    ("re-render peak RSS (MiB)", "rerender", "devlog", "memory", "below", 100),
    # The whole site (index, a page per devlog, agent and mission pages with charts) against a
    # Python-Markdown loop over the same files; the ratio is devlog's rate over Python's.
    ("site 10,000 devlogs (devlogs/s)", "site", "devlog", "rate", None, None),
    ("site 10,000 devlogs (s)", "site", "devlog", "seconds", "below", 30),
    ("site peak RSS (MiB)", "site", "devlog", "memory", "below", 200),
    ("site again, nothing changed (s)", "site.again", "devlog", "seconds", None, None),
    # Seconds for 40 messages; the python column holds the least time the bucket allows.
    ("publish 40 msgs, 5/2s bucket (s)", "publish", "devlog", "publish", "publish", 1.05),
    # Seconds for 24 messages from N processes on one store; the python column holds one process's.
    ("publish 6 processes vs 1 (s)", "swarm.6", "devlog", "swarm", "swarm", 1.05),
    ("publish 8 processes vs 1 (s)", "swarm.8", "devlog", "swarm", "swarm", 1.05),
    # The same through PostgreSQL: 2 working folders (machines) of 3 processes against one process.
    ("publish 2 machines x 3 via PostgreSQL vs 1 (s)", "swarm.pg", "devlog", "swarm", "swarm", 1.05),
    # Median wall time of a whole process run; the ratio is python / devlog (how many times faster).
    ("cycle --no-publish (median ms)", "cycle", "devlog", "ms", "ratio", 2),
    # Median wall time with 2,000 and 10,000 devlogs archived (a commit each, 80 a day); the python
    # column holds the same cycle's median in a repository with none, and the ratio is history / empty.
    ("cycle, 2,000 devlogs archived (median ms)", "cycle.history.2000", "devlog", "history", "history", 1.5),
    ("cycle, 10,000 devlogs archived (median ms)", "cycle.history.10000", "devlog", "history", "history", 1.5),
    # Writes per second of 8 processes on one store; met when none failed and none was lost.
    ("8 writer processes (writes/s)", "writers", "devlog", "writers", "writers", 0),
]


def key_missing(record, measure):
    return measure == "memory" and "peak_rss_kib" not in record


def median_record(records):
    """The record of a figure measured several times (the store's rounds): the median rate."""
    if len(records) == 1 or "ops_per_s" not in records[0]:
        return records[-1]
    return sorted(records, key=lambda record: record["ops_per_s"])[len(records) // 2]


def main(path):
    figures, checks = {}, []
    with open(path, encoding="utf-8") as file:
        for line in file:
            line = line.strip()
            if not line.startswith("{"):
                continue
            record = json.loads(line)
            if "check" in record:
                checks.append(record)
            else:
                figures.setdefault((record["bench"], record["side"]), []).append(record)
    figures = {key: median_record(records) for key, records in figures.items()}

    header = ("benchmark", "devlog", "python", "ratio", "target", "met?")
    table, missed = [header], []
    for title, bench, side, measure, kind, target in ROWS:
        ours, theirs = figures.get((bench, side)), figures.get((bench, "python"))
        if ours is None or key_missing(ours, measure):
            table.append((title, "-", "-", "-", "-", "not measured yet"))
            continue
        if measure in ("publish", "swarm"):
            # Seconds against a reference time: the least the bucket allows, or one process's.
            key, name = ("least_seconds", "least") if measure == "publish" else ("single_seconds", "one")
            ratio, rejected = ours["seconds"] / ours[key], ours["rate_limited_429"]
            met = ratio <= target and rejected == 0
            if not met:
                missed.append(title)
            table.append((title, f"{ours['seconds']:.2f}", f"{name} {ours[key]:.2f}", f"{ratio:.3f}x",
                          f"<= {target}x {name}, 0 429s", ("yes" if met else "MISSED") + f" ({rejected} 429s)"))
            continue
        if measure == "writers":
            met = ours["errors"] == 0 and ours["lost"] == 0
            if not met:
                missed.append(title)
            table.append((title, f"{ours['ops_per_s']:,.0f}", "-", "-", "0 errors, 0 lost",
                          ("yes" if met else "MISSED") + f" ({ours['errors']} errors, {ours['lost']} lost)"))
            continue
        if measure == "history":
            ratio = ours["median_ms"] / ours["empty_median_ms"]
            met = ratio <= target
            if not met:
                missed.append(title)
            table.append((title, f"{ours['median_ms']:,.0f}", f"empty {ours['empty_median_ms']:,.0f}", f"{ratio:.2f}x",
                          f"<= {target}x empty", "yes" if met else "MISSED"))
            continue
        if measure == "ms":
            mine, other = ours["median_ms"], theirs and theirs["median_ms"]
            ratio = other / mine if other else None
            met = ratio is not None and ratio >= target
            if not met:
                missed.append(title)
            table.append((title, f"{mine:,.0f}", "-" if other is None else f"{other:,.0f}",
                          "-" if ratio is None else f"{ratio:.2f}x", f">= {target}x faster", "yes" if met else "MISSED"))
            continue
        key = {"rate": "ops_per_s", "seconds": "seconds"}.get(measure, "peak_rss_kib")
        theirs = None if theirs is None or key_missing(theirs, measure) else theirs
        mine = ours[key] / MIB if measure == "memory" else ours[key]
        other = None if theirs is None else (theirs[key] / MIB if measure == "memory" else theirs[key])
        ratio = None if not other else mine / other
        if kind == "ratio":
            wanted, met = f">= {target}x python", ratio is not None and ratio >= target
        elif kind == "at least":
            wanted, met = f">= {target:,}/s", mine >= target
        elif kind == "below":
            wanted, met = f"< {target} {'s' if measure == 'seconds' else 'MiB'}", mine < target
        else:
            wanted, met = "(for the record)", None
        verdict = "-" if met is None else ("yes" if met else "MISSED")
        if met is False:
            missed.append(title)
        decimals = 1 if measure in ("memory", "seconds") else 0
        table.append((title, f"{mine:,.{decimals}f}", "-" if other is None else f"{other:,.{decimals}f}",
                      "-" if ratio is None else f"{ratio:.2f}x", wanted, verdict))

    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for index, row in enumerate(table):
        print(" | ".join(cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row)))
        if index == 0:
            print("-+-".join("-" * width for width in widths))
    print()
    failed = False
    for check in checks:
        ok = check["identical"] == check["total"]
        print(f"check {check['check']}: {check['identical']}/{check['total']} byte-identical to devlog's output"
              + ("" if ok else "  <-- DIFFERS"))
        # Jinja2 must produce our exact output, or the render comparison means nothing.
        failed |= not ok and check["check"] == "render.jinja2"
    if missed:
        print(f"MISSED {len(missed)} target(s): " + "; ".join(missed))
    else:
        print("all targets met")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
