#!/usr/bin/env bash
# scripts/bench.sh - make bench: boot the emulated machine once, run
# tests/bench/b1-b4.sh inside, and turn its raw lines into the B1 and B4
# tables of ../shared/benchmarks.md.  Writes build/bench/{raw,b1,b4}.txt.
#
# Every figure is virtual time under QEMU's instruction counting (icount
# shift=3: 1 instruction = 8 virtual ns), measured side by side in one
# boot; it is a path length, not a time on real hardware.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
out="$top/build/bench"
mkdir -p "$out"

NK_VM_OUT="$out/vm" "$top/scripts/vm.sh" script "$top/tests/bench/b1-b4.sh" > "$out/vm.log" 2>&1 ||
	{ echo "bench: the emulated machine failed, see $out/vm.log" >&2; exit 1; }
tr -d '\r' < "$out/vm/com1.log" | grep -E '^B[14] ' > "$out/raw.txt"
grep -q '^B4 done' "$out/raw.txt" || { echo "bench: incomplete run, see $out/vm.log" >&2; exit 1; }

size=$(size "$top/build/nanokernel.elf" | awk 'NR == 2 { print $1 + $2 + $3 }')
awk -v size="$size" -v cmd="make bench" '
function median(a, n,    i, j, t) {
	for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++)
		if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
	return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
$1 == "B1" {
	if (!($2 in seen)) { order[++nw] = $2; seen[$2] = 1 }
	k = $2 SUBSEP $3; n[k]++; v[k, n[k]] = $5
}
$1 == "B4" { b4[$2] = $3 }
END {
	b1 = "build/bench/b1.txt"; b4f = "build/bench/b4.txt"
	printf "B1 host overhead: C1 (nanokernel loaded; no guest yet) / C0 (not loaded)\n" > b1
	printf "virtual time under icount (shift=3), median of %d samples, same boot\n\n", n[order[1], "C0"] > b1
	printf "%-12s %14s %14s %9s\n", "workload", "C0 ms", "C1 ms", "overhead" > b1
	logsum = 0; worst = 0
	for (i = 1; i <= nw; i++) {
		w = order[i]
		for (c = 1; c <= n[w, "C0"]; c++) a0[c] = v[w, "C0", c]
		for (c = 1; c <= n[w, "C1"]; c++) a1[c] = v[w, "C1", c]
		m0 = median(a0, n[w, "C0"]); m1 = median(a1, n[w, "C1"])
		r = m1 / m0; logsum += log(r)
		if (r - 1 > worst) { worst = r - 1; worstw = w }
		printf "%-12s %14.3f %14.3f %+8.2f%%\n", w, m0 / 1e6, m1 / 1e6, (r - 1) * 100 > b1
	}
	printf "%-12s %14s %14s %+8.2f%%\n", "geo. mean", "", "", (exp(logsum / nw) - 1) * 100 > b1
	printf "worst single workload: %s %+.2f%%  (goal: geometric mean < 0.5%%, none > 2%%)\n", worstw, worst * 100 > b1
	close(b1)

	printf "B4 cost of the mechanism (instructions at icount shift=3: 8 virtual ns each)\n\n" > b4f
	printf "%-46s %12s\n", "item", "value" > b4f
	printf "%-46s %12d\n", "nanokernel text+data+bss, bytes (paper: ~60 KB)", size > b4f
	i80 = (b4["int80-c1-ns"] - b4["int80-c0-ns"]) / b4["int80-ops"] / 8
	pf = (b4["pagefault-c1-ns"] - b4["pagefault-c0-ns"]) / b4["pagefault-ops"] / 8
	printf "%-46s %12.1f\n", "added per forwarded int 0x80 (stub: 3 insns)", i80 > b4f
	printf "%-46s %12.1f\n", "added per forwarded page fault", pf > b4f
	printf "%-46s %12.1f\n", "per host timer request (merge + passage)", b4["merge-tsc-each"] / 8 > b4f
	printf "%-46s %12s\n", "host -> RTOS -> host switch", "no guest yet" > b4f
	printf "%-46s %12s\n", "guest Linux patch, changed lines", "no guest yet" > b4f
	close(b4f)
}' "$out/raw.txt"
cat "$out/b1.txt"
echo
cat "$out/b4.txt"
echo
echo "raw data: $out/raw.txt; console: $out/vm/com1.log; command: make bench"
