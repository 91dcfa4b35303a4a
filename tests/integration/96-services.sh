# tests/integration/96-services.sh - the cross-OS services between host
# processes (svctest, nkctl) and RTOS tasks (rtos/app/test/svc.c):
# 100 000 messages of 1 B to 4 KB both ways, checked one by one, and again
# with the host under load; the queues' and events' exact errors on both
# sides; event ping-pong; shared memory both ways; pseudo-nonvolatile
# memory across process, RTOS and loader restarts, and its corruption
# detected; processes killed while blocked; scribbled tables (the fuzzer
# is 97-fuzz.sh).
# nk-vm-com2-expect: ^rtos-svc: echoed 100000, bad 0$
. /nk/tests/lib.sh
plan 63

img=/lib/firmware/rtos.bin
rtos_says() { nkctl console rtos | tr -d '\r' | sed -n "s/^rtos-svc: $1/\1/p" | tail -n1; }
svc() { nkctl os run rtos "$1" > /dev/null; }
# count FIELD for queue NAME in nkctl svc list: queued, sent, received, sleepers
mq_field() {
	nkctl svc list | awk -v n="$1" -v f="$2" '$1 ~ /^[0-9]+$/ && $2 == n {
		if (f == "queued") print $6; if (f == "sent") print $7
		if (f == "received") print $8; if (f == "sleepers") print $12 }'
}

check_output "start the RTOS" '^rtos started$' nkctl os start rtos $img
sleep 2

# ---- messages: 100 000 there and back, checked at both ends ----
check "create h2r" nkctl mq create h2r 16 4096
check "create r2h" nkctl mq create r2h 16 4096
svc 14
check_output "the RTOS's echo task is ready" 'echo ready' sh -c "nkctl console rtos | tail -n 3"
check_output "100 000 messages of 1 to 4096 bytes, host -> RTOS -> host: none lost, duplicated, reordered or corrupted" \
	'^svctest: echo 100000 messages back of 100000, 0 wrong, sender ok' svctest echo 100000
sleep 1
check_eq "the RTOS checked each one too" "100000, bad 0" "$(rtos_says 'echoed \(.*\)')"
check_eq "h2r: sent = received = 100 001 (the stop too)" "100001 100001" \
	"$(mq_field h2r sent) $(mq_field h2r received)"

# The example program (userland/examples/nkdemo.c), through the RTOS's
# unchecked echo, twice: its run count is kept in PNVM.
svc 20
check_output "the example program's message comes back" '^nkdemo: run 1: the RTOS echoed "hi there"$' \
	nkdemo "hi there"
check_output "it counts its runs in PNVM" '^nkdemo: run 2: ' nkdemo again
check_output "and leaves the answer in a segment" '^again$' nkctl shm read nkdemo 0 5
check "stop the echo" nkctl mq send h2r stop

# The same with the host under load.
stress-ng --cpu 1 --timeout 600 > /dev/null 2>&1 &
load=$!
sh -c 'while :; do dd if=/dev/zero of=/tmp/l bs=64k count=32 2>/dev/null; rm -f /tmp/l; done' &
load2=$!
svc 14
check_output "20 000 more with the host under CPU and file load" \
	'^svctest: echo 20000 messages back of 20000, 0 wrong, sender ok' svctest echo 20000
kill $load $load2 2>/dev/null
wait $load $load2 2>/dev/null
sleep 1
check_eq "the RTOS checked them too" "20000, bad 0" "$(rtos_says 'echoed \(.*\)')"

# ---- exact errors, both sides ----
check_output "the host's queue and event semantics" '^svctest: semantics [0-9]+ passed, 0 failed' \
	svctest semantics
cat $NK_OUT | grep -E '^(not )?ok - ' | sed 's/^/#   /' | head -n 40
svc 19
sleep 1
check_output "the RTOS's API: its error codes and timeouts" '^rtos-test: [0-9]+ passed, 0 failed$' \
	sh -c 'nkctl console rtos | tr -d "\r" | tail -n 1'
check_no_match "no RTOS check said not ok" '^rtos-test: not ok' nkctl console rtos

# ---- events: 10 000 rounds of ping-pong ----
check "create ping" nkctl event create ping
check "create pong" nkctl event create pong
svc 15
check_output "10 000 rounds of event ping-pong with an RTOS task" \
	'^svctest: ping 10000 rounds of 10000' svctest ping 10000
sleep 1
check_eq "the RTOS answered each" "10000" "$(rtos_says 'pongs \(.*\)')"

