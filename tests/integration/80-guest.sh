# tests/integration/80-guest.sh - a guest in its partition: started from
# the host, its console ring and COM2, run and yield, faults caught (the
# guest failed, the host fine), restart 50 times, and every refusal.
# nk-vm-com2-expect: ^guest-test: hello from the guest, boot 1$
# nk-vm-com2-expect: ^guest-test: page fault, run 1$
. /nk/tests/lib.sh
plan 51

img=/lib/firmware/guest-test.bin
state() { nkctl os list | awk -v n="$1" '$1 == n { print $2 }'; }

check_output "no guest before a start" '^rtos +empty +0 ' nkctl os list
check_output "start the test guest in partition rtos" '^rtos started$' nkctl os start rtos $img
check_output "it said hello on its console ring" \
	'^guest-test: hello from the guest, boot 1$' nkctl console rtos
check_eq "it yielded: idle" idle "$(state rtos)"

bad=0
for i in $(seq 1 100); do
	nkctl os run rtos > /dev/null 2>&1 || bad=$((bad + 1))
done
check_eq "100 runs, each until the guest yields" 0 $bad
check_output "the guest counted them" '^guest-test: run 100$' nkctl console rtos
check_output "so did the nanokernel" '^rtos +idle +1 +101 ' nkctl os list

# Faults: the guest is stopped and marked failed, the host goes on.
fault() {	# COMMAND VECTOR WHAT
	nkctl os run rtos $1 > /dev/null 2>&1
	check_output "$3: the guest failed with vector $2" \
		"^rtos +failed .* vector $2 at eip 0x4000" nkctl os list
	check_output "$3: the host is fine" "ping 9 -> $(( (9 ^ 0x5a5a5a5a) & 0x7fffffff ))" nkctl ping 9
	check_refused "$3: a failed guest cannot be run" 'not idle' nkctl os run rtos
	check_output "$3: restart brings it back" '^rtos started$' nkctl os restart rtos $img
}
fault 1 0 "divide by zero"
fault 2 6 "invalid opcode"
fault 3 14 "page fault"
check_output "the page fault's address is recorded" 'cr2 0x30000000' sh -c 'nkctl os run rtos 3; nkctl os list'
check "restart after it" nkctl os restart rtos $img
# The stack pointer runs off the partition: the CPU cannot push the page
# fault's frame either, a double fault, taken by the nanokernel's task gate.
fault 9 8 "stack overflow"
check_output "the overflow's address is recorded" 'cr2 0x3ffffffc' sh -c 'nkctl os run rtos 9; nkctl os list'
check "restart after it" nkctl os restart rtos $img
check "a wild pointer in a guest call is refused, not followed" nkctl os run rtos 4
check_output "the guest was told EINVAL" 'wild console pointer refused: 22$' nkctl console rtos
check_eq "and it is still idle" idle "$(state rtos)"
check_output "no exception inside the nanokernel itself" 'faults: +0$' nkctl status

# Start, stop, restart: 50 times in a row.
bad=0
for i in $(seq 1 50); do
	nkctl os stop rtos > /dev/null 2>&1 || bad=$((bad + 1))
	nkctl os start rtos $img > /dev/null 2>&1 || bad=$((bad + 1))
	nkctl os run rtos > /dev/null 2>&1 || bad=$((bad + 1))
done
check_eq "stop, start, run: 50 times" 0 $bad
check_output "the last start is boot 55" 'hello from the guest, boot 55$' nkctl console rtos

# Bad input: clear errors, nothing changed.
check_refused "starting a running guest is refused" \
	'already running \(nkctl os stop or os restart\)' nkctl os start rtos $img
check_refused "a missing image" 'No such file' nkctl os start rtos /lib/firmware/none.bin
cp $img /tmp/sum.bin
printf '\125' | dd of=/tmp/sum.bin bs=1 seek=100 conv=notrunc 2>/dev/null
nkctl os stop rtos > /dev/null
check_refused "a corrupt image" 'guest image: checksum 0x[0-9a-f]+, image contents give' \
	nkctl os start rtos /tmp/sum.bin
cp $img /tmp/big.bin
printf '\000\000\000\002' | dd of=/tmp/big.bin bs=1 seek=24 conv=notrunc 2>/dev/null
check_refused "an image that does not fit its partition" \
	'guest image: guest needs 33554432 bytes, the partition has 16777216' \
	nkctl os start rtos /tmp/big.bin
check_refused "the nanokernel image is not a guest" 'bad magic' \
	nkctl os start rtos /lib/firmware/nanokernel.bin
: > /tmp/empty.bin
check_refused "an empty image: shorter than its header" \
	'guest image of 0 bytes: shorter than its header \([0-9]+ bytes\)' \
	nkctl os start rtos /tmp/empty.bin
cp $img /tmp/zero.bin
printf '\000\000\000\000' | dd of=/tmp/zero.bin bs=1 seek=24 conv=notrunc 2>/dev/null
check_refused "an image whose mem_size is 0: a corrupt header" \
	'guest image: mem_size 0 is less than the file.s [0-9]+ bytes \(a corrupt header\)' \
	nkctl os start rtos /tmp/zero.bin
check_refused "a partition that is not an RTOS's" \
	'\[partition linux\] kind: only rtos partitions can run a guest yet' \
	nkctl os start linux $img
check_refused "a partition that does not exist" 'no partition named "nosuch"' \
	nkctl os start nosuch $img
check_eq "the refusals left the guest stopped" stopped "$(state rtos)"
check_output "and a good start works" '^rtos started$' nkctl os start rtos $img

# A running guest is in use: unload is refused until it is stopped; a new
# load starts clean.  (rmmod cannot be refused: with a guest live it detaches, 87-reattach.sh.)
check_refused "unload while a guest runs is refused" \
	'a guest is running: nkctl os stop it first \(Device or resource busy\)' nkctl unload
check_output "the guest is still there" '^rtos +idle ' nkctl os list
check "stop it" nkctl os stop rtos
check "then unload" nkctl unload
check_output "load again" 'nanokernel loaded' nkctl load /etc/nanokernel/default.conf
check_output "no guest after the reload" '^rtos +empty +0 ' nkctl os list
check_dmesg_clean "no oops or warning in the kernel log"
done_testing
