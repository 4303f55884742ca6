#!/usr/bin/env python3
"""Times igraph and NetworkX on the benchmark graphs (Benchmarks/data/*.csv written by
Scripts/bench_graphs.py), one JSON line per measurement on stdout, in the shape that
Scripts/bench_factions.py makes of factions' package-benchmark results:

  {"tool":"igraph","op":"pagerank","graph":"ba-10k","nodes":…,"edges":…,"seconds":…,
   "runs":3,"max_rss_mib":…,"version":"1.0.0"}

Installs nothing: run it with the benchmark venv (see Scripts/bench.sh), e.g.
  .venv-bench/bin/python Scripts/peer_bench.py --tool igraph --graph ba-10k --ops pagerank,louvain

Only the algorithm is timed (the graph is loaded first): "seconds" is its wall time
(perf_counter), "cpu_seconds" the process's CPU time over the call (equal on an idle
machine; smaller when a busy machine deschedules us). An op is run until it has run
1,000 times or for 2 s in all, as factions' package-benchmark configuration does, and the
best run is kept: 1,000 runs for an op under 2 ms, one for an op over 2 s.
Run it with OPENBLAS_NUM_THREADS=1 (Scripts/bench.sh does) so that igraph and
NetworkX are single-threaded.
"max_rss_mib" (load line) is the peak memory of loading, "op_peak_rss_mib" the peak
during the op with the graph resident (VmHWM, reset before each op).
Community ops also report the modularity of the partition found (computed outside the
timing). igraph runs single-threaded (python-igraph does not use threads).

NetworkX gets a time cap (--cap, 120 s): betweenness and closeness on graphs over 2,000
nodes are first timed from a sample of sources; when the sample extrapolates beyond the
cap, the extrapolated time is reported with "estimated": true instead of running.
NetworkX has no Leiden of its own (its leiden_communities only dispatches to other
backends), so that op is reported as skipped.

Settings: betweenness exact and normalised; closeness as NetworkX's closeness_centrality
(igraph closeness(normalized=True)); PageRank damping 0.85 (NetworkX's default scipy
implementation, igraph's PRPACK); eigenvector centrality with each library's defaults
(NetworkX tol 1e-6 · n, max_iter raised to 1,000; igraph ARPACK); degree; coreness
(k-core number); Louvain (igraph community_multilevel after random.seed(1), NetworkX
louvain_communities(seed=1)); Leiden (igraph community_leiden(objective_function=
"modularity"), its default n_iterations=2).
"""
import argparse
import json
import os
import random
import resource
import sys
import time

ALL_OPS = ["betweenness", "closeness", "pagerank", "eigenvector", "degree", "coreness", "louvain", "leiden"]


def load_edges(path):
    with open(path) as f:
        header = f.readline()
        if not header.startswith("source"):
            raise SystemExit(f"peer_bench: {path}: expected a source,target header")
        edges = []
        append = edges.append
        for line in f:
            a, _, b = line.partition(",")
            append((int(a), int(b)))
    n = 1 + max(max(a, b) for a, b in edges) if edges else 0
    return n, edges


def max_rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def peak_rss_mib():
    """VmHWM since the last reset_peak_rss(), in MiB (None without /proc)."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def reset_peak_rss():
    """Resets VmHWM to the current RSS (Linux >= 4.0), so the next peak is the op's own."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass


def measure(fn):
    """Runs fn until it has run 1,000 times or for 2 s in all; returns the best wall time
    (perf_counter), the best CPU time (process_time), the result and the runs."""
    best_cpu, best_wall, result, runs, total = float("inf"), float("inf"), None, 0, 0.0
    while runs < 1000 and total < 2:
        c0, t0 = time.process_time(), time.perf_counter()
        result = fn()
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        best_cpu, best_wall = min(best_cpu, cpu), min(best_wall, wall)
        runs += 1
        total += wall
    return best_wall, best_cpu, result, runs


