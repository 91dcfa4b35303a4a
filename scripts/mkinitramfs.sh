#!/usr/bin/env bash
# scripts/mkinitramfs.sh OUT.cpio.gz - the host's initramfs: busybox, the
# loader module, the nanokernel image (/lib/firmware/nanokernel.bin), nkctl,
# the configurations, the in-VM integration tests and /init.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
out=$1
b="$top/build"
root="$b/initramfs"

rm -rf "$root"
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc/nanokernel,lib/modules,lib/firmware,proc,sys,dev,tmp,root,nk/tests}
cp "$top/.cache/target/root/bin/busybox" "$root/bin/busybox"
cp "$top/scripts/init" "$root/init"
cp "$b/nkctl" "$root/bin/nkctl"
cp "$b/ioctl-errors" "$b/irqgen" "$b/timecheck" "$b/nkbench" "$b/svctest" "$b/svcadv" "$b/svcfuzz" "$b/nkdemo" "$root/bin/"
cp "$b/nkloader.ko" "$root/lib/modules/nkloader.ko"
cp "$b/nkcrash.ko" "$root/lib/modules/nkcrash.ko"	# the RAS tests' (ras.md)
cp "$b/nanokernel.bin" "$root/lib/firmware/nanokernel.bin"
cp "$b/guest-test.bin" "$root/lib/firmware/guest-test.bin"
cp "$b/rtos.bin" "$root/lib/firmware/rtos.bin"
cp "$top"/configs/*.conf "$root/etc/nanokernel/"
cp "$top"/tests/integration/*.sh "$root/nk/tests/" 2>/dev/null || true
mkdir -p "$root/nk/bench"
cp "$top"/tests/bench/*.sh "$root/nk/bench/"
# Real workloads (Debian i386 packages, see scripts/setup.sh) and the
# shared objects they need, found by following DT_NEEDED in the unpacked
# packages.
target="$top/.cache/target/root"
libdirs="lib/i386-linux-gnu usr/lib/i386-linux-gnu lib usr/lib"
copy_lib() {
	local name=$1 d
	[ -e "$root/lib/$name" ] && return 0
	for d in $libdirs; do
		if [ -e "$target/$d/$name" ]; then
			cp -L "$target/$d/$name" "$root/lib/$name"
			copy_needed "$root/lib/$name"
			return 0
		fi
	done
	echo "mkinitramfs: $name not found in $target" >&2
	return 1
}
copy_needed() {
	local lib
	for lib in $(objdump -p "$1" | awk '$1 == "NEEDED" { print $2 }'); do
		copy_lib "$lib"
	done
}
for tool in usr/bin/hackbench usr/bin/cyclictest usr/bin/stress-ng; do
	cp "$target/$tool" "$root/usr/bin/"
	copy_needed "$target/$tool"
done
copy_lib ld-linux.so.2

chmod 755 "$root/init" "$root/bin/busybox" "$root/bin/nkctl"
# Fixed timestamps: the same inputs give the same archive, and so the same
# run of the emulated machine (environment.md: determinism under icount).
find "$root" -exec touch -h -d @0 {} +
(cd "$root" && find . -print0 | LC_ALL=C sort -z |
	cpio --null -o -H newc --quiet --reproducible) | gzip -n -9 > "$out"
echo "initramfs: $out ($(du -k "$out" | cut -f1) KB)"
