#!/usr/bin/env bash
# Times asyncfix (default transforms, JSON listing) against a plain parse of the same files
# (`asyncfix --parse-only`: read, decode, tree-sitter, nothing else) and one ast-grep pattern,
# side by side, with peak memory. Usage: bench/compare.sh <folder> [asyncfix binary]
# Needs GNU time (/usr/bin/time) and ast-grep (`pip install ast-grep-cli` gives `ast-grep`).
set -euo pipefail
folder=${1:?usage: bench/compare.sh <folder> [asyncfix binary]}
bin=${2:-$(dirname "$0")/../target/release/asyncfix}
sg=$(command -v ast-grep || true)
files=$(find "$folder" -name '*.cs' -not -path '*/bin/*' -not -path '*/obj/*' | wc -l)
mb=$(find "$folder" -name '*.cs' -not -path '*/bin/*' -not -path '*/obj/*' -print0 | du -cb --files0-from=- | tail -1 | cut -f1)
echo "folder: $folder ($files .cs files, $((mb / 1000000)) MB), $(nproc) cores"
measure() { # label, command...
  local label=$1; shift
  local t; t=$(mktemp)
  /usr/bin/time -o "$t" -f '%e %U %S %M' "$@" >/dev/null 2>&1 || true
  read -r wall user sys rss < <(tail -1 "$t"); rm -f "$t"
  printf '%-34s wall %6.2f s  cpu %6.2f s  peak %5d MB\n' "$label" "$wall" "$(echo "$user + $sys" | bc)" "$((rss / 1024))"
}
find "$folder" -name '*.cs' -print0 | xargs -0 cat >/dev/null # warm the page cache
measure "plain parse (--parse-only)" "$bin" --parse-only "$folder"
RAYON_NUM_THREADS=1 measure "plain parse (1 thread)" "$bin" --parse-only "$folder"
measure "asyncfix --format json" "$bin" --format json "$folder"
RAYON_NUM_THREADS=1 measure "asyncfix --format json (1 thread)" "$bin" --format json "$folder"
if [ -n "$sg" ]; then
  measure "ast-grep --kind await_expression" "$sg" run --kind await_expression -l csharp "$folder"
  measure "ast-grep -p 'await \$X'" "$sg" run --pattern 'await $X' -l csharp "$folder"
  measure "ast-grep --kind (1 thread)" "$sg" run --kind await_expression -l csharp -j 1 "$folder"
else
  echo "ast-grep not found: pip install ast-grep-cli"
fi
