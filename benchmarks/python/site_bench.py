#!/usr/bin/env python3
"""The Python side of `make bench`'s site row: a plain loop that turns every devlog file in a
folder into an HTML page with Python-Markdown (tables on), writing one file each, as a static site
generator's core would. No index or charts: the least a Python site of the same devlogs does.

Usage: site_bench.py FILES_DIR OUT_DIR; prints one JSON line (bench "site", side "python").
"""
import json
import os
import sys
import time

import markdown


def main(source, output):
    os.makedirs(output, exist_ok=True)
    names = sorted(name for name in os.listdir(source) if name.endswith(".md"))
    converter = markdown.Markdown(extensions=["tables"])
    start = time.perf_counter()
    for name in names:
        with open(os.path.join(source, name), encoding="utf-8") as file:
            text = file.read()
        body = converter.reset().convert(text)
        with open(os.path.join(output, name[:-3] + ".html"), "w", encoding="utf-8") as file:
            file.write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>%s</title></head>\n<body>\n%s\n</body></html>\n"
                       % (name[:-3], body))
    seconds = time.perf_counter() - start
    with open("/proc/self/status") as status:
        peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    print(json.dumps(dict(bench="site", side="python", ops=len(names), seconds=seconds, ops_per_s=len(names) / max(seconds, 1e-9),
                          peak_rss_kib=peak), sort_keys=True), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
