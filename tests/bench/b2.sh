# tests/bench/b2.sh - runs inside the emulated host (make bench, B2): under
# each load, the host's cyclictest and, on the stock kernel, the µITRON
# RTOS's 1 ms and 10 ms cyclic handlers (rtos/app/test/monitor.c), side by
# side, at the same time, in the same boot.  scripts/bench.sh writes a copy
# per sample with these set first:
#   NK_B2_SAMPLE   the sample number: a start delay of its own, so that
#                  samples take different paths (environment.md)
#   NK_B2_KERNEL   stock (the nanokernel and the RTOS run) or rt (Debian's
#                  PREEMPT_RT kernel, cyclictest alone)
# Raw lines, for scripts/bench.sh (1 us bins; virtual time, icount shift=3):
#   B2 SAMPLE KERNEL LOAD OS hist US COUNT    OS: host, rtos1, rtos10
#   B2 SAMPLE KERNEL LOAD OS over COUNT       later than the last bin
#   B2 SAMPLE KERNEL LOAD OS max NS           the exact worst case
#   B2 SAMPLE KERNEL LOAD OS count ACTIVATIONS PERIODS   (the RTOS's)
. /nk/bench/benchlib.sh
LOOPS=${LOOPS:-5000}
sample=${NK_B2_SAMPLE:-1}
kernel=${NK_B2_KERNEL:-stock}
tag="B2 $sample $kernel"

PIDS=
bg() { "$@" & PIDS="$PIDS $!"; }
load_start() {	# L0..L6: start the load in the background
	case $1 in L1|L5) bg stress-ng --cpu 1 --timeout 3600 ;; esac
	case $1 in L2) bg sh -c 'while :; do hackbench -g 2 -l 10; done' ;; esac
	case $1 in L3|L5) bg sh -c 'while :; do dd if=/dev/zero of=/tmp/l3 bs=64k count=64;
		cp /tmp/l3 /tmp/l3.c; rm -f /tmp/l3 /tmp/l3.c; done' ;; esac
	case $1 in L6) bg svctest churn 3600 ;; esac
	case $1 in L4|L5) bg irqgen rtc 3600
		bg sh -c 'while :; do echo "serial flood ........................................"; done > /dev/console' ;; esac
}
load_stop() {
	[ -n "$PIDS" ] && kill $PIDS 2>/dev/null
	wait $PIDS 2>/dev/null
	killall stress-ng hackbench irqgen svctest 2>/dev/null
	PIDS=
	sleep 1
}

# cyclictest -h: "NNNNNN CCCCCC" per 1 us bin, then "# Max Latencies: ..."
host_lines() {	# LOAD FILE
	awk -v t="$tag $1 host" '
	/^[0-9]+ [0-9]+/ { if ($2 + 0) printf "%s hist %d %d\n", t, $1, $2 }
	/^# Histogram Overflows:/ { printf "%s over %d\n", t, $4 }
	/^# Max Latencies:/ { printf "%s max %d\n", t, $4 * 1000 }' "$2"
}

rtos_console() { nkctl console rtos | tr -d '\r'; }

# The RTOS's report of one handler (cyclic: 1 ms, cyclic10: 10 ms).
rtos_report() {	# LOAD NAME PERIOD_MS
	rtos_console | sed -n "s/^rtos-test: $2 \([0-9]*\) periods, \([0-9]*\) activations, late max \([0-9]*\) ns.*/\2 \1 \3/p" |
		tail -n 1 | {
		read -r acts periods max
		echo "$tag $1 rtos$3 count $acts $periods"
		echo "$tag $1 rtos$3 max $max"
	}
}

# Its histograms, a chunk at a time (its console ring holds 16 KB): what
# came after the last "hist chunk" line.
rtos_lines() {	# LOAD
	local k=0
	rtos_report $1 cyclic 1
	rtos_report $1 cyclic10 10
	while [ $k -lt 200 ]; do
		nkctl os run rtos 13 > /dev/null
		rtos_console | awk '/^rtos-test: hist chunk / { buf = "" } { buf = buf $0 "\n" }
			END { printf "%s", buf }' > /tmp/chunk
		sed -n "s/^rtos-test: hist \([0-9]*\) \([0-9]*\) \([0-9]*\)$/$tag $1 rtos\1 hist \2 \3/p;
			s/^rtos-test: hist \([0-9]*\) over \([0-9]*\)$/$tag $1 rtos\1 over \2/p" /tmp/chunk
		grep -q '^rtos-test: hist end' /tmp/chunk && break
		k=$((k + 1))
	done
}

if [ $kernel = stock ]; then
	must nkctl os start rtos /lib/firmware/rtos.bin
	sleep 2		# its own checks run first
fi
# The sample's own start: samples differ on purpose.
usleep $((sample * 137000))

loads="L0 L1 L2 L3 L4 L5"
[ $kernel = stock ] && loads="$loads L6"	# the nanokernel's services
for load in $loads; do
	load_start $load > /dev/null 2>&1
	sleep 1
	# cyclictest first: its start (mlockall) keeps interrupts off in the
	# host for most of a millisecond, which is the host's cli bound, not
	# steady state; the RTOS measures while cyclictest does.
	cyclictest -m -p99 -i1000 -h2000 -q -l $LOOPS > /tmp/ct.out 2>/dev/null &
	ct=$!
	sleep 1
	[ $kernel = stock ] && must nkctl os run rtos 5
	sleep $((LOOPS / 1000 - 2))
	[ $kernel = stock ] && must nkctl os run rtos 6
	wait $ct || bench_fail "cyclictest under $load exited $?"
	load_stop
	host_lines $load /tmp/ct.out
	[ $kernel = stock ] && rtos_lines $load
done
[ $kernel = stock ] && must nkctl os stop rtos
bench_done B2
