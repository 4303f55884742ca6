#!/usr/bin/env bash
# Scripts/replan.sh SCRATCH: drops the cached build plan of a package that depends on
# this one by path (Fuzz/, Benchmarks/), built in the folder SCRATCH, when a source file
# has been added to or removed from the main package since it was last built there.
# SwiftPM plans such a build again when a manifest changes, not when a dependency gains
# a file, so the stale plan compiles without it ("cannot find 'X' in scope").
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
scratch="$1"
list="$scratch/main-sources.list"
current="$(cd "$root" && find Sources -type f | LC_ALL=C sort)"
if [ ! -f "$list" ] || [ "$current" != "$(cat "$list")" ]; then
    rm -f "$scratch"/*/description.json
    mkdir -p "$scratch"
    printf '%s\n' "$current" > "$list"
fi
