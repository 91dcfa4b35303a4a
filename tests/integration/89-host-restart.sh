# tests/integration/89-host-restart.sh - the host dies six times and is
# booted again by the nanokernel each time while the RTOS keeps its state
# (Documentation/ras.md).  The first boot arms the restart (nkctl ras arm,
# with its defaults: /boot and /proc/cmdline) after the refusals, leaves a
# queue's messages and a PNVM region, and dies by sysrq-c; the second by a
# BUG() in a module (nkcrash.ko), the third by a NULL dereference in one
# (oops=panic makes both oopses panics), the fourth by a soft lockup
# (kernel.softlockup_panic=1); the fifth time it reboots, which
# default.conf's [ras] on_reboot = restart makes a restart of the host
# alone; the sixth time it spins with preemption off, its loader's
# heartbeat stops, and the nanokernel declares it dead after
# heartbeat_ms (5 s).  Each time the RTOS runs alone for
# 2 s, then asks the nanokernel to boot the host again; the new host runs
# this same script from the same initrd, its loader attaches (init's nkctl
# load), and the next part checks from there: a real boot, the record of
# the death before (nkctl ras list/show, and a corrupt one said to be
# corrupt), the RTOS not restarted and running, and at the end the queue
# and the region as they were.
# nk-vm: boot-files
# nk-vm-timeout: 900
# nk-vm-com2-expect: ^rtos-ras: host down: record 1, host boot 1, panic, up [0-9]+ ms: sysrq triggered crash$
# nk-vm-com2-expect: ^rtos-ras: alone 2[0-9]{3} ms: [0-9]+ periods, [0-9]+ activations, 0 missed$
# nk-vm-com2-expect: ^rtos-ras: restarting the host \(boot 2\)$
# nk-vm-com2-expect: ^rtos-ras: host restarted: frozen [0-9]+ ms, [0-9]+ periods and [0-9]+ activations since its death$
# nk-vm-com2-expect: ^rtos-ras: host down: record 2, host boot 2, oops: invalid opcode, up [0-9]+ ms: Fatal exception$
# nk-vm-com2-expect: ^rtos-ras: host down: record 3, host boot 3, oops: Oops, up [0-9]+ ms: Fatal exception$
# nk-vm-com2-expect: ^rtos-ras: host down: record 4, host boot 4, panic, up [0-9]+ ms: softlockup: hung tasks$
# nk-vm-com2-expect: ^rtos-ras: host down: record 5, host boot 5, reboot, up [0-9]+ ms: reboot$
# nk-vm-com2-expect: ^rtos-ras: restarting the host \(boot 6\)$
# nk-vm-com2-expect: ^rtos-ras: host down: record 6, host boot 6, heartbeat, up 0 ms: the host's heartbeat stopped$
# nk-vm-com2-expect: ^rtos-ras: restarting the host \(boot 7\)$
. /nk/tests/lib.sh
n1=12 n2=19 n3=10 n4=8 n5=6 n6=5 n7=11	# checks of each boot
area=$((0x10400000 + 0xc00000 - 0x140000))	# the RAS area: [shared], svc.h

# The end of one boot: its tally and exit status, then its death.
die_by() {
	local n=$1
	shift
	echo "nk-vm: this boot's checks: $NK_PASS passed, $NK_FAIL failed, $n planned"
	sync
	"$@"
	echo "89-host-restart: the host lived through $*"
	exit 1
}
# The checks every new boot makes: it is boot $1 after $(( $1 - 1 )) deaths.
new_boot() {
	check_output "the host is in boot $1, the nanokernel took $(( $1 - 1 )) deaths" \
		"^  host: +boot $1, $(( $1 - 1 )) deaths taken$" nkctl status
	check_output "  ... its loader attached (init's nkctl load)" \
		'nkloader: nanokernel [0-9.]+ attached again' dmesg
	check_output "the RTOS was not restarted: boot 1" '^rtos +idle +1 ' nkctl os list
	check_output "  ... its checks still pass" '^rtos-test: [0-9]+ passed, 0 failed$' \
		sh -c 'nkctl os run rtos 8 > /dev/null; sleep 1; nkctl console rtos | tail -n 3'
}

