# tests/integration/70-soak.sh - the host under mixed load for three
# minutes of virtual time with the nanokernel active: fork/exec storms,
# pipes and context switches (stress-ng), hackbench, tmpfs I/O, serial
# output, timers; the nanokernel unloaded and reloaded in the middle.
# During the load: every tick interrupt comes (counted, 3 s of spinning
# among the workers).  Afterwards: no oops or warning, the tick count
# since the reload what the clock says, every counter moving.
. /nk/tests/lib.sh
plan 13

SOAK=${SOAK:-180}	# seconds of virtual time
uptime_s() { cut -d. -f1 /proc/uptime; }
end=$(( $(uptime_s) + SOAK ))

worker() {	# NAME CMD...: run CMD over and over until the end
	local name=$1 n=0
	shift
	while [ "$(uptime_s)" -lt $end ]; do
		"$@" > /dev/null 2>&1 || echo "$name run $n failed" >> /tmp/soak.failures
		n=$((n + 1))
	done
	echo "# soak: $name ran $n times"
}

mkdir -p /tmp/soak
rm -f /tmp/soak.failures
worker stress-ng stress-ng --fork 1 --fork-ops 200 --pipe 1 --pipe-ops 5000 \
	--switch 1 --switch-ops 5000 --timer 1 --timer-ops 2000 &
w1=$!
worker hackbench hackbench -g 2 -l 20 &
w2=$!
worker tmpfs sh -c 'dd if=/dev/zero of=/tmp/soak/f bs=64k count=32 &&
	cp /tmp/soak/f /tmp/soak/g && cmp /tmp/soak/f /tmp/soak/g && rm /tmp/soak/g' &
w3=$!
worker serial sh -c 'echo "# soak: serial output $(cat /proc/uptime)" > /dev/console' &
w4=$!
worker exec sh -c 'for i in 1 2 3 4 5 6 7 8 9 10; do /bin/true; done' &
w5=$!

# In the middle of the load: unload, reload.
sleep $((SOAK / 2))
check "unload in the middle of the load" nkctl unload
sleep 2
check_output "reload in the middle of the load" 'nanokernel loaded' \
	nkctl load /etc/nanokernel/default.conf
reloaded=$(cut -d' ' -f1 /proc/uptime)	# the counts start again at the load
# The tick interrupts themselves while the workers run, not after (the
# stress-ng timer worker's hrtimers fire on the same device: at least).
count_checks timecheck ticks-at-least 3000

wait $w1 $w2 $w3 $w4 $w5
check_fails "every workload run succeeded" test -s /tmp/soak.failures
check_output "still loaded and ready after the soak" 'state: +ready' nkctl status
check_output "no exception inside the nanokernel" 'faults: +0$' nkctl status
check_output "still on the nanokernel's IDT" \
	"^host IDT: the nanokernel's, .* Linux reloaded its IDT 0 times" nkctl stats
check_output "page faults were counted" '^  0x0e +[0-9]{4,}' nkctl stats
# Every tick since the reload came through the nanokernel: at least HZ
# (250) a second of what the clock says, within 1 % (the reload's own
# moment is known to 10 ms); the timer worker's hrtimers add to it.
ticks=$(nkctl stats | awk '/host tick/ && $1 ~ /^0x/ { print $2 }')
want=$(awk -v a="$reloaded" -v b="$(cut -d' ' -f1 /proc/uptime)" 'BEGIN { print int((b - a) * 250) }')
if [ -n "$ticks" ] && [ $((ticks * 100)) -ge $((want * 99)) ]; then
	ok "every tick since the reload came through the nanokernel ($ticks interrupts, $want ticks from the clock)"
else
	not_ok "interrupts of the tick device since the reload: '$ticks', at least $want wanted"
fi
check_output "the tick device is still the nanokernel's" '^nanokernel$' \
	cat /sys/devices/system/clockevents/clockevent0/current_device
count_checks timecheck jiffies 2
check_dmesg_clean "no oops or warning in the kernel log after the soak"
done_testing
