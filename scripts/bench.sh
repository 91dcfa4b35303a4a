#!/usr/bin/env bash
# scripts/bench.sh - make bench (Documentation/benchmarks.md): boot the
# emulated machine for B1 and B4 (tests/bench/b1-b4.sh), and for B2
# (tests/bench/b2.sh) once per sample: NK_B2_SAMPLES on the stock kernel
# with the nanokernel and the RTOS, sample 1 again to check that an
# identical run gives identical histograms, and NK_B2_RT_SAMPLES on
# Debian's PREEMPT_RT kernel without the nanokernel.  Two machines at a
# time.  Writes build/bench/: raw.txt (every raw line), b1.txt, b2.txt,
# b3.txt, b4.txt, b2-LOAD.png (histograms), and the consoles.
#
# Every figure is virtual time under QEMU's instruction counting (icount
# shift=3: 1 instruction = 8 virtual ns), measured side by side in one
# boot; it is a path length, not a time on real hardware.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
out="$top/build/bench"
samples=${NK_B2_SAMPLES:-3}
rt_samples=${NK_B2_RT_SAMPLES:-2}
mkdir -p "$out"
"$top/scripts/setup.sh" bench
rt_kernel="$top/.cache/rt/root/boot/vmlinuz-$(cat "$top/.cache/rt/abi")"

# boot NAME SCRIPT [KERNEL]: one machine, its console in $out/vm-NAME.
boot() {
	NK_VM_OUT="$out/vm-$1" NK_VM_KERNEL=${3:-} "$top/scripts/vm.sh" script "$2" \
		> "$out/vm-$1.log" 2>&1 ||
		{ echo "bench: the emulated machine failed, see $out/vm-$1.log" >&2; return 1; }
}
# b2_script NAME SAMPLE KERNEL: b2.sh with its sample set first.
b2_script() {
	{
		[ "$3" = rt ] && echo "# nk-vm: noload"
		echo "NK_B2_SAMPLE=$2 NK_B2_KERNEL=$3"
		cat "$top/tests/bench/b2.sh"
	} > "$out/$1.sh"
}

jobs_list=(b1-b4 b3)
for s in $(seq 1 "$samples"); do
	b2_script "b2-stock-$s" "$s" stock
	jobs_list+=("b2-stock-$s")
done
b2_script b2-stock-1-again 1 stock
jobs_list+=(b2-stock-1-again)
for s in $(seq 1 "$rt_samples"); do
	b2_script "b2-rt-$s" "$s" rt
	jobs_list+=("b2-rt-$s")
done
running=0
failed=0
for j in "${jobs_list[@]}"; do
	case $j in
	b1-b4 | b3) boot "$j" "$top/tests/bench/$j.sh" & ;;
	b2-rt-*) boot "$j" "$out/$j.sh" "$rt_kernel" & ;;
	*) boot "$j" "$out/$j.sh" & ;;
	esac
	running=$((running + 1))
	if [ $running -ge 2 ]; then
		wait -n || failed=1
		running=$((running - 1))
	fi
done
while [ $running -gt 0 ]; do
	wait -n || failed=1
	running=$((running - 1))
done
[ $failed = 0 ] || exit 1

raw="$out/raw.txt"
: > "$raw"
for j in "${jobs_list[@]}"; do
	log="$out/vm-$j/com1.log"
	tr -d '\r' < "$log" | grep -E '^B[1234] ' | grep -v ' FAILED' |
		sed "s/^B2 /B2 $j /" >> "$raw"
	# A benchmark that could not measure says so (tests/bench/benchlib.sh).
	if tr -d '\r' < "$log" | grep '^B FAILED' > "$out/failed-$j.txt"; then
		echo "bench: $j could not measure everything (see $log):" >&2
		cat "$out/failed-$j.txt" >&2
		failed=1
	fi
	tr -d '\r' < "$log" | grep -E '^B[234] done$' > /dev/null ||
		{ echo "bench: incomplete run $j, see $out/vm-$j.log" >&2; failed=1; }
done
[ $failed = 0 ] || exit 1

# Determinism: sample 1 twice, the same histograms line for line.
same() { grep "^B2 $1 " "$raw" | cut -d' ' -f3- ; }
if cmp -s <(same b2-stock-1) <(same b2-stock-1-again); then
	determinism="identical"
else
	determinism="DIFFERENT"
fi

