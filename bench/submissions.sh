#!/usr/bin/env bash
# Participation requests benchmark (issue #4): accepted submissions per second of
# `POST /participer` on a fresh database, with the rows counted afterwards to show that no
# accepted request was lost, and a resend of some of them with the same idempotency keys to
# show that nothing is stored twice.
# Needs a release build (`cargo leptos build --release --precompress --split`), curl, and sqlite3
# or psql; builds and runs the load generator `server/examples/submit_load.rs`.
#
# Usage: bench/submissions.sh [DATABASE_URL]
#   no argument          a fresh SQLite file in a temporary folder
#   postgres://user@host:port/anything
#                        a fresh database with a unique name is created on that server
#                        (with psql, through its `postgres` database) and dropped at exit
#
# The server runs with CCMEX_TRUST_PROXY=true and each application carries its own
# `X-Forwarded-For` (10.0.0.1, 10.0.0.2, …), as distinct clients behind a proxy would: the
# per-address limits (10 applications an hour, 120 posts a minute) stay in force and are
# never reached, so what is measured is the handler and the database, not the limiter
# (the end of the run shows the limit at work: 12 applications from one address).
# The session's applications are opened with SQL, as the router tests do.
#
# Environment: BENCH_PORT (3410), BENCH_COUNT (2000 applications per measured run),
# BENCH_CONCURRENCY ("16 64", one run each), BENCH_RESEND (200), BENCH_WARMUP (100),
# BENCH_LOADER (a prebuilt submit_load, skips the build), DATABASE_MAX_CONNECTIONS (the
# server's pool, 16; 1 serialises SQLite's writes, see docs/BENCHMARKS.md).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v curl >/dev/null || { echo "curl is missing: apt-get install -y curl" >&2; exit 1; }
[[ -x target/release/server ]] || { echo "build first: cargo leptos build --release --precompress" >&2; exit 1; }

port=${BENCH_PORT:-3410}
count=${BENCH_COUNT:-2000}
concurrencies=${BENCH_CONCURRENCY:-16 64}
resend=${BENCH_RESEND:-200}
warmup=${BENCH_WARMUP:-100}
base="http://127.0.0.1:$port"
tmp=$(mktemp -d)
server=""
pg_admin=""
pg_name=""

