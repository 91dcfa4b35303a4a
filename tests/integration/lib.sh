# tests/integration/lib.sh - assertions for the scripts that run inside the
# emulated host.  Each check prints one line, "ok - WHAT" or "not ok - WHAT"
# (with the command's output indented under it); done_testing prints the
# tally and fails if anything failed.  scripts/check.sh counts these lines.
NK_PASS=0
NK_FAIL=0
NK_OUT=/tmp/nk-test.out

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
# ioctl-errors): show them and count them like ours.  Returns CMD's status;
# its output stays in $NK_OUT.
count_checks() {
	local rc=0
	"$@" > "$NK_OUT" 2>&1 || rc=$?
	cat "$NK_OUT"
	NK_PASS=$((NK_PASS + $(grep -c '^ok - ' "$NK_OUT")))
	NK_FAIL=$((NK_FAIL + $(grep -c '^not ok - ' "$NK_OUT")))
	return $rc
}

done_testing() {
	echo "# $NK_PASS passed, $NK_FAIL failed"
	[ "$NK_FAIL" = 0 ]
}
