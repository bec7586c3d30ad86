#!/usr/bin/env bash
# Lighthouse (issue #13): performance and accessibility of /, /agenda and /participer, mobile
# preset (Moto G-class CPU slowed 4×, simulated slow 4G: 150 ms RTT, 1.6 Mbit/s), in Debian's
# Chromium against the release server on a fresh SQLite file (applications open, so
# /participer shows its form). Prints one line per page:
# scores, the main metrics and the bytes transferred.
#
# Needs a release build (`cargo leptos build --release --precompress --split`), Chromium
# (/usr/bin/chromium or CHROMIUM_PATH), sqlite3, and npm (installs lighthouse into
# bench/lighthouse/).
# Usage: bench/lighthouse.sh [PATH …]   (default: / /agenda /participer)
# Environment: BENCH_PORT (3430).
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -x target/release/server ]] || { echo "build first: cargo leptos build --release --precompress --split" >&2; exit 1; }
chromium=${CHROMIUM_PATH:-/usr/bin/chromium}
[[ -x $chromium ]] || { echo "Chromium is missing: apt-get install -y chromium" >&2; exit 1; }
if [[ ! -x bench/lighthouse/node_modules/.bin/lighthouse ]]; then
  (cd bench/lighthouse && npm install --no-audit --no-fund)
fi

port=${BENCH_PORT:-3430}
base="http://127.0.0.1:$port"
tmp=$(mktemp -d)
server=""
cleanup() {
  if [[ -n $server ]]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

DATABASE_URL="sqlite://$tmp/bench.db" LEPTOS_SITE_ADDR="127.0.0.1:$port" RUST_LOG=warn \
  ./target/release/server >"$tmp/server.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -fs "$base/healthz" >/dev/null && break; sleep 0.1; done
# /participer in its heaviest state: applications open, the form shown (as the tests do).
command -v sqlite3 >/dev/null || { echo "sqlite3 is missing: apt-get install -y sqlite3" >&2; exit 1; }
sqlite3 -bail "$tmp/bench.db" "UPDATE sessions SET applications_open = 1 WHERE is_current = 1;"

paths=("$@")
[[ ${#paths[@]} -gt 0 ]] || paths=(/ /agenda /participer)
echo "## Lighthouse $(bench/lighthouse/node_modules/.bin/lighthouse --version), mobile preset, $(date -u +%Y-%m-%d), $(nproc) cores"
printf '| page | performance | accessibility | FCP | LCP | TTI | TBT | CLS | bytes |\n|---|---|---|---|---|---|---|---|---|\n'
for path in "${paths[@]}"; do
  CHROME_PATH=$chromium bench/lighthouse/node_modules/.bin/lighthouse "$base$path" --quiet \
    --only-categories=performance,accessibility --output=json --output-path="$tmp/report.json" \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run" \
    >/dev/null 2>"$tmp/lighthouse.log" || { cat "$tmp/lighthouse.log" >&2; exit 1; }
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const a = r.audits, ms = (k) => `${Math.round(a[k].numericValue)} ms`;
    const score = (c) => Math.round(r.categories[c].score * 100);
    console.log(`| ${process.argv[2]} | ${score("performance")} | ${score("accessibility")} | ${ms("first-contentful-paint")} | ${ms("largest-contentful-paint")} | ${ms("interactive")} | ${ms("total-blocking-time")} | ${a["cumulative-layout-shift"].numericValue.toFixed(3)} | ${Math.round(a["total-byte-weight"].numericValue / 1024)} KiB |`);
  ' "$tmp/report.json" "$path"
done