size=$(size "$top/build/nanokernel.elf" | awk 'NR == 2 { print $1 + $2 + $3 }')
awk -v size="$size" -v outdir="$out" -v determinism="$determinism" -v rt="$rt_samples" '
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
$1 == "B3" && NF == 4 { b3[$2] = $3; b3n[$2] = $4 }
# B2 JOB SAMPLE KERNEL LOAD OS what ...: the sample repeated for the
# determinism check is not counted twice.
$1 == "B2" && $2 !~ /again$/ && NF >= 7 {
	os = ($4 == "rt" ? "rt-host" : $6); l = $5; r = $2
	if (!((l, os) in have)) { have[l, os] = 1 }
	if (!((r, l, os) in run)) { run[r, l, os] = 1; nrun[l, os]++; runs[l, os, nrun[l, os]] = r }
	if ($7 == "hist") { h[r, l, os, $8] += $9; tot[l, os, $8] += $9; if ($8 > top_us[l]) top_us[l] = $8 }
	if ($7 == "max") maxns[r, l, os] = $8
	if ($7 == "over") over[r, l, os] += $8
	if ($7 == "count") { acts[r, l, os] = $8; per[r, l, os] = $9 }
}
# Statistics of one run from its 1 us histogram (bins are whole us).
function stats(r, l, os,    us, c, nn, sum, sq, best, cum, p999, mn) {
	nn = 0; sum = 0; sq = 0; best = -1; mn = -1
	for (us = 0; us < 2000; us++) {
		c = h[r, l, os, us]
		if (!c) continue
		if (mn < 0) mn = us
		nn += c; sum += us * c; sq += us * us * c
		if (best < 0 || c > h[r, l, os, best]) best = us
	}
	nn += over[r, l, os]
	S_n = nn; S_min = mn; S_mode = best
	S_mean = nn ? sum / nn : 0
	S_sd = nn ? sqrt(sq / nn - S_mean * S_mean) : 0
	cum = 0; p999 = -1
	for (us = 0; us < 2000 && p999 < 0; us++) {
		cum += h[r, l, os, us]
		if (cum >= 0.999 * nn) p999 = us
	}
	S_p999 = p999 < 0 ? 2000 : p999
	S_max = maxns[r, l, os] / 1000
}
# Every figure a table prints must have been measured: a missing one is
# an error, never a 0 that reads as "no overhead" or "goal met".
function need(cond, what) { if (!cond) missing = missing "\n  " what }
function complete(    i, w, c, k, l, o) {
	need(nw > 0, "B1: no workload")
	for (i = 1; i <= nw; i++) {
		w = order[i]
		for (c = 1; c <= 3; c++) {
			k = substr("C0CNC1", 2 * c - 1, 2)
			need(n[w, k] > 0 && n[w, k] == n[w, "C0"], "B1 " w " " k)
		}
	}
	split("int80-c0-ns int80-c1-ns int80-ops pagefault-c0-ns pagefault-c1-ns " \
	      "pagefault-ops merge-calls merge-tsc-each ping-tsc run-tsc", k4, " ")
	for (i in k4) need(b4[k4[i]] > 0, "B4 " k4[i])
	split("rtt-64 pipe-rtt-64 stream-64 pipe-stream-64 rtt-4096 pipe-rtt-4096 " \
	      "stream-4096 pipe-stream-4096 ping-0", k3, " ")
	for (i in k3) need(b3[k3[i]] > 0, "B3 " k3[i])
	split("L0 L1 L2 L3 L4 L5 L6", ls, " "); split("host rtos1 rtos10", os3, " ")
	for (l in ls) for (o in os3) need((ls[l], os3[o]) in have, "B2 " ls[l] " " os3[o])
	# L6 loads the nanokernel'"'"'s services: not in PREEMPT_RT'"'"'s boots
	if (rt) for (l in ls) if (ls[l] != "L6") need((ls[l], "rt-host") in have, "B2 " ls[l] " rt-host")
}
END {
	complete()
	if (missing != "") {
		print "bench: figures missing from the runs:" missing > "/dev/stderr"
		exit 3
	}
	b1 = outdir "/b1.txt"; b4f = outdir "/b4.txt"; b2 = outdir "/b2.txt"
	printf "B1 host overhead, same boot: C0 nanokernel not loaded, CN loaded with no guest,\n" > b1
	printf "C1 loaded with the RTOS running its 1 ms cyclic handler.\n" > b1
	printf "virtual time under icount (shift=3), median of %d samples\n\n", n[order[1], "C0"] > b1
	printf "%-12s %12s %12s %12s %9s %9s\n", "workload", "C0 ms", "CN ms", "C1 ms", "CN/C0", "C1/C0" > b1
	lsn = 0; ls1 = 0; worst = 0
	for (i = 1; i <= nw; i++) {
		w = order[i]
		for (c = 1; c <= n[w, "C0"]; c++) a0[c] = v[w, "C0", c]
		for (c = 1; c <= n[w, "CN"]; c++) an[c] = v[w, "CN", c]
		for (c = 1; c <= n[w, "C1"]; c++) a1[c] = v[w, "C1", c]
		m0 = median(a0, n[w, "C0"]); mn = median(an, n[w, "CN"]); m1 = median(a1, n[w, "C1"])
		lsn += log(mn / m0); ls1 += log(m1 / m0)
		if (m1 / m0 - 1 > worst) { worst = m1 / m0 - 1; worstw = w }
		printf "%-12s %12.3f %12.3f %12.3f %+8.2f%% %+8.2f%%\n", w, m0 / 1e6, mn / 1e6,
			m1 / 1e6, (mn / m0 - 1) * 100, (m1 / m0 - 1) * 100 > b1
	}
	printf "%-12s %12s %12s %12s %+8.2f%% %+8.2f%%\n", "geo. mean", "", "", "",
		(exp(lsn / nw) - 1) * 100, (exp(ls1 / nw) - 1) * 100 > b1
	printf "worst single workload with the RTOS: %s %+.2f%%  (goal: geometric mean < 0.5%%, none > 2%%)\n", worstw, worst * 100 > b1
	close(b1)

	printf "B4 cost of the mechanism (instructions at icount shift=3: 8 virtual ns each)\n\n" > b4f
	printf "%-50s %12s\n", "item", "value" > b4f
	printf "%-50s %12d\n", "nanokernel text+data+bss, bytes (paper: ~60 KB)", size > b4f
	i80 = (b4["int80-c1-ns"] - b4["int80-c0-ns"]) / b4["int80-ops"] / 8
	pf = (b4["pagefault-c1-ns"] - b4["pagefault-c0-ns"]) / b4["pagefault-ops"] / 8
	printf "%-50s %12.1f\n", "added per forwarded int 0x80 (stub: 3 insns)", i80 > b4f
	printf "%-50s %12.1f\n", "added per forwarded page fault", pf > b4f
	printf "%-50s %12.1f\n", "per host timer request (merge + passage)", b4["merge-tsc-each"] / 8 > b4f
	printf "%-50s %12.1f\n", "host -> guest -> host switch (OS_RUN - PING)", (b4["run-tsc"] - b4["ping-tsc"]) / 8 > b4f
	printf "%-50s %12.1f\n", "host call through the passage (PING, ioctl incl.)", b4["ping-tsc"] / 8 > b4f
	printf "%-50s %12s\n", "guest Linux patch, changed lines", "no guest yet" > b4f
	close(b4f)

	b3f = outdir "/b3.txt"
	printf "B3 cross-OS communication, same boot: a host process and an RTOS task through\n" > b3f
	printf "the nanokernel'"'"'s queues and events, beside two host processes through pipes.\n" > b3f
	printf "virtual us under icount (shift=3) per message or round\n\n" > b3f
	printf "%-34s %12s %12s %9s\n", "measure", "nanokernel", "pipes", "ratio" > b3f
	nm = split("rtt-64 rtt-4096 stream-64 stream-4096", ms, " ")
	for (i = 1; i <= nm; i++) {
		k = ms[i]; pk = "pipe-" k
		printf "%-34s %12.1f %12.1f %9.2f\n", (k ~ /^rtt/ ? "round trip, " : "stream, per message, ") \
			substr(k, index(k, "-") + 1) " B", b3[k] / 1000, b3[pk] / 1000,
			b3[k] / b3[pk] > b3f
	}
	printf "%-34s %12.1f %12s\n", "event ping-pong, per round", b3["ping-0"] / 1000, "" > b3f
	printf "\nstream throughput: 64 B %.1f MB/s vs %.1f; 4 KB %.1f MB/s vs %.1f (nanokernel vs pipes)\n",
		64e3 / b3["stream-64"], 64e3 / b3["pipe-stream-64"],
		4096e3 / b3["stream-4096"], 4096e3 / b3["pipe-stream-4096"] > b3f
	printf "goal: the cross-OS round trip no slower than the pipe round trip (ratio <= 1)\n" > b3f
	close(b3f)

	nl = split("L0 L1 L2 L3 L4 L5 L6", loads, " ")
	no = split("rtos1 rtos10 host rt-host", oss, " ")
	name["rtos1"] = "RTOS 1 ms cyclic"; name["rtos10"] = "RTOS 10 ms cyclic"
	name["host"] = "host cyclictest"; name["rt-host"] = "PREEMPT_RT cyclictest"
	printf "B2 real-time response: the RTOS (nanokernel guest) and the host'"'"'s cyclictest in the\n" > b2
	printf "same boot, under the same load; PREEMPT_RT'"'"'s cyclictest in boots of its own.\n" > b2
	printf "virtual us under icount (shift=3); per run: min, mode, mean, stdev, p99.9 from\n" > b2
	printf "1 us histograms, max exact; over runs: max = median of the per-run maxima,\n" > b2
	printf "worst = the worst of them.  Determinism (sample 1 twice): %s\n", determinism > b2
	for (li = 1; li <= nl; li++) {
		l = loads[li]
		printf "\n%s %-22s %4s %6s %6s %7s %6s %7s %8s %8s\n", l, "", "runs", "min", "mode",
			"mean", "stdev", "p99.9", "max", "worst" > b2
		for (oi = 1; oi <= no; oi++) {
			os = oss[oi]
			if (!((l, os) in have)) continue
			k = 0; delete mx; smin = 1e9; smode = 0; smean = 0; ssd = 0; sp = 0; wmax = 0; allrun = 1
			for (ri = 1; ri <= nrun[l, os]; ri++) {
				r = runs[l, os, ri]; stats(r, l, os)
				mx[++k] = S_max; if (S_max > wmax) wmax = S_max
				if (S_min >= 0 && S_min < smin) smin = S_min
				smode += S_mode; smean += S_mean; ssd += S_sd; if (S_p999 > sp) sp = S_p999
				if ((r, l, os) in acts && os ~ /^rtos/ && (acts[r, l, os] - per[r, l, os] > 1 ||
				    per[r, l, os] - acts[r, l, os] > 1)) allrun = 0
			}
			med = median(mx, k)
			worst_of[l, os] = wmax; med_of[l, os] = med
			printf "   %-22s %4d %6d %6.0f %7.1f %6.1f %7d %8.1f %8.1f%s\n", name[os], k, smin,
				smode / k, smean / k, ssd / k, sp, med, wmax,
				(os ~ /^rtos/ && !allrun) ? "  (periods missed!)" : "" > b2
		}
	}
	printf "\nratios on the worst case (goal: RTOS L5 <= 1.5x its L0; host / RTOS >= 20;\n" > b2
	printf "RTOS below PREEMPT_RT under L5):\n" > b2
	for (li = 1; li <= nl; li++) {
		l = loads[li]
		if (!worst_of[l, "rtos1"]) continue
		printf "   %s: host / RTOS %6.1f   PREEMPT_RT / RTOS %6.1f   RTOS / RTOS at L0 %5.2f\n", l,
			worst_of[l, "host"] / worst_of[l, "rtos1"],
			worst_of[l, "rt-host"] ? worst_of[l, "rt-host"] / worst_of[l, "rtos1"] : 0,
			worst_of[l, "rtos1"] / worst_of["L0", "rtos1"] > b2
	}
	printf "\nloads: L0 idle, L1 stress-ng --cpu 1, L2 hackbench loop, L3 tmpfs dd+cp loop,\n" > b2
	printf "L4 RTC at 8192 Hz + serial flood, L5 = L1+L3+L4, L6 the services'"'"' largest calls\n" > b2
	printf "in a loop (svctest churn: 4 MB segments and queues, a 64 KB message through each,\n" > b2
	printf "256 KB PNVM regions created, cleared and destroyed; stock kernel only)\n" > b2
	close(b2)
	# Histogram data for gnuplot: all runs of each OS summed, per load.
	for (li = 1; li <= nl; li++) {
		l = loads[li]; f = outdir "/b2-" l ".dat"
		printf "# us rtos1 rtos10 host rt-host (activations, all samples)\n" > f
		for (us = 0; us <= top_us[l]; us++)
			printf "%d %d %d %d %d\n", us, tot[l, "rtos1", us], tot[l, "rtos10", us],
				tot[l, "host", us], tot[l, "rt-host", us] > f
		close(f)
	}
}' "$raw"

