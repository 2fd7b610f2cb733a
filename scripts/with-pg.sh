#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL (scripts/pg-throwaway.sh: initdb in a temporary
# folder, run as an unprivileged user, on 127.0.0.1) and stops the server whatever happens.
# The command finds the server in VANTHU_TEST_PG (register tests), VANTHU_E2E_PG (the app's
# e2e), VANTHU_BENCH_PG (the register bench), and its folder in VANTHU_TEST_PG_DIR.
#
#   scripts/with-pg.sh cargo test --test register_api
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d /tmp/vanthu-pg.XXXXXX)
rmdir "$dir"
trap 'bash "$here/pg-throwaway.sh" stop "$dir"' EXIT
url=$(bash "$here/pg-throwaway.sh" start "$dir")
echo "throwaway PostgreSQL at $url (folder $dir)" >&2
export VANTHU_TEST_PG="$url" VANTHU_E2E_PG="$url" VANTHU_BENCH_PG="$url" VANTHU_TEST_PG_DIR="$dir"
"$@"
