#!/usr/bin/env python3
"""Generate the oracle fixtures that the Swift test-suite compares against.

Usage (from the repository root):

    python3 -m pip install -r Scripts/requirements.txt
    python3 Scripts/make_fixtures.py

Writes (deterministically -- re-running yields byte-identical files):

    Tests/Fixtures/centrality/<name>.csv            edge list  source,target,weight
    Tests/Fixtures/centrality/<name>.nodes.txt      all node ids, sorted, one per line
    Tests/Fixtures/centrality/<name>.expected.json  networkx / igraph reference values
    Tests/Fixtures/communities/lfr-muXX.*           LFR benchmark graphs + planted partition
    Tests/Fixtures/signed/tribes.*                  Read's Highland Tribes (signed)

Every expected value is computed on the graph *read back from the CSV that was
just written*, so the Swift side and the oracle see exactly the same input
(same node ids, same edge order, same weights).

See Tests/Fixtures/README.md for a description of every key.
"""

from __future__ import annotations

import os
import sys

# Several networkx routines (e.g. harmonic_centrality) iterate over Python sets
# of string node ids, whose order depends on the per-process string hash seed;
# that changes floating-point summation order in the last ulp.  Re-exec once
# with a fixed hash seed so that re-running produces byte-identical files.
if __name__ == "__main__" and os.environ.get("PYTHONHASHSEED") != "0":
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable] + sys.argv)

import csv
import io
import itertools
import json
import platform
import random
import signal
from pathlib import Path

import networkx as nx
from networkx.algorithms import bipartite

try:
    import igraph as ig
except ImportError:  # pragma: no cover - hard requirement, fail loudly
    sys.exit("python-igraph is required: python3 -m pip install igraph")

import numpy
import scipy

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "Tests" / "Fixtures"
CENTRALITY_DIR = FIXTURES / "centrality"
COMMUNITY_DIR = FIXTURES / "communities"
SIGNED_DIR = FIXTURES / "signed"

LOUVAIN_SEEDS = range(10)  # seeds 0..9 for both networkx louvain and igraph multilevel

VERSIONS = {
    "networkx": nx.__version__,
    "igraph": ig.__version__,
    "numpy": numpy.__version__,
    "scipy": scipy.__version__,
    "python": platform.python_version(),
}


# --------------------------------------------------------------------------
# Output helpers (deterministic)
# --------------------------------------------------------------------------

def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


def write_json(path: Path, obj) -> None:
    # sort_keys + default float repr (shortest round-trip) => stable output
    write_text(path, json.dumps(obj, sort_keys=True, indent=2, ensure_ascii=False) + "\n")


def fmt_weight(w):
    """Integral weights are written as ints ("3"), others with repr precision."""
    if isinstance(w, bool):
        raise TypeError("bool weight")
    if float(w).is_integer():
        return int(w)
    return float(w)


def canonical_edges(G: nx.Graph, weighted: bool):
    """[(source, target, weight)] with string ids, source < target, sorted."""
    rows = []
    for u, v, d in G.edges(data=True):
        su, sv = str(u), str(v)
        if su == sv:
            raise ValueError(f"self-loop on {su!r} not supported by fixtures")
        if su > sv:
            su, sv = sv, su
        w = fmt_weight(d.get("weight", 1)) if weighted else 1
        rows.append((su, sv, w))
    rows.sort()
    # no multi-edges after canonicalisation
    assert len({(a, b) for a, b, _ in rows}) == len(rows)
    return rows


def write_edge_csv(path: Path, rows, header=("source", "target", "weight")) -> None:
    buf = io.StringIO()
    wr = csv.writer(buf, lineterminator="\n")
    wr.writerow(header)
    for row in rows:
        wr.writerow(row)
    write_text(path, buf.getvalue())


def write_nodes(path: Path, nodes) -> None:
    write_text(path, "".join(f"{n}\n" for n in sorted(nodes)))


