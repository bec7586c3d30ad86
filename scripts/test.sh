#!/usr/bin/env bash
# README command 2: set up and run every check and test: formatting, the dependency audit,
# clippy (server and WASM builds), unit and router tests on SQLite and PostgreSQL, and the
# browser tests in Chromium against the release build.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
export PATH="$PWD/tools/node_modules/.bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

say "formatting"
cargo fmt --all --check

say "dependency audit (cargo deny: advisories, licences, bans, sources; offline)"
scripts/deny.sh

say "clippy: server build (ssr)"
cargo clippy -p app -p server -p migrations --features app/ssr --all-targets -- -D warnings

say "clippy: browser build (hydrate, wasm32)"
cargo clippy -p frontend -p app --features app/hydrate --target wasm32-unknown-unknown -- -D warnings

say "unit and router tests (SQLite and PostgreSQL at ${CCMEX_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres})"
cargo test -p app -p server -p migrations --features app/ssr

say "release build"
# --split: each island's browser code is its own WASM file (docs/ARCHITECTURE.md).
cargo leptos build --release --precompress --split

say "browser tests (Chromium), with the first-load budget of every public page (weight.spec.ts)"
(cd end2end && npx playwright test)

say "all tests passed"
