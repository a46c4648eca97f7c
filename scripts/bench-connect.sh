#!/usr/bin/env bash
# Fetch 1M rows x 6 columns from PostgreSQL three ways and print the ratios:
#   quire  : bench_connect_fetch (ODBC block cursors -> columnar batches)
#   psql   : psql -c "\copy (SELECT ...) to /dev/null"
#   isql   : isql -b -k "<connection string>" (unixODBC's row-by-row SQLFetch/SQLGetData client)
# Usage: scripts/bench-connect.sh [BUILD_DIR]  (default build-connect; builds bench_connect_fetch and quire)
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$src/build-connect}
rows=${QUIRE_BENCH_ROWS:-1000000}
cmake --build "$build" --target bench_connect_fetch quire -j2 >/dev/null
export ODBCSYSINI=$build/odbc
fixture=$build/bench-pg
trap '"$src/tests/fixtures/pg-fixture.sh" stop "$fixture" >/dev/null' EXIT
mkdir -p "$fixture"
QUIRE_PG_PORT=57432 "$src/tests/fixtures/pg-fixture.sh" start "$fixture" >/dev/null
"$build/bin/quire" warehouse load-postgres --env-file "$fixture/connection.env" --rows "$rows" >/dev/null
get() { grep "^$1=" "$fixture/connection.env" | cut -d= -f2-; }
export QUIRE_PG_CONNSTR=$(get QUIRE_PG_CONNSTR)
export PGPASSWORD=$(get QUIRE_PG_PASSWORD)
sql="SELECT event_id, session_id, user_id, event_time, event_type, page FROM user_events"
export QUIRE_BENCH_SQL=$sql
now() { date +%s.%N; }
best() { # best of 3 wall-clock seconds of "$@"
  local b=999999
  for _ in 1 2 3; do
    local t0; t0=$(now); "$@" >/dev/null 2>&1; local t=$(echo "$(now) - $t0" | bc -l)
    b=$(echo "if ($t < $b) $t else $b" | bc -l)
  done
  echo "$b"
}
psql_bin=/usr/lib/postgresql/15/bin/psql
t_psql=$(best "$psql_bin" -X -q -h "$(get QUIRE_PG_HOST)" -p "$(get QUIRE_PG_PORT)" -U "$(get QUIRE_PG_USER)" -d "$(get QUIRE_PG_DATABASE)" -c "\\copy ($sql) to /dev/null")
t_isql=$(best sh -c "echo '$sql' | isql -b -k '$QUIRE_PG_CONNSTR'")
t_quire=$("$build/bench/bench_connect_fetch" --benchmark_format=json 2>/dev/null |
  python3 -c 'import json,sys; b=json.load(sys.stdin)["benchmarks"][0]; print(b["real_time"]/1000.0)')
printf 'rows=%s x 6 columns (best of 3, seconds)\n' "$rows"
printf '  psql \\copy : %.3f\n  quire      : %.3f  (%.2fx psql)\n  isql -b    : %.3f  (quire is %.2fx faster)\n' \
  "$t_psql" "$t_quire" "$(echo "$t_quire / $t_psql" | bc -l)" "$t_isql" "$(echo "$t_isql / $t_quire" | bc -l)"