# ---- shared memory, both ways ----
svc 16
sleep 1
crc=$(rtos_says 'rseg crc \(0x[0-9a-f]*\)')
check_output "host process 1 reads the RTOS's segment" 'reads as it was written' svctest shm-check rseg "$crc"
check_output "host process 2 reads it too" 'reads as it was written' svctest shm-check rseg "$crc"
hcrc=$(svctest shm-fill hseg 65536 | sed -n 's/.*crc \(0x[0-9a-f]*\)/\1/p')
svc 17
sleep 1
set -- $(rtos_says 'hseg \(.*\)')	# SIZE bytes crc CRC
check_eq "the RTOS reads the host's segment" "65536 $((hcrc))" "$1 $(($4))"
check_output "mmap beyond a segment is refused" '^ok - mmap past the segment' svctest shm-beyond rseg
check_no_match "  ... every such mmap" '^not ok' svctest shm-beyond rseg
check "destroy hseg" nkctl shm destroy hseg
check_refused "a destroyed segment cannot be opened" 'No such file' nkctl shm read hseg 0 1

# ---- pseudo-nonvolatile memory ----
check_output "a host process counts its runs in PNVM 7: 1" 'count 1 status 1' svctest pnvm 7
check_output "restarted, it finds its count: 2" 'count 2 status 2' svctest pnvm 7
svc 18
sleep 1
check_eq "the RTOS counts its starts in PNVM 8: 1" "1 status 1 intact 0" "$(rtos_says 'pnvm 8 count \(.*\)')"
check "restart the RTOS" nkctl os restart rtos $img
sleep 2
svc 18
sleep 1
check_eq "the restarted RTOS finds its count, intact: 2" "2 status 2 intact 1" \
	"$(rtos_says 'pnvm 8 count \(.*\)')"
nkctl os stop rtos > /dev/null
check "unload the nanokernel" nkctl unload
check_output "load it again" 'nanokernel loaded' nkctl load /etc/nanokernel/default.conf
check_output "after the reload the host's count is there: 3" 'count 3 status 2' svctest pnvm 7
check_output "start the RTOS again" '^rtos started$' nkctl os start rtos $img
sleep 2
svc 18
sleep 1
check_eq "and the RTOS's: 3" "3 status 2 intact 1" "$(rtos_says 'pnvm 8 count \(.*\)')"
id7=$(nkctl svc list | awk '$1 == "pnvm" && $4 == 7 { print $2 }')
check "scribble over PNVM 7's entry (test hook)" nkctl svc corrupt 4 "$id7"
check_refused "the corruption is detected and reported" 'corrupt: its entry fails its checksum' \
	nkctl pnvm show 7
check_refused "and the region is not handed out" 'Bad message' svctest pnvm 7
check "a corrupt region can be freed" nkctl pnvm free-index "$id7"
check_output "then the key starts afresh" 'count 1 status 1' svctest pnvm 7

# ---- processes killed while blocked ----
check "create kq" nkctl mq create kq 2 16
check "create another queue" nkctl mq create ok2 2 16
svctest block-recv kq > /tmp/blocked.out &
pid=$!
sleep 1
check_eq "a process sleeps in receive on kq" 1 "$(mq_field kq sleepers)"
kill -9 $pid
wait $pid 2>/dev/null
check_eq "killed: no sleeper left" 0 "$(mq_field kq sleepers)"
svctest flood kq &
pid=$!
sleep 1
check_eq "a flooding process filled kq and sleeps in send" "2 1" "$(mq_field kq queued) $(mq_field kq sleepers)"
kill -9 $pid
wait $pid 2>/dev/null
check_eq "killed mid-send: nothing half sent (2 queued, 2 sent)" "2 2 0" \
	"$(mq_field kq queued) $(mq_field kq sent) $(mq_field kq sleepers)"
check "the queue still works: receive" nkctl mq recv kq 0
check "receive again" nkctl mq recv kq 0
check "send" nkctl mq send kq after 0
check_output "and receive what was sent" '^after$' nkctl mq recv kq 0

# ---- scribbled tables ----
qid=$(nkctl svc list | awk '$1 ~ /^[0-9]+$/ && $2 == "kq" { print $1 }')
check "scribble over kq's entry (test hook)" nkctl svc corrupt 1 "$qid"
check_refused "the scribbled queue is refused, not used" 'Input/output error' nkctl mq send kq x 0
check_output "the others still work" '^fine$' sh -c 'nkctl mq send ok2 fine 0 && nkctl mq recv ok2 0'
check_output "the services say what they found" '[1-9][0-9]* entries found scribbled' nkctl svc list
check_output "the RTOS is still alive" '^rtos +idle ' nkctl os list
check_output "no heap page leaked by all this" '^heap: 0 pages unaccounted' nkctl svc list
check_output "the nanokernel answers" "ping 9 -> $(( (9 ^ 0x5a5a5a5a) & 0x7fffffff ))" nkctl ping 9
check_output "no exception inside the nanokernel" 'faults: +0$' nkctl status
check_output "the RTOS is still alive after all this" '^rtos +idle ' nkctl os list
check "stop the RTOS" nkctl os stop rtos
check_dmesg_clean "no oops or warning in the kernel log"
done_testing
