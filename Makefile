.PHONY: deps build test web-test demo demo-check bench clean

deps:
	@bash scripts/install-deps.sh

build: deps
	swift build

# The tests drive the real recrepo binary, so it is built first; then the web application in a
# real browser (headless Chromium, axe-core on every page).
test: deps
	swift build
	swift test
	bash scripts/web-test.sh

web-test: deps
	swift build
	bash scripts/web-test.sh

# The CLI walk-through on a new plant, then the web application on a demonstration plant at
# http://127.0.0.1:8080 until interrupted.
demo: deps
	swift build
	bash scripts/demo.sh
	bash scripts/demo-serve.sh

# Builds the demonstration plant, serves it, fetches every page once as several roles, stops.
demo-check: deps
	swift build
	bash scripts/demo-serve.sh --check

bench:
	@bash scripts/install-deps.sh bench
	swift build -c release
	.build/release/recrepo-bench

clean:
	rm -rf .build
