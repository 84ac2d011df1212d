#!/usr/bin/env python3
"""`devlog cycle --no-publish` beside a Python script that does the same steps.

  cycle FILE                  the Python cycle, in the current folder (a git work tree): parse the
                              v3.1 markdown FILE, store it with sqlite3 in .devlog/devlog.sqlite,
                              read it back, render it with Jinja2, write devlogs/<date>/<name>.md,
                              that day's README.md index and the devlogs/README.md index of days,
                              `git add` those three paths and `git commit`
  history DEVLOG FILES_DIR    `devlog cycle --no-publish` BENCH_CYCLES times in a repository with
                              BENCH_HISTORY devlogs (default 2,000) archived one commit each by
                              the agents of FILES_DIR, BENCH_HISTORY_PER_DAY a day (default 80:
                              8 agents, 10 cycles each) up to the day of FILES_DIR's devlogs, and
                              as often in one with none, alternating; prints one JSON line with
                              both medians
  compare DEVLOG FILES_DIR    runs both sides BENCH_CYCLES times (default 15), alternating, each
                              run a fresh process in a fresh scratch repository on its own file of
                              FILES_DIR; prints one JSON line per side (median wall time)

Both sides get the same environment: GIT_CONFIG_GLOBAL=/dev/null, no system config, the author
from the environment, and a repository with one earlier commit.
"""
import datetime
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DEVLOGS = "devlogs"
INDEX = "README.md"


# --- One cycle (a fresh `python3` process per run, as `devlog cycle` is).

def file_name(date, agent, mission, cycle):
    def safe(text, fallback):
        text = re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip(".-")[:60]
        return text or fallback
    return "_".join(safe(part, "unknown") for part in (date, agent, mission)) + "_cycle-" + safe(cycle, "0") + ".md"


def first_value(label, text):
    match = re.search(r"^- \*\*" + re.escape(label) + r":\*\* *(.*)$", text, re.MULTILINE)
    return match.group(1).strip().strip("`") if match else ""


def footer_cycle(text):
    match = re.search(r"\*\*Cycle:\*\* *([^|\n]*)", text)
    return match.group(1).strip() if match else ""


def index_markdown(folder):
    """The devlog table, one row per devlog in the folder, in date, agent, mission, cycle order."""
    rows = []
    for name in os.listdir(folder):
        if not name.endswith(".md") or name == INDEX:
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as file:
            text = file.read()
        rows.append((first_value("Cycle Date", text), first_value("Agent ID", text), first_value("Mission ID", text),
                     footer_cycle(text), first_value("Status", text), name))
    rows.sort()
    lines = ["# Devlogs", "", "<!-- Generated from the devlogs in this directory. -->", "",
             "| Date | Agent | Mission | Cycle | Status | Devlog |", "|---|---|---|---|---|---|"]
    for *cells, name in rows:
        lines.append("| " + " | ".join((cell or "—").replace("|", "\\|") for cell in cells) + f" | [{name}]({name}) |")
    return "\n".join(lines) + "\n"


def days_markdown(folder):
    """The index of day folders: each with how many devlogs it holds, newest first."""
    days = sorted((name for name in os.listdir(folder) if os.path.isdir(os.path.join(folder, name))), reverse=True)
    lines = ["# Devlogs", "", "<!-- Generated from the day folders in this directory. -->", "", "| Day | Devlogs |", "|---|---|"]
    for day in days:
        count = sum(1 for name in os.listdir(os.path.join(folder, day)) if name.endswith(".md") and name != INDEX)
        lines.append(f"| [{day}]({day}/{INDEX}) | {count} |")
    return "\n".join(lines) + "\n"


def day_folder(date):
    return date if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", date) else "undated"


def write_atomically(path, text):
    temporary = path + ".tmp"
    with open(temporary, "w", encoding="utf-8") as file:
        file.write(text)
    os.replace(temporary, path)


