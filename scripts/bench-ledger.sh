#!/usr/bin/env bash
# Ledger benchmark (issue: points ledger): awards per second through the
# real award service versus pgbench inserting one row per transaction, on the
# same PostgreSQL, same client count and duration. Prints both and the ratio.
# Usage: scripts/bench-ledger.sh [CLIENTS] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
clients="${1:-16}"; seconds="${2:-15}"
bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
cargo build --release -p civic-server --bin bench_ledger -q

# Each side gets its own fresh database and starts after a checkpoint, so
# neither pays for the other's WAL or autovacuum.
db=$(scripts/ensure-db.sh civic_bench --fresh)
psql -q "$db" -c checkpoint
awards=$(DATABASE_URL="$db" target/release/bench_ledger "$clients" "$seconds" | sed -n 's/^awards_per_sec=//p')
db=$(scripts/ensure-db.sh civic_bench --fresh)
psql -q "$db" -c checkpoint
capped=$(DATABASE_URL="$db" target/release/bench_ledger "$clients" "$seconds" capped | sed -n 's/^awards_per_sec=//p')

pgdb=$(scripts/ensure-db.sh civic_bench_pg --fresh)
psql -q "$pgdb" -c "create table pgbench_single (id bigint generated always as identity primary key, v integer not null, at timestamptz not null default now())"
script=$(mktemp); echo "insert into pgbench_single (v) values (1);" > "$script"
psql -q "$pgdb" -c checkpoint
pg=$("$bindir/pgbench" -n -c "$clients" -j 2 -T "$seconds" -f "$script" "$pgdb" 2>/dev/null | awk '/^tps/ {print int($3)}')
rm -f "$script"

echo "clients=$clients seconds=$seconds"
echo "pgbench single-row insert: $pg tx/s"
echo "ledger awards (uncapped item):  $awards awards/s"
echo "ledger awards (capped item):    $capped awards/s"
awk -v a="$awards" -v c="$capped" -v p="$pg" 'BEGIN { printf "ratio: %.1f%% uncapped, %.1f%% capped (goal >= 40%%)\n", 100 * a / p, 100 * c / p }'
