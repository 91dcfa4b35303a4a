# tests/integration/87-reattach.sh - detach and attach again: the loader
# leaves the nanokernel and the RTOS running, detached, and a later load
# (after nkctl detach, or rmmod and insmod) attaches to them: the RTOS is
# not restarted, its counters go on, the periods it missed while detached
# are the ones the nanokernel says it was detached, a queue's messages
# and a PNVM region are as they were.  A mismatch (another configuration,
# a scribbled nanokernel, a record of another ABI) is refused with its
# reason and touches nothing: put right, the same attach succeeds.
. /nk/tests/lib.sh
plan 66

img=/lib/firmware/rtos.bin
conf=/etc/nanokernel/default.conf
nk_base=0x10000000	# [nanokernel] base in default.conf
field() { nkctl os list | awk -v f="$1" '$1 == "rtos" { print $f }'; }
report() { nkctl console rtos | tr -d '\r' | sed -n "s/^rtos-test: $1/\1/p" | tail -n1; }
boots() { nkctl console rtos | tr -d '\r' | grep -c '^rtos: uITRON kernel on the nanokernel, boot'; }
claimed() { grep -c 'nanokernel' /proc/iomem; }
reinsert() { rmmod nkloader && insmod /lib/modules/nkloader.ko test_hooks=1; }

check_output "start the RTOS guest" '^rtos started$' nkctl os start rtos $img
sleep 2
check_output "its checks ran, none failed" '^rtos-test: [0-9]+ passed, 0 failed$' \
	nkctl console rtos
check "a queue with three messages" sh -c 'nkctl mq create keep 8 64 &&
	nkctl mq send keep one 0 && nkctl mq send keep two 0 && nkctl mq send keep three 0'
check "a PNVM region" nkctl pnvm write 42 "kept across a detach"

# A host process with a segment mapped holds the detach off (its pages
# must stay the segment's); handles alone do not: they die with the
# loader's side, and the nanokernel gives back the references they held.
svctest hold seg1 1 > /tmp/hold.out 2>&1 &
holder=$!
sleep 1
check_output "a process holds segment seg1, mapped" '^svctest: holding seg1 \(3 opens, mapped\)' cat /tmp/hold.out
check_refused "detach while a segment is mapped: refused" \
	'has a segment or PNVM region mapped.*Device or resource busy' nkctl detach
kill $holder; wait $holder 2>/dev/null
check_output "the RTOS is still attached" '^rtos +idle ' nkctl os list
check_refused "unload while the RTOS runs: refused as before" 'a guest is running' nkctl unload
svctest hold seg2 0 > /tmp/hold.out 2>&1 &
holder=$!
nkctl mq create idle 1 16 > /dev/null
nkctl mq recv idle 60000 > /tmp/recv.out 2>&1 &
waiter=$!
sleep 1
check_output "a process holds seg2 (3 opens, not mapped) and PNVM 77" 'seg2 .* refs 3$' nkctl svc list
runs0=$(field 4)
nkctl os run rtos 5 > /dev/null	# the cyclic handlers' measure starts
check_output "detach, the holder and a waiting receive still there" '^nanokernel detached' nkctl detach
check_output "  ... the 4 references they held were given back" \
	'nkloader: 4 references host processes held to segments and PNVM regions were given back' dmesg
wait $waiter
check_output "  ... the waiting receive ended (ENODEV)" '^nkctl: mq recv idle: No such device$' cat /tmp/recv.out
check_output "status says detached" '^nanokernel: detached' nkctl status
check_refused "while detached, the guests are not reachable" 'not loaded' nkctl os list
check_eq "the regions are given back (/proc/iomem)" 0 "$(claimed)"
# As in 40-interrupts.sh: were it not refused, the machine would sleep
# (suspend-to-idle) and the script never end (tried once).
check_refused "suspend is refused while it is detached" \
	'Device or resource busy|write error' sh -c 'echo freeze > /sys/power/state'
check_output "  ... and the kernel log says why" \
	'nkloader: suspend and hibernation are refused while a nanokernel is detached' dmesg
