#!/usr/bin/env bash
# scripts/check.sh - run every test and print one tally line at the end:
#   N passed, N failed, N planned
# 0. scripts/lint.sh: the rules of the tree (Documentation/architecture.md);
# 1. unit tests (cmocka, on the build machine): one count per test case;
#    each binary's "Running N test(s)" is its plan;
# 2. integration tests: each tests/integration/NN-*.sh boots the emulated
#    machine through scripts/vm.sh and runs inside the host; its "1..N"
#    line (lib.sh's plan) says how many checks it makes, one count per
#    "ok - " / "not ok - " line, plus a failure if the machine did not come
#    back with exit status 0, plus one per "# nk-vm-com2-expect: RE" header
#    line: COM2's output (the guest's device) must match RE.  Two machines
#    run at a time (TCG is one thread each).
# A planned check that never printed (a test that crashed or stopped
# halfway) counts as a failure: nothing disappears from the tally.
#
#   scripts/check.sh [PATTERN]   only the integration tests matching PATTERN
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
b=build
pass=0
fail=0
planned=0
pattern=${1:-}

# missing WHAT PLANNED MADE: count the planned checks that never printed.
missing() {
	if [ "$3" -lt "$2" ]; then
		echo "not ok - $1: $(($2 - $3)) of its $2 planned checks never ran"
		fail=$((fail + $2 - $3))
	fi
}

echo "== the tree (scripts/lint.sh)"
out=$(scripts/lint.sh 2>&1)
echo "$out"
pass=$((pass + $(echo "$out" | grep -c '^ok - ')))
fail=$((fail + $(echo "$out" | grep -c '^not ok - ')))
planned=$((planned + $(echo "$out" | grep -cE '^(not )?ok - ')))

echo "== unit tests"
for t in $b/unit/test_*; do
	[ -x "$t" ] || continue
	out=$("$t" 2>&1)
	rc=$?
	echo "$out"
	p=$(echo "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | awk '{s+=$1} END {print s+0}')
	f=$(echo "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | awk '{s+=$1} END {print s+0}')
	n=$(echo "$out" | sed -n 's/^\[==========\] Running \([0-9]*\) test.*/\1/p' | awk '{s+=$1} END {print s+0}')
	[ "$n" -gt 0 ] || n=1	# a binary that printed no plan: one check at least
	planned=$((planned + n))
	if [ $rc != 0 ] && [ "$f" = 0 ]; then
		f=1
		echo "not ok - $t exited $rc"
	fi
	pass=$((pass + p))
	fail=$((fail + f))
	missing "$t" "$n" $((p + f))
done

echo "== integration tests (emulated machine)"
mkdir -p $b/check
run_one() {
	local t=$1 name
	name=$(basename "$t" .sh)
	NK_VM_OUT="$top/$b/check/$name" scripts/vm.sh script "$t" \
		> "$b/check/$name.log" 2>&1
	echo $? > "$b/check/$name.rc"
}
tests=()
for t in tests/integration/[0-9]*.sh; do
	case "$t" in *"$pattern"*) tests+=("$t") ;; esac
done
running=0
for t in "${tests[@]}"; do
	run_one "$t" &
	running=$((running + 1))
	if [ $running -ge 2 ]; then
		wait -n
		running=$((running - 1))
	fi
done
wait
for t in "${tests[@]}"; do
	name=$(basename "$t" .sh)
	log=$b/check/$name.log
	rc=$(cat "$b/check/$name.rc")
	echo "-- $name (exit status $rc; console in $log)"
	grep -E '^(not )?ok - |^#   ' "$log" | tr -d '\r'
	p=$(tr -d '\r' < "$log" | grep -c '^ok - ')
	f=$(tr -d '\r' < "$log" | grep -c '^not ok - ')
	n=$(tr -d '\r' < "$log" | sed -n 's/^1\.\.\([0-9][0-9]*\)$/\1/p' | head -n1)
	if [ -z "$n" ]; then
		echo "not ok - $name: no plan (1..N) in its output"
		f=$((f + 1))
		n=$((p + f))
	fi
	made=$((p + f))
	planned=$((planned + n + $(grep -c '^# nk-vm-com2-expect: ' "$t")))
	# What the guest's own device (COM2) must show: "# nk-vm-com2-expect: RE".
	while IFS= read -r re; do
		if tr -d '\r' < "$b/check/$name/com2.log" | grep -E -- "$re" > /dev/null; then
			echo "ok - COM2 shows /$re/"
			p=$((p + 1))
		else
			echo "not ok - COM2 shows /$re/"
			f=$((f + 1))
		fi
	done < <(sed -n 's/^# nk-vm-com2-expect: //p' "$t")
	if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
		echo "not ok - $name: the emulated machine came back with status $rc"
		tail -n 30 "$log" | sed 's/^/#   /'
		f=1
	fi
	pass=$((pass + p))
	fail=$((fail + f))
	missing "$name" "$n" "$made"
done

echo "$pass passed, $fail failed, $planned planned"
[ $fail = 0 ]
