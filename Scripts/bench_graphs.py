#!/usr/bin/env python3
"""Writes the seeded benchmark graphs into Benchmarks/data/ as CSV edge lists.

Each file has a `source,target` header, integer node ids 0..n-1 (every id appears),
one undirected edge per line, no self-loops and no duplicates. The same file is read
by factions, igraph and NetworkX. Files that already exist are kept.

  ba-1k ba-10k ba-100k ba-1m   Barabási–Albert, m = 3 (igraph Graph.Barabasi, seeded)
  lfr-10k-mu0.1 lfr-10k-mu0.3  NetworkX LFR_benchmark_graph (n 10,000, tau1 2.5,
                               tau2 1.5, average degree 10, max degree 50, communities
                               of 20-100 nodes); seeds are tried in turn, each under a
                               time limit. If none succeeds, a planted-partition graph
                               with the same community sizes and mixing is written
                               instead and this is said on stderr and in the
                               `<name>.txt` note beside it.

Run inside the benchmark venv (needs igraph and networkx):
  .venv-bench/bin/python Scripts/bench_graphs.py [--out Benchmarks/data] [--only NAME ...]
"""
import argparse
import multiprocessing as mp
import os
import random
import sys
import time

BA = [("ba-1k", 1_000), ("ba-10k", 10_000), ("ba-100k", 100_000), ("ba-1m", 1_000_000)]
LFR = [("lfr-10k-mu0.1", 0.1), ("lfr-10k-mu0.3", 0.3)]
LFR_N = 10_000
LFR_SEEDS = [1, 2, 3, 4, 5, 6, 7, 8]
LFR_TIMEOUT = 60.0  # seconds per seed


def write_edges(path, edges, n, note=None, communities=None):
    edges = sorted({(a, b) if a < b else (b, a) for a, b in edges if a != b})
    seen = bytearray(n)
    for a, b in edges:
        seen[a] = 1
        seen[b] = 1
    if not all(seen):
        raise SystemExit(f"bench_graphs: {path} would have isolated nodes")
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write("source,target\n")
        f.write("".join(f"{a},{b}\n" for a, b in edges))
    os.replace(tmp, path)
    if communities is not None:
        with open(path[:-4] + ".communities.csv", "w") as f:
            f.write("node,community\n")
            f.write("".join(f"{v},{c}\n" for v, c in enumerate(communities)))
    base = path[:-4]
    with open(base + ".txt", "w") as f:
        f.write((note or "") + f"\nnodes {n}, edges {len(edges)}\n")
    print(f"bench_graphs: wrote {os.path.basename(path)}: {n} nodes, {len(edges)} edges", file=sys.stderr)


def barabasi(n, seed):
    import igraph as ig
    random.seed(seed)  # python-igraph draws from Python's random module
    g = ig.Graph.Barabasi(n, 3, directed=False)
    return g.get_edgelist()


def _lfr_worker(mu, seed, queue):
    import networkx as nx
    try:
        g = nx.LFR_benchmark_graph(n=LFR_N, tau1=2.5, tau2=1.5, mu=mu, average_degree=10,
                                   max_degree=50, min_community=20, max_community=100, seed=seed)
        membership = [0] * LFR_N
        comms = {frozenset(g.nodes[v]["community"]) for v in g}
        for c, members in enumerate(sorted(comms, key=min)):
            for v in members:
                membership[v] = c
        g.remove_edges_from(nx.selfloop_edges(g))
        queue.put(("ok", list(g.edges()), membership))
    except Exception as e:  # ExceededMaxIterations and friends
        queue.put(("error", repr(e), None))


def lfr(mu):
    ctx = mp.get_context("fork")
    for seed in LFR_SEEDS:
        q = ctx.Queue()
        p = ctx.Process(target=_lfr_worker, args=(mu, seed, q))
        t0 = time.time()
        p.start()
        result = None
        try:
            result = q.get(timeout=LFR_TIMEOUT)
        except Exception:
            pass
        p.join(timeout=1)
        if p.is_alive():
            p.kill()
            p.join()
        if result and result[0] == "ok":
            edges, membership = result[1], result[2]
            deg = [0] * LFR_N
            for a, b in edges:
                deg[a] += 1
                deg[b] += 1
            if min(deg) == 0:
                print(f"bench_graphs: LFR mu={mu} seed={seed} has isolated nodes, next seed", file=sys.stderr)
                continue
            note = (f"networkx LFR_benchmark_graph(n={LFR_N}, tau1=2.5, tau2=1.5, mu={mu}, average_degree=10, "
                    f"max_degree=50, min_community=20, max_community=100, seed={seed}) "
                    f"[{time.time() - t0:.1f} s]")
            return edges, membership, note
        why = result[1] if result else f"no result within {LFR_TIMEOUT:.0f} s"
        print(f"bench_graphs: LFR mu={mu} seed={seed} failed: {why}", file=sys.stderr)
    return None


def planted_partition(mu, seed):
    """Fallback: communities of 20-100 nodes (power law, exponent 1.5), degrees power
    law (exponent 2.5, mean ~10, max 50), a fraction mu of each node's stubs wired
    outside its community by configuration-model pairing."""
    rng = random.Random(seed)
    n = LFR_N
    degrees = []
    while len(degrees) < n:
        d = int(round(3 * (1 - rng.random()) ** (-1 / 1.5)))
        if 3 <= d <= 50:
            degrees.append(d)
    sizes, total = [], 0
    while total < n:
        s = int(20 * (1 - rng.random()) ** (-1 / 0.5))
        if 20 <= s <= 100:
            s = min(s, n - total) if n - total >= 20 else s
            sizes.append(s)
            total += s
    sizes[-1] -= total - n
    membership = []
    for c, s in enumerate(sizes):
        membership += [c] * s
    rng.shuffle(membership)
    inner = {}
    outer = []
    for v in range(n):
        k_out = int(round(mu * degrees[v]))
        outer += [v] * k_out
        inner.setdefault(membership[v], []).extend([v] * (degrees[v] - k_out))
    edges = set()

    def pair(stubs):
        rng.shuffle(stubs)
        for i in range(0, len(stubs) - 1, 2):
            a, b = stubs[i], stubs[i + 1]
            if a != b:
                edges.add((min(a, b), max(a, b)))

    for stubs in inner.values():
        pair(stubs)
    pair(outer)
    note = (f"PLANTED PARTITION (LFR generator failed): n={n}, mu={mu}, degree power law 2.5 in [3,50], "
            f"community sizes power law 1.5 in [20,100], seed={seed}")
    return list(edges), membership, note


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "Benchmarks", "data"))
    ap.add_argument("--only", nargs="*", help="graph names to write (default: all)")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    want = set(args.only) if args.only else None
    for name, n in BA:
        path = os.path.join(args.out, name + ".csv")
        if (want and name not in want) or os.path.exists(path):
            continue
        t0 = time.time()
        edges = barabasi(n, seed=42)
        write_edges(path, edges, n, note=f"igraph Graph.Barabasi({n}, 3) after random.seed(42) "
                                         f"[{time.time() - t0:.1f} s]")
    for name, mu in LFR:
        path = os.path.join(args.out, name + ".csv")
        if (want and name not in want) or os.path.exists(path):
            continue
        got = lfr(mu)
        if got is None:
            print(f"bench_graphs: WARNING: LFR mu={mu} failed for every seed; writing a planted-partition "
                  f"graph instead", file=sys.stderr)
            got = planted_partition(mu, seed=42)
        edges, membership, note = got
        write_edges(path, edges, LFR_N, note=note, communities=membership)


if __name__ == "__main__":
    main()
