#!/usr/bin/env bash
# Runs every transform with --yes --unsafe-fixes over a copy of a folder and checks that:
# no panic or internal error is reported, no file gains a syntax error, and a second run finds
# nothing left to fix. Prints the findings and fixes per transform. Not part of `cargo test`.
# Usage: bench/corpus-check.sh <folder> [asyncfix binary]
set -uo pipefail
src=${1:?usage: bench/corpus-check.sh <folder> [asyncfix binary]}
bin=$(realpath "${2:-$(dirname "$0")/../target/release/asyncfix}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$src" "$work/copy"
all=$("$bin" --list | awk '{print $2}' | paste -sd,)
status=0
"$bin" --parse-only "$work/copy" >"$work/before.parse"
"$bin" --format json --unsafe-fixes --select "$all" "$work/copy" >"$work/before.json" 2>"$work/before.err"
"$bin" --yes --unsafe-fixes --select "$all" "$work/copy" >"$work/apply.out" 2>"$work/apply.err"
"$bin" --format json --unsafe-fixes --select "$all" "$work/copy" >"$work/after.json" 2>"$work/after.err"
"$bin" --parse-only "$work/copy" >"$work/after.parse"
if grep -hE "internal error|panicked" "$work"/*.err; then status=1; fi
python3 - "$work" <<'PY' || status=1
import collections, json, sys
work = sys.argv[1]
before, after = (json.load(open(f"{work}/{n}.json")) for n in ("before", "after"))
def fixable(doc):
    return [d for d in doc["diagnostics"] if d.get("fix") and d["fix"]["applicability"] != "display-only"]
found = collections.Counter(d["transform"] for d in before["diagnostics"])
fixed = collections.Counter(d["transform"] for d in fixable(before))
left = collections.Counter(d["transform"] for d in fixable(after))
print(f"{'transform':<28}{'found':>8}{'fixable':>9}{'left':>6}")
for name in sorted(set(found) | set(left)):
    print(f"{name:<28}{found[name]:>8}{fixed[name]:>9}{left[name]:>6}")
# asyncfix parses only the files it needs: every file's syntax errors come from --parse-only
# (the count after the masked view, which is what asyncfix sees).
def errors(name):
    return int(open(f"{work}/{name}.parse").read().split("(")[1].split()[0])
pb, pa = errors("before"), errors("after")
print(f"files {before['summary']['files']}, files with syntax errors before {pb}, after {pa}")
ok = pa <= pb and not left
if pa > pb:
    print("FAIL: the fixes added syntax errors")
if left:
    print("FAIL: a second run still finds fixes:")
    for d in fixable(after)[:20]:
        print(f"  {d['path']}:{d['range']['start']['line']}: {d['transform']}: {d['message']}")
sys.exit(0 if ok else 1)
PY
tail -1 "$work/apply.out"
[ $status -eq 0 ] && echo "OK" || echo "FAILED"
exit $status