def parse_number(s: str):
    try:
        return int(s)
    except ValueError:
        return float(s)


def read_back(csv_path: Path, nodes_path: Path, value_col: str = "weight"):
    """Rebuild the graph from the files, nodes first (sorted), then edges in file order."""
    G = nx.Graph()
    with open(nodes_path, encoding="utf-8") as fh:
        G.add_nodes_from(line.rstrip("\n") for line in fh if line.rstrip("\n"))
    with open(csv_path, encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh):
            G.add_edge(rec["source"], rec["target"], **{value_col: parse_number(rec[value_col])})
    return G


def to_igraph(G: nx.Graph, nodes):
    index = {n: i for i, n in enumerate(nodes)}
    edges, weights = [], []
    for u, v, d in G.edges(data=True):
        edges.append((index[u], index[v]))
        weights.append(float(d.get("weight", 1)))
    g = ig.Graph(n=len(nodes), edges=edges, directed=False)
    g.vs["name"] = list(nodes)
    g.es["weight"] = weights
    return g


def partition_to_labels(communities, nodes):
    """{node: community index}, index = rank of the community's smallest node (string order)."""
    comms = sorted((sorted(c) for c in communities), key=lambda c: c[0])
    labels = {}
    for idx, c in enumerate(comms):
        for n in c:
            labels[n] = idx
    assert set(labels) == set(nodes)
    return labels


def float_map(d):
    return {str(k): float(v) for k, v in d.items()}


# --------------------------------------------------------------------------
# Community detection references
# --------------------------------------------------------------------------

def louvain_best(G: nx.Graph, weighted: bool):
    wkey = "weight" if weighted else None
    best = None
    for s in LOUVAIN_SEEDS:
        comms = nx.community.louvain_communities(G, seed=s, weight=wkey)
        q = nx.community.modularity(G, comms, weight=wkey)
        if best is None or q > best[0]:
            best = (q, s, comms)
    return best


def igraph_multilevel_best(g, weighted: bool):
    """Best modularity of igraph community_multilevel over Python-RNG seeds 0..9.

    python-igraph draws its random numbers from Python's `random` module, so
    seeding it makes the (randomised vertex order) multilevel run reproducible.
    """
    best = None
    runs = []
    for s in LOUVAIN_SEEDS:
        random.seed(s)
        cl = g.community_multilevel(weights="weight" if weighted else None)
        q = g.modularity(cl.membership, weights="weight" if weighted else None)
        runs.append((s, q, cl.membership))
        if best is None or q > best[1]:
            best = (s, q, cl.membership)
    random.seed(0)
    return best, runs


def igraph_leiden_runs(g, weighted: bool):
    """Modularity of igraph community_leiden (objective "modularity", its defaults
    n_iterations=2 and beta=0.01) for each Python-RNG seed 0..9, as multilevel above."""
    w = "weight" if weighted else None
    runs = []
    for s in LOUVAIN_SEEDS:
        random.seed(s)
        cl = g.community_leiden(objective_function="modularity", weights=w)
        runs.append(float(g.modularity(cl.membership, weights=w)))
    random.seed(0)
    return runs


def membership_to_comms(membership, nodes):
    groups = {}
    for n, c in zip(nodes, membership):
        groups.setdefault(c, []).append(n)
    return list(groups.values())


# --------------------------------------------------------------------------
# Centrality datasets
# --------------------------------------------------------------------------

