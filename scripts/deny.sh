#!/usr/bin/env bash
# Dependency audit with cargo-deny (deny.toml): advisories, licenses, bans, sources.
#
#   scripts/deny.sh --setup    install the pinned cargo-deny and fetch the crates (crates.io)
#   scripts/deny.sh            the check itself: no network (installs cargo-deny if missing)
#   scripts/deny.sh --strict   the same, but fail when no usable advisory database is found
#                              (also CCMEX_DENY_STRICT=1)
#
# The advisory check reads a snapshot of the RustSec advisory database
# (https://github.com/rustsec/advisory-db, CC0-1.0 with CC-BY-4.0 parts) that is not kept
# in this repository. The first of these that exists is used:
#   1. $CCMEX_ADVISORY_DB                            a directory or a .tar.xz, as below
#   2. ../shared/advisory-db(.tar.xz)                beside the clone, for sessions and CI
#   3. ${XDG_CACHE_HOME:-~/.cache}/ccmex/advisory-db(.tar.xz)   this machine only
# A snapshot is a directory `advisory-db/` holding the database's `crates/` folder and a
# SNAPSHOT file (`commit=…` and `date=…`, the commit's ISO date), or a .tar.xz of it:
#   git clone ADVISORY_DB_GIT_DIR db && mkdir advisory-db && cp -r db/crates advisory-db/
#   cp -r db/LICENSE.txt db/LICENSES advisory-db/
#   git -C db log -1 --format='commit=%H%ndate=%cI' > advisory-db/SNAPSHOT
#   tar -cJf advisory-db.tar.xz advisory-db
# Without a usable snapshot (none, or older than MAX_AGE_DAYS) the advisories are skipped
# with a warning and the other three checks still run, unless --strict.
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_DENY_VERSION=0.20.2   # builds with Rust 1.88+; about 5 minutes on 2 cores
# Where cargo-deny 0.20.2 looks for the database of deny.toml's `db-urls` under `db-path`
# (the URL's last segment and its hash). Check it again when upgrading cargo-deny.
DB_ROOT=target/deny/advisory-dbs
DB_NAME=advisory-db-3157b0e258782691
MAX_AGE_DAYS=365            # keep equal to `maximum-db-staleness` in deny.toml
WARN_AGE_DAYS=90

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
warn() { printf '\033[1;33mwarning: %s\033[0m\n' "$*" >&2; }
die() { printf '\033[1;31merror: %s\033[0m\n' "$*" >&2; exit 1; }

setup=false
strict=false
[[ "${CCMEX_DENY_STRICT:-}" == 1 ]] && strict=true
for arg in "$@"; do
  case "$arg" in
    --setup) setup=true ;;
    --strict) strict=true ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $arg (see --help)" ;;
  esac
done

if [[ "$(cargo deny --version 2>/dev/null || true)" != "cargo-deny $CARGO_DENY_VERSION" ]]; then
  say "installing cargo-deny $CARGO_DENY_VERSION (about 5 minutes, once per machine)"
  cargo install cargo-deny --locked --version "$CARGO_DENY_VERSION"
fi

if $setup; then
  # cargo-deny reads every package's manifest, for every platform, from cargo's cache.
  say "fetching the crates of Cargo.lock"
  cargo fetch --locked
  exit 0
fi

# Finds the advisory database snapshot; prints its path, or nothing.
find_snapshot() {
  if [[ -n "${CCMEX_ADVISORY_DB:-}" ]]; then
    [[ -e "$CCMEX_ADVISORY_DB" ]] || die "CCMEX_ADVISORY_DB=$CCMEX_ADVISORY_DB does not exist"
    printf '%s\n' "$CCMEX_ADVISORY_DB"
    return
  fi
  local base
  for base in ../shared/advisory-db "${XDG_CACHE_HOME:-$HOME/.cache}/ccmex/advisory-db"; do
    if [[ -d "$base/crates" ]]; then printf '%s\n' "$base"; return; fi
    if [[ -f "$base.tar.xz" ]]; then printf '%s\n' "$base.tar.xz"; return; fi
  done
}

# Copies the snapshot to where deny.toml's db-path expects it, dated as the snapshot.
# Prints the snapshot's date (ISO 8601).
stage_snapshot() {
  local src=$1 dest="$DB_ROOT/$DB_NAME" unpacked="$DB_ROOT/unpacked"
  rm -rf "$dest" "$unpacked"
  mkdir -p "$dest/.git" "$unpacked"
  if [[ -f "$src" ]]; then
    tar -xJf "$src" -C "$unpacked"
    src="$unpacked/advisory-db"
  fi
  [[ -d "$src/crates" ]] || die "no crates/ folder in the advisory database at $1"
  cp -R "$src/crates" "$dest/crates"
  local date=""
  [[ -f "$src/SNAPSHOT" ]] && { cp "$src/SNAPSHOT" "$dest/SNAPSHOT"; date=$(sed -n 's/^date=//p' "$src/SNAPSHOT"); }
  if [[ -z "$date" ]]; then
    # No SNAPSHOT file: the newest advisory's date is a lower bound for the snapshot's.
    date=$(grep -rhoE '^date = "[0-9]{4}-[0-9]{2}-[0-9]{2}"' "$src/crates" | sort | tail -n 1 | cut -d'"' -f2)
  fi
  rm -rf "$unpacked"
  [[ -n "$date" ]] && date -d "$date" +%s >/dev/null 2>&1 || die "cannot tell the date of the advisory database at $1"
  # cargo-deny takes the time of the last fetch from .git/FETCH_HEAD's mtime: give it
  # the snapshot's date so that its staleness check measures the data, not the copy.
  touch -d "$date" "$dest/.git/FETCH_HEAD"
  printf '%s\n' "$date"
}

checks=(advisories bans licenses sources)
snapshot=$(find_snapshot)
reason=""
if [[ -z "$snapshot" ]]; then
  reason="no advisory database snapshot found (see scripts/deny.sh --help)"
else
  snap_date=$(stage_snapshot "$snapshot")
  age_days=$(( ($(date +%s) - $(date -d "$snap_date" +%s)) / 86400 ))
  say "advisory database: $snapshot, snapshot of ${snap_date%%T*} ($age_days days old)"
  if (( age_days > MAX_AGE_DAYS )); then
    reason="the advisory database is $age_days days old (more than $MAX_AGE_DAYS): refresh it"
  elif (( age_days > WARN_AGE_DAYS )); then
    warn "the advisory database is $age_days days old: advisories published since are not checked"
  fi
fi
if [[ -n "$reason" ]]; then
  $strict && die "$reason"
  warn "advisories NOT checked: $reason"
  checks=(bans licenses sources)
fi

if ! cargo metadata --frozen --format-version 1 >/dev/null 2>&1; then
  die "crates of Cargo.lock missing from cargo's cache: run scripts/deny.sh --setup (needs crates.io)"
fi

say "cargo deny check ${checks[*]} (offline)"
# --frozen: Cargo.lock as it is, no network (no crate download, no database fetch).
# The dependency paths of the ~20 duplicate warnings would fill 2,000 lines: they are shown
# only for the errors, in a second run, when there are some.
export CARGO_NET_OFFLINE=true
if ! cargo deny --frozen check --show-stats --hide-inclusion-graph "${checks[@]}"; then
  say "the errors again, with the dependencies that bring them in"
  cargo deny --log-level error --frozen check "${checks[@]}" || true
  die "cargo deny check failed"
fi
