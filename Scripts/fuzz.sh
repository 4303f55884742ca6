#!/usr/bin/env bash
# Builds the libFuzzer targets of Fuzz/ (Swift, -sanitize=fuzzer,address) and runs each
# for SECONDS over its committed corpus in Fuzz/Corpus/<Target>/.
#
#   Scripts/fuzz.sh [SECONDS] [TARGET...]      default: 600 s, every target
#   FUZZ_MERGE=1 Scripts/fuzz.sh 600 FuzzCSV   afterwards replace Fuzz/Corpus/<Target>/ with
#                                              the -merge=1 minimisation of it and the new inputs
#
# New inputs go to .build-fuzz/corpus/<Target>/ (never the committed corpus) and crash,
# timeout and out-of-memory reproducers to .build-fuzz/findings/<Target>/
# (not .build-fuzz/artifacts, which SwiftPM empties on every build). Exits non-zero
# when any target fails, naming the reproducer; rerun one with
#   .build-fuzz/x86_64-unknown-linux-gnu/release/<Target> <reproducer>
# Leak detection is off: FoundationXML (swift-corelibs-foundation) leaks a CFError on every
# XML parse error, which is not factions' memory; every other AddressSanitizer check is on.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

seconds="${1:-600}"
[ $# -gt 0 ] && shift
all=(FuzzText FuzzLexicon FuzzGraphML FuzzGEXF FuzzCSV FuzzDOT)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all[@]}")
for t in "${targets[@]}"; do
    [[ " ${all[*]} " == *" $t "* ]] || { echo "fuzz: unknown target '$t'; targets: ${all[*]}" >&2; exit 2; }
done
case "$seconds" in ''|*[!0-9]*) echo "fuzz: SECONDS must be a whole number, not '$seconds'" >&2; exit 2 ;; esac

# Leaks off (see above); Swift's own crash backtracer off, so that a Swift trap is
# reported by libFuzzer/AddressSanitizer with its stack instead of tripping ASan itself.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"
export SWIFT_BACKTRACE="${SWIFT_BACKTRACE:-enable=no}"

scratch="$root/.build-fuzz"
swift="${SWIFT:-swift}"
build=("$swift" build -c release --package-path "$root/Fuzz" --scratch-path "$scratch"
       -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library)
bash "$root/Scripts/replan.sh" "$scratch"
for t in "${targets[@]}"; do
    echo "fuzz: building $t" >&2
    "${build[@]}" --product "$t" >&2
done
bin="$("${build[@]}" --show-bin-path)"

failed=()
# Reproducers of crashes found and fixed before: each must now run clean.
for t in "${targets[@]}"; do
    [ -d "Fuzz/Crashes/$t" ] || continue
    if ! "$bin/$t" -rss_limit_mb=2048 -timeout=10 Fuzz/Crashes/"$t"/* >"$scratch/crashes-$t.log" 2>&1; then
        echo "fuzz: $t: a reproducer in Fuzz/Crashes/$t fails again; see $scratch/crashes-$t.log" >&2
        failed+=("$t")
    fi
done
for t in "${targets[@]}"; do
    work="$scratch/corpus/$t"
    artifacts="$scratch/findings/$t"
    log="$scratch/logs/$t.log"
    mkdir -p "$work" "$artifacts" "$(dirname "$log")"
    before="$( (find "$artifacts" -type f 2>/dev/null || true) | wc -l)"
    echo "fuzz: $t for ${seconds}s (log: $log)" >&2
    status=0
    "$bin/$t" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
        -detect_leaks=0 -print_final_stats=1 -artifact_prefix="$artifacts/" \
        "$work" "Fuzz/Corpus/$t" >"$log" 2>&1 || status=$?
    # The last status line: executions, coverage, corpus size, exec/s.
    grep -E '^#[0-9]+' "$log" | tail -n 1 | sed "s/^/fuzz: $t: /" >&2 || true
    grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$log" | sed "s/^/fuzz: $t: /" >&2 || true
    after="$( (find "$artifacts" -type f 2>/dev/null || true) | wc -l)"
    if [ "$status" -ne 0 ] || [ "$after" -gt "$before" ]; then
        echo "fuzz: $t FAILED (exit $status); the report:" >&2
        grep -n -E 'ERROR: |SUMMARY: |Fatal error|deadly signal|Test unit written|#[0-9]+ 0x' "$log" | head -n 40 >&2 || true
        for f in "$artifacts"/*; do [ -e "$f" ] && echo "fuzz: reproducer: $f" >&2; done
        failed+=("$t")
        continue
    fi
    if [ "${FUZZ_MERGE:-0}" = 1 ]; then
        # Minimise: the smallest set of committed and new inputs with the same coverage
        # replaces the committed corpus.
        merged="$scratch/merged/$t"
        rm -rf "$merged" && mkdir -p "$merged"
        "$bin/$t" -merge=1 -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
            "$merged" "Fuzz/Corpus/$t" "$work" >>"$log" 2>&1
        rm -rf "Fuzz/Corpus/$t" && cp -R "$merged" "Fuzz/Corpus/$t"
        echo "fuzz: $t: merged; Fuzz/Corpus/$t has $(ls "Fuzz/Corpus/$t" | wc -l) files ($(du -sh "Fuzz/Corpus/$t" | cut -f1))" >&2
    fi
done

if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz: failed: ${failed[*]}" >&2
    exit 1
fi
echo "fuzz: ${#targets[@]} targets ran ${seconds}s each with no crash" >&2
