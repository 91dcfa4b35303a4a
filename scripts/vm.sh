#!/usr/bin/env bash
# scripts/vm.sh - boot the emulated machine (Documentation/getting-started.md).
#
#   scripts/vm.sh run            interactive: COM1 on this terminal, host shell
#   scripts/vm.sh batch          boot, load, nkctl status, power off
#   scripts/vm.sh script FILE    boot, load, run FILE in the host as root,
#                                power off; exit with FILE's exit status
#
# The machine: QEMU pc, TCG, one CPU, 512 MB, the stock Debian 686 kernel,
# build/initramfs.cpio.gz.  COM1 (the host console) goes to $out/com1.log
# and is shown here (run: COM1 is this terminal); COM2 (the guest's
# device) goes to $out/com2.log.
# batch and script run under instruction counting (virtual time, see
# environment.md) so that identical inputs give identical runs.
#
# Environment: NK_VM_OUT (output folder, default build/vm), NK_VM_TIMEOUT
# (wall-clock seconds, default 1200), NK_VM_QEMU_ARGS (extra QEMU options,
# e.g. "-s -S" for gdb or "-d int,cpu_reset -D qemu.log"), NK_VM_KERNEL
# (another kernel image, e.g. make bench's PREEMPT_RT reference).
# A script may replace the host's boot parameters with a header line
#   # nk-vm-host-params: <parameters>
# and have /boot hold the kernel and initrd the machine boots, as a system's
# disk would (nkctl ras arm's defaults) with
#   # nk-vm: boot-files
# and a script that kills the host on purpose (the host dies, the guests
# run on: Documentation/ras.md) says when the machine has shown enough:
#   # nk-vm-end: <regular expression>
# once a line of COM2 matches it, the machine is stopped.  Such a script
# reports its own exit status ("nk-vm: exit status N") before it kills
# the host, and may bound the wall time it needs, so that a guest that
# never says the end fails the run soon rather than at the default:
#   # nk-vm-timeout: <seconds>
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
b="$top/build"
abi=$(cat "$top/.cache/host/abi")
kernel=${NK_VM_KERNEL:-$top/.cache/host/root/boot/vmlinuz-$abi}
out=${NK_VM_OUT:-$b/vm}
timeout=${NK_VM_TIMEOUT:-1200}

# Documentation/boot-parameters.md explains each one.
host_params='mem=256M memmap=256M$256M pnpacpi=off 8250.nr_uarts=1 oops=panic panic=-1 sysctl.vm.percpu_pagelist_high_fraction=100000'
base_params='console=ttyS0,115200 quiet'

mode=${1:-}
case $mode in
run|batch) ;;
script)
	script=${2:?usage: vm.sh script FILE}
	[ -r "$script" ] || { echo "vm.sh: cannot read $script" >&2; exit 2; }
	;;
*)
	echo "usage: vm.sh run | batch | script FILE" >&2
	exit 2
	;;
esac

mkdir -p "$out"
rm -f "$out/com1.log" "$out/com2.log"
initrd="$b/initramfs.cpio.gz"

# with_boot_files: /boot as a system keeps it on its disk, the kernel and
# the initrd this machine boots, for nkctl ras arm's defaults
# (Documentation/ras.md): a last archive of the initramfs, uncompressed
# (its contents are), 4-byte aligned as the unpacker wants it (it skips
# the zeros before).  The initrd kept in /boot is the one without it.
with_boot_files() {
	rm -rf "$out/bootfs" && mkdir -p "$out/bootfs/boot"
	cp "$kernel" "$out/bootfs/boot/vmlinuz-$abi"
	cp "$initrd" "$out/bootfs/boot/initrd.img-$abi"
	(cd "$out/bootfs" && find . -exec touch -h -d @0 {} + &&
	 find . | LC_ALL=C sort | cpio -o -H newc --quiet --reproducible) \
		> "$out/boot.cpio"
	cp "$initrd" "$out/initrd-boot.img"
	truncate -s %4 "$out/initrd-boot.img"
	cat "$out/boot.cpio" >> "$out/initrd-boot.img"
	initrd="$out/initrd-boot.img"
}

if [ "$mode" = script ]; then
	# The script travels as a second cpio archive appended to the first.
	rm -rf "$out/overlay" && mkdir -p "$out/overlay/nk"
	cp "$script" "$out/overlay/nk/script.sh"
	(cd "$out/overlay" && find . -exec touch -h -d @0 {} + &&
	 find . | LC_ALL=C sort | cpio -o -H newc --quiet --reproducible) |
		gzip -n > "$out/script.cpio.gz"
	cat "$initrd" "$out/script.cpio.gz" > "$out/initrd.img"
	initrd="$out/initrd.img"
	if grep -q '^# nk-vm: boot-files' "$script"; then
		with_boot_files
	fi
	p=$(sed -n 's/^# nk-vm-host-params: //p' "$script" | head -n1)
	[ -z "$p" ] || host_params=$p
	end_re=$(sed -n 's/^# nk-vm-end: //p' "$script" | head -n1)
	t=$(sed -n 's/^# nk-vm-timeout: \([0-9][0-9]*\)$/\1/p' "$script" | head -n1)
	[ -z "$t" ] || [ -n "${NK_VM_TIMEOUT:-}" ] || timeout=$t
fi

if [ "$mode" = run ]; then
	with_boot_files		# init arms the host's restart
fi

qemu=(qemu-system-i386 -M pc -cpu qemu32 -smp 1 -m 512
      -kernel "$kernel" -initrd "$initrd"
      -append "$base_params $host_params nkmode=$mode"
      -net none -no-reboot)

if [ "$mode" = run ]; then
	exec "${qemu[@]}" -display none -serial mon:stdio \
		-serial "file:$out/com2.log" ${NK_VM_QEMU_ARGS:-}
fi

# shellcheck disable=SC2086
timeout "$timeout" "${qemu[@]}" -display none -monitor none \
	-icount shift=3,align=off,sleep=off \
	-rtc clock=vm,base=2020-01-01T00:00:00 \
	-serial "file:$out/com1.log" -serial "file:$out/com2.log" \
	${NK_VM_QEMU_ARGS:-} &
qpid=$!
touch "$out/com1.log"
tail -n +1 -f --pid=$qpid "$out/com1.log" &
tpid=$!
rm -f "$out/ended"
if [ -n "${end_re:-}" ]; then
	# The end the script asked for: COM2 shows it, the machine stops.
	(while kill -0 $qpid 2>/dev/null; do
		if tr -d '\r' < "$out/com2.log" 2>/dev/null | grep -Eq -- "$end_re"; then
			touch "$out/ended"
			kill $qpid
			break
		fi
		sleep 1
	done) &
fi
status=0
wait $qpid || status=$?
wait $tpid 2>/dev/null || true
if [ -e "$out/ended" ]; then
	echo "vm.sh: COM2 showed /$end_re/: the machine was stopped" >&2
	status=0
fi

rc=$(tr -d '\r' < "$out/com1.log" | sed -n 's/^nk-vm: exit status \([0-9]*\)$/\1/p' | tail -n1)
if [ "$status" = 124 ]; then
	echo "vm.sh: the emulated machine ran over ${timeout}s of wall time" >&2
	exit 124
fi
if [ "$mode" = batch ]; then
	exit "$status"
fi
if [ -z "$rc" ]; then
	echo "vm.sh: the machine stopped without reporting the script's exit" \
	     "status (crash? see $out/com1.log)" >&2
	exit 125
fi
exit "$rc"
