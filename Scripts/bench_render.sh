#!/usr/bin/env bash
# `make bench-render` (also run by `make bench`): what a diagram costs in-process
# through libgvc against the Graphviz commands on the same DOT (Benchmarks' render-bench),
# written to Benchmarks/results/render-<date>.md.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
RESULTS=${BENCH_RESULTS:-$root/Benchmarks/results}
mkdir -p "$RESULTS"
(cd Benchmarks && swift build -c release --scratch-path .build --product render-bench >&2)
lines=$(Benchmarks/.build/release/render-bench --nodes 5000 --repeat 500)
date=$(date +%Y-%m-%d)
file=$RESULTS/render-$date.md
python3 - "$file" "$date" <<PY
import json, sys, subprocess, os
file, date = sys.argv[1], sys.argv[2]
rows = [json.loads(l) for l in """$lines""".strip().splitlines()]
per = next(r for r in rows if r["measure"] == "per-diagram")
sfdp = next(r for r in rows if r["measure"] == "sfdp")
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
load = open("/proc/loadavg").read().split()[:3]
head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
out = [f"# Rendering, {date}", "",
       f"- machine: {cpu}, {os.cpu_count()} cores; load average before: {' '.join(load)}",
       f"- factions {head}; {per['graphviz']}", "",
       "| measure | graph | in-process | command line | ratio |", "|---|---|---:|---:|---:|",
       f"| per diagram (parse, layout, SVG, free) | {per['graph']} | {per['in_process_ms']:.3f} ms | {per['command_ms']:.1f} ms | {per['in_process_ms'] / per['command_ms']:.4f} |",
       f"| sfdp layout + SVG, best of 5 | {sfdp['graph']} | {sfdp['in_process_s']:.2f} s | {sfdp['command_s']:.2f} s | {sfdp['ratio']:.2f} |",
       f"| sfdp layout + SVG, median of 5 | {sfdp['graph']} | {sfdp['in_process_median_s']:.2f} s | {sfdp['command_median_s']:.2f} s | {sfdp['median_ratio']:.2f} |",
       "",
       f"In-process: one GVC context for the process, {per['in_process_runs']} renders of the two-node graph; command line: \`dot -Tsvg\` started {per['command_runs']} times. The sfdp rows alternate in-process and \`sfdp -Tsvg\` five times on the same DOT file; "
       + ("every in-process SVG was byte-identical to the command's (the same layout on both sides)." if sfdp["same_svg"] else "**the in-process SVG differed from the command's: the two sides did not draw the same layout.**")]
open(file, "w").write("\n".join(out) + "\n")
print("\n".join(out))
PY
