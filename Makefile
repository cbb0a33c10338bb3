.PHONY: deps build test demo bench clean

deps:
	@bash scripts/install-deps.sh

build: deps
	swift build

# The tests drive the real recrepo binary, so it is built first.
test: deps
	swift build
	swift test

demo: deps
	swift build
	bash scripts/demo.sh

bench:
	@bash scripts/install-deps.sh bench
	swift build -c release
	.build/release/recrepo-bench

clean:
	rm -rf .build
