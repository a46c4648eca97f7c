#!/usr/bin/env bash
# Open a generated workbook of N elements (20 columns each; bench/doc/generate_workbook.h) in quire-ide on
# the offscreen platform and report: time to the first window (quire-ide's own "first window after" line),
# to the file read by the worker thread ("file read after"), to the workbook shown and usable ("interactive after"), to its first validation done ("validated after"),
# wall time until the screenshot is written (fully laid out and painted), peak RSS (/usr/bin/time -v), and
# for comparison the CLI's `quire validate` of the same file (wall time, peak RSS), in the same run.
# No live previews (--no-preview): this measures the document side.
# Usage: scripts/bench-ide-open.sh [BUILD_DIR] [ELEMENTS...]   (default: build, 20000)
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$src/build}
shift || true
sizes=("${@:-20000}")
cmake --build "$build" --target quire-ide quire write_bench_workbook -j2 >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data # no settings or recovery files of the user
field() { grep "$1" "$2" | sed 's/.*: //'; }
seconds() { # /usr/bin/time's "h:mm:ss" or "m:ss.ss" -> seconds
  awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }' <<<"$1"
}
printf '%-9s %-8s %-14s %-14s %-14s %-14s %-14s %-12s %-14s %-12s\n' elements MB first-window file-read interactive validated screenshot ide-peak-MB validate-s cli-peak-MB
for n in "${sizes[@]}"; do
  wb=$work/wb-$n.yaml
  "$build/bench/write_bench_workbook" "$n" "$wb"
  mb=$(awk "BEGIN { printf \"%.1f\", $(stat -c %s "$wb") / 1048576 }")
  /usr/bin/time -v -o "$work/ide.time" "$build/bin/quire-ide" --offscreen --no-preview --screenshot "$work/shot.png" "$wb" \
    2>"$work/ide.err" >/dev/null || { cat "$work/ide.err" >&2; exit 1; }
  first=$(sed -n 's/.*first window after \([0-9]*\) ms.*/\1/p' "$work/ide.err")
  read=$(sed -n 's/.*file read after \([0-9]*\) ms.*/\1/p' "$work/ide.err")
  read=${read:-$first}
  interactive=$(sed -n 's/.*interactive after \([0-9]*\) ms.*/\1/p' "$work/ide.err")
  validated=$(sed -n 's/.*validated after \([0-9]*\) ms.*/\1/p' "$work/ide.err")
  validated=${validated:-$interactive} # a small workbook is validated before it is shown
  wall=$(seconds "$(field 'Elapsed (wall clock)' "$work/ide.time")")
  rss=$(( $(field 'Maximum resident set size' "$work/ide.time") / 1024 ))
  /usr/bin/time -v -o "$work/cli.time" "$build/bin/quire" validate "$wb" >/dev/null 2>&1 || true
  cwall=$(seconds "$(field 'Elapsed (wall clock)' "$work/cli.time")")
  crss=$(( $(field 'Maximum resident set size' "$work/cli.time") / 1024 ))
  secs() { awk "BEGIN { printf \"%.2f s\", $1 / 1000 }"; }
  printf '%-9s %-8s %-14s %-14s %-14s %-14s %-14s %-12s %-14s %-12s\n' "$n" "$mb" "$(secs "$first")" "$(secs "$read")" "$(secs "$interactive")" "$(secs "$validated")" \
    "${wall} s" "$rss" "$cwall" "$crss"
done
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%F)"
