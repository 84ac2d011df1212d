#!/usr/bin/env python3
"""The Python side of `make bench`: the same work as devlog-bench, done the way a Python program
would do it (sqlite3, Jinja2, a line parser). Each mode times its own inner loop with
time.perf_counter (monotonic) and prints one JSON line per figure, like devlog-bench.

  store EXPORT      inserts, cached and uncached point reads (EXPORT: `devlog-bench export` output)
  render EXPORT     Jinja2 renders of the exported devlogs; first checks them against our output
  import DIR DB     parse every .md under DIR and store it, one transaction per file
  rerender DB       read every cycle of DB and render it with Jinja2
"""
import collections
import hashlib
import json
import os
import re
import sqlite3
import sys
import tempfile
import time

import jinja2

HERE = os.path.dirname(os.path.abspath(__file__))
MINIMUM_SECONDS = float(os.environ.get("BENCH_SECONDS", "1"))
INSERT_COUNT = int(os.environ.get("BENCH_INSERTS", "2000"))
CACHE_CAPACITY = 256  # as DevlogStore.Configuration's default
METRIC_INDEX_BATCH = 64  # as CycleFacts.metricIndexBatch

BLOCK_KINDS = ["title", "section", "subsection", "field", "metric", "task", "item", "check",
               "numbered", "code", "rule", "pairs", "text", "blank"]
FRAME = {  # section title key -> template name, as SectionKind
    "AGENTINFORMATION": "agent-information", "MISSIONOBJECTIVES": "mission-objectives",
    "ACTIONSTAKEN": "actions-taken", "PROGRESSMETRICS": "progress-metrics",
    "COORDINATIONACTIVITIES": "coordination-activities", "DEPLOYMENTSTATUS": "deployment-status",
    "ISSUESRESOLUTIONS": "issues-and-resolutions", "PERFORMANCEANALYSIS": "performance-analysis",
    "NEXTCYCLEPLANNING": "next-cycle-planning", "COMMITINFORMATION": "commit-information",
    "MISSIONCOMPLETIONSTATUS": "mission-completion-status",
    "RELATEDDOCUMENTATION": "related-documentation", "DISCORDINTEGRATION": "discord-integration",
}
STATUS_WORDS = [  # as Status.vocabulary, first match wins
    ("completed", ["✅", "✔", "☑", "completed", "complete", "done", "finished", "resolved", "fixed",
                   "achieved", "accomplished", "passed", "success", "successful", "deployed",
                   "merged", "closed"]),
    ("in_progress", ["🔄", "🚧", "🔨", "in progress", "in-progress", "in_progress", "inprogress",
                     "ongoing", "active", "running", "working", "started", "wip"]),
    ("pending", ["⏳", "🕐", "⌛", "pending", "todo", "to do", "not started", "planned", "queued",
                 "waiting", "scheduled", "open", "ready"]),
    ("blocked", ["🚫", "⛔", "🛑", "blocked", "on hold", "stalled"]),
    ("failed", ["❌", "✖", "failed", "failure", "error", "broken"]),
    ("cancelled", ["cancelled", "canceled", "dropped", "abandoned", "skipped"]),
    ("unknown", ["unknown"]),
]
CHECK_MARKS = {"✅": "completed", "✔": "completed", "☑": "completed", "⏳": "in_progress",
               "🔄": "in_progress", "❌": "failed", "✖": "failed", "🚫": "blocked"}
NUMBER = re.compile(r"(\d[\d,]*(?:\.\d+)?)")


def emit(bench, ops, seconds, **extra):
    print(json.dumps(dict(bench=bench, side="python", ops=ops, seconds=seconds,
                          ops_per_s=ops / max(seconds, 1e-9), **extra), sort_keys=True), flush=True)


def measure(bench, batch):
    """Runs batch() (returning its operation count) until MINIMUM_SECONDS have passed."""
    start = time.perf_counter()
    ops = 0
    while True:
        ops += batch()
        elapsed = time.perf_counter() - start
        if elapsed >= MINIMUM_SECONDS:
            return emit(bench, ops, elapsed)


