#!/usr/bin/env bash
# `make bench`: times factions, igraph and NetworkX side by side on the same graphs and
# prints one table; writes Benchmarks/results/<date>.md and .json.
#
#   1. the benchmark venv .venv-bench (networkx, igraph, and numpy/scipy for NetworkX's
#      PageRank), created once
#   2. seeded graphs into Benchmarks/data/ (Scripts/bench_graphs.py; kept when present)
#   3. Benchmarks/ built in release
#   4. per graph, factions' benchmarks of it in one `swift package benchmark` run
#      (package-benchmark, Benchmarks/Benchmarks/AnalysisBenchmarks), turned into JSON
#      lines by Scripts/bench_factions.py; then igraph and NetworkX op by op
#      (Scripts/peer_bench.py). Every (tool, graph, op) runs in its own process, so that
#      its peak memory is that of the loaded graph plus that one op: package-benchmark
#      starts a process per benchmark. One run per graph rather than per op, because
#      each `swift package benchmark` spends about 10 s building before it runs.
#   5. Scripts/bench_table.py: the table and the results files
#
# Environment: BENCH_TIMEOUT (seconds per op process, default 120; factions' run of a
# graph gets that per benchmark in it), BENCH_NX_CAP (NetworkX betweenness/closeness run
# exactly only when a sample extrapolates under this, default 120), BENCH_GRAPHS and
# BENCH_OPS (space-separated subsets of the graphs and ops), BENCH_RESULTS (where the
# table goes, default Benchmarks/results), PYTHON (default python3). Run it under
# `nice -n 19` on a shared machine.
#
# An op on ba-1m is skipped for a tool whose ba-100k run of it timed out or took more
# than a tenth of the limit (it would not finish in time at ten times the size).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

TIMEOUT=${BENCH_TIMEOUT:-120}
NX_CAP=${BENCH_NX_CAP:-120}
PYTHON=${PYTHON:-python3}
VENV=$root/.venv-bench
DATA=$root/Benchmarks/data
RUN=$DATA/run            # raw JSON lines of this run (gitignored with data/)
RESULTS=${BENCH_RESULTS:-$root/Benchmarks/results}

# betweenness-1t and closeness-1t: factions on one thread, against the same peer runs
# (igraph and NetworkX are single-threaded).
# pagerank-nx-rule and eigenvector-nx-rule: factions on NetworkX's default stopping rule,
# against the same NetworkX runs (no NetworkX on ba-1m, so not run there).
NX_RULE_OPS="pagerank-nx-rule eigenvector-nx-rule"
ALL_OPS="betweenness betweenness-1t closeness closeness-1t pagerank eigenvector degree coreness louvain leiden $NX_RULE_OPS"
LINEAR_OPS="pagerank eigenvector degree coreness louvain leiden"
# graph → ops; betweenness and closeness (O(nm)) stop at 10,000 nodes for every tool.
declare -A OPS=(
    [ba-1k]=$ALL_OPS [ba-10k]=$ALL_OPS [lfr-10k-mu0.1]=$ALL_OPS [lfr-10k-mu0.3]=$ALL_OPS
    [ba-100k]="$LINEAR_OPS $NX_RULE_OPS" [ba-1m]=$LINEAR_OPS
)
GRAPHS=${BENCH_GRAPHS:-"ba-1k ba-10k lfr-10k-mu0.1 lfr-10k-mu0.3 ba-100k ba-1m"}
ONLY_OPS=" ${BENCH_OPS:-$ALL_OPS} "
# NetworkX stops at 100,000 nodes (a 1M-node nx.Graph alone needs gigabytes).
NX_SKIP_GRAPHS=" ba-1m "

say() { echo "bench: $*" >&2; }

# 1. venv
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import igraph, networkx, scipy' 2>/dev/null; then
    say "creating $VENV"
    "$PYTHON" -m venv "$VENV"
    "$VENV/bin/pip" install -q networkx==3.6.1 igraph==1.0.0 numpy==2.4.6 scipy==1.17.1
fi
PY=$VENV/bin/python

# 2. graphs
say "graphs → Benchmarks/data/"
"$PY" Scripts/bench_graphs.py --out "$DATA"

# 3. build
say "building Benchmarks (release)"
bash Scripts/replan.sh "$root/Benchmarks/.build"
# Sources edited during the build make it fail ("modified during the build"): retry.
for attempt in 1 2 3; do
    if (cd Benchmarks && swift build -c release --scratch-path .build) >"$DATA/build.log" 2>&1; then break; fi
    if [ "$attempt" = 3 ] || ! grep -q "modified during the build" "$DATA/build.log"; then
        cat "$DATA/build.log" >&2; say "build failed"; exit 1
    fi
    say "sources changed during the build; building again"; sleep 5
done