def centrality_datasets():
    out = []

    karate = nx.karate_club_graph()
    out.append(("karate", karate, False, "nx.karate_club_graph(), weights dropped (all 1)"))
    out.append(("karate-weighted", karate, True, "nx.karate_club_graph(), edge attribute 'weight'"))

    out.append(("florentine", nx.florentine_families_graph(), False,
                "nx.florentine_families_graph()"))

    out.append(("lesmis", nx.les_miserables_graph(), True,
                "nx.les_miserables_graph(), edge attribute 'weight'"))

    B = nx.davis_southern_women_graph()
    women = sorted(n for n, d in B.nodes(data=True) if d["bipartite"] == 0)
    davis = bipartite.weighted_projected_graph(B, women)
    out.append(("davis", davis, True,
                "bipartite.weighted_projected_graph(nx.davis_southern_women_graph(), women); "
                "weight = number of shared events"))

    out.append(("gnp60", nx.gnp_random_graph(60, 0.08, seed=1), False,
                "nx.gnp_random_graph(60, 0.08, seed=1)"))

    out.append(("ba200", nx.barabasi_albert_graph(200, 3, seed=2), False,
                "nx.barabasi_albert_graph(200, 3, seed=2)"))

    gnm = nx.gnm_random_graph(80, 240, seed=3)
    rng = random.Random(4)
    gnm_w = nx.Graph()
    gnm_w.add_nodes_from(sorted(gnm.nodes()))
    for u, v in sorted(tuple(sorted(e)) for e in gnm.edges()):
        gnm_w.add_edge(u, v, weight=rng.randint(1, 9))
    out.append(("gnm80-weighted", gnm_w, True,
                "nx.gnm_random_graph(80, 240, seed=3); weight = random.Random(4).randint(1, 9) "
                "per edge, edges in sorted (u<v, numeric) order"))

    tc = nx.Graph()
    tc.add_nodes_from(range(9))
    tc.add_edges_from([(0, 1), (1, 2), (2, 3)])          # path 0-1-2-3
    tc.add_edges_from([(4, 5), (5, 6), (4, 6)])          # triangle 4-5-6
    # 7 and 8 isolated
    out.append(("two-components", tc, False,
                "explicit: path 0-1-2-3 + triangle 4-5-6 + isolated nodes 7, 8"))
    return out


def compute_centrality_expected(name, G, weighted, source):
    nodes = sorted(G.nodes())
    notes = []
    res = {
        "dataset": name,
        "source": source,
        "directed": False,
        "weighted": weighted,
        "nodes": nodes,
        "n_nodes": G.number_of_nodes(),
        "n_edges": G.number_of_edges(),
        "n_components": nx.number_connected_components(G),
        "isolated_nodes": sorted(nx.isolates(G)),
        "versions": VERSIONS,
    }
    connected = nx.is_connected(G)
    res["connected"] = connected

    res["degree"] = {n: len(set(G[n]) - {n}) for n in nodes}
    res["strength"] = {n: fmt_weight(sum(d["weight"] for _, _, d in G.edges(n, data=True)))
                       for n in nodes}

    if weighted:
        for _, _, d in G.edges(data=True):
            d["distance"] = 1.0 / d["weight"]

    res["betweenness"] = float_map(nx.betweenness_centrality(G, normalized=True))
    res["closeness"] = float_map(nx.closeness_centrality(G))
    res["harmonic"] = float_map(nx.harmonic_centrality(G))
    if weighted:
        res["betweenness_weighted"] = float_map(
            nx.betweenness_centrality(G, normalized=True, weight="distance"))
        res["closeness_weighted"] = float_map(nx.closeness_centrality(G, distance="distance"))

    if connected:
        res["eigenvector"] = float_map(
            nx.eigenvector_centrality(G, max_iter=10000, tol=1e-12, weight=None))
        if weighted:
            res["eigenvector_weighted"] = float_map(
                nx.eigenvector_centrality(G, max_iter=10000, tol=1e-12, weight="weight"))
    else:
        notes.append("eigenvector/eigenvector_weighted omitted: graph is disconnected "
                     "(leading eigenvector not unique)")

    res["pagerank"] = float_map(nx.pagerank(G, alpha=0.85, tol=1e-13, weight=None))
    # NetworkX's defaults (tol=1e-6: stop when the L1 change is under n * 1e-6): the
    # benchmark's "-nx-rule" rows time factions on this same stopping rule, and the test
    # that these match to rounding shows it is the same computation.
    res["pagerank_nx_default"] = float_map(nx.pagerank(G, alpha=0.85, weight=None))
    if connected:
        try:
            res["eigenvector_nx_default"] = float_map(nx.eigenvector_centrality(G, weight=None))
        except nx.PowerIterationFailedConvergence:
            notes.append("eigenvector_nx_default omitted: no convergence in NetworkX's 100 iterations")
    if weighted:
        res["pagerank_weighted"] = float_map(
            nx.pagerank(G, alpha=0.85, tol=1e-13, weight="weight"))

    res["coreness"] = {str(k): int(v) for k, v in nx.core_number(G).items()}

    # ---- communities -----------------------------------------------------
    q, seed, comms = louvain_best(G, weighted)
    res["louvain_best_modularity"] = float(q)
    res["louvain_best_seed"] = seed
    res["louvain_best_partition"] = partition_to_labels(comms, nodes)

    g = to_igraph(G, nodes)
    (iseed, iq, imem), _runs = igraph_multilevel_best(g, weighted)
    res["igraph_multilevel_modularity"] = float(iq)
    res["igraph_multilevel_seed"] = iseed
    res["igraph_multilevel_partition"] = partition_to_labels(membership_to_comms(imem, nodes), nodes)
    res["igraph_leiden_modularity"] = igraph_leiden_runs(g, weighted)

    res["notes"] = notes
    return res


