# Văn Thư — make run · make test · make bench · make package
SHELL := /bin/bash
CARGO ?= cargo
# A Node.js installed by scripts/setup-app.sh when the system's is too old for the UI build.
export PATH := $(CURDIR)/.tools/node/node_modules/.bin:$(PATH)
EXAMPLES := samples
APP := target/release/vanthu-app

.PHONY: all setup run app-release ui setup-app test test-core test-pg test-app test-e2e lint lint-app bench bench-app \
        package out-examples bindings clean

all: test

## Install what a fresh Debian/Ubuntu machine lacks (idempotent, quick when all is there):
## LibreOffice, fonts, poppler and qpdf for the PDF checks, WebKitGTK for the app, Xvfb and tauri-driver for e2e.
setup:
	bash scripts/setup.sh
	bash scripts/setup-app.sh --e2e

## The desktop app: installs missing system packages and the UI's npm packages, builds, starts.
run: setup-app app-release
	@if [ -z "$$DISPLAY$$WAYLAND_DISPLAY" ]; then echo "error: no display: run it in a desktop session (or under xvfb-run)" >&2; exit 1; fi
	$(APP)

setup-app:
	bash scripts/setup.sh
	bash scripts/setup-app.sh

## The UI bundle (ui/dist) that the app embeds; cargo needs it before compiling the app crate.
ui: ui/node_modules/.package-lock.json
	cd ui && npm run build --silent

ui/node_modules/.package-lock.json: ui/package-lock.json
	cd ui && npm ci --no-audit --no-fund

app-release: ui
	$(CARGO) build --release -p vanthu-app --features custom-protocol

## Render the two examples to out/ with the command line.
out-examples:
	@mkdir -p out
	$(CARGO) run --release --quiet -- render $(wildcard $(EXAMPLES)/*.json) --out-dir out
	@echo "The examples are in $$(pwd)/out: $$(ls out/*.docx | tr '\n' ' ')"

## Everything: formatting, lints, unit and integration tests, the app's tests, and the
## end-to-end tests when an X display or xvfb-run and tauri-driver are available.
test: setup lint test-core test-app
	@if { [ -n "$$DISPLAY" ] || command -v xvfb-run >/dev/null; } && command -v tauri-driver >/dev/null && command -v WebKitWebDriver >/dev/null; then \
	  $(MAKE) test-e2e; else echo "test-e2e skipped: needs xvfb-run (or DISPLAY), tauri-driver and WebKitWebDriver (bash scripts/setup-app.sh --e2e)"; fi

lint: ui
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --all-targets -- -D warnings
	$(CARGO) clippy -p vanthu-app --all-targets -- -D warnings

test-core:
	$(CARGO) test --all-targets
	$(CARGO) test --doc
	$(MAKE) test-pg

## The register's tests again on a throwaway PostgreSQL (initdb in a temporary folder, run as
## an unprivileged user, stopped at the end), plus the server-only tests.
test-pg:
	bash scripts/with-pg.sh bash -c '$(CARGO) test --test register_api --test register_cli --test register_stress && \
	  $(CARGO) test --test register_pg -- --test-threads=1'

## The app's unit tests, including the check that ui/src/lib/bindings.ts matches the Rust types,
## and the UI's (vitest: the body markup's round trip through the editor).
test-app: ui
	$(CARGO) test -p vanthu-app --lib
	cd ui && npm run check --silent
	cd ui && npm test --silent

## Drives the real app through tauri-driver and WebKitWebDriver (screenshots in target/e2e/).
## Once with the register in a file, once with it on a throwaway PostgreSQL server.
E2E = $(if $(DISPLAY),,xvfb-run -a -s "-screen 0 1920x1080x24") $(CARGO) test -p vanthu-app --test e2e -- --ignored --test-threads=1
test-e2e: ui
	$(CARGO) build -p vanthu-app
	$(E2E)
	bash scripts/with-pg.sh $(E2E)

## Regenerates ui/src/lib/bindings.ts from the Rust types.
bindings: ui
	UPDATE_BINDINGS=1 $(CARGO) test -p vanthu-app --lib bindings

## Benchmarks: criterion (DOCX rendering, HTML preview, native PDF), batch CLI throughput (DOCX;
## PDF native against LibreOffice), the desktop app.
bench:
	$(CARGO) bench --bench register
	bash scripts/with-pg.sh $(CARGO) bench --bench register
	$(MAKE) bench-app
	$(CARGO) bench --bench render
	$(CARGO) bench --bench preview
	$(CARGO) bench --bench pdf
	$(CARGO) bench --bench check
	$(CARGO) bench --bench templates
	bash scripts/bench-batch.sh
	bash scripts/bench-pdf.sh

bench-app: app-release
	bash scripts/bench-app.sh

## A .deb of the app (and the command line) in target/.
package: app-release
	$(CARGO) build --release
	bash scripts/package-deb.sh

clean:
	rm -rf out ui/dist
