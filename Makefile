# Văn Thư — make run · make test · make bench
SHELL := /bin/bash
CARGO ?= cargo
EXAMPLES := samples

.PHONY: all setup run test test-core lint bench out-examples clean

all: test

## Install what a fresh Debian/Ubuntu machine lacks (idempotent, quick when all is there).
setup:
	bash scripts/setup.sh

## Render the two examples to out/ (the desktop app target joins here when it lands).
run: setup out-examples

out-examples:
	@mkdir -p out
	$(CARGO) run --release --quiet -- render $(wildcard $(EXAMPLES)/*.json) --out-dir out
	@echo "The examples are in $$(pwd)/out: $$(ls out/*.docx | tr '\n' ' ')"

## Everything: formatting, lints, unit and integration tests (LibreOffice round trip when soffice is present).
test: setup lint test-core

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --all-targets -- -D warnings

test-core:
	$(CARGO) test --all-targets
	$(CARGO) test --doc

## Benchmarks: criterion (DOCX rendering) and the batch CLI throughput.
bench:
	$(CARGO) bench --bench render
	$(CARGO) bench --bench register
	$(CARGO) bench --bench check
	$(CARGO) bench --bench templates
	bash scripts/bench-batch.sh

clean:
	rm -rf out
