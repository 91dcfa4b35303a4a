# tests/integration/50-guest-irq.sh - a device the configuration gives to a
# guest (COM2: ports 0x2f8-0x2ff, IRQ 3, owner rtos) is claimed in the host,
# and its interrupts are counted for the guest and never reach a host
# handler, even while no guest runs.
. /nk/tests/lib.sh
plan 15

irq3() { awk '$1 == "3:" { print $2 }' /proc/interrupts; }
rtos_total() { nkctl stats | awk '$1 == "total" { print $3 }'; }

check_output "COM2's ports are claimed for the guest" \
	'02f8-02ff : nanokernel com2' cat /proc/ioports
check_output "COM2's IRQ is claimed for the guest" \
	'^ *3: .*nanokernel com2' cat /proc/interrupts
check_output "status shows who owns COM2" 'com2 +owner rtos +io 0x2f8-0x2ff +irq 3' nkctl status
check_output "stats have a column for the rtos partition" '^vector +host +rtos +linux' nkctl stats

host_before=$(irq3)
rtos_before=$(rtos_total)
check "make COM2 interrupt 50 times" irqgen com2 50
host_after=$(irq3)
rtos_after=$(rtos_total)
nkctl stats
check_eq "no COM2 interrupt reached the host's handler (/proc/interrupts)" \
	"$host_before" "$host_after"
# COM2 raises one interrupt when its transmit interrupt is enabled (the
# holding register is empty) and one per byte sent: 51, every one counted.
check_eq "every COM2 interrupt was counted for the guest (1 + 50 bytes)" \
	51 $((rtos_after - rtos_before))
check_output "the host keeps working after guest interrupts" "ping 5 -> " nkctl ping 5

check "unload" nkctl unload
check_no_match "COM2's ports are released" 'nanokernel com2' cat /proc/ioports
check_no_match "COM2's IRQ is released" 'nanokernel com2' cat /proc/interrupts

# A device whose ports the host uses cannot be given to a guest.
sed 's/^io = 0x2f8-0x2ff/io = 0x3f8-0x3ff/' /etc/nanokernel/default.conf > /tmp/com1.conf
check_refused "a guest device on the host's ports is refused" \
	'loader refused: \[device com2\] io: ports 0x3f8-0x3ff are in use by the host' \
	nkctl load /tmp/com1.conf
check_output "nothing is loaded after the refusal" '^nanokernel: not loaded' nkctl status
check_output "and a good load works" 'nanokernel loaded' nkctl load /etc/nanokernel/default.conf
check_dmesg_clean "no oops or warning in the kernel log"
done_testing
