# tests/bench/b1-b4.sh - runs inside the emulated host (make bench).
# Prints raw result lines that scripts/bench.sh turns into tables:
#   B1 WORKLOAD CONFIG SAMPLE ELAPSED_NS     C0: nanokernel not loaded,
#                                            CN: loaded, no guest,
#                                            C1: loaded, the RTOS running
#                                                its 1 ms cyclic handler
#   B4 NAME VALUE
# Time is CLOCK_MONOTONIC under icount: virtual ns, 8 ns per instruction
# at shift=3.  C0, CN and C1 alternate within each sample, in one boot.
cfg=/etc/nanokernel/default.conf
SAMPLES=${SAMPLES:-3}
[ "${1:-}" = --lib ] || . /nk/bench/benchlib.sh

workload() {	# NAME: run one workload of fixed size
	case $1 in
	cpu)       stress-ng --cpu 1 --cpu-ops 60 ;;
	switch)    stress-ng --switch 1 --switch-ops 20000 ;;
	pipe)      stress-ng --pipe 1 --pipe-ops 20000 ;;
	fork)      stress-ng --fork 1 --fork-ops 300 ;;
	exec)      stress-ng --exec 1 --exec-ops 100 ;;
	hackbench) hackbench -g 2 -l 20 ;;
	tmpfs-copy) dd if=/dev/zero of=/tmp/b1 bs=64k count=64 2>/dev/null &&
		    cp /tmp/b1 /tmp/b1.copy && rm /tmp/b1 /tmp/b1.copy ;;
	syscall)   irqgen int80 100000 ;;
	esac
}
run() {	# WORKLOAD CONFIG SAMPLE
	local ns

	ns=$(timed sh -c ". /nk/bench/b1-b4.sh --lib; workload $1 > /dev/null 2>&1") &&
		echo "B1 $1 $2 $3 $ns"
}
[ "${1:-}" = --lib ] && return 0

config() {	# C0 | CN | C1, from whatever ran before
	nkctl os stop rtos > /dev/null 2>&1	# fails when nothing runs: fine
	nkctl unload > /dev/null 2>&1		# likewise
	must sh -c 'nkctl status | grep "^nanokernel: not loaded"' || return
	[ $1 = C0 ] && return
	must nkctl load $cfg || return
	[ $1 = CN ] && return
	must nkctl os start rtos /lib/firmware/rtos.bin || return
	sleep 3		# its checks first; then only the 1 ms cyclic handler
	must sh -c 'nkctl os list | grep -E "^ *rtos .*(idle|running|ready)"'
}

WORKLOADS="cpu switch pipe fork exec hackbench tmpfs-copy syscall"
for s in $(seq 1 $SAMPLES); do
	for w in $WORKLOADS; do
		for c in C0 CN C1; do	# no figure from a configuration that failed
			config $c && run $w $c $s
		done
	done
done
config C0

# B4: the cost of the mechanism, in instructions (shift=3: 8 ns each).
per_op() {	# NAME N CMD...: (C1 - C0) / N, in virtual ns
	local name=$1 n=$2 c0 c1
	shift 2
	config C0 || return
	c0=$(timed "$@") || return
	must nkctl load $cfg || return
	c1=$(timed "$@") || return
	echo "B4 $name-c0-ns $c0"
	echo "B4 $name-c1-ns $c1"
	echo "B4 $name-ops $n"
}
per_op int80 200000 irqgen int80 200000
per_op pagefault 20000 irqgen pf 20000
must irqgen spin 2000
tick='^host tick: .*, \([0-9]*\) timer requests, \([0-9]*\) TSC ticks each$'
v=$(one_value "timer requests" "$tick" nkctl stats) && echo "B4 merge-calls $v"
tick='^host tick: .*, [0-9]* timer requests, \([0-9]*\) TSC ticks each$'
v=$(one_value "timer request cost" "$tick" nkctl stats) && echo "B4 merge-tsc-each $v"
# A host -> guest -> host switch: an OS_RUN of the idle test guest, whose
# command does nothing, against a PING, which only goes through the
# passage.  TSC ticks: 1 ns of virtual time each.
must nkctl os start rtos /lib/firmware/guest-test.bin
each='.* \([0-9]*\) TSC ticks each$'
v=$(one_value "ping" "$each" nkbench ping 20000) && echo "B4 ping-tsc $v"
v=$(one_value "switch" "$each" nkbench run rtos 13 20000) && echo "B4 run-tsc $v"
must nkctl os stop rtos
bench_done B4
