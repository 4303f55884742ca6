#!/usr/bin/env bash
# `make bench-extract` (also run by `make bench`): extraction at scale.
#
# Builds a corpus of at least 100 MB from the bundled essays (each copy a separate
# document, so per-document work and merging are exercised as in an archive) into
# Benchmarks/data/corpus-100mb/, then times `factions extract` on it in a release
# build, once pinned to one core and once on all cores, with peak memory, and writes
# Benchmarks/results/extract-<date>.md. Each is timed as a user runs it by default (the
# lexicon plus the names discovery finds: every text read twice) and with a curated
# lexicon (`--no-discover`: every text read once), and by default once more with the
# output forced to disk before it is renamed into place (`FACTIONS_FSYNC=1`).
#
# Environment: EXTRACT_MB (corpus size, default 100), EXTRACT_RUNS (runs of each,
# default 3), BENCH_RESULTS (default Benchmarks/results), EXTRACT_BASELINE (a git
# revision: its build, made in a worktree under .build-baseline/, is timed one core with
# discovery taking turns with this one, for a ratio that the machine's speed, which moves
# by a third between runs here, does not move).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
MB=${EXTRACT_MB:-100}
DATA=$root/Benchmarks/data/corpus-${MB}mb
RESULTS=${BENCH_RESULTS:-$root/Benchmarks/results}
mkdir -p "$RESULTS"

swift build -c release --product factions >&2
bin=$root/.build/release/factions

