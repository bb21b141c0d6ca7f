#!/usr/bin/env bash
# Every test: domain unit tests, database tests (a fresh database per test,
# on the project's own PostgreSQL), then the release build driven by
# Chromium at phone size against a freshly loaded demo town.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh
scripts/pg.sh start

# sqlx::test creates and drops one database per test through this URL.
export DATABASE_URL="$LOCAL_DB_URL/postgres"
echo "[test] unit and database tests"
cargo test --workspace --features civic-app/ssr

echo "[test] release build"
scripts/build.sh

echo "[test] end-to-end in Chromium"
E2E_DB=$(scripts/ensure-db.sh civic_e2e --fresh)
source scripts/serve-env.sh
export CIVIC_MEDIA_DIR="$ROOT/.data/media-e2e"
rm -rf "$CIVIC_MEDIA_DIR"
port="${E2E_PORT:-3100}"
log="$ROOT/.data/e2e-server.log"
if curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then
  echo "[test] something already serves port $port; stop it or set E2E_PORT" >&2
  exit 1
fi
DATABASE_URL="$E2E_DB" LEPTOS_SITE_ADDR="127.0.0.1:$port" CIVIC_DEMO=1 CIVIC_DEMO_DEPOSITORS=120 \
  CIVIC_TEST_CLOCK=1 target/release/civic-server >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  kill -0 $server 2>/dev/null || { echo "[test] server died; its log:"; cat "$log"; exit 1; }
  sleep 0.5
done
(cd end2end && E2E_BASE_URL="http://127.0.0.1:$port" node --test --test-concurrency=1 tests/)