def make_centrality():
    summary = []
    for name, G0, weighted, source in centrality_datasets():
        rows = canonical_edges(G0, weighted)
        node_ids = sorted(str(n) for n in G0.nodes())
        csv_path = CENTRALITY_DIR / f"{name}.csv"
        nodes_path = CENTRALITY_DIR / f"{name}.nodes.txt"
        write_edge_csv(csv_path, rows)
        write_nodes(nodes_path, node_ids)
        G = read_back(csv_path, nodes_path)
        assert G.number_of_nodes() == G0.number_of_nodes()
        assert G.number_of_edges() == G0.number_of_edges()
        exp = compute_centrality_expected(name, G, weighted, source)
        write_json(CENTRALITY_DIR / f"{name}.expected.json", exp)
        summary.append((name, exp["n_nodes"], exp["n_edges"], exp["n_components"],
                        exp["louvain_best_modularity"], exp["igraph_multilevel_modularity"]))
    return summary


# --------------------------------------------------------------------------
# LFR benchmark graphs
# --------------------------------------------------------------------------

# n=1000 with communities of 20-100 nodes: the smaller example of the networkx
# docs (n=250, average_degree=5) yields three communities, one holding a hub of
# degree 155, whose planted partition has lower modularity than what any
# modularity optimiser finds; it cannot tell good recovery from bad.
LFR_PARAMS = dict(n=1000, tau1=2.5, tau2=1.5, average_degree=10, max_degree=50, min_community=20,
                  max_community=100)
LFR_FIRST_SEED = 1
LFR_MAX_TRIES = 100
LFR_SEED_TIMEOUT = 30  # seconds per attempt


class _LFRTimeout(Exception):
    pass


def _alarm(_signum, _frame):
    raise _LFRTimeout()


def generate_lfr(mu):
    """First seed >= LFR_FIRST_SEED for which nx.LFR_benchmark_graph succeeds.

    networkx's generator either raises ExceededMaxIterations or, for some
    seeds, loops forever (networkx issue #6741/#6762), so each attempt is
    bounded by LFR_SEED_TIMEOUT seconds (SIGALRM; POSIX only).
    """
    failed = []
    use_alarm = hasattr(signal, "SIGALRM")
    if use_alarm:
        previous = signal.signal(signal.SIGALRM, _alarm)
    try:
        for seed in range(LFR_FIRST_SEED, LFR_FIRST_SEED + LFR_MAX_TRIES):
            if use_alarm:
                signal.alarm(LFR_SEED_TIMEOUT)
            try:
                G = nx.LFR_benchmark_graph(mu=mu, seed=seed, **LFR_PARAMS)
                return G, seed, failed
            except (nx.ExceededMaxIterations, nx.NetworkXError, _LFRTimeout) as exc:
                failed.append({"seed": seed, "error": type(exc).__name__.lstrip("_")})
            finally:
                if use_alarm:
                    signal.alarm(0)
    finally:
        if use_alarm:
            signal.signal(signal.SIGALRM, previous)
    raise RuntimeError(f"LFR generation failed for mu={mu}: {failed}")


