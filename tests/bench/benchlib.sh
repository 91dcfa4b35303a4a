# tests/bench/benchlib.sh - what the benchmark scripts share, inside the
# emulated host.  A benchmark that could not measure must say so, and
# make bench must fail: a failed load must never read as "0 % overhead".
# Every step the figures depend on goes through must or timed; a failure
# prints a "B FAILED" line (scripts/bench.sh fails on any) and bench_done
# then prints "NAME FAILED" instead of "NAME done".
NK_BENCH_FLAG=/tmp/bench.failed
rm -f $NK_BENCH_FLAG

bench_fail() {	# WHAT
	echo "B FAILED: $*"
	touch $NK_BENCH_FLAG
}

# must CMD...: CMD must succeed; its output goes to /tmp/bench-must.out.
must() {
	"$@" > /tmp/bench-must.out 2>&1 && return 0
	bench_fail "'$*' exited $?"
	sed 's/^/#   /' /tmp/bench-must.out | head -n 20
	return 1
}

# timed CMD...: the virtual ns CMD took (timecheck run); CMD must succeed.
timed() {
	local out
	if ! out=$(timecheck run "$@"); then
		bench_fail "'$*' failed" >&2
		return 1
	fi
	echo "$out" | sed -n 's/^elapsed //p'
}

# one_value WHAT PATTERN CMD...: the one number sed pattern PATTERN (one
# \(...\) group) takes from CMD's output; CMD must succeed and match.
one_value() {
	local what=$1 pattern=$2 out v
	shift 2
	if ! out=$("$@" 2>&1); then
		bench_fail "$what: '$*' failed" >&2
		return 1
	fi
	v=$(echo "$out" | sed -n "s/$pattern/\1/p" | head -n1)
	[ -n "$v" ] || { bench_fail "$what: nothing measured by '$*'" >&2; return 1; }
	echo "$v"
}

bench_done() {	# NAME
	if [ -e $NK_BENCH_FLAG ]; then
		echo "$1 FAILED: see the B FAILED lines"
	else
		echo "$1 done"
	fi
}
