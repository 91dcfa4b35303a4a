# tests/integration/30-no-mem.sh - a host booted without mem=: both nkctl
# and the loader refuse, and the host is untouched.
# nk-vm: noload
# nk-vm-host-params: pnpacpi=off 8250.nr_uarts=1 oops=panic panic=-1
. /nk/tests/lib.sh
plan 5

cfg=/etc/nanokernel/default.conf
cat /proc/iomem > /tmp/iomem.before
check_refused "nkctl refuses a host booted without mem=" \
	'booted without mem=' nkctl load $cfg
check_refused "the loader refuses it too" \
	'loader refused: \[nanokernel\] base: 0x10000000-0x103fffff overlaps RAM the host uses' \
	nkctl load --no-precheck $cfg
check_output "nothing is loaded" '^nanokernel: not loaded' nkctl status
check "iomem as before" cmp /tmp/iomem.before /proc/iomem
check_dmesg_clean "no oops or warning in the kernel log"
done_testing