def igraph_ops(g):
    import igraph as ig

    def louvain():
        random.seed(1)
        return g.community_multilevel().membership

    def leiden():
        random.seed(1)
        return g.community_leiden(objective_function="modularity").membership

    return {
        "betweenness": lambda: g.betweenness(directed=False),
        "closeness": lambda: g.closeness(normalized=True),
        "pagerank": lambda: g.pagerank(damping=0.85),
        "eigenvector": lambda: g.eigenvector_centrality(),
        "degree": lambda: g.degree(),
        "coreness": lambda: g.coreness(),
        "louvain": louvain,
        "leiden": leiden,
    }, (lambda membership: g.modularity(membership)), ig.__version__


def networkx_ops(G):
    import networkx as nx

    return {
        "betweenness": lambda: nx.betweenness_centrality(G),
        "closeness": lambda: nx.closeness_centrality(G),
        "pagerank": lambda: nx.pagerank(G, alpha=0.85),
        "eigenvector": lambda: nx.eigenvector_centrality(G, max_iter=1000),
        "degree": lambda: dict(G.degree()),
        "coreness": lambda: nx.core_number(G),
        "louvain": lambda: nx.community.louvain_communities(G, seed=1),
        "leiden": None,
    }, (lambda communities: nx.community.modularity(G, communities)), nx.__version__


def networkx_estimate(G, op, sample):
    """Seconds that exact betweenness/closeness would take, from `sample` sources."""
    import networkx as nx
    nodes = list(G)[:: max(1, len(G) // sample)][:sample]
    t0 = time.perf_counter()
    if op == "betweenness":
        nx.betweenness_centrality(G, k=len(nodes), seed=1)
    else:
        for v in nodes:
            nx.single_source_shortest_path_length(G, v)
    return (time.perf_counter() - t0) * len(G) / len(nodes)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tool", required=True, choices=["igraph", "networkx"])
    ap.add_argument("--graph", required=True)
    ap.add_argument("--data", default=os.path.join(os.path.dirname(__file__), "..", "Benchmarks", "data"))
    ap.add_argument("--ops", default=",".join(ALL_OPS))
    ap.add_argument("--cap", type=float, default=120.0, help="NetworkX time cap in seconds (estimated ops)")
    args = ap.parse_args()
    ops = args.ops.split(",")
    for op in ops:
        if op not in ALL_OPS:
            raise SystemExit(f"peer_bench: unknown op {op}")

    t0 = time.perf_counter()
    n, edges = load_edges(os.path.join(args.data, args.graph + ".csv"))
    if args.tool == "igraph":
        import igraph as ig
        g = ig.Graph(n=n, edges=edges, directed=False)
        m = g.ecount()
        table, modularity, version = igraph_ops(g)
        G = None
    else:
        import networkx as nx
        G = nx.Graph()
        G.add_nodes_from(range(n))
        G.add_edges_from(edges)
        m = G.number_of_edges()
        table, modularity, version = networkx_ops(G)
    del edges
    import gc
    gc.collect()
    common = {"tool": args.tool, "graph": args.graph, "nodes": n, "edges": m}

    def emit(**fields):
        line = {"tool": args.tool, "op": fields.pop("op"), **{k: v for k, v in common.items() if k != "tool"}}
        line.update(fields)
        if line["op"] == "load":
            line["max_rss_mib"] = round(max_rss_mib(), 1)
        else:
            peak = peak_rss_mib()
            if peak is not None:
                line["op_peak_rss_mib"] = round(peak, 1)
        line["version"] = version
        print(json.dumps(line), flush=True)

    emit(op="load", seconds=time.perf_counter() - t0)
    for op in ops:
        reset_peak_rss()
        fn = table[op]
        if fn is None:
            emit(op=op, seconds=None, skipped="not in networkx (leiden_communities needs another backend)")
            continue
        if args.tool == "networkx" and op in ("betweenness", "closeness") and n > 2000:
            sample = 50
            est = networkx_estimate(G, op, sample)
            if est > args.cap:
                emit(op=op, seconds=est, estimated=True,
                     note=f"extrapolated from {sample} sources; exact run skipped (cap {args.cap:.0f} s)")
                continue
        seconds, cpu, result, runs = measure(fn)
        fields = {"op": op, "seconds": seconds, "cpu_seconds": cpu, "runs": runs}
        if op in ("louvain", "leiden"):
            fields["modularity"] = modularity(result)
        emit(**fields)


if __name__ == "__main__":
    main()