sleep 1
check_output "load attaches" '^nanokernel attached: its guests go on$' nkctl load $conf
check_output "the RTOS was not restarted (boot 1)" '^rtos +idle +1 ' nkctl os list
nkctl os run rtos 6 > /dev/null
set -- $(report '\(cyclic .*\)')	# cyclic P periods, A activations, late max L ns, ..., E timer events
periods=${2:-0} acts=${4:-0} events=${13:-0}
detached=$(nkctl status | sed -n 's/.*the last detach lasted \([0-9]*\) ms.*/\1/p')
echo "# cyclic across the detach: $*; detached ${detached:-?} ms"
check_range "the nanokernel says how long it was detached (ms)" "${detached:-0}" 1000 1500
check_range "the RTOS caught up: an activation for every period" $((acts - periods)) -1 1
check_range "the periods it missed are the time it was detached (+-2)" \
	$((periods - events - ${detached:-0})) -2 2
check_output "the 1 ms cyclic handler runs again" '^rtos +idle' sh -c \
	"nkctl os run rtos 5 > /dev/null; sleep 1; nkctl os run rtos 6 > /dev/null; nkctl os list | grep '^rtos'"
set -- $(report '\(cyclic .*\)')
check_range "  ... every period ($4 activations in $2 periods, ${13:-?} events)" $(( ${13:-0} - ${2:-0} )) -1 1
check_output "the queue's messages are there, in order" '^one two three$' \
	sh -c 'echo $(nkctl mq recv keep 0; nkctl mq recv keep 0; nkctl mq recv keep 0)'
check_output "the PNVM region is as it was" '^kept across a detach$' nkctl pnvm show 42
check_output "seg2's three opens were given back (refs 0)" 'seg2 .* refs 0$' nkctl svc list
check "PNVM 77 can be freed while its holder lives: its reference is gone" nkctl pnvm free 77
kill $holder; wait $holder 2>/dev/null
check_output "the holder's exit gives back nothing twice" 'seg2 .* refs 0$' nkctl svc list
check "seg1 and seg2 can be destroyed" sh -c 'nkctl shm destroy seg1 && nkctl shm destroy seg2'
check_output "no leak: no segment left, the loader holds nothing" \
	'^loader: [0-9]+ descriptors, [0-9]+ allocations, 0 handles held' sh -c \
	'nkctl svc list | grep -v "^shm " && ! nkctl svc list | grep -q "^shm "'

# Twenty times, by nkctl detach and by rmmod (which detaches while a
# guest is live), and each load attaches to the same RTOS.
bad=0
for i in $(seq 1 20); do
	before=$(field 4)
	if [ $((i % 2)) = 0 ]; then
		nkctl detach > /dev/null || bad=$((bad + 1))
	else
		reinsert || bad=$((bad + 1))
	fi
	nkctl load $conf | grep -q '^nanokernel attached' || bad=$((bad + 1))
	nkctl os run rtos 8 > /dev/null || bad=$((bad + 1))
	[ "$(field 4)" -gt "$before" ] || bad=$((bad + 1))
done
check_eq "detach and attach 20 times (half by rmmod): each resumed the RTOS" 0 $bad
check_eq "  ... and it never booted again" 1 "$(boots)"
check_output "  ... it is idle, boot 1" '^rtos +idle +1 ' nkctl os list
check_output "  ... the nanokernel counts 21 attaches" '^  attached: +21 times' nkctl status
check_output "  ... its guest ran on ($runs0 runs before)" '^rtos' sh -c \
	"[ \$(nkctl os list | awk '\$1 == \"rtos\" { print \$4 }') -gt $runs0 ] && nkctl os list"
check_output "the RTOS's checks still pass" '^rtos-test: [0-9]+ passed, 0 failed$' \
	sh -c 'nkctl os run rtos 8 > /dev/null; nkctl console rtos | tail -n 1'

# A new host maps the nanokernel elsewhere: the attach rebuilds the
# nanokernel's map of the host's alias (the passage, the stubs).
alias() { nkctl status | awk '$1 == "host" && $2 == "alias:" { print $3 }'; }
a0=$(alias)
check "rmmod, insmod with the host's mapping moved (test_spacer=1)" sh -c \
	'rmmod nkloader && insmod /lib/modules/nkloader.ko test_hooks=1 test_spacer=1'
check_output "  ... load attaches" '^nanokernel attached' nkctl load $conf
a1=$(alias)
if [ -n "$a1" ] && [ -n "$a0" ] && [ "$a1" != "$a0" ]; then
	ok "  ... at another host alias ($a0, now $a1)"