def peak_rss_kib():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return None


# --- The model: a devlog is a list of block dicts (kind, indent, marker, label, value, status,
# quantity, number, raw), as devlog-bench exports them.

def block(kind, indent="", marker="", label="", value="", status=None, quantity=None, number=None, raw=None):
    return dict(kind=kind, indent=indent, marker=marker, label=label, value=value, status=status,
                quantity=quantity, number=number, raw=raw)


def from_export(data):
    return [block(b["kind"], b["indent"], b["marker"], b["label"], b["value"], b.get("status"),
                  b.get("quantity"), b.get("number"), b.get("raw")) for b in data["blocks"]]


def section_key(title):
    words = " ".join("&" if w == "AND" else w for w in title.upper().split(" "))
    return "".join(c for c in words if c.isalpha() or c.isdigit())


def section_kind(title):
    return FRAME.get(section_key(title), "custom")


def unmarked(text):
    text = text.strip()
    for mark in ("**", "`"):
        while len(text) >= 2 * len(mark) and text.startswith(mark) and text.endswith(mark):
            text = text[len(mark):-len(mark)].strip()
    return text


def recognize_status(text):
    words = "".join(c for c in text if c not in "*`_[]\ufe0f").lower().strip()
    if not words:
        return None
    for state, spellings in STATUS_WORDS:
        for spelling in spellings:
            if words.startswith(spelling) and (len(words) == len(spelling) or words[len(spelling)] == " "):
                return {"state": state, "text": text}
    return None


def parse_quantity(text):
    match = NUMBER.search(text)
    if not match:
        return None
    start, end = match.span()
    number = float(match.group(1).replace(",", ""))
    if start > 0 and text[start - 1] == "-" and (start == 1 or text[start - 2] in " ("):
        number = -number
    rest = text[end:]
    if rest.startswith("%"):
        unit = "%"
    elif rest.startswith("/"):
        denominator = re.match(r"[\d.]*", rest[1:]).group(0)
        unit = "/" + denominator if denominator else ""
    else:
        word = re.match(r"[^\W\d_]*", rest[1:] if rest.startswith(" ") else rest).group(0)
        unit = word if 0 < len(word) <= 12 else ""
    return {"number": number, "unit": unit}


def fields(blocks, kind):
    """The unindented labelled lines of one frame section, by lowercased label."""
    result, inside = {}, False
    for b in blocks:
        if b["kind"] == "section":
            inside = section_kind(b["value"]) == kind
        elif inside and b["kind"] in ("field", "metric") and not b["indent"]:
            result.setdefault(b["label"].lower(), unmarked(b["value"]))
    return result


def pairs(value):
    result = {}
    for part in value.split(" | "):
        part = part.strip()
        if part.startswith("**") and ":**" in part:
            label, _, rest = part[2:].partition(":**")
            result[label.lower()] = unmarked(rest.strip())
    return result


def canonical(b):
    """The block as the templates write it (Block.canonicalMarkdown)."""
    kind, indent, marker, label, value = b["kind"], b["indent"], b["marker"], b["label"], b["value"]
    if kind == "title":
        return "# " + value
    if kind == "section":
        return f"## {label} **{value}**" if label else f"## **{value}**"
    if kind == "subsection":
        return "### " + value
    if kind in ("field", "metric"):
        return f"{indent}{marker} **{label}:** {value}" if value else f"{indent}{marker} **{label}:**"
    if kind == "task":
        head = f"{indent}{marker} **{label}:** {value}"
        return head + " - " + b["status"]["text"] if b["status"] else head
    if kind == "item":
        return f"{indent}{marker} {value}"
    if kind == "check":
        return f"{indent}{marker} {label} {value}"
    if kind == "numbered":
        return f"{indent}{marker} **{label}:** {value}" if label else f"{indent}{marker} {value}"
    if kind == "code":
        return f"{marker}{label}\n{value}\n{marker}" if value else f"{marker}{label}\n{marker}"
    if kind == "rule":
        return marker
    return value  # pairs, text, blank


