# tests/integration/lib.sh - assertions for the scripts that run inside the
# emulated host.  A script declares how many checks it makes (plan N, TAP's
# "1..N" line); each check prints one line, "ok - WHAT" or "not ok - WHAT"
# (with the command's output indented under it); done_testing prints the
# tally and fails if anything failed or a planned check was not made.
# scripts/check.sh counts these lines, and counts every planned check that
# never printed (a script that died halfway) as a failure.
NK_PASS=0
NK_FAIL=0
NK_PLAN=
NK_OUT=/tmp/nk-test.out

# plan N: this script makes exactly N checks.
plan() {
	NK_PLAN=$1
	echo "1..$1"
}

ok() { NK_PASS=$((NK_PASS + 1)); echo "ok - $*"; }
not_ok() { NK_FAIL=$((NK_FAIL + 1)); echo "not ok - $*"; }
show_output() { sed 's/^/#   /' "$NK_OUT"; }

# check WHAT CMD...: CMD succeeds.
check() {
	local what=$1
	shift
	if "$@" > "$NK_OUT" 2>&1; then
		ok "$what"
	else
		not_ok "$what (exit $?)"
		show_output
	fi
}

# check_fails WHAT CMD...: CMD fails (exits non-zero).
check_fails() {
	local what=$1
	shift
	if "$@" > "$NK_OUT" 2>&1; then
		not_ok "$what: it succeeded"
		show_output
	else
		ok "$what"
	fi
}

# check_no_match WHAT PATTERN CMD...: CMD succeeds and no line of its
# output matches PATTERN (grep -E).  A CMD that fails is a failure, never
# "no match".
check_no_match() {
	local what=$1 pattern=$2
	shift 2
	if ! "$@" > "$NK_OUT" 2>&1; then
		not_ok "$what (exit $?)"
		show_output
	elif grep -Eq -- "$pattern" "$NK_OUT"; then
		not_ok "$what: '$pattern' in the output"
		grep -E -- "$pattern" "$NK_OUT" | sed 's/^/#   /' | head -n 20
	else
		ok "$what"
	fi
}

# check_output WHAT PATTERN CMD...: CMD succeeds and prints PATTERN (grep -E).
check_output() {
	local what=$1 pattern=$2
	shift 2
	if ! "$@" > "$NK_OUT" 2>&1; then
		not_ok "$what (exit $?)"
		show_output
	elif grep -Eq -- "$pattern" "$NK_OUT"; then
		ok "$what"
	else
		not_ok "$what: no '$pattern' in the output"
		show_output
	fi
}

# check_refused WHAT PATTERN CMD...: CMD fails and says PATTERN (grep -E).
check_refused() {
	local what=$1 pattern=$2
	shift 2
	if "$@" > "$NK_OUT" 2>&1; then
		not_ok "$what: it succeeded"
		show_output
	elif grep -Eq -- "$pattern" "$NK_OUT"; then
		ok "$what"
		sed 's/^/#   /' "$NK_OUT" | head -n 3
	else
		not_ok "$what: no '$pattern' in the output"
		show_output
	fi
}

# check_eq WHAT EXPECTED ACTUAL
check_eq() {
	if [ "$2" = "$3" ]; then
		ok "$1"
	else
		not_ok "$1: expected '$2', got '$3'"
	fi
}

# check_range WHAT VALUE MIN MAX: VALUE is a number in [MIN, MAX].
in_range() { [ "${1:-x}" -ge "$2" ] 2>/dev/null && [ "$1" -le "$3" ]; }
check_range() {
	if in_range "$2" "$3" "$4"; then
		ok "$1 ($2, want $3..$4)"
	else
		not_ok "$1: '$2', want $3..$4"
	fi
}

# The kernel log has no oops, BUG or warning.
check_dmesg_clean() {
	dmesg > "$NK_OUT"
	if grep -Eq 'Oops|BUG:|WARNING:|general protection|Call Trace' "$NK_OUT"; then
		not_ok "${1:-kernel log is clean}"
		grep -E -A3 'Oops|BUG:|WARNING:|general protection|Call Trace' "$NK_OUT" |
			sed 's/^/#   /' | head -n 40
	else
		ok "${1:-kernel log is clean}"
	fi
}

# count_checks CMD...: CMD prints ok/not ok lines of its own (timecheck,
# ioctl-errors, svctest): show them and count them like ours.  A CMD that
# exits non-zero without saying "not ok" is a failure of its own (it died,
# and its checks are missing: the plan counts those).  Returns CMD's
# status; its output stays in $NK_OUT.
count_checks() {
	local rc=0 failed
	"$@" > "$NK_OUT" 2>&1 || rc=$?
	cat "$NK_OUT"
	failed=$(grep -c '^not ok - ' "$NK_OUT")
	NK_PASS=$((NK_PASS + $(grep -c '^ok - ' "$NK_OUT")))
	NK_FAIL=$((NK_FAIL + failed))
	[ $rc = 0 ] || [ "$failed" != 0 ] || not_ok "'$*' exited $rc"
	return $rc
}

# check_rtos_cyclic WHAT: the RTOS's test application measures its 1 ms
# cyclic handler for a second (commands 5 and 6) and reports "cyclic P
# periods, A activations, ..., E timer events": a timer event came for
# every period (E - P in -1 .. 1).
check_rtos_cyclic() {
	nkctl os run rtos 5 > /dev/null
	sleep 1
	nkctl os run rtos 6 > /dev/null
	sleep 1
	set -- "$1" $(nkctl console rtos | tr -d '\r' |
		sed -n 's/^rtos-test: \(cyclic .*\)/\1/p' | tail -n1)
	check_range "$1 ($5 activations in $3 periods, ${14:-?} events)" \
		$(( ${14:-0} - ${3:-0} )) -1 1
}

done_testing() {
	local ran=$((NK_PASS + NK_FAIL))

	if [ -z "$NK_PLAN" ]; then
		not_ok "the script declares its plan (plan N)"
	elif [ $ran != "$NK_PLAN" ]; then
		not_ok "the plan: $NK_PLAN checks planned, $ran made"
	fi
	echo "# $NK_PASS passed, $NK_FAIL failed, $NK_PLAN planned"
	[ "$NK_FAIL" = 0 ]
}