else
	not_ok "  ... the host alias did not move: '$a0', '$a1'"
fi
before=$(field 4)
check_output "  ... the RTOS runs on, its checks pass" '^rtos-test: [0-9]+ passed, 0 failed$' \
	sh -c "nkctl os run rtos 8 > /dev/null && sleep 1 && [ \$(nkctl os list | awk '\$1 == \"rtos\" { print \$4 }') -gt $before ] && nkctl console rtos | tail -n 1"

# Refusals: each leaves the detached nanokernel as it was, so the same
# attach succeeds afterwards.
check "detach again" nkctl detach
sed 's/^priority = 128/priority = 127/' $conf > /tmp/other.conf
check_refused "attach with another configuration: refused, naming it" \
	'\[partition linux\]: the nanokernel detached at 0x10000000 runs another configuration; nkctl load --replace starts afresh \(File exists' \
	nkctl load /tmp/other.conf
check_eq "  ... and nothing is left claimed" 0 "$(claimed)"
# A word of the host's IDT copy in the nanokernel's region, scribbled
# through /dev/mem (nothing claims the region while it is detached).
word=$(printf '0x%x' $((nk_base + 0x51000 + 8 * 0x80)))
old=$(busybox devmem $word 32)
check "scribble a word of the detached nanokernel ($word, was $old)" \
	busybox devmem $word 32 $((old ^ 0x00100000))
check_refused "attach to a scribbled nanokernel: refused as corrupt" \
	'is corrupt \(state CRC 0x[0-9a-f]+, 0x[0-9a-f]+ when left\); nkctl load --replace starts afresh \(Bad message' \
	nkctl attach $conf
busybox devmem $word 32 $old
rec=$(printf '0x%x' $((nk_base + 0x41004)))	# the record's abi_revision
abi=$(busybox devmem $rec 32)
abi=$((abi))
check "a record of the ABI revision before this one's ($abi)" \
	busybox devmem $rec 32 $((abi - 1))
check_refused "attach to what a loader of another ABI left: refused" \
	"detached by a loader of ABI revision $((abi - 1)), this one is $abi; nkctl load --replace starts afresh \\(Protocol error" nkctl load $conf
busybox devmem $rec 32 $abi
rec=$(printf '0x%x' $((nk_base + 0x41010)))	# the record's detaches
det=$(busybox devmem $rec 32)
busybox devmem $rec 32 $((det + 1))
check_refused "a record that does not match the nanokernel: refused" \
	'is not as it was left.*Bad message' nkctl load $conf
busybox devmem $rec 32 $det
check_output "put right, the same attach succeeds" '^nanokernel attached' nkctl attach $conf
check_output "  ... the RTOS goes on, boot 1" '^rtos +idle +1 ' nkctl os list
check_eq "  ... never booted again" 1 "$(boots)"
check_refused "attach when attached: refused" 'already loaded' nkctl attach $conf

# --replace starts afresh: the RTOS is gone, PNVM is kept.
check "detach" nkctl detach
check_output "load --replace starts afresh" '^nanokernel loaded$' nkctl load --replace $conf
check_output "  ... the RTOS is gone" '^rtos +empty ' nkctl os list
check_output "  ... the nanokernel was initialised anew (attached 0 times)" \
	'^  attached: +0 times' nkctl status
check_output "  ... the PNVM region is kept" '^kept across a detach$' nkctl pnvm show 42
check_refused "  ... the queue is not" 'No such file' nkctl mq recv keep 0
# With no guest live, rmmod unloads: there is nothing left to attach to.
check "rmmod with no guest" reinsert
check_output "  ... it unloaded" 'nkloader: nanokernel unloaded' dmesg
check_refused "attach to nothing: refused" \
	'no detached nanokernel at 0x10000000 to attach to.*No such file' nkctl attach $conf
check_output "load starts afresh" '^nanokernel loaded$' nkctl load $conf
check_output "the restarted RTOS runs its checks" '^rtos started$' nkctl os start rtos $img
sleep 2
check_output "  ... none failed" '^rtos-test: [0-9]+ passed, 0 failed$' \
	sh -c 'nkctl console rtos | tail -n 1'
check_dmesg_clean "no oops or warning in the kernel log"
done_testing
