"""Jinja2 renders/second for the template and data of MustacheComparison.swift (50 tasks).

Compare its figure with DevlogMustache's from `devlog-bench` (release build) on the same machine.
"""
import time

import jinja2

SOURCE = """# {{ title }}

{% for task in tasks %}- [{% if task.done %}x{% else %} {% endif %}] **{{ task.name }}** ({{ task.owner.name }}): {{ task.summary }}
{% else %}No tasks.
{% endfor %}"""

template = jinja2.Environment(autoescape=True).from_string(SOURCE)
context = {
    "title": "Cycle 42",
    "tasks": [
        {"name": f"task {i}", "done": i % 2 == 0, "summary": "rendered <fast> & checked", "owner": {"name": "Ada"}}
        for i in range(50)
    ],
}
renders, start = 0, time.perf_counter()
while time.perf_counter() - start < 2:
    template.render(context)
    renders += 1
print(f"jinja2 (50 tasks): {renders / (time.perf_counter() - start):.0f}/s")
