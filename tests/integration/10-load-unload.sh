# tests/integration/10-load-unload.sh - the loader: load, status, ping,
# unload, reload ten times, rmmod; the host exactly as before afterwards.
# nk-vm: noload
. /nk/tests/lib.sh
plan 105

cfg=/etc/nanokernel/default.conf

check_output "/dev/nanokernel is root-only" '^crw-------' ls -l /dev/nanokernel
check_output "status before loading" '^nanokernel: not loaded' nkctl status
cat /proc/iomem > /tmp/iomem.before

check_output "load the default configuration" 'nanokernel loaded' nkctl load $cfg
nkctl status > /tmp/status
cat /tmp/status
check_output "status: loaded" '^nanokernel: loaded' cat /tmp/status
check_output "status: version" '^  version: +0\.1\.0$' cat /tmp/status
check_output "status: ABI revision" '^  abi revision: +6$' cat /tmp/status
check_output "status: region" '^  region: +0x10000000-0x103fffff \(4 MiB\)' cat /tmp/status
check_output "status: image size" '^  image: +[0-9]+ bytes, text\+data\+bss [0-9]+ bytes' cat /tmp/status
check_output "status: state ready" '^  state: +ready$' cat /tmp/status
check_output "status: init ran once" '\(init 1\)' cat /tmp/status
check_output "status: partition rtos" 'rtos +kind rtos +priority 1 +0x11000000-0x11ffffff' cat /tmp/status
check_output "status: partition linux" 'linux +kind linux +priority 128 +0x12000000-0x15ffffff' cat /tmp/status
check_output "status: device com2" 'com2 +owner rtos +io 0x2f8-0x2ff +irq 3' cat /tmp/status
check_output "iomem: nanokernel region claimed" '10000000-103fffff : nanokernel$' cat /proc/iomem
check_output "iomem: shared region claimed" '10400000-10ffffff : nanokernel shared' cat /proc/iomem
check_output "iomem: partition claimed" '11000000-11ffffff : nanokernel partition rtos' cat /proc/iomem

calls() { nkctl status | sed -n 's/^  calls: *\([0-9]*\).*/\1/p'; }
v=12345
calls0=$(calls)
check_output "ping goes through the passage" "ping $v -> $(( (v ^ 0x5a5a5a5a) & 0x7fffffff ))" nkctl ping $v
bad=0
for i in $(seq 1 500); do
	r=$(nkctl ping $i | sed 's/.*-> //')
	[ "$r" = $(( (i ^ 0x5a5a5a5a) & 0x7fffffff )) ] || bad=$((bad + 1))
done
check_eq "500 pings, every answer right" 0 $bad
# 501 pings, plus the host's timer requests, which come at any time
calls1=$(calls)
if [ $((calls1 - calls0)) -ge 501 ]; then
	ok "the nanokernel counted every call (+$((calls1 - calls0)) for 501 pings)"
else
	not_ok "the nanokernel counted every call: +$((calls1 - calls0)) for 501 pings"
fi
check_output "init ran once" 'calls: +[0-9]+ \(init 1\)' nkctl status

check_refused "a second load is refused" 'already loaded' nkctl load $cfg
check_output "unload" 'nanokernel unloaded' nkctl unload
check_output "status after unload" '^nanokernel: not loaded' nkctl status
check "iomem as before after unload" cmp /tmp/iomem.before /proc/iomem
check_refused "unload twice is refused" 'not loaded|No such device' nkctl unload

bad=0
for i in 1 2 3 4 5 6 7 8 9 10; do
	nkctl load $cfg > /dev/null 2>&1 || bad=$((bad + 1))
	nkctl ping $i > /dev/null 2>&1 || bad=$((bad + 1))
	nkctl status | grep -q 'state: *ready' || bad=$((bad + 1))
	nkctl unload > /dev/null 2>&1 || bad=$((bad + 1))
done
check_eq "load, ping, status, unload: 10 times" 0 $bad
check "iomem as before after 10 reloads" cmp /tmp/iomem.before /proc/iomem

# Exceptions inside the nanokernel are caught, recorded and reported.
check_output "load for the fault tests" 'nanokernel loaded' nkctl load $cfg
n=0
for vec in 0 3 6 13 14; do
	n=$((n + 1))
	check_output "exception $vec inside the nanokernel is caught" \
		"vector $vec .*caught" nkctl selftest fault $vec
	check_output "status records exception $vec" \
		"faults: +$n \[last: vector $vec at eip 0x004" nkctl status
done
check_output "the nanokernel still answers after the faults" \
	"ping 7 -> $(( (7 ^ 0x5a5a5a5a) & 0x7fffffff ))" nkctl ping 7

# rmmod unloads a loaded nanokernel; insmod again works.
check "rmmod with the nanokernel loaded" rmmod nkloader
check "iomem as before after rmmod" cmp /tmp/iomem.before /proc/iomem
check_no_match "nkloader is gone from the module list" '^nkloader ' lsmod
check_fails "and /dev/nanokernel with it" test -e /dev/nanokernel
check "insmod again, as a user would: no test hooks" insmod /lib/modules/nkloader.ko
check_output "load after re-insmod" 'nanokernel loaded' nkctl load $cfg
check_output "ping after re-insmod" "ping 3 -> $(( (3 ^ 0x5a5a5a5a) & 0x7fffffff ))" nkctl ping 3
# The test hooks break things on purpose: off unless asked for.
for hook in "fault 0" "spurious 1" "idt-reload" "delay host 1 100"; do
	check_refused "without test_hooks=1, selftest $hook is refused" \
		'selftest [a-z-]+: the test hooks are off \(insert nkloader.ko with test_hooks=1\)' \
		nkctl selftest $hook
done
check_refused "  ... and so is scribbling on the services' tables" \
	'svc corrupt: Operation not permitted' nkctl svc corrupt 1 0
check_output "  ... and nothing was hurt: no fault recorded" 'faults: +0$' nkctl status
check "unload and rmmod" sh -c 'nkctl unload && rmmod nkloader'
check "insmod with test_hooks=1 for the rest" insmod /lib/modules/nkloader.ko test_hooks=1
check_output "load again" 'nanokernel loaded' nkctl load $cfg

# The host still works: processes, pipes, tmpfs.
workload() {
	i=0
	while [ $i -lt 200 ]; do
		echo "line $i" >> /tmp/w.txt
		i=$((i + 1))
	done
	tar -cf /tmp/w.tar /bin /etc 2>/dev/null &&
	tar -tf /tmp/w.tar | wc -l > /tmp/w.count &&
	[ "$(wc -l < /tmp/w.txt)" = 200 ] &&
	seq 1 2000 | sort -r | md5sum > /dev/null
}
check "host workload with the nanokernel loaded" workload
check "unload at the end" nkctl unload
check_dmesg_clean "no oops or warning in the kernel log"
check_output "the loader logged its loads" 'nkloader: nanokernel 0\.1\.0 loaded' dmesg

count_checks ioctl-errors
check_dmesg_clean "no oops after the bad ioctls"

done_testing