# 4. runs
rm -rf "$RUN"; mkdir -p "$RUN"
# run_factions GRAPH OP…: package-benchmark times loading GRAPH and each OP on it; the
# ops' JSON lines go to RUN/factions.jsonl, loading's to RUN/load.jsonl.
run_factions() {
    local graph=$1 dir=$RUN/factions-$1 status=0 op limit
    shift
    local -a filters=(--filter "load/${graph//./\\.}")
    for op in "$@"; do filters+=(--filter "$op/${graph//./\\.}"); done
    limit=$((TIMEOUT * ($# + 1)))
    mkdir -p "$dir"
    (cd Benchmarks && timeout --signal=KILL "$limit" swift package --allow-writing-to-directory "$dir" \
        benchmark --target AnalysisBenchmarks "${filters[@]}" --format histogramEncoded --path "$dir" \
        --no-progress) >"$dir/log" 2>&1 || status=$?
    local ops; ops=$(IFS=,; echo "load,$*")
    "$PY" Scripts/bench_factions.py "$dir" --graph "$graph" --ops "$ops" --data "$DATA" \
        --status "$status" --limit "$limit" >"$dir/lines"
    grep '"op": *"load"' "$dir/lines" >>"$RUN/load.jsonl" || true
    grep -v '"op": *"load"' "$dir/lines" >>"$RUN/factions.jsonl" || true
    cut -c1-160 "$dir/lines" >&2
}

# run_one TOOL GRAPH OP: appends the peer's JSON line (or a timeout/failure line) to RUN/TOOL.jsonl
run_one() {
    local tool=$1 graph=$2 op=$3 out=$RUN/$1.jsonl tmp=$RUN/current.out status=0
    local -a cmd=("$PY" Scripts/peer_bench.py --tool "$tool" --data "$DATA" --graph "$graph" --ops "$op" --cap "$NX_CAP")
    OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 timeout --signal=KILL "$TIMEOUT" "${cmd[@]}" >"$tmp" 2>"$RUN/current.err" || status=$?
    if grep -q "\"op\": *\"$op\"" "$tmp"; then
        grep -v '"op": *"load"' "$tmp" >>"$out"
        grep '"op": *"load"' "$tmp" >>"$RUN/load.jsonl" || true
    elif [ "$status" = 137 ]; then
        printf '{"tool":"%s","op":"%s","graph":"%s","seconds":null,"timeout":%s}\n' "$tool" "$op" "$graph" "$TIMEOUT" >>"$out"
    else
        local why; why=$(tail -c 300 "$RUN/current.err" | tr '\n"\\' "  /")
        printf '{"tool":"%s","op":"%s","graph":"%s","seconds":null,"error":"exit %s: %s"}\n' "$tool" "$op" "$graph" "$status" "$why" >>"$out"
    fi
    tail -n 1 "$out" | cut -c1-160 >&2
}

too_slow_at_100k() {  # too_slow_at_100k TOOL OP: prints why ba-1m would not finish, if so
    [ -f "$RUN/$1.jsonl" ] || return 1
    "$PY" - "$RUN/$1.jsonl" "$2" "$TIMEOUT" <<'PY'
import json, sys
path, op, limit = sys.argv[1], sys.argv[2], float(sys.argv[3])
for line in open(path):
    r = json.loads(line)
    if r.get("graph") == "ba-100k" and r.get("op") == op:
        if r.get("timeout"):
            print(f"ba-100k exceeded {limit:.0f} s"); sys.exit(0)
        if r.get("seconds") is not None and not r.get("estimated") and 10 * r["seconds"] > limit:
            print(f"ba-100k took {r['seconds']:.1f} s; 10x exceeds the {limit:.0f} s limit"); sys.exit(0)
sys.exit(1)
PY
}

# skip_at_1m TOOL OP: true (and the line said) when TOOL's OP is not to run on ba-1m
skip_at_1m() {
    local why
    why=$(too_slow_at_100k "$1" "$2") || return 1
    printf '{"tool":"%s","op":"%s","graph":"%s","seconds":null,"skipped":"%s"}\n' \
        "$1" "$2" ba-1m "$why" >>"$RUN/$1.jsonl"
    tail -n 1 "$RUN/$1.jsonl" >&2
}

for graph in $GRAPHS; do
    ops=()
    for op in ${OPS[$graph]}; do
        if [[ "$ONLY_OPS" == *" $op "* ]]; then ops+=("$op"); fi
    done
    [ ${#ops[@]} -gt 0 ] || continue
    factions_ops=()
    for op in "${ops[@]}"; do
        if [ "$graph" = ba-1m ] && skip_at_1m factions "$op"; then continue; fi
        factions_ops+=("$op")
    done
    run_factions "$graph" "${factions_ops[@]}"
    for op in "${ops[@]}"; do
        [[ "$op" == *-1t || "$op" == *-nx-rule ]] && continue
        for tool in igraph networkx; do
            if [ "$tool" = networkx ] && [[ "$NX_SKIP_GRAPHS" == *" $graph "* ]]; then continue; fi
            if [ "$graph" = ba-1m ] && skip_at_1m "$tool" "$op"; then continue; fi
            run_one "$tool" "$graph" "$op"
        done
    done
done

# 5. table
"$PY" Scripts/bench_table.py --timeout "$TIMEOUT" --nx-cap "$NX_CAP" --out "$RESULTS" \
    "$RUN/factions.jsonl" "$RUN/igraph.jsonl" "$RUN/networkx.jsonl" --load "$RUN/load.jsonl"
