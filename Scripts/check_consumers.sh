#!/usr/bin/env bash
# Exports the bundled network and has the tools users load it into read it back:
# NetworkX (read_graphml, read_gexf) and the dot command line. NetworkX comes from
# the system Python when it has it, else from PyPI into .venv-consumers/.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${BIN:-.build/debug/factions}"
PY=python3
if ! python3 -c 'import networkx' 2>/dev/null; then
    if [ ! -x .venv-consumers/bin/python ]; then
        echo "consumers: installing networkx into .venv-consumers" >&2
        python3 -m venv .venv-consumers
        .venv-consumers/bin/pip install -q "networkx==3.6.1"
    fi
    PY=.venv-consumers/bin/python
fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
"$BIN" extract -o "$out/network.json" >/dev/null
"$BIN" export -o "$out/network.graphml" >/dev/null
"$BIN" export -o "$out/network.gexf" >/dev/null
"$BIN" export -o "$out/network.dot" >/dev/null
"$PY" Scripts/check_exports.py "$out/network.json" "$out/network.graphml" "$out/network.gexf" "$out/network.dot"