boot=$(nkctl status | sed -n 's/^  host: *boot \([0-9]*\),.*/\1/p')
case $boot in
1)
	plan $((n1 + n2 + n3 + n4 + n5 + n6 + n7))
	check_output "start the RTOS guest" '^rtos started$' nkctl os start rtos /lib/firmware/rtos.bin
	sleep 2
	check_output "its checks ran, none failed" '^rtos-test: [0-9]+ passed, 0 failed$' \
		nkctl console rtos
	check_refused "ras arm: a kernel that is not there: refused" \
		'^nkctl: ras arm: /boot/none: No such file or directory$' \
		nkctl ras arm --kernel /boot/none
	check_refused "ras arm: a kernel that is not a bzImage: refused" \
		'not a bzImage \(no "HdrS" at 0x202\) \(Invalid argument\)$' \
		nkctl ras arm --kernel /lib/firmware/rtos.bin
	check_refused "ras arm: a command line the kernel cannot take: refused" \
		'the command line has 3000 bytes, the kernel takes at most 2047' \
		nkctl ras arm --append "$(head -c 3000 /dev/zero | tr '\0' x)"
	check_refused "ras arm: an initrd that is not there: refused" \
		'/nowhere: No such file or directory' nkctl ras arm --initrd /nowhere
	check_output "ras arm with the running kernel's files" \
		"^ras: armed: /boot/vmlinuz-$(uname -r) \([0-9]+ bytes\), /boot/initrd.img-$(uname -r) \([0-9]+ bytes\), \"console=" \
		nkctl ras arm
	check_output "the loader says so" 'nkloader: the host.s restart is armed: kernel [0-9]+ bytes' dmesg
	check "a queue with two messages" sh -c 'nkctl mq create keep 8 64 &&
		nkctl mq send keep one 0 && nkctl mq send keep two 0'
	check "a PNVM region" nkctl pnvm write 42 "kept across six host deaths"
	check_output "the host is in its first boot, no crash kept" \
		'^  last crash: +none kept$' nkctl status
	check_dmesg_clean
	die_by $n1 sh -c 'echo c > /proc/sysrq-trigger'
	;;
2)
	NK_PLAN=$n2	# the plan line is the first boot's, for all seven
	new_boot 2
	check_output "a real boot: Linux started anew" '^\[ *[0-9]+\.[0-9]+\] Linux version 6\.1\.' dmesg
	check_range "  ... seconds ago (its uptime)" "$(cut -d. -f1 /proc/uptime)" 0 120
	count_checks timecheck jiffies 2
	check_output "  ... a workload: the MD5 of 8 MB of zeros" '^96995b58d4cbf6aaa9041b4f00c7f6ae ' \
		sh -c 'dd if=/dev/zero bs=1M count=8 2>/dev/null | md5sum'
	check_output "the RTOS said the host came back" '^rtos-ras: host restarted: frozen [0-9]+ ms' \
		nkctl console rtos
	check_output "nkctl status names the last crash" \
		'^  last crash: +record 1, host boot 1: sysrq triggered crash$' nkctl status
	check_output "nkctl ras list: the record" \
		'^1 +boot 1 +panic +up +[0-9]+\.[0-9]{3} s  sysrq triggered crash$' nkctl ras list
	nkctl ras show 1 > /tmp/rec1 2>&1
	check_output "nkctl ras show: the reason" '^reason: sysrq triggered crash$' cat /tmp/rec1
	check_output "  ... the panicking CPU's registers, a kernel EIP" \
		'^  eip [c-f][0-9a-f]{7} eflags ' sh -c 'grep -A3 "^registers (the panicking CPU.s):" /tmp/rec1'
	check_output "  ... the dying host's log, to its panic" \
		'Kernel panic - not syncing: sysrq triggered crash' cat /tmp/rec1
	check_range "  ... at least 16 KB of it (bytes)" \
		"$(sed -n 's/^log (\([0-9]*\) bytes):$/\1/p' /tmp/rec1)" 16384 35840
	# /dev/mem reaches the shared region only while no loader claims it:
	# detached (which leaves the shared region as it is).
	word=$(printf '0x%x' $((area + 0x1000 + 0x400 + 100)))	# slot 1's log
	nkctl detach > /dev/null
	old=$(busybox devmem $word 32)
	check "scribble a word of the record's log ($word), detached" \
		sh -c "busybox devmem $word 32 $((old ^ 0x01000000)) && nkctl attach /etc/nanokernel/default.conf"
	check_output "nkctl ras list: corrupt, not shown" '^1 +corrupt: not shown$' nkctl ras list
	check_refused "nkctl ras show: corrupt, not shown" \
		'^nkctl: ras show: record 1 is corrupt: not shown$' nkctl ras show 1
	nkctl detach > /dev/null
	busybox devmem $word 32 $old
	nkctl attach /etc/nanokernel/default.conf > /dev/null
	check_output "put back, it shows again" '^reason: sysrq triggered crash$' nkctl ras show 1
	die_by $n2 insmod /lib/modules/nkcrash.ko kill=bug
	;;
