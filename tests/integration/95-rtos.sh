# tests/integration/95-rtos.sh - the µITRON RTOS (rtos/) as a guest: its
# ordered checks pass on real guest time; afterwards its 1 ms cyclic
# handler runs every period while the host spins in user mode and while
# it is busy in kernel mode, COM2's interrupts reach its ISR and never the
# host, and it can be stopped and started again and again.
# nk-vm-com2-expect: ^rtos-test: [0-9]+ passed, 0 failed
. /nk/tests/lib.sh
plan 77

img=/lib/firmware/rtos.bin
irq3() { awk '$1 == "3:" { print $2 }' /proc/interrupts; }
# the last report line after "rtos-test: ", for a sed expression
report() { nkctl console rtos | tr -d '\r' | sed -n "s/^rtos-test: $1/\1/p" | tail -n1; }

check_output "start the RTOS guest" '^rtos started$' nkctl os start rtos $img
# Its checks wait on timeouts: guest time passes while the host sleeps.
sleep 2
check_output "the kernel started" '^rtos: uITRON kernel on the nanokernel, boot [0-9]+' \
	nkctl console rtos
check_output "its checks ran to the summary, none failed" \
	'^rtos-test: [0-9]+ passed, 0 failed$' nkctl console rtos
check_no_match "no check said not ok" '^rtos-test: not ok' nkctl console rtos
passed=$(report '\([0-9]*\) passed.*')
if [ "${passed:-0}" -ge 100 ]; then
	ok "at least 100 checks passed ($passed)"
else
	not_ok "only '${passed:-0}' checks passed, at least 100 wanted"
fi
# Command 8 prints the summary once more: one line more than before, which
# only the command can have written.
summaries() { nkctl console rtos | tr -d '\r' | grep -c '^rtos-test: [0-9]* passed, 0 failed$'; }
before=$(summaries)
nkctl os run rtos 8 > $NK_OUT 2>&1 || { echo "# os run failed:"; show_output; }
check_eq "the host's command reaches the monitor task (one summary more)" \
	$((before + 1)) "$(summaries)"

# near WHAT GOT WANT: GOT is WANT +-1 (the edges of a measured window).
near() {
	if [ -n "$2" ] && [ -n "$3" ] && [ $(($2 - $3)) -le 1 ] && [ $(($3 - $2)) -le 1 ]; then
		ok "$1 ($2, $3 wanted)"
	else
		not_ok "$1: '$2', '$3' wanted"
	fi
}

# cyclic_while WHAT CMD...: the 1 ms cyclic handler while CMD runs (at
# least 10 s of virtual time); activations must equal the periods the
# RTOS's own TSC counted (+-1 at the edges), and so must the timer events
# it received, which the catch-up from the TSC cannot make up.
cyclic_while() {
	local what=$1 line periods acts late events
	shift
	nkctl os run rtos 5 > /dev/null
	"$@" > /tmp/work.out 2>&1 || { not_ok "$what: '$*' failed"; cat /tmp/work.out; }
	nkctl os run rtos 6 > /dev/null
	line=$(report '\(cyclic .*\)')
	echo "# $what: $line"
	set -- $line	# cyclic P periods, A activations, late max L ns, mean M ns, E timer events
	periods=$2 acts=$4 late=$8 events=${13:-}
	if [ "${periods:-0}" -ge 10000 ] && [ $((acts - periods)) -le 1 ] &&
	   [ $((periods - acts)) -le 1 ]; then
		ok "$what: the cyclic handler ran every period ($acts in $periods)"
	else
		not_ok "$what: $acts activations in $periods periods (>= 10 000 wanted)"
	fi
	near "$what: a timer event for every period" "$events" "$periods"
	# Half a period (see 90-guest-preempt.sh): an activation a period
	# late breaks it.
	if [ "${late:-9999999999}" -lt 500000 ]; then
		ok "$what: the latest activation was $late ns late (bound 500 us, virtual)"
	else
		not_ok "$what: an activation was $late ns late (bound 500 us, virtual)"
	fi
	set -- $(report '\(cyclic10 .*\)')	# the 10 ms handler, measured alongside
	if [ "${2:-0}" -ge 1000 ] && [ $(($4 - $2)) -le 1 ] && [ $(($2 - $4)) -le 1 ]; then
		ok "$what: the 10 ms cyclic handler ran every period ($4 in $2)"
	else
		not_ok "$what: the 10 ms handler: '$4' activations in '$2' periods"
	fi
}

cyclic_while "host spinning in user mode" irqgen spin 10000
check_output "the host made progress meanwhile" \
	'^irqgen: spin work [1-9][0-9]{5,}' cat /tmp/work.out
kernel_busy() {
	local end=$(( $(cut -d. -f1 /proc/uptime) + 11 ))	# whole seconds: >= 10 s
	while [ "$(cut -d. -f1 /proc/uptime)" -lt $end ]; do
		dd if=/dev/zero of=/dev/null bs=1M count=64 2>/dev/null
	done
}
cyclic_while "host busy in kernel mode" kernel_busy

# Twenty of the RTOS's timer events a period late, on purpose: the handler
# still runs every period (its tick catches up from the TSC), but the
# events received are 20 fewer, and the count of them shows it.
nkctl os run rtos 5 > /dev/null
check "delay the RTOS's next 20 deadlines by a period (test hook)" \
	nkctl selftest delay rtos 20 1000
irqgen spin 3000 > /dev/null
nkctl os run rtos 6 > /dev/null
set -- $(report '\(cyclic .*\)')
echo "# with 20 events delayed: $*"
near "with 20 events delayed, the handler still ran every period" "$4" "$2"
near "  ... and the 20 missing timer events show" "${13:-}" "$(( ${2:-0} - 20 ))"
check_output "host work is right while the RTOS ticks" \
	'^e071f707df7bbeee2a6a1eb48011ddd0 ' sh -c 'seq 1 20000 | md5sum'

