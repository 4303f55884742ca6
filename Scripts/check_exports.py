#!/usr/bin/env python3
"""Checks factions' exports with the tools users load them into.

Usage: check_exports.py NETWORK.json GRAPHML GEXF DOT
Loads the GraphML and GEXF with NetworkX (read_graphml, read_gexf) and compares nodes,
ties and attributes with the network JSON; parses the DOT with the `dot` command line;
validates the GEXF against the GEXF 1.3 schema when xmllint and the schema are present
(GEXF_SCHEMA=path/to/gexf.xsd). Prints one line per check; exits 1 on any failure.
"""
import json
import os
import shutil
import subprocess
import sys
from collections import Counter

import networkx as nx

network_path, graphml_path, gexf_path, dot_path = sys.argv[1:5]
network = json.load(open(network_path, encoding="utf-8"))
actors = {a["id"]: a for a in network["actors"]}
ties = network["ties"]
failures = 0
passed = 0


def check(name, ok, detail=""):
    global failures, passed
    print(("ok   " if ok else "FAIL ") + name + (f": {detail}" if detail and not ok else ""))
    if not ok:
        failures += 1
    else:
        passed += 1


def tie_counter(pairs):
    return Counter(tuple(sorted(p[:2])) + p[2:] for p in pairs)


expected = tie_counter((t["source"], t["target"], t["type"], t["sign"]) for t in ties)

g = nx.read_graphml(graphml_path, force_multigraph=True)
check("graphml: same nodes", set(g.nodes) == set(actors), f"{len(g)} vs {len(actors)}")
check("graphml: node attributes", all(g.nodes[n]["kind"] == actors[n]["kind"] and g.nodes[n]["name"] == actors[n]["name"]
                                      for n in g.nodes))
got = tie_counter((u, v, d["type"], int(d["sign"])) for u, v, d in g.edges(data=True))
check("graphml: same ties (type, sign)", got == expected, f"{sum(got.values())} vs {sum(expected.values())}")
weights = sorted(float(d["weight"]) for _, _, d in g.edges(data=True))
check("graphml: weights", weights == sorted(float(t["weight"]) for t in ties))
check("graphml: evidence quotes", all("quote" in d for _, _, d in g.edges(data=True)) or not ties)

x = nx.read_gexf(gexf_path, version="1.3")
check("gexf: same nodes", set(x.nodes) == set(actors), f"{len(x)} vs {len(actors)}")
check("gexf: labels and kinds", all(x.nodes[n]["label"] == actors[n]["name"] and x.nodes[n]["kind"] == actors[n]["kind"] for n in x.nodes))
edges = list(x.edges(data=True)) if not x.is_multigraph() else list(x.edges(data=True, keys=False))
got = tie_counter((u, v, d["type"], int(d["sign"])) for u, v, d in edges)
check("gexf: same ties (type, sign)", got == expected, f"{sum(got.values())} vs {sum(expected.values())}")
dated = [d for _, _, d in edges if d.get("spells")]
check("gexf: ties with period spells", bool(dated) or not network["periods"], f"{len(dated)} of {len(edges)}")

if shutil.which("dot"):
    r = subprocess.run(["dot", "-Tsvg", dot_path], capture_output=True)
    check("dot: the dot command line parses the export", r.returncode == 0, r.stderr.decode()[:200])
else:
    print("skip dot: the dot command line is not installed")

schema = os.environ.get("GEXF_SCHEMA")
if schema and shutil.which("xmllint") and os.path.exists(schema):
    r = subprocess.run(["xmllint", "--noout", "--schema", schema, gexf_path], capture_output=True)
    check("gexf: valid against the GEXF 1.3 schema", r.returncode == 0, r.stderr.decode()[:300])
else:
    print("skip gexf schema: set GEXF_SCHEMA to gexf.xsd (with xmllint installed) to validate")

print(f"{passed} passed, {failures} failed")
sys.exit(1 if failures else 0)
