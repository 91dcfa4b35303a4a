# tests/integration/86-guest-budget.sh - a guest's CPU budget
# (budget_us of every budget_period_us, nanokernel/budget.c): the test
# guest spins 200 ms without yielding (CMD_SPIN, tests/guest/guest.c) with
# a budget of 20 ms every 50 ms.
#   throttle: the host gets the CPU back as soon as the budget is spent,
#             while the guest still has work, for the rest of each period;
#             the guest's spin sees gaps of 30 ms, one a period;
#   fail:     the guest is stopped as failed, "CPU budget spent", the host
#             unharmed.
# nk-vm: noload
. /nk/tests/lib.sh
plan 16

img=/lib/firmware/guest-test.bin
report() { nkctl console rtos | sed -n "s/^guest-test: $1 //p" | tail -n1; }
throttles() { nkctl os list | awk '$1 == "rtos" { print $(NF) }'; }

budget() {	# ON_OVERRUN
	sed "s/^kind = rtos/kind = rtos\nbudget_us = 20000\nbudget_period_us = 50000\non_overrun = $1/" \
		/etc/nanokernel/default.conf > /tmp/budget.conf
	nkctl os stop rtos > /dev/null 2>&1
	nkctl unload > /dev/null 2>&1
	check_output "load with a budget of 20 ms every 50 ms, on_overrun = $1" \
		'nanokernel loaded' nkctl load /tmp/budget.conf
	check_output "start the test guest" '^rtos started$' nkctl os start rtos $img
}

budget throttle
check "the guest spins 200 ms" nkctl os run rtos 10
check_output "the host has the CPU while the guest still spins: it is throttled" \
	'^rtos +throttled ' nkctl os list
sleep 1
gaps=$(report "spin gaps") max=$(report "spin gap max us") total=$(report "spin gap total ms")
echo "# the spin saw $gaps gaps, the longest $max us, $total ms in all"
check_range "the spin was throttled once a period" "$gaps" 3 5
check_range "for the rest of the period, 30 ms (us)" "$max" 29000 31000
check_range "100 to 130 ms of the 200 went to the host (ms)" "$total" 95 135
check_range "os list counts the throttles" "$(throttles)" 3 5
check_output "the guest is idle again, not throttled" '^rtos +idle ' nkctl os list

budget fail
check_refused "the guest spins past its budget: it fails" 'Input/output error|failed' \
	nkctl os run rtos 10
check_output "os list says why" \
	'^rtos +failed .* CPU budget spent \(on_overrun = fail\) at eip 0x4[0-9a-f]{7}$' nkctl os list
check_output "the host is fine" "ping 9 -> $(( (9 ^ 0x5a5a5a5a) & 0x7fffffff ))" nkctl ping 9
nkctl unload > /dev/null 2>&1
check_output "the default configuration loads again" 'nanokernel loaded' \
	nkctl load /etc/nanokernel/default.conf
check_dmesg_clean "no oops or warning in the kernel log"
done_testing