source_bytes=$(cat Graphs/russia-1917/corpus/*.txt | wc -c)
copies=$(( (MB * 1000000 + source_bytes - 1) / source_bytes ))
if [ ! -f "$DATA/.complete-$copies" ]; then
    rm -rf "$DATA"
    mkdir -p "$DATA/corpus"
    cp Graphs/russia-1917/lexicon.yaml Graphs/russia-1917/periods.yaml "$DATA/"
    for i in $(seq -w 1 "$copies"); do
        for f in Graphs/russia-1917/corpus/*.txt; do cp "$f" "$DATA/corpus/$i-$(basename "$f")"; done
    done
    touch "$DATA/.complete-$copies"
fi
corpus_bytes=$(cat "$DATA"/corpus/*.txt | wc -c)
documents=$(ls "$DATA/corpus" | wc -l)
largest_bytes=$(find "$DATA/corpus" -name '*.txt' -printf '%s\n' | sort -n | tail -1)

calc() { awk "BEGIN { printf \"%.2f\", $1 }"; }

baseline=${EXTRACT_BASELINE:-}
base_bin=
if [ -n "$baseline" ]; then
    base_rev=$(git rev-parse --short "$baseline^{commit}")
    tree=$root/.build-baseline/$base_rev
    if [ ! -x "$tree/.build/release/factions" ]; then
        rm -rf "$tree"
        git worktree prune
        git worktree add --detach "$tree" "$base_rev" >&2
        (cd "$tree" && swift build -c release --product factions >&2)
    fi
    base_bin=$tree/.build/release/factions
fi

# run LABEL CPULIST [FLAGS]: wall s, CPU s, peak KiB of `factions extract` (of the
# baseline's build when LABEL is "baseline"). The output of the run before is removed
# first, outside the clock: renaming the new network.json over an old one of 300 MB
# makes the file system free the old one's blocks then and there (0.17-0.31 s here,
# measured below for the results), a cost of the disk, not of extraction.
run() {
    local flags=${3:-}
    local out=$DATA/network$flags.json
    local program=$bin
    local fsync=0
    if [ "$1" = baseline ]; then program=$base_bin; out=$DATA/network-baseline.json; fi
    case $1 in *-durable) fsync=1; out=$DATA/network-durable.json ;; esac
    rm -f "$out"
    FACTIONS_FSYNC=$fsync /usr/bin/time -f "%e %U %S %M" -o "$DATA/time-$1" taskset -c "$2" "$program" extract "$DATA" $flags -o "$out" >/dev/null
    read -r wall user sys peak < "$DATA/time-$1"
    echo "$wall $(calc "$user + $sys") $peak"
}
# The fastest of RUNS runs of each, one core and all cores taking turns, as the analysis
# benchmarks keep their fastest run: one run apiece moved MB/s by a quarter between
# identical builds on this machine.
RUNS=${EXTRACT_RUNS:-3}
all_cores=$(seq -s, 0 $(( $(nproc) - 1 )))
# By run label: the fastest run's wall s, CPU s and peak KiB.
declare -A wall cpu peak
# measure LABEL CPULIST [FLAGS]: a run, kept when it is LABEL's fastest yet; its wall
# time in $last.
measure() {
    local w c m
    read -r w c m <<< "$(run "$@")"
    if [ -z "${wall[$1]:-}" ] || awk "BEGIN { exit !($w < ${wall[$1]}) }"; then wall[$1]=$w; cpu[$1]=$c; peak[$1]=$m; fi
    last=$w
}
# By row (default, curated, durable): each all-cores run against the one-core run of
# the row just before it. The fastest runs of the two can fall in different states of
# the machine, which moved the speed-up of the fastest runs from 1.66 to 1.99 between
# runs of builds that differ in the writer alone.
declare -A speedups
# pair ROW [FLAGS]: ROW's one-core run (its wall time left in $one_last), then its
# all-cores run.
pair() {
    local row=$1
    shift
    measure "one-$row" 0 "$@"
    one_last=$last
    measure "all-$row" "$all_cores" "$@"
    speedups[$row]+=" $(calc "$one_last / $last")"
}
pairs=()
for _ in $(seq "$RUNS"); do
    [ -n "$base_bin" ] && measure baseline 0 && base_wall=$last
    pair default
    # Each run of this build against the baseline's run just before it: the fastest
    # runs of the two can fall minutes apart, in different states of the machine.
    [ -n "$base_bin" ] && pairs+=("$(calc "$one_last / $base_wall")")
    pair curated --no-discover
    pair durable
done
network_bytes=$(wc -c < "$DATA/network.json")
# What a run writing over the previous network.json pays on top: the rename of a
# written and synced copy over it.
cp "$DATA/network.json" "$DATA/network-copy.json"
sync
replace_start=$(date +%s.%N)
mv -f "$DATA/network-copy.json" "$DATA/network.json"
replace_s=$(calc "$(date +%s.%N) - $replace_start")
curated_bytes=$(wc -c < "$DATA/network--no-discover.json")

# Instructions, which do not move with the machine's load as wall time does (a third
# between runs minutes apart here): callgrind counts those of one extraction of the
# corpus's first 125 documents (25 copies of the essays, 4.9 MB) on one thread, with
# Swift's hashing made deterministic so that dictionaries probe alike from run to run.
# Skipped without valgrind.
instructions=
if command -v valgrind >/dev/null; then
    slice=$(mktemp -d)
    mkdir "$slice/corpus"
    cp "$DATA/lexicon.yaml" "$DATA/periods.yaml" "$slice/"
    texts=("$DATA"/corpus/*.txt)
    for f in "${texts[@]:0:125}"; do ln -s "$f" "$slice/corpus/$(basename "$f")"; done
    slice_bytes=$(cat "$slice"/corpus/*.txt | wc -c)
    # valgrind cannot read the debug information of a Swift binary: a copy without it.
    cp "$bin" "$slice/factions" && strip --strip-debug "$slice/factions"
    count() {
        SWIFT_DETERMINISTIC_HASHING=1 taskset -c 0 valgrind --tool=callgrind \
            --callgrind-out-file="$slice/callgrind.out" "$slice/factions" extract "$slice" "$@" -o "$slice/network.json" 2>&1 \
            | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
    }
    counted=$(count)
    counted_curated=$(count --no-discover)
    [ -n "$counted" ] && [ -n "$counted_curated" ] && instructions="$counted $counted_curated $slice_bytes"
    rm -rf "$slice"
fi
summary=$("$bin" rank "$DATA/network.json" --top 1 --format csv | tail -1 | cut -d, -f1-3)

mbps() { calc "$corpus_bytes / 1000000 / $1"; }
mib() { awk "BEGIN { printf \"%d\", $1 / 1024 }"; }
date=$(date +%Y-%m-%d)
file=$RESULTS/extract-$date.md
{
    echo "# Extraction at scale, $date"
    echo
    echo "- machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- factions $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- Sources || echo ' + uncommitted changes'), $(swift --version 2>/dev/null | head -1)"
    echo "- corpus: the five bundled essays copied $copies times, $documents documents, $(calc "$corpus_bytes / 1000000") MB; largest document $largest_bytes bytes"
    echo "- output: network.json $(calc "$network_bytes / 1000000") MB with discovery, $(calc "$curated_bytes / 1000000") MB with \`--no-discover\`; top actor (rank, id, name): $summary"
    echo
    echo "| actors | readings of each text | cores | wall s | CPU s | MB/s | peak MiB | speed-up on $(nproc) cores |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|"
    # rows ROW ACTORS READINGS: the one-core and all-cores rows of ROW.
    rows() {
        local one=one-$1 all=all-$1
        echo "| $2 | $3 | 1 | ${wall[$one]} | ${cpu[$one]} | $(mbps "${wall[$one]}") | $(mib "${peak[$one]}") | |"
        echo "| $2 | $3 | $(nproc) | ${wall[$all]} | ${cpu[$all]} | $(mbps "${wall[$all]}") | $(mib "${peak[$all]}") | $(calc "${wall[$one]} / ${wall[$all]}") |"
    }
    rows default "lexicon + discovery (default)" 2
    rows curated "lexicon only (\`--no-discover\`)" 1
    rows durable "lexicon + discovery, forced to disk (\`FACTIONS_FSYNC=1\`)" 2
    if [ -n "$base_bin" ]; then
        echo "| build $base_rev (baseline): lexicon + discovery | 2 | 1 | ${wall[baseline]} | ${cpu[baseline]} | $(mbps "${wall[baseline]}") | $(mib "${peak[baseline]}") | |"
    fi
    echo
    echo "MB/s is corpus megabytes (10^6 bytes) per wall-clock second of the whole command: reading, every pass, merging and writing network.json to a temporary file renamed into place (with \`FACTIONS_FSYNC=1\`, forced to disk before the rename); each row is the fastest of $RUNS runs (the rows taking turns), with that run's CPU time and peak memory. Each run writes where no file is (the previous run's output removed before the clock starts): renaming a network.json over an existing one of the same size took $replace_s s more on this disk, the file system freeing the old file's blocks."
    # sorted VALUES...: the values in order and their median.
    spread() {
        local sorted
        sorted=$(printf '%s\n' "$@" | sort -n)
        echo "$(echo "$sorted" | paste -sd' ') (median $(echo "$sorted" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'))"
    }
    echo
    # The values are words of one string: split on purpose.
    # shellcheck disable=SC2086
    echo "Speed-up on $(nproc) cores run by run (each all-cores run against the one-core run of its row just before it): with discovery $(spread ${speedups[default]}); \`--no-discover\` $(spread ${speedups[curated]}); forced to disk $(spread ${speedups[durable]})."
    if [ -n "$base_bin" ]; then
        echo
        echo "Against build $base_rev, one core with discovery: each run of this build took, of the wall time of the baseline's run just before it, $(spread "${pairs[@]}"); the fastest runs of each, $(calc "${wall[one-default]} / ${wall[baseline]}")."
    fi
    if [ -n "$instructions" ]; then
        read -r count count_curated bytes <<< "$instructions"
        echo
        echo "Instructions (callgrind, one thread, SWIFT_DETERMINISTIC_HASHING=1) for the whole command on the corpus's first 125 documents, $(calc "$bytes / 1000000") MB: $(calc "$count / 1000000") M, $(calc "$count / $bytes") per byte, with discovery; $(calc "$count_curated / 1000000") M, $(calc "$count_curated / $bytes") per byte, with \`--no-discover\`."
    fi
} > "$file"
cat "$file"
