# tests/integration/40-interrupts.sh - the host runs on the nanokernel's
# IDT: every vector class goes through its stubs, is counted for the host
# and reaches Linux; suspend is refused; unload gives Linux its IDT back.
. /nk/tests/lib.sh
plan 28

# count VECTOR: the host's count for VECTOR (hex, two digits) in nkctl stats.
count() {
	nkctl stats | awk -v v="0x$1" '$1 == v { print $2; f = 1 } END { if (!f) print 0 }'
}
# grew WHAT VECTOR AT-LEAST CMD...: CMD makes VECTOR's count grow by AT-LEAST.
grew() {
	local what=$1 vec=$2 least=$3 before after
	shift 3
	before=$(count $vec)
	"$@" > $NK_OUT 2>&1 || { not_ok "$what: '$*' failed"; show_output; return; }
	after=$(count $vec)
	if [ $((after - before)) -ge $least ]; then
		ok "$what (+$((after - before)))"
	else
		not_ok "$what: vector 0x$vec grew by $((after - before)), expected >= $least"
	fi
}

nkctl stats > /tmp/stats
cat /tmp/stats
check_output "the host runs on the nanokernel's IDT" \
	"^host IDT: the nanokernel's, [0-9]+ vectors through the nanokernel's stubs; Linux reloaded its IDT 0 times" cat /tmp/stats
check_output "the loader said so in the kernel log" \
	'nkloader: the host runs on the nanokernel.s IDT at 0x[0-9a-f]+ \([0-9]+ vectors' dmesg

grew "int 0x80 system calls are counted" 80 1000 irqgen int80 1000
grew "user-mode page faults are counted" 0e 500 irqgen pf 500
grew "kernel-mode page faults (copy_from_user fixups) are counted" 0e 300 irqgen kpf 300
grew "invalid opcodes (#UD) are counted and reach Linux (SIGILL)" 06 200 irqgen ud 200
grew "divide errors (#DE) are counted and reach Linux (SIGFPE)" 00 200 irqgen de 200
# The LAPIC timer fires on the vector of the loader's tick IRQ.
tick=$(dmesg | sed -n "s/.*LAPIC timer ([0-9]* kHz, vector 0x\([0-9a-f]*\),.*/\1/p" | tail -n1)
grew "local APIC timer interrupts are counted while user mode spins" $tick 100 irqgen spin 1000

# A spurious interrupt (0xef: unused on a uniprocessor, Linux points it at
# its spurious entry) goes through the stub to Linux, which counts it (SPU).
spu() { awk '$1 == "SPU:" { print $2 }' /proc/interrupts; }
spu0=$(spu)
nkctl selftest spurious 20 > $NK_OUT 2>&1
cat $NK_OUT
vec=$(sed -n 's/.*spurious interrupts on vector 0x\([0-9a-f]*\)$/\1/p' $NK_OUT)
check_eq "Linux counted the 20 spurious interrupts (SPU)" $((spu0 + 20)) "$(spu)"
check_output "so did the nanokernel, on vector 0x$vec" "^  0x$vec +20 " nkctl stats

# COM1's interrupts (the console, IRQ 4): a device vector below 0xec.
devices() {
	nkctl stats | awk '$1 ~ /^0x/ && $1 != "0x80" && $1 >= "0x20" && $1 < "0xec" { s += $2 } END { print s + 0 }'
}
before=$(devices)
i=0
while [ $i -lt 40 ]; do
	echo "serial output to make COM1 interrupt: line $i of 40 ........................................" > /dev/console
	i=$((i + 1))
done
after=$(devices)
if [ $((after - before)) -gt 0 ]; then
	ok "device interrupts (COM1) are counted (+$((after - before)))"
else
	not_ok "device interrupts (COM1) are counted: no growth"
fi
# #GP stays Linux's (it can arrive on the ESPFIX stack): it reaches Linux
# (SIGSEGV) without passing through a stub, so it is never counted.
check "general protection faults reach Linux (SIGSEGV)" irqgen gp 100
check_no_match "and do not pass through the nanokernel (#GP, #DF, NMI, #DB, #BP)" \
	'^  0x(01|02|03|08|0d) ' nkctl stats

check_refused "suspend is refused while the nanokernel owns the IDT" \
	'Device or resource busy|write error' sh -c 'echo freeze > /sys/power/state'
check_output "the refusal is explained in the kernel log" \
	'nkloader: suspend and hibernation are refused' dmesg

# Load and unload under load, 20 times.
(while :; do seq 1 300 | sort -r | md5sum > /dev/null; irqgen pf 50 > /dev/null; done) &
load_pid=$!
bad=0
for i in $(seq 1 20); do
	nkctl unload > /dev/null 2>&1 || bad=$((bad + 1))
	nkctl load /etc/nanokernel/default.conf > /dev/null 2>&1 || bad=$((bad + 1))
	nkctl stats | grep -q "^host IDT: the nanokernel's" || bad=$((bad + 1))
done
kill $load_pid
wait $load_pid 2>/dev/null
check_eq "unload and load under load, 20 times" 0 $bad
grew "page faults still counted after 20 reloads" 0e 100 irqgen pf 100

# Linux reloading its own IDT (resume, CPU online) is noticed and reported.
check "make Linux's IDT current again (test hook)" nkctl selftest idt-reload
sleep 1
check_output "the loss is noticed" \
	"^host IDT: Linux's, [0-9]+ vectors .*; Linux reloaded its IDT 1 times" nkctl stats
check_output "and reported in the kernel log" \
	'nkloader: Linux loaded another IDT \(0xff400000\)' dmesg
check "the host still takes interrupts and exceptions" sh -c 'irqgen pf 100 && irqgen spin 200'
check "unload after the loss" nkctl unload
check_output "load again" 'nanokernel loaded' nkctl load /etc/nanokernel/default.conf
check_output "the host is back on the nanokernel's IDT" \
	"^host IDT: the nanokernel's, .* Linux reloaded its IDT 0 times" nkctl stats

check "unload" nkctl unload
check_refused "no stats while nothing is loaded" 'not loaded' nkctl stats
check "int 0x80 and page faults work on Linux's IDT again" sh -c 'irqgen int80 100 && irqgen pf 100'
check_dmesg_clean "no oops or warning in the kernel log"
done_testing