# The host's own tick is not disturbed while the RTOS ticks and runs its
# tasks: jiffies against the virtual clock, as in 60-timer.sh.
nkctl os run rtos 5 > /dev/null
count_checks timecheck jiffies 3
nkctl os run rtos 6 > /dev/null

# COM2 input goes to the RTOS's ISR, never to a host handler.
before=$(irq3)
check "make COM2 interrupt 30 times" irqgen com2 30
nkctl os run rtos 7 > /dev/null
check_eq "no COM2 interrupt reached the host (/proc/interrupts)" "$before" "$(irq3)"
n=$(report 'com2 interrupts \([0-9]*\)')
if [ "${n:-0}" -ge 30 ]; then
	ok "the RTOS's COM2 ISR saw the interrupts ($n)"
else
	not_ok "the RTOS's COM2 ISR saw '${n:-0}' interrupts, expected >= 30"
fi

# Faults in an RTOS task: the guest is stopped as failed, the host goes on,
# a restart brings it back.
rtos_fault() {	# COMMAND VECTOR WHAT
	nkctl os run rtos $1 > /dev/null 2>&1
	check_output "$3 in a task: the RTOS failed with vector $2" \
		"^rtos +failed .* vector $2 at eip 0x4000" nkctl os list
	check_output "$3: the host is fine" "ping 9 -> $(( (9 ^ 0x5a5a5a5a) & 0x7fffffff ))" nkctl ping 9
	check_output "$3: restart brings it back" '^rtos started$' nkctl os restart rtos $img
	sleep 2
	check_output "$3: the restarted RTOS ran its checks, none failed" \
		'^rtos-test: [0-9]+ passed, 0 failed$' sh -c 'nkctl console rtos | tail -n 1'
}
rtos_fault 9 0 "divide by zero"
rtos_fault 10 14 "page fault"
rtos_fault 11 6 "invalid opcode"
rtos_fault 12 8 "stack overflow"

# Wild writes from a task (rtos/app/test/monitor.c): a guest's map has
# nothing of the nanokernel's data, the other OSes or the local APIC, so
# each write faults where it was aimed and stops the RTOS alone; the GDT,
# which the CPU needs writable, is checked after every run of a guest.
rtos_wild() {	# COMMAND VECTOR ADDRESS WHAT [lands]
	local landed="^rtos-test: wild write $1 at 0x[0-9a-f]+ landed"

	nkctl os run rtos $1 > /dev/null 2>&1
	check_output "a wild write to $4 stops the RTOS (vector $2, cr2 0x$3)" \
		"^rtos +failed .* vector $2 at eip 0x4[0-9a-f]{7}, error 0x[0-9a-f]+, cr2 0x$3" nkctl os list
	if [ "${5:-}" = lands ]; then
		check_output "  ... it landed (the page must stay writable), and was put right" \
			"$landed" nkctl console rtos
	else
		check_no_match "  ... and never landed" "$landed" nkctl console rtos
	fi
	check_output "  ... the nanokernel is whole: status, counters, tables" \
		'^heap: 0 pages unaccounted' sh -c 'nkctl status && nkctl stats && nkctl svc list'
	check_output "  ... restart brings it back" '^rtos started$' nkctl os restart rtos $img
	sleep 2
}
rtos_wild 21 14 00400100 "the nanokernel's code"
rtos_wild 22 14 0044ffc0 "the nanokernel's stack"
rtos_wild 23 14 00458000 "the guests' status table"
rtos_wild 24 14 80020000 "the services' tables"
rtos_wild 25 14 c1000000 "the host's kernel"
rtos_wild 26 14 fee000b0 "the local APIC"
rtos_wild 27 13 00447000 "the GDT's data descriptor" lands
check_output "after the wild writes, the host's workload is right" \
	'^e071f707df7bbeee2a6a1eb48011ddd0 ' sh -c 'seq 1 20000 | md5sum'
check "the nanokernel still answers" nkctl ping 77

# Stop and start it again, ten times: each boot runs its checks anew.
bad=0
for i in $(seq 1 10); do
	nkctl os stop rtos > /dev/null 2>&1 || bad=$((bad + 1))
	nkctl os start rtos $img > /dev/null 2>&1 || bad=$((bad + 1))
done
check_eq "stop and start, 10 times" 0 $bad
sleep 2
# The console ring outlives a stop: look at what boot 15 wrote.
boot15() { nkctl console rtos | tr -d '\r' | sed -n '/^rtos-test: start, boot 15$/,$p'; }
check_output "boot 15 ran its checks again, none failed" \
	'^rtos-test: [0-9]+ passed, 0 failed$' boot15
check_output "it is idle, not failed" '^rtos +idle ' nkctl os list

# rmmod cannot be refused: with the RTOS ticking every millisecond it
# holds the RTOS first (its deadlines are no longer programmed), then
# gives the host's tick back to the LAPIC while the nanokernel still
# serves it (no request unserved, no timer write after the LAPIC's own
# device took over), and leaves the RTOS detached (87-reattach.sh).
check "rmmod while the RTOS runs" rmmod nkloader
check_output "the RTOS was left detached" '^.*nkloader: nanokernel detached, its guests wait' dmesg
check_output "the tick is the LAPIC's" '^lapic$' \
	cat /sys/devices/system/clockevents/clockevent0/current_device
count_checks timecheck jiffies 2
check_dmesg_clean "no oops or warning in the kernel log"
done_testing
