#!/usr/bin/env bash
# Prints a DATABASE_URL for database NAME on the project's own cluster,
# creating the database if needed. With --fresh it is dropped first.
set -euo pipefail
source "$(dirname "$0")/env.sh"
name="$1"; fresh="${2:-}"
"$ROOT/scripts/pg.sh" start
admin="$LOCAL_DB_URL/postgres"
if [ "$fresh" = "--fresh" ]; then
  psql -q "$admin" -c "drop database if exists \"$name\" with (force)" >/dev/null
fi
if ! psql -tA "$admin" -c "select 1 from pg_database where datname = '$name'" | grep -q 1; then
  psql -q "$admin" -c "create database \"$name\"" >/dev/null
fi
echo "$LOCAL_DB_URL/$name"