def make_lfr():
    summary = []
    for mu, tag in ((0.1, "mu01"), (0.3, "mu03")):
        G0, seed, failed = generate_lfr(mu)
        selfloops = nx.number_of_selfloops(G0)
        G0.remove_edges_from(list(nx.selfloop_edges(G0)))
        name = f"lfr-{tag}"
        rows = canonical_edges(G0, weighted=False)
        node_ids = sorted(str(n) for n in G0.nodes())
        csv_path = COMMUNITY_DIR / f"{name}.csv"
        nodes_path = COMMUNITY_DIR / f"{name}.nodes.txt"
        write_edge_csv(csv_path, rows)
        write_nodes(nodes_path, node_ids)
        G = read_back(csv_path, nodes_path)
        nodes = sorted(G.nodes())

        planted_sets = {frozenset(G0.nodes[v]["community"]) for v in G0}
        planted_comms = [[str(x) for x in c] for c in planted_sets]
        planted = partition_to_labels(planted_comms, nodes)
        write_json(COMMUNITY_DIR / f"{name}.planted.json", planted)

        planted_membership = [planted[n] for n in nodes]
        planted_q = nx.community.modularity(
            G, [set(c) for c in planted_comms], weight=None)
        # realised mixing = fraction of edges whose endpoints lie in different
        # planted communities (networkx's wiring does not honour mu exactly,
        # networkx issue #6809)
        realized_mu = sum(1 for u, v in G.edges() if planted[u] != planted[v]) / G.number_of_edges()

        g = to_igraph(G, nodes)
        (iseed, iq, imem), runs = igraph_multilevel_best(g, weighted=False)
        nmi_best = ig.compare_communities(imem, planted_membership, method="nmi")
        nmi_runs = [ig.compare_communities(m, planted_membership, method="nmi") for _, _, m in runs]

        lq, lseed, lcomms = louvain_best(G, weighted=False)
        llabels = partition_to_labels(lcomms, nodes)
        lnmi = ig.compare_communities([llabels[n] for n in nodes], planted_membership, method="nmi")

        exp = {
            "dataset": name,
            "directed": False,
            "weighted": False,
            "generator": ("nx.LFR_benchmark_graph(n=1000, tau1=2.5, tau2=1.5, mu=%s, average_degree=10, "
                          "max_degree=50, min_community=20, max_community=100, seed=%d)" % (mu, seed)),
            "mu": mu,
            "seed": seed,
            "seeds_failed": failed,
            "self_loops_removed": selfloops,
            "n_nodes": G.number_of_nodes(),
            "n_edges": G.number_of_edges(),
            "n_components": nx.number_connected_components(G),
            "n_planted_communities": len(planted_comms),
            "planted_community_sizes": sorted((len(c) for c in planted_comms), reverse=True),
            "planted_modularity": float(planted_q),
            "realized_mixing": float(realized_mu),
            "max_degree": max(d for _, d in G.degree()),
            "igraph_multilevel_modularity": float(iq),
            "igraph_multilevel_seed": iseed,
            "igraph_multilevel_nmi": float(nmi_best),
            "igraph_multilevel_nmi_min": float(min(nmi_runs)),
            "igraph_multilevel_n_communities": len(set(imem)),
            "igraph_leiden_modularity": igraph_leiden_runs(g, weighted=False),
            "louvain_best_modularity": float(lq),
            "louvain_best_seed": lseed,
            "louvain_best_nmi": float(lnmi),
            "louvain_best_n_communities": len(lcomms),
            "versions": VERSIONS,
        }
        write_json(COMMUNITY_DIR / f"{name}.expected.json", exp)
        summary.append(exp)
    return summary