cleanup() {
  if [[ -n $server ]]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  if [[ -n $pg_name ]]; then
    psql -q "$pg_admin" -c "DROP DATABASE IF EXISTS $pg_name WITH (FORCE)" >/dev/null 2>&1 \
      || echo "could not drop the database $pg_name" >&2
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

url=${1:-sqlite://$tmp/bench.db}
case $url in
  postgres://* | postgresql://*)
    command -v psql >/dev/null || { echo "psql is missing: apt-get install -y postgresql-client" >&2; exit 1; }
    pg_admin="${url%/*}/postgres"
    pg_name="ccmex_bench_submissions_$(date +%s)_$$"
    psql -q "$pg_admin" -c "CREATE DATABASE $pg_name" >/dev/null
    url="${url%/*}/$pg_name"
    ;;
  sqlite:*)
    command -v sqlite3 >/dev/null || { echo "sqlite3 is missing: apt-get install -y sqlite3" >&2; exit 1; }
    file=${url#sqlite:}
    file=${file#//}
    file=${file%%\?*}
    ;;
  *) echo "unsupported DATABASE_URL: use sqlite://path or postgres://user@host:port/db" >&2; exit 1 ;;
esac
backend=${url%%:*}
pool=${DATABASE_MAX_CONNECTIONS:-16}

# Runs the SQL read from standard input; prints rows as `a|b|c`.
sql() {
  if [[ -n $pg_name ]]; then
    psql -qtAX -v ON_ERROR_STOP=1 "$url" -f -
  else
    sqlite3 -bail "$file"
  fi
}

# Rows of the tables an application writes: requests, delegates, e-mails, history, organisations.
counts() {
  sql <<'SQL'
SELECT (SELECT COUNT(*) FROM participation_requests), (SELECT COUNT(*) FROM delegates),
       (SELECT COUNT(*) FROM outbox_emails), (SELECT COUNT(*) FROM request_events),
       (SELECT COUNT(*) FROM organisations);
SQL
}

if [[ -n ${BENCH_LOADER:-} ]]; then
  loader=$BENCH_LOADER
else
  # LEPTOS_OUTPUT_NAME as `cargo leptos build` sets it (see bench/lists.sh): without it,
  # leptos, app and server would be recompiled here and again at the next release build.
  LEPTOS_OUTPUT_NAME=${LEPTOS_OUTPUT_NAME:-ccmex} \
    cargo build --release -q -p server --features app/ssr --example submit_load
  loader=./target/release/examples/submit_load
fi

CCMEX_TRUST_PROXY=true DATABASE_URL="$url" LEPTOS_SITE_ADDR="127.0.0.1:$port" RUST_LOG=warn \
  ./target/release/server >"$tmp/server.log" 2>&1 &
server=$!
for _ in $(seq 1 300); do
  curl -fs "$base/healthz" >/dev/null && break
  kill -0 "$server" 2>/dev/null || { echo "the server did not start:" >&2; cat "$tmp/server.log" >&2; exit 1; }
  sleep 0.1
done

# Open the current session's applications (the seed's are closed), as the router tests do.
sql <<<"UPDATE sessions SET applications_open = TRUE WHERE is_current = TRUE;" >/dev/null
curl -fs "$base/participer" | grep -q 'id="participation-form"' \
  || { echo "the application form is not open" >&2; exit 1; }

echo "## Machine"
echo "$(nproc) cores, $(uname -m), $(date -u '+%Y-%m-%d %H:%M UTC'), database: $backend," \
  "pool $pool connections (DATABASE_MAX_CONNECTIONS)"
echo "load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews the figures)"
echo

declare -a rows
total_sent=0
total_accepted=0
IFS='|' read -r before _ <<<"$(counts)"
initial=$before
next=0

# run LABEL COUNT CONCURRENCY: posts COUNT new applications and checks the rows.
run() {
  local label=$1 n=$2 c=$3
  local receipts="$tmp/receipts-$label.tsv"
  local out result
  IFS='|' read -r r0 d0 e0 h0 o0 <<<"$(counts)"
  echo "### $label: $n applications at concurrency $c (load $(cut -d' ' -f1 /proc/loadavg))"
  out=$("$loader" --addr "127.0.0.1:$port" --first "$next" --count "$n" --concurrency "$c" \
    --receipts "$receipts")
  grep -v '^RESULT' <<<"$out"
  result=$(grep '^RESULT' <<<"$out")
  IFS='|' read -r r1 d1 e1 h1 o1 <<<"$(counts)"
  local sent accepted other rate p50 p90 p99
  sent=$(grep -oE 'sent=[0-9]+' <<<"$result" | cut -d= -f2)
  accepted=$(grep -oE 'accepted=[0-9]+' <<<"$result" | cut -d= -f2)
  other=$(grep -oE 'other=[0-9]+' <<<"$result" | cut -d= -f2)
  rate=$(grep -oE 'rate=[0-9]+' <<<"$result" | cut -d= -f2)
  p50=$(grep -oE 'p50=[0-9.]+' <<<"$result" | cut -d= -f2)
  p90=$(grep -oE 'p90=[0-9.]+' <<<"$result" | cut -d= -f2)
  p99=$(grep -oE 'p99=[0-9.]+' <<<"$result" | cut -d= -f2)
  local stored=$((r1 - r0))
  # Each accepted receipt's tracking code must name a stored request.
  local found=0
  if [[ -s $receipts ]]; then
    found=$({ printf "SELECT COUNT(*) FROM participation_requests WHERE tracking_code IN ("
      sed -E 's/.*[?&]code=([A-Za-z0-9-]+).*/\x27\1\x27/' "$receipts" | paste -sd,
      printf ");\n"; } | sql)
  fi
  echo "  sent $sent, accepted $accepted, stored $stored, lost = $accepted - $stored = $((accepted - stored))"
  echo "  accepted receipts whose tracking code is in the database: $found of $accepted"
  echo "  rows added: delegates $((d1 - d0)) (2 each), e-mails $((e1 - e0)), history $((h1 - h0)), organisations $((o1 - o0))"
  echo
  next=$((next + n))
  total_sent=$((total_sent + sent))
  total_accepted=$((total_accepted + accepted))
  if [[ $label != warm-up ]]; then
    rows+=("| $backend, pool $pool | $c | $sent | $accepted | $other | **$rate** | $p50 ms | $p90 ms | $p99 ms | $stored | $((accepted - stored)) |")
  fi
}

echo "## Submissions (distinct applications, one keep-alive connection per concurrent client)"
run warm-up "$warmup" 16
first_measured=$next
first_label=""
for c in $concurrencies; do
  run "c$c" "$count" "$c"
  first_label=${first_label:-c$c}
done

echo "## Resend: the first $resend accepted applications of the $first_label run, same idempotency keys and addresses"
IFS='|' read -r r0 _ <<<"$(counts)"
out=$("$loader" --addr "127.0.0.1:$port" --first "$first_measured" --count "$resend" \
  --concurrency 16 --receipts "$tmp/receipts-$first_label.tsv" --resend)
grep -v '^RESULT' <<<"$out"
IFS='|' read -r r1 _ <<<"$(counts)"
echo "  stored requests before the resend $r0, after $r1: $((r1 - r0)) added"
echo

IFS='|' read -r after _ <<<"$(counts)"

echo "## The per-address limit is in force: 12 new applications, one after the other, from one address"
"$loader" --addr "127.0.0.1:$port" --first "$next" --count 12 --concurrency 1 --address 192.0.2.1 \
  | grep -E '^(sent|  4)'
IFS='|' read -r limited _ <<<"$(counts)"
echo "  stored: $((limited - after)) (the limit is 10 an hour)"
echo

echo "## Totals"
echo "sent $total_sent, accepted $total_accepted, stored $((after - initial)), lost = $((total_accepted - (after - initial)))" \
  "(the resent ones included: $((after - initial - total_accepted)) stored twice)"
# Conflicts the handler retried (SQLite: a transaction that read before another wrote).
retries=$(grep -c 'not stored, retrying' "$tmp/server.log" || true)
echo "server log: $(grep -ciE 'warn|error' "$tmp/server.log" || true) warning or error lines," \
  "$retries 'participation request not stored, retrying'"
# The most frequent ones, without the time stamp and colours.
sed -E 's/\x1b\[[0-9;]*m//g; s/^[^ ]+ +//' "$tmp/server.log" | grep -iE 'warn|error' | cut -c1-240 \
  | sort | uniq -c | sort -rn | head -5 || true
echo
echo "## Summary ($backend, $(date -u +%Y-%m-%d), load $(cut -d' ' -f1-3 /proc/loadavg))"
echo
echo "| database | concurrency | sent | accepted (303) | other | accepted/s | p50 | p90 | p99 | stored | lost |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