def mode_cycle(path):
    import devlog_bench as bench  # sqlite3, Jinja2 and the line parser; imported in the timed process

    with open(path, encoding="utf-8") as file:
        blocks = bench.parse_markdown(file.read())
    os.makedirs(".devlog", exist_ok=True)
    store = bench.Store(os.path.join(".devlog", "devlog.sqlite"))
    cycle_id = store.save(blocks, path)
    stored = store.devlog(cycle_id)
    markdown = bench.render(bench.environment().get_template("devlog.j2"), stored)

    agent = bench.fields(stored, "agent-information")
    footer = {}
    for b in stored:
        if b["kind"] == "pairs":
            footer.update(bench.pairs(b["value"]))
    cycle = footer.get("cycle", "")
    name = file_name(agent.get("cycle date", ""), agent.get("agent id", ""), agent.get("mission id", ""), cycle)
    day = os.path.join(DEVLOGS, day_folder(agent.get("cycle date", "")))
    os.makedirs(day, exist_ok=True)
    devlog_path, day_index_path, index_path = os.path.join(day, name), os.path.join(day, INDEX), os.path.join(DEVLOGS, INDEX)
    write_atomically(devlog_path, markdown)
    write_atomically(day_index_path, index_markdown(day))
    write_atomically(index_path, days_markdown(DEVLOGS))

    subprocess.run(["git", "add", "--", devlog_path, day_index_path, index_path], check=True)
    subject = f"docs(devlog): {agent.get('agent id', name)} cycle {cycle} — {agent.get('mission id', '')}"
    subprocess.run(["git", "commit", "-q", "-m", subject], check=True)


# --- The comparison.

def scratch_repository(parent, environment):
    """A new repository with one earlier commit, as a project's would have."""
    repository = tempfile.mkdtemp(prefix="repo-", dir=parent)
    git = lambda *arguments: subprocess.run(["git", *arguments], cwd=repository, env=environment, check=True,
                                            stdout=subprocess.DEVNULL)
    git("init", "-q", "-b", "main")
    with open(os.path.join(repository, "notes.txt"), "w", encoding="utf-8") as file:
        file.write("work before the devlog\n")
    git("add", "notes.txt")
    git("commit", "-q", "-m", "Earlier work")
    return repository


def timed(command, repository, environment):
    start = time.perf_counter()
    done = subprocess.run(command, cwd=repository, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"cycle_bench.py: {' '.join(command)} failed ({done.returncode}): {done.stderr.decode()[-2000:]}")
    return elapsed


def committed(repository, environment):
    """The paths the last commit added: both sides must commit exactly the devlog and the index."""
    output = subprocess.run(["git", "show", "--name-only", "--format=", "HEAD"], cwd=repository, env=environment,
                            check=True, stdout=subprocess.PIPE).stdout.decode()
    return sorted(line for line in output.splitlines() if line)


def mode_compare(devlog, folder):
    runs = int(os.environ.get("BENCH_CYCLES", "15"))
    files = sorted(os.path.join(folder, name) for name in os.listdir(folder) if name.endswith(".md"))
    if len(files) < runs:
        sys.exit(f"cycle_bench.py: {folder} holds {len(files)} files, {runs} runs need as many")
    environment = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    environment.update(GIT_CONFIG_GLOBAL="/dev/null", GIT_CONFIG_NOSYSTEM="1",
                       GIT_AUTHOR_NAME="devlog", GIT_AUTHOR_EMAIL="devlog@localhost",
                       GIT_COMMITTER_NAME="devlog", GIT_COMMITTER_EMAIL="devlog@localhost")
    environment.pop("DEVLOG_DB", None)
    sides = {
        "devlog": lambda path: [os.path.abspath(devlog), "cycle", "--no-publish", "--import", path],
        "python": lambda path: [sys.executable, os.path.join(HERE, "cycle_bench.py"), "cycle", path],
    }
    times = {side: [] for side in sides}
    parent = tempfile.mkdtemp(prefix="devlog-cycle-bench-")
    try:
        for run in range(runs):
            path = os.path.abspath(files[run])
            # Alternate who goes first, so neither side always meets a warmer cache.
            for side in (sides if run % 2 == 0 else reversed(list(sides))):
                repository = scratch_repository(parent, environment)
                times[side].append(timed(sides[side](path), repository, environment))
                paths = committed(repository, environment)
                if len(paths) != 3 or not all(p.startswith(DEVLOGS + "/") for p in paths) or DEVLOGS + "/" + INDEX not in paths:
                    sys.exit(f"cycle_bench.py: {side} committed {paths}, expected a devlog, its day's index and {DEVLOGS}/{INDEX}")
                shutil.rmtree(repository)
    finally:
        shutil.rmtree(parent, ignore_errors=True)
    for side, seconds in times.items():
        median = statistics.median(seconds)
        print(json.dumps(dict(bench="cycle", side=side, ops=runs, seconds=sum(seconds), ops_per_s=1 / median,
                              median_ms=round(median * 1000, 1), min_ms=round(min(seconds) * 1000, 1),
                              max_ms=round(max(seconds) * 1000, 1)), sort_keys=True), flush=True)