for l in L0 L1 L2 L3 L4 L5 L6; do
	gnuplot <<EOF
set terminal png size 900,500 noenhanced
set output "$out/b2-$l.png"
set title "B2 $l: latency histogram, virtual us (icount shift=3), all samples"
set xlabel "latency (us)"
set ylabel "activations"
set logscale y
set yrange [0.8:*]
set xrange [0:*]
set style data steps
plot "$out/b2-$l.dat" using 1:(\$2 > 0 ? \$2 : 0.5) title "RTOS 1 ms cyclic" lw 2, \
     "" using 1:(\$3 > 0 ? \$3 : 0.5) title "RTOS 10 ms cyclic", \
     "" using 1:(\$4 > 0 ? \$4 : 0.5) title "host cyclictest (stock)", \
     "" using 1:(\$5 > 0 ? \$5 : 0.5) title "PREEMPT_RT cyclictest"
EOF
done

cat "$out/b1.txt"
echo
cat "$out/b4.txt"
echo
cat "$out/b3.txt"
echo
cat "$out/b2.txt"
echo
echo "raw data: $raw; histograms: $out/b2-L*.png; consoles: $out/vm-*/com1.log; command: make bench"
[ "$determinism" = identical ] ||
	{ echo "bench: sample 1 ran twice and gave different histograms" >&2; exit 1; }
