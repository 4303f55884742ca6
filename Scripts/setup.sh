#!/usr/bin/env bash
# Installs what factions needs to build and draw: libgraphviz-dev and pkg-config
# (plus graphviz's command line, used to register plugins and by the DOT export
# check), and makes sure Graphviz's plugin list is written.
set -euo pipefail

packages=()
command -v pkg-config >/dev/null 2>&1 || packages+=(pkg-config)
if ! pkg-config --exists libgvc 2>/dev/null || [ ! -f /usr/include/graphviz/gvc.h ]; then
    packages+=(libgraphviz-dev)
fi
command -v dot >/dev/null 2>&1 || packages+=(graphviz)
# Diagrams name DejaVu Sans so that they do not change with whatever other fonts are installed.
fc-list 2>/dev/null | grep -q "DejaVuSans.ttf" || packages+=(fonts-dejavu-core)

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"
    elif command -v sudo >/dev/null 2>&1; then sudo "$@"
    else return 127
    fi
}

if [ ${#packages[@]} -gt 0 ]; then
    echo "setup: installing ${packages[*]} (Debian packages)" >&2
    if ! { as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null; }; then
        echo "setup: error: could not install ${packages[*]}; install them yourself (apt-get install ${packages[*]}) and run make again" >&2
        exit 1
    fi
fi

# Graphviz finds its layout engines through the plugin list config6a, written by
# the package's install script; where that step was skipped every layout fails.
libdir="$(pkg-config --variable=libdir libgvc 2>/dev/null || echo /usr/lib/x86_64-linux-gnu)/graphviz"
if [ ! -s "$libdir/config6a" ] || ! echo 'graph{a}' | dot -Kneato -Tsvg >/dev/null 2>&1; then
    echo "setup: registering Graphviz plugins (dot -c)" >&2
    if ! as_root dot -c; then
        echo "setup: error: Graphviz plugins are not registered; run 'dot -c' as root" >&2
        exit 1
    fi
fi