# --------------------------------------------------------------------------
# Read's Highland Tribes (Gahuku-Gama), signed
# --------------------------------------------------------------------------

# Node order and labels of UCINET's gama.dat (GAMAPOS/GAMANEG), as used by
# KONECT "ucidata-gama" and R signnet::tribes.
TRIBE_LABELS = ["Gavev", "Kotun", "Ove", "Alika", "Nagam", "Gahuk", "Masil", "Ukudz",
                "Notoh", "Kohik", "Geham", "Asaro", "Uheto", "Seuve", "Nagad", "Gama"]

# KONECT out.ucidata-gama (generated from gama-pos.dat minus gama-neg.dat):
# 1-based node index i < j, sign.
TRIBE_EDGES = [
    (1, 2, 1), (1, 3, -1), (2, 3, -1), (1, 4, -1), (3, 4, 1), (1, 5, -1), (2, 5, -1),
    (1, 6, -1), (2, 6, -1), (3, 6, 1), (3, 7, 1), (5, 7, 1), (6, 7, 1), (3, 8, 1),
    (4, 8, 1), (6, 8, 1), (7, 8, 1), (2, 9, -1), (5, 9, 1), (6, 9, -1), (2, 10, -1),
    (9, 10, 1), (6, 11, 1), (7, 11, 1), (8, 11, 1), (9, 11, -1), (10, 11, -1),
    (1, 12, -1), (6, 12, 1), (7, 12, 1), (8, 12, 1), (11, 12, 1), (6, 13, -1),
    (7, 13, 1), (9, 13, 1), (10, 13, 1), (11, 13, -1), (5, 14, 1), (8, 14, -1),
    (12, 14, -1), (13, 14, 1), (1, 15, 1), (2, 15, 1), (5, 15, -1), (9, 15, -1),
    (10, 15, -1), (11, 15, -1), (12, 15, -1), (13, 15, -1), (1, 16, 1), (2, 16, 1),
    (5, 16, -1), (6, 16, -1), (11, 16, -1), (12, 16, -1), (13, 16, -1), (14, 16, -1),
    (15, 16, 1),
]


