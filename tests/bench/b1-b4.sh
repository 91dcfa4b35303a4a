# tests/bench/b1-b4.sh - runs inside the emulated host (make bench).
# Prints raw result lines that scripts/bench.sh turns into tables:
#   B1 WORKLOAD CONFIG SAMPLE ELAPSED_NS     C0: nanokernel not loaded,
#                                            C1: loaded (host only: no guest yet)
#   B4 NAME VALUE
# Time is CLOCK_MONOTONIC under icount: virtual ns, 8 ns per instruction
# at shift=3.  C0 and C1 alternate within each sample, in one boot.
cfg=/etc/nanokernel/default.conf
SAMPLES=${SAMPLES:-3}

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
	ns=$(timecheck run sh -c ". /nk/bench/b1-b4.sh --lib; workload $1 > /dev/null 2>&1" |
	     sed -n 's/^elapsed //p')
	echo "B1 $1 $2 $3 $ns"
}
[ "${1:-}" = --lib ] && return 0

WORKLOADS="cpu switch pipe fork exec hackbench tmpfs-copy syscall"
nkctl unload > /dev/null 2>&1
for s in $(seq 1 $SAMPLES); do
	for w in $WORKLOADS; do
		nkctl unload > /dev/null 2>&1
		run $w C0 $s
		nkctl load $cfg > /dev/null
		run $w C1 $s
	done
done

# B4: the cost of the mechanism, in instructions (shift=3: 8 ns each).
per_op() {	# NAME N CMD...: (C1 - C0) / N, in virtual ns
	local name=$1 n=$2 c0 c1
	shift 2
	nkctl unload > /dev/null 2>&1
	c0=$(timecheck run "$@" | sed -n 's/^elapsed //p')
	nkctl load $cfg > /dev/null
	c1=$(timecheck run "$@" | sed -n 's/^elapsed //p')
	echo "B4 $name-c0-ns $c0"
	echo "B4 $name-c1-ns $c1"
	echo "B4 $name-ops $n"
}
per_op int80 200000 irqgen int80 200000
per_op pagefault 20000 irqgen pf 20000
irqgen spin 2000 > /dev/null
nkctl stats | sed -n 's/^host tick: .*, \([0-9]*\) timer requests, \([0-9]*\) TSC ticks each$/B4 merge-calls \1\nB4 merge-tsc-each \2/p'
echo "B4 done"