# --- Parsing v3.1 markdown, line by line (the shapes MarkdownParser reads).

def parse_markdown(text):
    lines = [line.rstrip(" \t") for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    if lines and lines[-1] == "":
        lines.pop()
    blocks, section, index = [], None, 0
    while index < len(lines):
        line = lines[index]
        fence = re.match(r"(`{3,}|~{3,})(.*)$", line)
        if fence and not (fence.group(1)[0] == "`" and "`" in fence.group(2)):
            marker = fence.group(1)
            close = next((i for i in range(index + 1, len(lines))
                          if lines[i].startswith(marker) and set(lines[i]) == {marker[0]}), None)
            if close is not None:
                b = block("code", marker=marker, label=fence.group(2), value="\n".join(lines[index + 1:close]))
                written = "\n".join(lines[index:close + 1])
                if canonical(b) != written:
                    b["raw"] = written
                blocks.append(b)
                index = close + 1
                continue
        b = parse_line(line, section)
        if b["kind"] == "section":
            section = section_kind(b["value"])
        if canonical(b) != line:
            b["raw"] = line
        blocks.append(b)
        index += 1
    return blocks


def parse_line(line, section):
    if not line:
        return block("blank")
    if line.startswith("### "):
        return block("subsection", value=line[4:])
    if line.startswith("## "):
        heading = re.match(r"(.*?)\*\*(.+)\*\*$", line[3:])
        if heading and "**" not in heading.group(2):
            return block("section", label=heading.group(1).strip(), value=heading.group(2))
        return block("section", value=line[3:])
    if line.startswith("# "):
        return block("title", value=line[2:])
    if len(line) >= 3 and set(line) == {"-"}:
        return block("rule", marker=line)
    rest = line.lstrip(" ")
    indent = line[:len(line) - len(rest)]
    if rest.startswith("- ") or rest.startswith("* "):
        b = list_item(rest[2:], section)
        b["indent"], b["marker"] = indent, rest[0]
        return b
    numbered = re.match(r"(\d{1,5})\. (.*)$", rest)
    if numbered:
        labelled = bold_label(numbered.group(2))
        label, value = labelled if labelled else ("", numbered.group(2))
        return block("numbered", indent, numbered.group(1) + ".", label, value, number=int(numbered.group(1)))
    if line.startswith("**") and ":**" in line:
        return block("pairs", value=line)
    return block("text", value=line)


def bold_label(content):
    if not content.startswith("**") or ":**" not in content:
        return None
    label, _, value = content[2:].partition(":**")
    if not label or "**" in label:
        return None
    return label, value[1:] if value.startswith(" ") else value


def list_item(content, section):
    labelled = bold_label(content)
    if labelled:
        label, value = labelled
        task = re.match(r"Task (\d+)$", label)
        if task:
            title, status, search = value, None, 0
            while (at := value.find(" - ", search)) >= 0:
                status = recognize_status(value[at + 3:])
                if status:
                    title = value[:at]
                    break
                search = at + 3
            return block("task", label=label, value=title, status=status, number=int(task.group(1)))
        if section in ("progress-metrics", "performance-analysis"):
            return block("metric", label=label, value=value, quantity=parse_quantity(value))
        return block("field", label=label, value=value,
                     status=recognize_status(value) if label.lower() == "status" else None)
    mark, _, text = content.partition(" ")
    if text and mark.replace("\ufe0f", "") in CHECK_MARKS:
        return block("check", label=mark, value=text,
                      status={"state": CHECK_MARKS[mark.replace("\ufe0f", "")], "text": mark})
    return block("item", value=content)


# --- Variants, as benchmarks/Sources/devlog-bench/Variation.swift.

def renaming_mission(blocks, suffix):
    blocks = [dict(b) for b in blocks]
    for b in blocks:
        if b["kind"] == "field" and b["label"] == "Mission ID":
            b["value"] += suffix
            b["raw"] = None
            break
    return blocks


# --- The store: the schema shape of DevlogStore's migrations, in sqlite3.

SCHEMA = """
CREATE TABLE agents (id TEXT PRIMARY KEY NOT NULL, specialty TEXT NOT NULL DEFAULT '',
                     coordinates TEXT NOT NULL DEFAULT '');
CREATE TABLE missions (id TEXT PRIMARY KEY NOT NULL, agent_id TEXT REFERENCES agents(id),
                       objective TEXT NOT NULL DEFAULT '', state TEXT, status_text TEXT, progress REAL,
                       progress_text TEXT NOT NULL DEFAULT '');
CREATE TABLE cycles (id INTEGER PRIMARY KEY AUTOINCREMENT, agent_id TEXT REFERENCES agents(id),
                     mission_id TEXT REFERENCES missions(id), label TEXT NOT NULL, number INTEGER,
                     date TEXT NOT NULL, title TEXT NOT NULL, last_updated TEXT NOT NULL,
                     next_update TEXT NOT NULL, objective TEXT NOT NULL DEFAULT '', state TEXT,
                     status_text TEXT, progress REAL, progress_text TEXT NOT NULL DEFAULT '',
                     identity TEXT NOT NULL UNIQUE, content_hash TEXT NOT NULL,
                     revision INTEGER NOT NULL DEFAULT 1, source TEXT NOT NULL,
                     created_at DATETIME NOT NULL, updated_at DATETIME NOT NULL, blocks BLOB NOT NULL);
CREATE TABLE cycle_tasks (id INTEGER PRIMARY KEY, cycle_id INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
                          seq INTEGER NOT NULL, number INTEGER, title TEXT NOT NULL, state TEXT, status_text TEXT);
CREATE TABLE cycle_metrics (id INTEGER PRIMARY KEY, cycle_id INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
                            seq INTEGER NOT NULL, "group" TEXT NOT NULL, label TEXT NOT NULL,
                            value TEXT NOT NULL, quantity REAL, unit TEXT NOT NULL,
                            indexed INTEGER NOT NULL DEFAULT 1);
CREATE INDEX cycles_by_agent ON cycles(agent_id, date, number);
CREATE INDEX cycles_by_mission ON cycles(mission_id, date, number);
CREATE INDEX cycles_by_date ON cycles(date, number);
CREATE INDEX cycle_metrics_by_label ON cycle_metrics(label, cycle_id) WHERE indexed = 1;
CREATE INDEX cycle_metrics_waiting ON cycle_metrics(cycle_id) WHERE indexed = 0;
"""


def connect(path):
    # As GRDB's DatabasePool: WAL, synchronous NORMAL, foreign keys on; transactions by hand.
    connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA busy_timeout = 10000")
    return connection


class Store:
    """Devlogs in SQLite, read through an LRU cache confirmed by PRAGMA data_version (as ours)."""

    def __init__(self, path):
        self.writer = connect(path)
        if not self.writer.execute("SELECT 1 FROM sqlite_master WHERE name = 'cycles'").fetchone():
            self.writer.executescript(SCHEMA)
        self.reader = connect(path)
        self.monitor = connect(path)  # never writes, so its data_version moves on every commit
        self.cache = collections.OrderedDict()  # id -> (data_version checked at, revision, blocks)

    def save_batch(self, devlogs):
        """Saves (blocks, source) pairs in one transaction, each in a savepoint, as our import
        does: a devlog that fails is rolled back alone and the others land together."""
        self.writer.execute("BEGIN IMMEDIATE")
        try:
            for blocks, source in devlogs:
                try:
                    self.save(blocks, source, in_batch=True)
                except sqlite3.DatabaseError as error:
                    print(f"{source}: {error}", file=sys.stderr)
            self.writer.execute("COMMIT")
        except BaseException:
            if self.writer.in_transaction:
                self.writer.execute("ROLLBACK")
            raise

    def save(self, blocks, source, in_batch=False):
        """Saves a devlog in one transaction (a savepoint of `save_batch`'s); an unchanged one
        writes nothing."""
        agent, mission = fields(blocks, "agent-information"), fields(blocks, "mission-objectives")
        footer = {}
        for b in blocks:
            if b["kind"] == "pairs":
                footer.update(pairs(b["value"]))
        # The blocks are stored as this JSON (one value per cycle, as ours stores them packed).
        packed = json.dumps(blocks, sort_keys=True)
        content_hash = hashlib.blake2b(packed.encode(), digest_size=16).hexdigest()
        label = footer.get("cycle", "")
        agent_id, mission_id = agent.get("agent id") or None, agent.get("mission id") or None
        identity = f"{agent_id}|{mission_id}|{label}" if agent_id and mission_id and label else content_hash
        status = recognize_status(mission.get("status", ""))
        progress = parse_quantity(mission.get("progress", ""))
        titles = [b["value"] for b in blocks[:next((i for i, b in enumerate(blocks) if b["kind"] not in ("title", "blank")), len(blocks))]
                  if b["kind"] == "title"]
        now = time.strftime("%Y-%m-%d %H:%M:%S")
        db = self.writer
        # As ours: a deferred transaction, so the identity read takes no write lock; when the
        # write finds the lock taken, it runs again as BEGIN IMMEDIATE, which waits its turn.
        end = "RELEASE devlog" if in_batch else "COMMIT"
        for begin in ("SAVEPOINT devlog",) if in_batch else ("BEGIN", "BEGIN IMMEDIATE"):
            db.execute(begin)
            try:
                known = db.execute("SELECT id, content_hash FROM cycles WHERE identity = ?", (identity,)).fetchone()
                if known and known[1] == content_hash:
                    db.execute(end)
                    return known[0]
                if known:  # another content for this identity: replace its blocks and records
                    rows = (known[0] << 32, (known[0] + 1) << 32)  # a cycle's rows are one range of ids
                    db.execute("DELETE FROM cycle_tasks WHERE id >= ? AND id < ?", rows)
                    db.execute("DELETE FROM cycle_metrics WHERE id >= ? AND id < ?", rows)
                    db.execute("UPDATE cycles SET content_hash = ?, revision = revision + 1, updated_at = ?, blocks = ? WHERE id = ?",
                               (content_hash, now, packed, known[0]))
                    cycle_id = known[0]
                else:
                    if agent_id:
                        db.execute("""INSERT INTO agents (id, specialty, coordinates) VALUES (?, ?, ?)
                                      ON CONFLICT(id) DO UPDATE SET specialty = excluded.specialty,
                                      coordinates = excluded.coordinates""",
                                   (agent_id, agent.get("specialty", ""), agent.get("coordinates", "")))
                    if mission_id:
                        db.execute("""INSERT INTO missions (id, agent_id, objective, state, status_text, progress, progress_text)
                                      VALUES (?, ?, ?, ?, ?, ?, ?)
                                      ON CONFLICT(id) DO UPDATE SET agent_id = excluded.agent_id,
                                      objective = excluded.objective, state = excluded.state,
                                      status_text = excluded.status_text, progress = excluded.progress,
                                      progress_text = excluded.progress_text""",
                                   (mission_id, agent_id, mission.get("objective", ""), status and status["state"],
                                    status and status["text"], progress and progress["number"], mission.get("progress", "")))
                    cycle_id = db.execute(
                        """INSERT INTO cycles (agent_id, mission_id, label, number, date, title, last_updated, next_update,
                           objective, state, status_text, progress, progress_text, identity, content_hash, revision,
                           source, created_at, updated_at, blocks) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)""",
                        (agent_id, mission_id, label, int(label) if label.isdigit() else None, agent.get("cycle date", ""),
                         titles[1] if len(titles) > 1 else (titles[0] if titles else ""), footer.get("last updated", ""),
                         footer.get("next update", ""), mission.get("objective", ""), status and status["state"],
                         status and status["text"], progress and progress["number"], mission.get("progress", ""),
                         identity, content_hash, source, now, now, packed)).lastrowid
                # As ours: a new cycle's metrics wait outside the label index, and join it together
                # every METRIC_INDEX_BATCH cycle ids; a replaced cycle's go straight in.
                tasks, metrics, group, indexed = [], [], "", 1 if known else 0
                for seq, b in enumerate(blocks):
                    kind, state, quantity = b["kind"], b["status"], b["quantity"]
                    if kind == "section":
                        group = ""
                    elif kind == "subsection":
                        group = b["value"]
                    elif kind == "task":
                        tasks.append((cycle_id << 32 | seq, cycle_id, seq, b["number"], b["value"], state and state["state"], state and state["text"]))
                    elif kind == "metric":
                        metrics.append((cycle_id << 32 | seq, cycle_id, seq, group, b["label"], b["value"], quantity and quantity["number"],
                                        quantity["unit"] if quantity else "", indexed))
                db.executemany("INSERT INTO cycle_tasks VALUES (?, ?, ?, ?, ?, ?, ?)", tasks)
                db.executemany("INSERT INTO cycle_metrics VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", metrics)
                if not known and cycle_id % METRIC_INDEX_BATCH == 0:
                    db.execute("UPDATE cycle_metrics SET indexed = 1 WHERE indexed = 0")
                db.execute(end)
                return cycle_id
            except sqlite3.OperationalError as error:
                self.undo(in_batch)
                if begin != "BEGIN" or "locked" not in str(error):
                    raise
            except BaseException:
                self.undo(in_batch)
                raise

    def undo(self, in_batch):
        """Rolls back `save`'s savepoint, or its transaction."""
        if in_batch:
            self.writer.execute("ROLLBACK TO devlog")
            self.writer.execute("RELEASE devlog")
        elif self.writer.in_transaction:
            self.writer.execute("ROLLBACK")

    def read_uncached(self, cycle_id):
        """(revision, blocks) straight from SQLite, in one read transaction; None when absent."""
        db = self.reader
        db.execute("BEGIN")
        try:
            cycle = db.execute("SELECT revision, blocks FROM cycles WHERE id = ?", (cycle_id,)).fetchone()
            if cycle is None:
                return None
            blocks = json.loads(cycle[1])
            return cycle[0], blocks
        finally:
            db.execute("COMMIT")

    def devlog(self, cycle_id):
        """The blocks of a cycle, from the cache while data_version says nothing changed."""
        version = self.monitor.execute("PRAGMA data_version").fetchone()[0]
        entry = self.cache.get(cycle_id)
        if entry is not None:
            self.cache.move_to_end(cycle_id)
            if entry[0] == version:
                return entry[2]
            revision = self.reader.execute("SELECT revision FROM cycles WHERE id = ?", (cycle_id,)).fetchone()
            if revision and revision[0] == entry[1]:
                self.cache[cycle_id] = (version, entry[1], entry[2])
                return entry[2]
        loaded = self.read_uncached(cycle_id)
        if loaded is None:
            self.cache.pop(cycle_id, None)
            return None
        self.cache[cycle_id] = (version, loaded[0], loaded[1])
        if len(self.cache) > CACHE_CAPACITY:
            self.cache.popitem(last=False)
        return loaded[1]


# --- Rendering with Jinja2 (templates/ mirrors templates/*.mustache).

def environment():
    return jinja2.Environment(loader=jinja2.FileSystemLoader(os.path.join(HERE, "templates")),
                              trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                              autoescape=False, undefined=jinja2.Undefined)


def sections(blocks):
    """Header, sections and footer, split as SectionContext splits them."""
    result = [{"partial": "header", "heading": None, "lines": [], "subsections": []}]
    for index, b in enumerate(blocks):
        kind = b["kind"]
        if kind == "section":
            result.append({"partial": ("custom-section" if (k := section_kind(b["value"])) == "custom" else k),
                           "heading": b, "lines": [], "subsections": []})
            continue
        if kind == "subsection":
            result[-1]["subsections"].append({"heading": b, "lines": []})
            continue
        if kind == "rule" and next((n["kind"] for n in blocks[index + 1:] if n["kind"] != "blank"), None) == "pairs":
            result.append({"partial": "footer", "heading": None, "lines": [], "subsections": []})
        target = result[-1]["subsections"][-1] if result[-1]["subsections"] else result[-1]
        target["lines"].append(b)
    return result


def render(template, blocks):
    return template.render(sections=sections(blocks))


# --- Modes.

def load_export(folder):
    names = sorted(n[:-5] for n in os.listdir(folder) if n.endswith(".json"))
    devlogs = []
    for name in names:
        with open(os.path.join(folder, name + ".json"), encoding="utf-8") as file:
            blocks = from_export(json.load(file))
        with open(os.path.join(folder, name + ".md"), encoding="utf-8") as file:
            devlogs.append((name, blocks, file.read()))
    if not devlogs:
        sys.exit(f"devlog_bench.py: {folder} holds no exported devlogs")
    return devlogs


def mode_store(folder):
    devlogs = [blocks for _, blocks, _ in load_export(folder)]
    variants = [renaming_mission(devlogs[i % len(devlogs)], f"_B{i}") for i in range(INSERT_COUNT)]
    with tempfile.TemporaryDirectory(prefix="devlog-bench-py-") as scratch:
        store = Store(os.path.join(scratch, "store.sqlite"))
        start = time.perf_counter()
        ids = [store.save(blocks, "bench") for blocks in variants]
        emit("store.insert", len(ids), time.perf_counter() - start)
        if len(set(ids)) != len(ids):
            sys.exit("devlog_bench.py: store.insert: a variant was not inserted")
        cached = ids[:CACHE_CAPACITY]
        for cycle_id in cached:
            store.devlog(cycle_id)

        def cached_reads():
            for cycle_id in cached:
                if store.devlog(cycle_id) is None:
                    sys.exit(f"store.read.cached: cycle {cycle_id} vanished")
            return len(cached)
        measure("store.read.cached", cached_reads)

        def uncached_reads():
            for cycle_id in ids[:500]:
                if store.read_uncached(cycle_id) is None:
                    sys.exit(f"store.read.uncached: cycle {cycle_id} vanished")
            return len(ids[:500])
        measure("store.read.uncached", uncached_reads)


def mode_render(folder):
    devlogs = load_export(folder)
    template = environment().get_template("devlog.j2")
    identical = 0
    for name, blocks, expected in devlogs:
        got = render(template, blocks)
        if got == expected:
            identical += 1
        elif os.environ.get("BENCH_VERBOSE"):
            print(f"differs: {name}", file=sys.stderr)
    print(json.dumps({"check": "render.jinja2", "identical": identical, "total": len(devlogs)}), flush=True)

    def renders():
        for _, blocks, _ in devlogs:
            render(template, blocks)
        return len(devlogs)
    measure("render", renders)


# Files per transaction, as our import.
IMPORT_BATCH = 32


def mode_import(folder, database):
    paths = sorted(os.path.join(root, name) for root, _, names in os.walk(folder) for name in names if name.endswith(".md"))
    store = Store(database)
    start = time.perf_counter()
    for first in range(0, len(paths), IMPORT_BATCH):
        batch = []
        for path in paths[first:first + IMPORT_BATCH]:
            with open(path, encoding="utf-8") as file:
                batch.append((parse_markdown(file.read()), path))
        store.save_batch(batch)
    emit("import", len(paths), time.perf_counter() - start, peak_rss_kib=peak_rss_kib())


def mode_rerender(database):
    store = Store(database)
    template = environment().get_template("devlog.j2")
    ids = [row[0] for row in store.reader.execute("SELECT id FROM cycles ORDER BY date, number, id")]
    start = time.perf_counter()
    for cycle_id in ids:
        render(template, store.devlog(cycle_id))
    emit("rerender", len(ids), time.perf_counter() - start, peak_rss_kib=peak_rss_kib())


if __name__ == "__main__":
    modes = {("store", 1): mode_store, ("render", 1): mode_render, ("import", 2): mode_import,
             ("rerender", 1): mode_rerender}
    mode = modes.get((sys.argv[1] if len(sys.argv) > 1 else "", len(sys.argv) - 2))
    if mode is None:
        sys.exit(__doc__)
    mode(*sys.argv[2:])
