# tests/integration/89-ras-repeat.sh - twenty host deaths in one run of
# the emulated machine, by sysrq-c and by a BUG() in a module in turns
# (ten of each), each followed by the nanokernel's restart of the host
# (Documentation/ras.md).  Each new host checks that the death before it
# was kept and named, that the RTOS was not restarted and its counters only
# grew, that the message the host before it sent is in the queue, that no
# handle leaked and that its log is clean; the last one checks the RTOS's
# cyclic handler and a PNVM region that outlived all twenty.
# nk-vm: boot-files
# nk-vm-timeout: 1800
. /nk/tests/lib.sh
deaths=20
first=6 each=7 last=3	# checks of the first boot, of each later one, of the last's extra

runs() { nkctl os list | awk '$1 == "rtos" { print $4 }'; }
# Death n: sysrq-c when n is odd, the module's BUG() when it is even.
die() {
	echo "nk-vm: this boot's checks: $NK_PASS passed, $NK_FAIL failed"
	nkctl pnvm write 43 "$(runs)" > /dev/null	# for the next boot to compare
	sync
	if [ $(($1 % 2)) = 1 ]; then
		echo c > /proc/sysrq-trigger
	else
		insmod /lib/modules/nkcrash.ko kill=bug
	fi
	echo "89-ras-repeat: the host lived through death $1"
	exit 1
}

boot=$(nkctl status | sed -n 's/^  host: *boot \([0-9]*\),.*/\1/p')
if [ "$boot" = 1 ]; then
	plan $((first + deaths * each + last))
	check_output "start the RTOS guest" '^rtos started$' nkctl os start rtos /lib/firmware/rtos.bin
	sleep 2
	check_output "its checks ran, none failed" '^rtos-test: [0-9]+ passed, 0 failed$' \
		nkctl console rtos
	check_output "arm the host's restart" '^ras: armed: ' nkctl ras arm
	check "a queue, and the first boot's message in it" \
		sh -c 'nkctl mq create keep 4 64 && nkctl mq send keep boot1 0'
	check "a PNVM region" nkctl pnvm write 42 "kept across twenty host deaths"
	check_dmesg_clean
	die 1
fi

NK_PLAN=$each	# the plan line is the first boot's, for all
d=$((boot - 1))	# the death before this boot
if [ $((d % 2)) = 1 ]; then
	what='panic +up +[0-9.]+ s  sysrq triggered crash'
else
	what='oops +up +[0-9.]+ s  invalid opcode: Fatal exception'
fi
check_output "boot $boot: the nanokernel took $d deaths, and is attached" \
	"^  host: +boot $boot, $d deaths taken$" nkctl status
check_output "  ... death $d kept and named" "^$d +boot $d +$what$" \
	sh -c 'nkctl ras list | head -n 1'
check_output "  ... the RTOS was not restarted: boot 1" '^rtos +idle +1 ' nkctl os list
before=$(nkctl pnvm show 43 | tail -n 1)
check_range "  ... its runs only grew ($before before)" "$(runs)" $((before + 1)) 2000000000
check_output "  ... the message the host before sent is in the queue" "^boot$((boot - 1))$" \
	sh -c "nkctl mq send keep boot$boot 0 && nkctl mq recv keep 0"
check_output "  ... no handle leaked" \
	'^loader: [0-9]+ descriptors, [0-9]+ allocations, 0 handles held' nkctl svc list
check_dmesg_clean "  ... its log is clean"
if [ $boot -le $deaths ]; then
	die $boot
fi

NK_PLAN=$((each + last))
check_rtos_cyclic "the RTOS's cyclic handler runs every period"
check_output "the PNVM region outlived twenty deaths" '^kept across twenty host deaths$' \
	nkctl pnvm show 42
check_output "the RTOS counted twenty deaths of the host" '^rtos-ras: host down: record 20, host boot 20, oops' \
	sh -c 'nkctl console rtos | grep "^rtos-ras: host down" | tail -n 1'
done_testing
