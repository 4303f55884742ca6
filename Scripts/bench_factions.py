#!/usr/bin/env python3
"""Turns package-benchmark's export of factions' benchmarks (Benchmarks/Benchmarks/
AnalysisBenchmarks, run with `--format histogramEncoded --path DIR`) into the JSON lines
that Scripts/bench_table.py reads, in the shape Scripts/peer_bench.py prints for igraph
and NetworkX:

  {"tool":"factions","op":"pagerank","graph":"ba-10k","nodes":…,"edges":…,"seconds":…,
   "cpu_seconds":…,"runs":3,"op_peak_rss_mib":…,"version":"local",
   "harness":"package-benchmark 1.38.1"}

  Scripts/bench_factions.py DIR --graph NAME --ops load,pagerank,… [--status N] [--limit S]

The export holds one histogram per benchmark and metric, and a histogram keeps its
exact smallest and largest value beside the (three-digit) buckets. "seconds" is the
fastest run's wall clock, "cpu_seconds" the least process CPU time of a run,
"op_peak_rss_mib" the largest resident memory package-benchmark sampled (every 10 ms)
while the op ran in a process with the graph loaded — "max_rss_mib" for `load`, which
times reading the CSV and building the graph — and "modularity" that of the partition
Louvain or Leiden found. "nodes" and "edges" come from the `<graph>.txt` note that
Scripts/bench_graphs.py writes beside the edge list.

An op of --ops without results gets an "error" line saying why, from the exit status
of the `swift package benchmark` run (--status; 137: killed after --limit seconds) and
the end of its log (DIR/log).
"""
import argparse
import glob
import json
import os
import re

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
TARGET = "AnalysisBenchmarks"


def harness():
    """"package-benchmark X.Y.Z" as resolved for Benchmarks/ (Package.resolved)."""
    try:
        with open(os.path.join(ROOT, "Benchmarks", "Package.resolved")) as f:
            for pin in json.load(f)["pins"]:
                if pin["identity"] == "benchmark":
                    return "package-benchmark " + pin["state"].get("version", "?")
    except (OSError, KeyError, ValueError):
        pass
    return "package-benchmark"


def histograms(directory):
    """{benchmark name: {metric: (min, max, count)}} from the exported files."""
    out = {}
    pattern = re.compile(rf"^[^.]+\.{TARGET}\.(.+)\.([A-Za-z0-9]+)\.histogram\.json$")
    for path in glob.glob(os.path.join(directory, "*.histogram.json")):
        m = pattern.match(os.path.basename(path))
        if not m:
            continue
        with open(path) as f:
            h = json.load(f)
        low = 0 if h["counts"] and h["counts"][0] > 0 else h["minNonZeroValue"]
        # The file name has "_" for the "/" of "op/graph".
        out.setdefault(m.group(1).replace("_", "/", 1), {})[m.group(2)] = (low, h["maxValue"], h["_totalCount"])
    return out


def graph_size(data, graph):
    try:
        with open(os.path.join(data, graph + ".txt")) as f:
            m = re.search(r"nodes (\d+), edges (\d+)", f.read())
        return (int(m.group(1)), int(m.group(2))) if m else (None, None)
    except OSError:
        return None, None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir", help="the --path of the histogramEncoded export (with the run's log in DIR/log)")
    ap.add_argument("--graph", required=True)
    ap.add_argument("--ops", required=True, help="comma-separated, as in the benchmark names op/graph")
    ap.add_argument("--data", default=os.path.join(ROOT, "Benchmarks", "data"))
    ap.add_argument("--status", type=int, default=0, help="exit status of swift package benchmark")
    ap.add_argument("--limit", type=float, default=None, help="seconds it was allowed")
    args = ap.parse_args()

    found = histograms(args.dir)
    nodes, edges = graph_size(args.data, args.graph)
    common = {"graph": args.graph, "nodes": nodes, "edges": edges}
    try:
        with open(os.path.join(args.dir, "log"), errors="replace") as f:
            why = " ".join(f.read()[-300:].split()).replace('"', "'")
    except OSError:
        why = ""
    for op in args.ops.split(","):
        line = {"tool": "factions", "op": op, **common}
        metrics = found.get(f"{op}/{args.graph}")
        if not metrics or "wallClock" not in metrics:
            line["seconds"] = None
            if args.status == 137 and args.limit:
                # Results are exported at the end of the run, so a kill loses them all.
                line["error"] = f"the run of {args.graph}'s benchmarks was killed after {args.limit:.0f} s"
            else:
                line["error"] = f"exit {args.status}: no package-benchmark result; {why}"
        else:
            low, _, runs = metrics["wallClock"]
            line.update(seconds=low / 1e9, runs=runs)
            if "processCPUTime" in metrics:
                line["cpu_seconds"] = metrics["processCPUTime"][0] / 1e9
            if "modularityE9" in metrics:
                line["modularity"] = metrics["modularityE9"][1] / 1e9
            if "peakMemoryResident" in metrics:
                peak = metrics["peakMemoryResident"][1] / 2**20
                line["max_rss_mib" if op == "load" else "op_peak_rss_mib"] = peak
        line.update(version="local", harness=harness())
        print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main()