3)
	NK_PLAN=$n3
	new_boot 3
	check_output "nkctl ras list: the BUG()'s record, then sysrq-c's" \
		'^2 boot 2 oops up [0-9.]+ s invalid opcode: Fatal exception 1 boot 1 panic ' \
		sh -c 'echo $(nkctl ras list)'
	nkctl ras show 2 > /tmp/rec2 2>&1
	check_output "  ... the oops's registers and trap (6, #UD)" \
		'^oops: invalid opcode \(trap 6, error 0x0\) registers \(the oops.s\):' \
		sh -c 'echo $(grep -A1 "^oops:" /tmp/rec2)'
	check_output "  ... its log shows the BUG in nkcrash" 'nkcrash: BUG\(\) on purpose' cat /tmp/rec2
	check_output "nkctl ras clear" '^ras: 2 records cleared$' nkctl ras clear
	check_output "  ... none is listed" '^ras: no crash record \(2 taken, 2 cleared\)$' nkctl ras list
	check_refused "  ... nor shown" '^nkctl: ras show: no record 2 kept$' nkctl ras show 2
	die_by $n3 insmod /lib/modules/nkcrash.ko kill=null
	;;
4)
	NK_PLAN=$n4
	new_boot 4
	check_output "nkctl ras list: the NULL dereference, alone after the clear" \
		'^3 +boot 3 +oops +up +[0-9.]+ s  Oops: Fatal exception$' nkctl ras list
	check_output "  ... a write to address 0 (error code 0x2, CR2 0)" \
		'^oops: Oops \(trap [0-9]+, error 0x2\) .* cr2 00000000 ' \
		sh -c 'echo $(nkctl ras show 3 | grep -E "^oops:|cr0 ")'
	check_output "  ... its log shows it" 'BUG: kernel NULL pointer dereference, address: 00000000' \
		nkctl ras show 3
	check "a soft lockup of 2 s panics (softlockup_panic=1, watchdog_thresh=1)" \
		sh -c 'echo 1 > /proc/sys/kernel/softlockup_panic && echo 1 > /proc/sys/kernel/watchdog_thresh'
	die_by $n4 insmod /lib/modules/nkcrash.ko kill=lockup
	;;
5)
	NK_PLAN=$n5
	new_boot 5
	check_output "nkctl ras list: the soft lockup's record" \
		'^4 +boot 4 +panic +up +[0-9.]+ s  softlockup: hung tasks$' sh -c 'nkctl ras list | head -n 1'
	check_output "  ... with the registers of what the watchdog interrupted, in the kernel" \
		'^registers \(what the panicking interrupt interrupted\): .* eip [c-f][0-9a-f]{7} ' \
		sh -c 'echo $(nkctl ras show 4 | grep -A3 "^registers")'
	die_by $n5 reboot -f
	;;
6)
	NK_PLAN=$n6
	new_boot 6
	check_output "nkctl ras list: the reboot's record" \
		'^5 +boot 5 +reboot +up +[0-9.]+ s  reboot$' sh -c 'nkctl ras list | head -n 1'
	die_by $n6 insmod /lib/modules/nkcrash.ko kill=lockup	# no softlockup_panic now
	;;
*)
	NK_PLAN=$n7
	new_boot 7
	check_output "nkctl ras list: the stopped heartbeat's record" \
		"^6 +boot 6 +heartbeat +up +0\\.000 s  the host's heartbeat stopped$" \
		sh -c 'nkctl ras list | head -n 1'
	check_output "  ... where the host was: in the kernel" \
		'^registers \(where the host was, its heartbeat missed\): .* eip [c-f][0-9a-f]{7} ' \
		sh -c 'echo $(nkctl ras show 6 | grep -A3 "^registers")'
	check_rtos_cyclic "its cyclic handler runs every period"
	check_output "the queue kept its messages, in order" '^one two$' \
		sh -c 'echo $(nkctl mq recv keep 0; nkctl mq recv keep 0)'
	check_output "the PNVM region kept its contents" '^kept across six host deaths$' nkctl pnvm show 42
	check_output "no leak: the loader holds no handle" \
		'^loader: [0-9]+ descriptors, [0-9]+ allocations, 0 handles held' nkctl svc list
	check_dmesg_clean
	done_testing
	;;
esac
