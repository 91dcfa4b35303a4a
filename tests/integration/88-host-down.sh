# tests/integration/88-host-down.sh - the host dies (echo c >
# /proc/sysrq-trigger: panic("sysrq triggered crash")) while the RTOS
# runs: the loader's panic notifier copies the host's record, the
# nanokernel keeps it in the RAS area and runs the RTOS alone, on its own
# context.  The RTOS's RAS task reads the record and says what it was
# (COM2), and its 1 ms cyclic handler keeps every period for three
# seconds with no host (this host armed no restart: the RTOS says so and
# runs on alone); then the machine is stopped (nk-vm-end).  The
# checks after the crash are the COM2 lines below: nothing of the host
# is left to check from.
# nk-vm-com2-expect: ^rtos-test: [0-9]+ passed, 0 failed$
# nk-vm-com2-expect: ^rtos-ras: host down: record 1, host boot 1, panic, up [0-9]+ ms: sysrq triggered crash$
# nk-vm-com2-expect: ^rtos-ras: record 1: release 6\.1\.0-[0-9]+-686, taint 0x[0-9a-f]+, ([2-9][0-9]{4}|1[6-9][0-9]{3}) bytes of log, eip 0x[c-f][0-9a-f]{7}$
# nk-vm-com2-expect: ^rtos-ras: alone 1[0-9]{3} ms: [0-9]+ periods, [0-9]+ activations, 0 missed$
# nk-vm-com2-expect: ^rtos-ras: the host cannot be restarted: nothing was armed \(nkctl ras arm\); the RTOS runs on alone$
# nk-vm-com2-expect: ^rtos-ras: alone 2[0-9]{3} ms: [0-9]+ periods, [0-9]+ activations, 0 missed$
# nk-vm-timeout: 300
# nk-vm-end: ^rtos-ras: alone 3[0-9]{3} ms: [0-9]+ periods, [0-9]+ activations, 0 missed$
. /nk/tests/lib.sh
plan 5

check_output "start the RTOS guest" '^rtos started$' nkctl os start rtos /lib/firmware/rtos.bin
sleep 2
check_output "its checks ran, none failed" '^rtos-test: [0-9]+ passed, 0 failed$' \
	nkctl console rtos
check_output "the host is in its first boot, none died yet" \
	'^  host: +boot 1, 0 deaths taken$' nkctl status
check_output "the RTOS has had no word of a host death" '^rtos-test:' \
	sh -c '! nkctl console rtos | grep "rtos-ras:" && nkctl console rtos'
check_dmesg_clean

done_testing
echo "nk-vm: exit status $?"
sync
echo c > /proc/sysrq-trigger
echo "88-host-down: the host lived through sysrq-c"
