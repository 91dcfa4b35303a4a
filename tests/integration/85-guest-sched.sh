# tests/integration/85-guest-sched.sh - the dispatcher between guests: two
# test guests in two partitions, each spinning 200 ms without yielding
# (CMD_SPIN, tests/guest/guest.c), the second one readied by its timer
# while the first spins.
# Each guest measures the time the CPU was taken from it (gaps in its TSC).
#   equal priority:  they take turns, in slices of 10 ms;
#   higher priority: it preempts the other at once and is never preempted;
#   lower priority:  it waits until the other is done.
# nk-vm: noload
. /nk/tests/lib.sh
plan 22

img=/lib/firmware/guest-test.bin
# REPORT OS WHAT: the guest's last "guest-test: WHAT N" line
report() { nkctl console $1 | sed -n "s/^guest-test: $2 //p" | tail -n1; }

# A configuration with a second RTOS partition, "rtos2", at 384 MB; the
# priorities of both come from the arguments.
two_guests() {	# PRIO_RTOS PRIO_RTOS2
	sed -e "/^\[partition rtos\]/,/^\[/s/^priority = .*/priority = $1/" \
	    /etc/nanokernel/default.conf > /tmp/two.conf
	cat >> /tmp/two.conf <<EOC
[partition rtos2]
kind = rtos
priority = $2
base = 0x18000000
size = 4M
EOC
	nkctl os stop rtos > /dev/null 2>&1
	nkctl os stop rtos2 > /dev/null 2>&1
	nkctl unload > /dev/null 2>&1
	check_output "load with rtos at priority $1, rtos2 at $2" 'nanokernel loaded' \
		nkctl load /tmp/two.conf
	check_output "start the guest in rtos" '^rtos started$' nkctl os start rtos $img
	check_output "start the guest in rtos2" '^rtos2 started$' nkctl os start rtos2 $img
}

# rtos2 is told to spin when a timer 50 ms from now fires; rtos spins now,
# for 200 ms, so rtos2 becomes ready in the middle of it.
spin_both() {
	nkctl os run rtos2 11 > /dev/null
	nkctl os run rtos 10 > /dev/null
	nkctl os run rtos2 12 > /dev/null
	a_gaps=$(report rtos "spin gaps") a_max=$(report rtos "spin gap max us")
	b_gaps=$(report rtos2 "spin gaps") b_max=$(report rtos2 "spin gap max us")
	echo "# rtos: $a_gaps gaps, longest $a_max us; rtos2: $b_gaps gaps, longest $b_max us"
}


two_guests 10 10
spin_both
check_range "equal priority: rtos was taken off the CPU again and again" "$a_gaps" 3 25
check_range "equal priority: for one slice of 10 ms at a time (us)" "$a_max" 9000 12000
check_range "equal priority: so was rtos2" "$b_gaps" 3 25
check_range "equal priority: rtos2's slices were 10 ms too (us)" "$b_max" 9000 12000
check_output "both show in os list, idle again" '^rtos2 +idle ' nkctl os list

two_guests 20 10
spin_both
check_range "rtos2 of higher priority preempted rtos once" "$a_gaps" 1 1
check_range "for all of rtos2's 200 ms spin (us)" "$a_max" 195000 205000
check_range "rtos2 itself was never preempted" "$b_gaps" 0 0

two_guests 10 20
spin_both
check_range "rtos2 of lower priority did not take the CPU from rtos" "$a_gaps" 0 0
check_range "and rtos2's spin was not interrupted either" "$b_gaps" 0 0

check "the host is fine" nkctl ping 1
nkctl os stop rtos > /dev/null
nkctl os stop rtos2 > /dev/null
check_output "unload" 'nanokernel unloaded' nkctl unload
check_dmesg_clean "no oops or warning in the kernel log"
done_testing
