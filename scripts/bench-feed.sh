#!/usr/bin/env bash
# Feed and check-in benchmarks (issue: the resident's daily life).
#  1. Requests per second of the 文明圈 feed page (server-rendered, first
#     page of 20 posts) at 50 concurrent connections — for 50 signed-in
#     readers, each connection's requests spread over all 50 sessions (each
#     page personal: their likes, their inbox badge), and for guests (a
#     2-second shared cache of the whole page) — against the same server's
#     static-file requests per second (the stylesheet) in the same run, and
#     the signed-in ratio (goal >= 25%).
#  2. Check-in latency p50/p99 with 200 depositors posting at the same
#     moment, through the real service, without image processing (goal
#     p99 <= 50 ms), and the image cost of one phone photo on its own.
# Usage: scripts/bench-feed.sh [SECONDS] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
seconds="${1:-10}"; conns="${2:-50}"
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
command -v wrk >/dev/null || { echo "[bench] installing wrk (HTTP load generator)"; $SUDO apt-get install -y -qq wrk >/dev/null; }
scripts/pg.sh start
[ -x target/release/civic-server ] || scripts/build.sh
cargo build --release -p civic-server --bin bench_checkin -q

db=$(scripts/ensure-db.sh civic_bench_feed --fresh)
source scripts/serve-env.sh
export CIVIC_MEDIA_DIR="$ROOT/.data/media-bench"
rm -rf "$CIVIC_MEDIA_DIR"
port=3200
log="$ROOT/.data/bench-feed-server.log"
if curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then
  echo "[bench] something already serves port $port; stop it first" >&2
  exit 1
fi
DATABASE_URL="$db" LEPTOS_SITE_ADDR="127.0.0.1:$port" CIVIC_AUTH_PER_MINUTE=1000 CIVIC_DEMO=1 CIVIC_DEMO_DEPOSITORS=300 RUST_LOG=warn \
  target/release/civic-server >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -f "${sessions:-}"' EXIT
for _ in $(seq 1 240); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  kill -0 $server 2>/dev/null || { echo "[bench] server died; its log:"; cat "$log"; exit 1; }
  sleep 0.5
done
base="http://127.0.0.1:$port"
css=$(curl -s "$base/feed" | grep -oE '/pkg/[^"]+\.css' | head -1)
posts=$(curl -s "$base/feed" | grep -o 'class="card post"' | wc -l || true)
echo "[bench] feed page shows $posts posts; static file: $css"
rps() { wrk -t1 -c"$conns" -d"${seconds}s" "$1" | awk '/^Requests\/sec/ {print int($2)}'; }
curl -s -o /dev/null "$base/feed"; curl -s -o /dev/null "$base$css"
# 50 signed-in readers: the demo depositor and 49 demo residents.
sessions=$(mktemp)
for phone in 13800000004 $(seq -f "139%08g" 1 49); do
  jar=$(mktemp)
  curl -s -c "$jar" -o /dev/null -d "phone=$phone&password=demo1234" "$base/api/login"
  awk '$6 == "civic_session" {print $7}' "$jar" >>"$sessions"; rm -f "$jar"
done
readers=$(wc -l <"$sessions")
[ "$readers" -ge 50 ] || { echo "[bench] only $readers of 50 demo readers could log in" >&2; exit 1; }
rps_as() { wrk -t1 -c"$conns" -d"${seconds}s" -s scripts/bench/rotate-sessions.lua "$1" -- "$sessions" | awk '/^Requests\/sec/ {print int($2)}'; }
static=$(rps "$base$css")
feed_member=$(rps_as "$base/feed")
feed_guest=$(rps "$base/feed")
kill $server 2>/dev/null || true

echo "connections=$conns seconds=$seconds"
echo "static file:                   $static req/s"
echo "feed page, $readers signed-in readers: $feed_member req/s (shared page and cards, own likes and badge)"
echo "feed page, guests:             $feed_guest req/s (2-second cache of the whole page)"
awk -v f="$feed_member" -v s="$static" 'BEGIN { printf "feed (signed-in)/static ratio: %.1f%% (goal >= 25%%)\n", 100 * f / s }'

echo "[bench] check-ins: 200 depositors at once, 10 rounds"
cdb=$(scripts/ensure-db.sh civic_bench_checkin --fresh)
DATABASE_URL="$cdb" target/release/bench_checkin 200 10 32
