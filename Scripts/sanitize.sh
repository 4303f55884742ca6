#!/usr/bin/env bash
# Builds and runs the whole test suite under AddressSanitizer and ThreadSanitizer, each in
# its own build folder (.build-asan, .build-tsan) so that the normal .build is untouched.
#
#   Scripts/sanitize.sh                  both, address first
#   Scripts/sanitize.sh thread           one of them
#
# The CLI tests run the factions binary of the same build: FACTIONS_BINARY names it
# (Tests/FactionsCLITests/EndToEndTests.swift, CLI.binary), and it is built with the same
# sanitizer, so every process the tests start is checked too.
#
# LeakSanitizer stays on, with suppressions for memory that libraries outside factions
# allocate and never free (checked with full stacks: none of it is allocated by factions'
# code): Graphviz (HTML-label parser, neato's straight edges), the fontconfig, Pango,
# cairo, GLib and expat caches it uses to draw text, swift-corelibs-foundation's XMLParser
# (a CFError per XML parse error; the GraphML/GEXF tests feed it malformed files on purpose),
# Foundation's Process.run (a weak-reference side table per started process) and the
# XCTest harness itself.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
swift="${SWIFT:-swift}"

sanitizers=("$@")
[ ${#sanitizers[@]} -eq 0 ] && sanitizers=(address thread)

supp="$(mktemp "${TMPDIR:-/tmp}/factions-lsan.XXXXXX")"
trap 'rm -f "$supp"' EXIT
cat >"$supp" <<'EOF'
leak:libgvc.so
leak:libcgraph.so
leak:libgvplugin_
leak:libfontconfig.so
leak:libpango
leak:libcairo.so
leak:libglib-2.0.so
leak:libexpat.so
leak:_CFErrorCreateFromXMLInterface
leak:libXCTest.so
leak:10Foundation7ProcessC3runyyKF
EOF
# print_suppressions=0: the CLI tests compare stderr line by line.
export LSAN_OPTIONS="suppressions=$supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export TSAN_OPTIONS="${TSAN_OPTIONS:-halt_on_error=0:second_deadlock_stack=1}"
# Swift's own crash backtracer would run inside the sanitizer and obscure its report.
export SWIFT_BACKTRACE="${SWIFT_BACKTRACE:-enable=no}"

failed=()
for sanitizer in "${sanitizers[@]}"; do
    case "$sanitizer" in
        address) scratch="$root/.build-asan" ;;
        thread) scratch="$root/.build-tsan" ;;
        *) echo "sanitize: unknown sanitizer '$sanitizer'; use address or thread" >&2; exit 2 ;;
    esac
    flags=(--sanitize="$sanitizer" --scratch-path "$scratch")
    echo "sanitize: building with --sanitize=$sanitizer in $scratch" >&2
    "$swift" build --build-tests "${flags[@]}"
    FACTIONS_BINARY="$("$swift" build "${flags[@]}" --show-bin-path)/factions"
    # FACTIONS_SANITIZER lets a test skip what a sanitizer's runtime cannot do (the
    # ThreadSanitizer runtime itself dies with SIGBUS under `ulimit -f`).
    FACTIONS_SANITIZER="$sanitizer"
    export FACTIONS_BINARY FACTIONS_SANITIZER
    echo "sanitize: testing with --sanitize=$sanitizer (CLI: $FACTIONS_BINARY)" >&2
    if "$swift" test --skip-build "${flags[@]}"; then
        echo "sanitize: $sanitizer: passed" >&2
    else
        echo "sanitize: $sanitizer: FAILED" >&2
        failed+=("$sanitizer")
    fi
done

if [ ${#failed[@]} -gt 0 ]; then
    echo "sanitize: failed under: ${failed[*]}" >&2
    exit 1
fi
echo "sanitize: the test suite passed under: ${sanitizers[*]}" >&2
