# tests/bench/b3.sh - runs inside the emulated host (make bench, B3): a
# message's round trip host process -> RTOS task -> back through the
# queues, event ping-pong, and streams of 64 B and 4 KB messages, beside
# the same through pipes between two host processes, in the same boot.
# Raw lines for scripts/bench.sh (virtual ns, icount shift=3):
#   B3 WHAT-SIZE NS_PER_MESSAGE COUNT
#   B3 ping-0 NS_PER_ROUND COUNT
nkctl os start rtos /lib/firmware/rtos.bin > /dev/null
sleep 2		# its own checks first
nkctl mq create h2r 16 4096 > /dev/null
nkctl mq create r2h 16 4096 > /dev/null
nkctl os run rtos 20 > /dev/null	# the RTOS echoes h2r to r2h, unchecked
for size in 64 4096; do
	svctest rtt 2000 $size
	svctest pipe-rtt 2000 $size
	svctest stream 4000 $size
	svctest pipe-stream 4000 $size
done
nkctl mq send h2r stop > /dev/null
nkctl event create ping > /dev/null
nkctl event create pong > /dev/null
nkctl os run rtos 15 > /dev/null	# the RTOS answers ping with pong
svctest ping 2000 | sed -n 's/^svctest: ping \([0-9]*\) rounds of [0-9]*, \([0-9]*\) ms$/B3 ping-0 \2 \1/p' |
	awk '{ print $1, $2, $3 * 1000000 / $4, $4 }'
nkctl os stop rtos > /dev/null
echo "B3 done"
