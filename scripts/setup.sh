#!/usr/bin/env bash
# Installs what building (and, with --test, testing) the platform needs, only where missing.
# Idempotent: a second run changes nothing. Versions are pinned; see shared TOOLCHAIN notes.
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_LEPTOS_VERSION=0.3.10
WASM_BINDGEN_VERSION=0.2.130   # must equal the wasm-bindgen in Cargo.lock
with_tests=false
[[ "${1:-}" == "--test" ]] && with_tests=true

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [[ "$(cargo leptos --version 2>/dev/null || true)" != *"$CARGO_LEPTOS_VERSION"* ]]; then
  say "installing cargo-leptos $CARGO_LEPTOS_VERSION (about 20 minutes, once per machine)"
  cargo install cargo-leptos --locked --version "$CARGO_LEPTOS_VERSION"
fi

if [[ "$(wasm-bindgen --version 2>/dev/null || true)" != *"$WASM_BINDGEN_VERSION"* ]]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Not --locked: its lock file pins a crate version this registry lacks.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# wasm-opt from npm's binaryen 132 (Debian's 108 breaks hydration).
if [[ ! -x tools/node_modules/.bin/wasm-opt ]] || ! tools/node_modules/.bin/wasm-opt --version | grep -q 'version 132'; then
  say "installing binaryen (wasm-opt) from npm"
  (cd tools && npm ci --no-audit --no-fund)
fi

if $with_tests; then
  say "cargo-deny (about 5 minutes, once per machine) and the crates of Cargo.lock"
  scripts/deny.sh --setup

  # The router tests need PostgreSQL on 127.0.0.1:5432 (trust auth), as on this kind of machine.
  if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
    if ! command -v pg_ctlcluster >/dev/null; then
      say "installing PostgreSQL"
      sudo_cmd=""
      [[ "$(id -u)" -ne 0 ]] && sudo_cmd="sudo"
      $sudo_cmd apt-get update -qq
      DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq postgresql
    fi
    say "starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n 1)" main start || true
    pg_isready -q -h 127.0.0.1 -p 5432 -t 30 || { echo "PostgreSQL is not reachable on 127.0.0.1:5432" >&2; exit 1; }
  fi
  # The browser tests of the live agenda create a PostgreSQL database of their own with psql.
  if ! command -v psql >/dev/null; then
    say "installing the PostgreSQL client (psql)"
    sudo_cmd=""
    [[ "$(id -u)" -ne 0 ]] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq postgresql-client
  fi
  if [[ ! -x /usr/bin/chromium ]]; then
    say "installing Debian's Chromium for the browser tests"
    sudo_cmd=""
    [[ "$(id -u)" -ne 0 ]] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium
  fi
  if [[ ! -d end2end/node_modules/@playwright/test ]] || [[ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]]; then
    say "installing Playwright (no browser download: Debian's Chromium is used)"
    (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
  fi
fi
