#!/bin/sh
# Benchmarks: Go benchmarks of model and repo, then `sdelkactl bench` on a
# demo database of SIZE (default medium; `make bench SIZE=large` for the
# million-row volume). Writes a readable summary to bench.txt.
set -eu
cd "$(dirname "$0")/.."
size=${SIZE:-medium}
tags="sqlite_fts5 sqlite_math_functions migrated_fynedo"
dir=$(mktemp -d /tmp/sdelka-bench.XXXXXX)
trap 'rm -rf "$dir"' EXIT
out=bench.txt
{
	echo "Sdelka benchmarks — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(go version | cut -d' ' -f3)"
	echo
	echo "## go test -bench (median of 5 runs: use benchstat on bench-go.txt for spread)"
} > "$out"
go test -tags "$tags" -run '^$' -bench . -benchmem -count 5 ./model/ ./repo/ > "$dir/go.txt"
cp "$dir/go.txt" bench-go.txt
# Median of the runs per benchmark (portable awk: no asort).
awk '/^Benchmark/ { print $1, $3 }' "$dir/go.txt" | sort -k1,1 -k2,2n |
	awk '{ v[$1] = v[$1] " " $2; n[$1]++ }
	END { for (k in v) { split(substr(v[k], 2), a, " "); printf "%-50s %14s ns/op (median of %d)\n", k, a[int((n[k] + 1) / 2)], n[k] } }' |
	sort >> "$out"
echo >> "$out"
echo "## sdelkactl bench on a $size demo database" >> "$out"
start=$(date +%s)
bin/sdelkactl demo --db "$dir/bench.db" --size "$size" >/dev/null
echo "demo --size $size: $(( $(date +%s) - start )) s to generate" >> "$out"
bin/sdelkactl bench --db "$dir/bench.db" --json > "$dir/ctl.json"
cp "$dir/ctl.json" bench-ctl.json
awk -F'[:,}]' '{ printf "%-28s runs %5s  p50 %9s ms  p95 %9s ms\n", $2, $4, $6, $8 }' "$dir/ctl.json" | tr -d '"' >> "$out"
cat "$out"
