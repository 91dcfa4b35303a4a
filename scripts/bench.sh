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

# One boot for B1 and B4, another for B2 (its loads would disturb B1).
for part in b1-b4 b2; do
	NK_VM_OUT="$out/vm-$part" "$top/scripts/vm.sh" script "$top/tests/bench/$part.sh" \
		> "$out/vm-$part.log" 2>&1 ||
		{ echo "bench: the emulated machine failed, see $out/vm-$part.log" >&2; exit 1; }
done
cat "$out"/vm-b1-b4/com1.log "$out"/vm-b2/com1.log | tr -d '\r' |
	grep -E '^B[124] ' > "$out/raw.txt"
for done in B4 B2; do
	grep -q "^$done done" "$out/raw.txt" ||
		{ echo "bench: incomplete run ($done), see $out/vm-*.log" >&2; exit 1; }
done

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
$1 == "B2" && $3 == "guest" { g[$2] = sprintf("%9d %9d %12.1f %12.1f", $4, $5, $6 / 1000, $7 / 1000); gmax[$2] = $6; gmean[$2] = $7; loads[++nl] = $2 }
$1 == "B2" && $3 == "host" { h[$2] = sprintf("%10d %10d %10d", $4, $5, $6); hmax[$2] = $6 }
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
	printf "%-46s %12.1f\n", "timer expiry -> RTOS cyclic handler (B2 L0 mean)", gmean["L0"] / 8 > b4f
	printf "%-46s %12s\n", "guest Linux patch, changed lines", "no guest yet" > b4f
	close(b4f)

	b2 = "build/bench/b2.txt"
	printf "B2 real-time response, same boot, same load, at the same time\n" > b2
	printf "guest: the uITRON RTOS'"'"'s 1 ms cyclic handler (rtos/app/test)\n" > b2
	printf "host: cyclictest -m -p99 -i1000 (stock 686 kernel); virtual time, icount shift=3\n\n" > b2
	printf "%-5s %9s %9s %12s %12s | %10s %10s %10s | %9s\n", "load", "activ.", "periods",
		"g.max us", "g.mean us", "h.min us", "h.avg us", "h.max us", "h/g max" > b2
	for (i = 1; i <= nl; i++) {
		l = loads[i]
		printf "%-5s %s | %s | %9.1f\n", l, g[l], h[l], gmax[l] ? hmax[l] * 1000 / gmax[l] : 0 > b2
	}
	if (gmax["L0"]) printf "\nguest max under L5 / guest max at L0: %.2f (goal: <= 1.5)\n", gmax["L5"] / gmax["L0"] > b2
	printf "loads: L0 idle, L1 stress-ng --cpu 1, L2 hackbench loop, L3 tmpfs dd+cp loop, L4 serial flood, L5 = L1+L3+L4\n" > b2
	close(b2)
}' "$out/raw.txt"
cat "$out/b1.txt"
echo
cat "$out/b4.txt"
echo
cat "$out/b2.txt"
echo
echo "raw data: $out/raw.txt; consoles: $out/vm-*/com1.log; command: make bench"
