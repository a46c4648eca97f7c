#!/usr/bin/env bash
# Fetch 1M rows x 6 columns from PostgreSQL three ways, side by side, and print the ratios:
#   quire  : bench_connect_fetch BM_FetchAll (a `postgresql` profile's connection string, ODBC block cursors ->
#            columnar batches)
#   raw    : bench_connect_fetch BM_RawOdbc/reference (the fastest plain C ODBC loop found over psqlODBC:
#            the floor the driver allows)
#   psql   : psql -c "\copy (SELECT ...) to /dev/null" (COPY protocol, no per-value conversion)
# The three run in turn, QUIRE_BENCH_ROUNDS times (default 3); the best wall time of each is reported, with the
# bench process's CPU time (client side only) and the load average before and after.
# QUIRE_BENCH_ISQL=1 adds isql -b -k (unixODBC's row-by-row SQLFetch/SQLGetData client, slow).
# QUIRE_BENCH_RAW_VARIANTS=1 adds the other raw loops tried (C types, rowset, psqlODBC options) to the table.
# Usage: scripts/bench-connect.sh [BUILD_DIR]  (default build-connect; builds bench_connect_fetch and quire)
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$src/build-connect}
rows=${QUIRE_BENCH_ROWS:-1000000}
rounds=${QUIRE_BENCH_ROUNDS:-3}
cmake --build "$build" --target bench_connect_fetch quire -j2 >/dev/null
export ODBCSYSINI=$build/odbc
fixture=$build/bench-pg
trap '"$src/tests/fixtures/pg-fixture.sh" stop "$fixture" >/dev/null' EXIT
mkdir -p "$fixture"
QUIRE_PG_PORT=57432 "$src/tests/fixtures/pg-fixture.sh" start "$fixture" >/dev/null
"$build/bin/quire" warehouse load-postgres --env-file "$fixture/connection.env" --rows "$rows" >/dev/null
get() { grep "^$1=" "$fixture/connection.env" | cut -d= -f2-; }
for k in HOST PORT DATABASE USER PASSWORD CONNSTR; do export "QUIRE_PG_$k=$(get "QUIRE_PG_$k")"; done
export PGPASSWORD=$QUIRE_PG_PASSWORD
sql="SELECT event_id, session_id, user_id, event_time, event_type, page FROM user_events"
export QUIRE_BENCH_SQL=$sql
now() { date +%s.%N; }
seconds() { # wall-clock seconds of "$@"
  local t0; t0=$(now); "$@" >/dev/null 2>&1; echo "$(now) - $t0" | bc -l
}
load0=$(cut -d' ' -f1-3 /proc/loadavg)
psql_bin=/usr/lib/postgresql/15/bin/psql
results=$(mktemp)
for _ in $(seq "$rounds"); do
  echo "psql $(seconds "$psql_bin" -X -q -h "$QUIRE_PG_HOST" -p "$QUIRE_PG_PORT" -U "$QUIRE_PG_USER" \
    -d "$QUIRE_PG_DATABASE" -c "\\copy ($sql) to /dev/null") 0" >>"$results"
  "$build/bench/bench_connect_fetch" --benchmark_enable_random_interleaving=true --benchmark_format=json 2>/dev/null |
    python3 -c 'import json,sys
for b in json.load(sys.stdin)["benchmarks"]:
    print(b["run_name"].split("/iterations")[0], b["real_time"] / 1000.0, b["cpu_time"] / 1000.0)' >>"$results"
  if [ "${QUIRE_BENCH_ISQL:-0}" = 1 ]; then
    echo "isql $(seconds sh -c "echo '$sql' | isql -b -k '$QUIRE_PG_CONNSTR'") 0" >>"$results"
  fi
done
load1=$(cut -d' ' -f1-3 /proc/loadavg)
python3 - "$results" "$rows" "$rounds" "$load0" "$load1" <<'PY'
import sys
path, rows, rounds, load0, load1 = sys.argv[1:]
best = {}
for line in open(path):
    name, wall, cpu = line.split()
    w, c = best.get(name, (1e9, 1e9))
    best[name] = (min(w, float(wall)), min(c, float(cpu)))
psql = best["psql"][0]
raw = best.get("BM_RawOdbc/reference", (0, 0))
print(f"rows={rows} x 6 columns, best of {rounds} rounds (seconds; cpu = the client process only)")
print(f"  psql \\copy           : {psql:6.3f}")
for name, (wall, cpu) in sorted(best.items(), key=lambda kv: kv[0] != "BM_FetchAll"):
    if name == "psql":
        continue
    label = {"BM_FetchAll": "quire", "BM_RawOdbc/reference": "raw ODBC loop", "isql": "isql -b"}.get(name, name)
    vs_raw = f", {wall / raw[0]:.2f}x raw (cpu {cpu / raw[1]:.2f}x)" if raw[0] and name == "BM_FetchAll" else ""
    cpu_s = f"  cpu {cpu:6.3f}" if cpu else ""
    print(f"  {label:21s}: {wall:6.3f}{cpu_s}  ({wall / psql:.2f}x psql{vs_raw})")
print(f"  load average: {load0} before, {load1} after")
PY
rm -f "$results"
