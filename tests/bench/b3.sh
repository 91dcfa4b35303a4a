# tests/bench/b3.sh - runs inside the emulated host (make bench, B3): a
# message's round trip host process -> RTOS task -> back through the
# queues, event ping-pong, and streams of 64 B and 4 KB messages, beside
# the same through pipes between two host processes, in the same boot.
# Raw lines for scripts/bench.sh (virtual ns, icount shift=3):
#   B3 WHAT-SIZE NS_PER_MESSAGE COUNT
#   B3 ping-0 NS_PER_ROUND COUNT
. /nk/bench/benchlib.sh
must nkctl os start rtos /lib/firmware/rtos.bin
sleep 2		# its own checks first
must nkctl mq create h2r 16 4096
must nkctl mq create r2h 16 4096
must nkctl os run rtos 20	# the RTOS echoes h2r to r2h, unchecked
for size in 64 4096; do
	for m in rtt pipe-rtt stream pipe-stream; do
		n=2000
		case $m in *stream) n=4000 ;; esac
		must svctest $m $n $size && grep '^B3 ' /tmp/bench-must.out
	done
done
must nkctl mq send h2r stop
must nkctl event create ping
must nkctl event create pong
must nkctl os run rtos 15	# the RTOS answers ping with pong
ping='^svctest: ping \([0-9]* rounds of [0-9]*, [0-9]*\) ms$'
set -- $(one_value "event ping-pong" "$ping" svctest ping 2000)	# N rounds of N, MS
[ $# = 5 ] && echo "B3 ping-0 $(($5 * 1000000 / $1)) $1"
must nkctl os stop rtos
bench_done B3
