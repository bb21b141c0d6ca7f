#!/usr/bin/env bash
# First-visit transfer size of resident pages, as a phone would fetch them:
# the HTML of the page plus every CSS/JS/WASM asset it references, all with
# Accept-Encoding: br, gzip. Budget: 250 KB for HTML + CSS + JS + WASM.
# Usage: scripts/bench-size.sh [BASE_URL]   (a running server, e.g. scripts/run.sh)
set -euo pipefail
base="${1:-http://127.0.0.1:3000}"
total_all=0
for path in / /feed /login /signup; do
  html=$(mktemp)
  html_bytes=$(curl -s -H 'Accept-Encoding: br, gzip' -o /dev/null -w '%{size_download}' "$base$path")
  curl -s "$base$path" > "$html"
  assets=$(grep -oE '/pkg/[^"]+\.(css|js|wasm)' "$html" | sort -u)
  sum=$html_bytes
  line="$path html=${html_bytes}B"
  for a in $assets; do
    n=$(curl -s -H 'Accept-Encoding: br, gzip' -o /dev/null -w '%{size_download}' "$base$a")
    raw=$(curl -s -o /dev/null -w '%{size_download}' "$base$a")
    sum=$((sum + n))
    line="$line ${a##*.}=${n}B(raw ${raw}B)"
  done
  rm -f "$html"
  echo "$line total=$((sum / 1024))KB"
  [ $sum -gt $total_all ] && total_all=$sum
done
echo "largest first visit: $((total_all / 1024)) KB (budget 250 KB)"
