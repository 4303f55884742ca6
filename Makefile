# factions: two commands do everything on a fresh Debian machine with Swift.
#   make demo   extract, rank and draw the bundled dataset into Output/russia-1917/
#   make test   build and run the whole test suite
SWIFT ?= swift
CONFIG ?= release
DATASET ?= Graphs/russia-1917

.PHONY: demo test setup build clean bench bench-extract bench-render fuzz sanitize

setup:
	@bash Scripts/setup.sh

build: setup
	$(SWIFT) build -c $(CONFIG) --product factions

demo: build
	"$$($(SWIFT) build -c $(CONFIG) --show-bin-path)/factions" report $(DATASET)

test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	bash Scripts/fuzz.sh 10
	bash Scripts/check_consumers.sh

# Side by side with igraph and NetworkX on the same seeded graphs (about 25 minutes):
# factions' analysis calls under package-benchmark (Benchmarks/Benchmarks/
# AnalysisBenchmarks, one `swift package benchmark` run per graph), igraph and NetworkX
# through Scripts/peer_bench.py; writes Benchmarks/results/<date>.md and .json.
# Then extraction and rendering.
bench: setup
	bash Scripts/bench.sh
	bash Scripts/bench_extract.sh
	bash Scripts/bench_render.sh

bench-extract: setup
	bash Scripts/bench_extract.sh

bench-render: setup
	bash Scripts/bench_render.sh

# libFuzzer targets (text, lexicon, GraphML, GEXF, CSV, DOT readers): 10 minutes each;
# `make test` runs each for 10 seconds.
fuzz: setup
	bash Scripts/fuzz.sh 600

# The test suite under AddressSanitizer and ThreadSanitizer (separate build folders).
sanitize: setup
	bash Scripts/sanitize.sh

clean:
	rm -rf .build .build-fuzz .build-asan .build-tsan .build-baseline Benchmarks/.build
	-git worktree prune 2>/dev/null
