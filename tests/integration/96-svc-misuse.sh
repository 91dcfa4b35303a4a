# tests/integration/96-svc-misuse.sh - the services against misuse, each
# class issue 11 found (tests/integration/svcadv.c): stale handles across
# descriptors and a sleeper woken by a destroy, a PNVM region freed while
# in use, buffers and argument blocks that fault, 65536 opens of one
# segment, faults in the copies while another thread maps; then what a
# guest holds, given back when it stops; a destroy under an RTOS task's
# wait (E_DLT); a host segment read-only to the RTOS even when it creates
# it again by name; a scribbled entry met by a create of its name; and the
# leak check: no reference, handle, allocation or heap page left.
. /nk/tests/lib.sh
plan 126

img=/lib/firmware/rtos.bin
rtos_says() { nkctl console rtos | tr -d '\r' | sed -n "s/^rtos-svc: $1/\1/p" | tail -n1; }
svc() { nkctl os run rtos "$1" > /dev/null; }

for mode in stale pnvm badbuf refs threads; do
	count_checks svcadv $mode
done

# A guest's references: the RTOS makes and keeps segment rseg; stopped,
# it gives its reference back and the segment stays for the host.
check_output "start the RTOS" '^rtos started$' nkctl os start rtos $img
sleep 2
svc 16
sleep 1
check_output "the RTOS holds rseg: 1 reference, none the host's" \
	'^references: 1 in the tables, 0 of them the host' nkctl svc list
check "stop the RTOS" nkctl os stop rtos
check_output "stopped, its reference is back" '^references: 0 in the tables' nkctl svc list
check_output "and rseg is still there for the host" '^shm +[0-9]+ +rseg ' nkctl svc list
check "the host destroys it" nkctl shm destroy rseg

# An RTOS task waiting on a queue the host destroys: E_DLT (-51).
check_output "start the RTOS again" '^rtos started$' nkctl os start rtos $img
sleep 2
check "create dq" nkctl mq create dq 2 16
svc 28
sleep 1
check_eq "an RTOS task waits on dq" "waiting" "$(rtos_says 'dq \(waiting\)')"
check "destroy dq under it" nkctl mq destroy dq
sleep 1
check_eq "its wait ends with E_DLT" "-51" "$(rtos_says 'dq wait ended \(.*\)')"

# A segment the host made read-only to others stays so in the RTOS, even
# "created" again by its name and size: the write faults, the RTOS alone
# fails (its references given back with it).
check "create roseg, read-only to others" nkctl shm create roseg 4096 ro
svc 29
sleep 1
check_output "the RTOS's write to roseg faults: it failed with vector 14 there" \
	'^rtos +failed .* vector 14 at eip 0x4[0-9a-f]{7}, error 0x[0-9a-f]+, cr2 0x8[0-9a-f]{7}$' nkctl os list
check_eq "and it never wrote it" "" "$(rtos_says 'roseg \(written\)')"
check "the host destroys roseg" nkctl shm destroy roseg
check "stop the RTOS" nkctl os stop rtos

# The leak check, with every descriptor but nkctl's closed.
check_output "no reference left anywhere" \
	'^references: 0 in the tables, 0 of them the host.s \(0 opens, 0 mappings\); 0 segments destroyed but held$' \
	nkctl svc list
check_output "the loader holds only nkctl's own descriptor" \
	'^loader: 1 descriptors, 1 allocations, 0 handles held$' nkctl svc list
check_output "no heap page leaked" '^heap: 0 pages unaccounted' nkctl svc list
check_no_match "no queue, event or segment left" '^(mq|event|shm) +[0-9]+ |^[0-9]+ ' nkctl svc list

# A scribbled entry met by a create of its name is refused, not trusted.
check "create segment cseg" nkctl shm create cseg 4096
check "create queue cq" nkctl mq create cq 2 16
sid=$(nkctl svc list | awk '$1 == "shm" && $3 == "cseg" { print $2 }')
qid=$(nkctl svc list | awk '$1 ~ /^[0-9]+$/ && $2 == "cq" { print $1 }')
check "scribble over cseg's entry (test hook)" nkctl svc corrupt 3 "$sid"
check "scribble over cq's entry" nkctl svc corrupt 1 "$qid"
check_refused "create cseg again: refused, EIO" 'Input/output error' nkctl shm create cseg 4096
check_refused "create cq again: refused, EIO" 'Input/output error' nkctl mq create cq 2 16
check_output "the nanokernel answers" "ping 9 -> $(( (9 ^ 0x5a5a5a5a) & 0x7fffffff ))" nkctl ping 9
check_output "no exception inside the nanokernel" 'faults: +0$' nkctl status
check_dmesg_clean "no oops or warning in the kernel log"
done_testing