def make_tribes():
    G0 = nx.Graph()
    G0.add_nodes_from(TRIBE_LABELS)
    for i, j, s in TRIBE_EDGES:
        G0.add_edge(TRIBE_LABELS[i - 1], TRIBE_LABELS[j - 1], sign=s)

    rows = []
    for u, v, d in G0.edges(data=True):
        a, b = (u, v) if u < v else (v, u)
        rows.append((a, b, d["sign"]))
    rows.sort()
    csv_path = SIGNED_DIR / "tribes.csv"
    nodes_path = SIGNED_DIR / "tribes.nodes.txt"
    write_edge_csv(csv_path, rows, header=("source", "target", "sign"))
    write_nodes(nodes_path, TRIBE_LABELS)
    G = read_back(csv_path, nodes_path, value_col="sign")

    n, m = G.number_of_nodes(), G.number_of_edges()
    pos = sum(1 for *_, d in G.edges(data=True) if d["sign"] > 0)
    neg = sum(1 for *_, d in G.edges(data=True) if d["sign"] < 0)
    assert (n, m, pos, neg) == (16, 58, 29, 29), (n, m, pos, neg)

    # triangles: every 3-clique of the underlying graph, classified by sign product
    sign = {frozenset((u, v)): d["sign"] for u, v, d in G.edges(data=True)}
    nodes = sorted(G.nodes())
    tri_total = tri_bal = 0
    by_type = {"+++": 0, "++-": 0, "+--": 0, "---": 0}
    for a, b, c in itertools.combinations(nodes, 3):
        e = [frozenset((a, b)), frozenset((b, c)), frozenset((a, c))]
        if all(x in sign for x in e):
            s = [sign[x] for x in e]
            tri_total += 1
            if s[0] * s[1] * s[2] > 0:
                tri_bal += 1
            npos = sum(1 for x in s if x > 0)
            by_type["+" * npos + "-" * (3 - npos)] += 1
    balance = tri_bal / tri_total
    assert round(balance, 6) == round(0.8676471, 6), balance

    # minimum frustration over all 2-bloc partitions (node 0 fixed in bloc 0 => 2^15)
    idx = {v: i for i, v in enumerate(nodes)}
    elist = [(idx[u], idx[v], d["sign"]) for u, v, d in G.edges(data=True)]
    best, best_parts = None, []
    for mask in range(1 << (n - 1)):
        side = [0] + [(mask >> k) & 1 for k in range(n - 1)]
        f = sum(1 for u, v, s in elist
                if (s > 0 and side[u] != side[v]) or (s < 0 and side[u] == side[v]))
        if best is None or f < best:
            best, best_parts = f, [side]
        elif f == best:
            best_parts.append(side)
    assert best == 7, best
    optimal = []
    for side in best_parts:
        bloc0 = [v for v in nodes if side[idx[v]] == 0]
        bloc1 = [v for v in nodes if side[idx[v]] == 1]
        optimal.append(sorted([bloc0, bloc1], key=lambda b: b[0]))
    optimal.sort()

    exp = {
        "dataset": "tribes",
        "source": ("Read (1954) Gahuku-Gama Highland Tribes; edge list = KONECT ucidata-gama "
                   "(UCINET gama.dat GAMAPOS minus GAMANEG), UCINET labels"),
        "directed": False,
        "signed": True,
        "nodes": nodes,
        "ucinet_order": TRIBE_LABELS,
        "n_nodes": n,
        "n_edges": m,
        "n_positive": pos,
        "n_negative": neg,
        "triangles": tri_total,
        "triangles_balanced": tri_bal,
        "triangles_by_type": by_type,
        "balance_triangles": balance,
        "balance_triangles_reference": 0.8676471,
        "balance_triangles_reference_source": 'R signnet balance_score(tribes, method="triangles")',
        "min_frustration_2_blocs": best,
        "min_frustration_2_blocs_n_optimal": len(best_parts),
        "min_frustration_2_blocs_optimal_partitions": optimal,
        "versions": VERSIONS,
    }
    write_json(SIGNED_DIR / "tribes.expected.json", exp)
    return exp


def main():
    random.seed(0)
    cent = make_centrality()
    lfr = make_lfr()
    tribes = make_tribes()

    print("centrality datasets:")
    for name, nn, ne, nc, lq, iq in cent:
        print(f"  {name:16s} nodes={nn:4d} edges={ne:4d} components={nc} "
              f"louvain_Q={lq:.6f} igraph_Q={iq:.6f}")
    print("LFR:")
    for e in lfr:
        print(f"  {e['dataset']}: seed={e['seed']} nodes={e['n_nodes']} edges={e['n_edges']} "
              f"planted={e['n_planted_communities']} realized_mu={e['realized_mixing']:.3f} igraph NMI={e['igraph_multilevel_nmi']:.4f} "
              f"(min {e['igraph_multilevel_nmi_min']:.4f}) Q={e['igraph_multilevel_modularity']:.4f} "
              f"louvain Q={e['louvain_best_modularity']:.4f}")
    print(f"tribes: n={tribes['n_nodes']} m={tribes['n_edges']} +{tribes['n_positive']}/-"
          f"{tribes['n_negative']} triangles={tribes['triangles']} balanced={tribes['triangles_balanced']} "
          f"balance={tribes['balance_triangles']:.7f} min_frustration={tribes['min_frustration_2_blocs']} "
          f"(optimal partitions: {tribes['min_frustration_2_blocs_n_optimal']})")
    print("versions:", VERSIONS)


if __name__ == "__main__":
    main()
