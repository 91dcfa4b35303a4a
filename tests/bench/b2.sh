# tests/bench/b2.sh - runs inside the emulated host (make bench): the
# µITRON RTOS's 1 ms cyclic handler (rtos/app/test) and the host's
# cyclictest, side by side, at the same time, under each load.  Prints raw
# lines for scripts/bench.sh:
#   B2 LOAD guest ACTIVATIONS PERIODS LATE_MAX_NS LATE_MEAN_NS
#   B2 LOAD host MIN_US AVG_US MAX_US
# Virtual time under icount (shift=3).
LOOPS=${LOOPS:-5000}
nkctl os start rtos /lib/firmware/rtos.bin > /dev/null
sleep 2		# its own checks run first

PIDS=
bg() { "$@" & PIDS="$PIDS $!"; }
load_start() {	# L0..L5: start the load in the background
	case $1 in L1|L5) bg stress-ng --cpu 1 --timeout 3600 ;; esac
	case $1 in L2) bg sh -c 'while :; do hackbench -g 2 -l 10; done' ;; esac
	case $1 in L3|L5) bg sh -c 'while :; do dd if=/dev/zero of=/tmp/l3 bs=64k count=64;
		cp /tmp/l3 /tmp/l3.c; rm -f /tmp/l3 /tmp/l3.c; done' ;; esac
	case $1 in L4|L5) bg sh -c 'while :; do echo "serial flood ........................................"; done > /dev/console' ;; esac
}
load_stop() {
	[ -n "$PIDS" ] && kill $PIDS 2>/dev/null
	wait $PIDS 2>/dev/null
	pkill stress-ng 2>/dev/null
	pkill hackbench 2>/dev/null
	PIDS=
	sleep 1
}

# "rtos-test: cyclic P periods, A activations, late max L ns, mean M ns"
cyclic() { nkctl console rtos | tr -d '\r' | sed -n 's/^rtos-test: cyclic //p' | tail -n1; }

for load in L0 L1 L2 L3 L4 L5; do
	load_start $load > /dev/null 2>&1
	sleep 1
	# cyclictest first: its start (mlockall) keeps interrupts off in the
	# host for most of a millisecond, which is the host's cli bound, not
	# steady state; the guest ticks while cyclictest measures.
	cyclictest -m -p99 -i1000 -l $LOOPS -q > /tmp/ct.out 2>/dev/null &
	ct=$!
	sleep 1
	nkctl os run rtos 5 > /dev/null
	sleep $((LOOPS / 1000 - 2))
	nkctl os run rtos 6 > /dev/null
	wait $ct
	out=$(tail -n1 /tmp/ct.out)
	load_stop
	set -- $(cyclic)
	echo "B2 $load guest $3 $1 $7 $10"
	echo "$out" | sed -n "s/.*Min: *\([0-9]*\) .*Avg: *\([0-9]*\) .*Max: *\([0-9]*\).*/B2 $load host \1 \2 \3/p"
done
echo "B2 done"