def history_repository(parent, environment, agents, count, per_day, last_day):
    """A repository with `count` archive commits, one devlog each, by `agents` in turn, `per_day`
    a day in day folders up to `last_day`, written with `git fast-import`; untimed cycles then
    write the indexes as devlog keeps them."""
    repository = scratch_repository(parent, environment)
    stream = []
    for number in range(count):
        agent = agents[number % len(agents)]
        day = (last_day - datetime.timedelta(days=(count - 1 - number) // per_day)).isoformat()
        text = (f"# DEVLOG TEMPLATE v3.1\n\n- **Agent ID:** {agent}\n- **Cycle Date:** {day}\n"
                f"- **Mission ID:** history\n\n---\n\n**Generated by:** {agent} | **Cycle:** {number}\n").encode()
        message = f"docs(devlog): {agent} cycle {number} — history\n".encode()
        stream += [b"commit refs/heads/main\n", f"committer devlog <devlog@localhost> {1700000000 + number} +0000\n".encode(),
                   b"data %d\n" % len(message), message]
        if number == 0:
            stream.append(b"from refs/heads/main^0\n")
        stream += [f"M 100644 inline {DEVLOGS}/{day}/history-{number:05}.md\n".encode(), b"data %d\n" % len(text), text, b"\n"]
    subprocess.run(["git", "fast-import", "--quiet"], cwd=repository, env=environment, input=b"".join(stream), check=True)
    subprocess.run(["git", "reset", "-q", "--hard"], cwd=repository, env=environment, check=True)
    return repository


def mode_history(devlog, folder):
    runs = int(os.environ.get("BENCH_CYCLES", "15"))
    count = int(os.environ.get("BENCH_HISTORY", "2000"))
    files = sorted(os.path.join(folder, name) for name in os.listdir(folder) if name.endswith(".md"))[:runs + 1]
    if len(files) < runs + 1:
        sys.exit(f"cycle_bench.py: {folder} holds {len(files)} files, {runs} runs and a warm-up need {runs + 1}")
    texts = [open(path, encoding="utf-8").read() for path in files]
    agents = sorted({first_value("Agent ID", text) or "unknown" for text in texts})
    dates = sorted({first_value("Cycle Date", text) for text in texts})
    per_day = int(os.environ.get("BENCH_HISTORY_PER_DAY", "80"))
    environment = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    environment.update(GIT_CONFIG_GLOBAL="/dev/null", GIT_CONFIG_NOSYSTEM="1",
                       GIT_AUTHOR_NAME="devlog", GIT_AUTHOR_EMAIL="devlog@localhost",
                       GIT_COMMITTER_NAME="devlog", GIT_COMMITTER_EMAIL="devlog@localhost")
    environment.pop("DEVLOG_DB", None)
    command = lambda path: [os.path.abspath(devlog), "cycle", "--no-publish", "--import", os.path.abspath(path)]
    parent = tempfile.mkdtemp(prefix="devlog-history-bench-")
    try:
        prepared = history_repository(parent, environment, agents, count, per_day, datetime.date.fromisoformat(dates[-1]))
        # The file no timed run uses archives first, untimed, writing the indexes as the cycles of
        # a long history would have.
        timed(command(files[-1]), prepared, environment)
        shutil.rmtree(os.path.join(prepared, ".devlog"))
        times = {"history": [], "empty": []}
        for run in range(runs):
            for side in (("history", "empty") if run % 2 == 0 else ("empty", "history")):
                repository = os.path.join(parent, f"{side}-{run}")
                if side == "history":
                    shutil.copytree(prepared, repository, symlinks=True)
                    # A copy's files are new to git's index: refresh it, as a working clone's is.
                    subprocess.run(["git", "update-index", "-q", "--refresh"], cwd=repository, env=environment)
                else:
                    repository = scratch_repository(parent, environment)
                # The copy's thousands of files would otherwise be written back while the cycle runs, and
                # its store's fsyncs would wait on them: the cycle is timed on a settled disk.
                os.sync()
                times[side].append(timed(command(files[run]), repository, environment))
                shutil.rmtree(repository)
    finally:
        shutil.rmtree(parent, ignore_errors=True)
    history, empty = statistics.median(times["history"]), statistics.median(times["empty"])
    print(json.dumps(dict(bench=f"cycle.history.{count}", side="devlog", ops=runs, devlogs=count, per_day=per_day, seconds=sum(times["history"]),
                          median_ms=round(history * 1000, 1), empty_median_ms=round(empty * 1000, 1)), sort_keys=True), flush=True)


if __name__ == "__main__":
    sys.path.insert(0, HERE)
    if len(sys.argv) == 3 and sys.argv[1] == "cycle":
        mode_cycle(sys.argv[2])
    elif len(sys.argv) == 4 and sys.argv[1] == "history":
        mode_history(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 4 and sys.argv[1] == "compare":
        mode_compare(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
