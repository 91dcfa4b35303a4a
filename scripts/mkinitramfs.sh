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
cp "$b/ioctl-errors" "$b/irqgen" "$b/timecheck" "$root/bin/"
cp "$b/nkloader.ko" "$root/lib/modules/nkloader.ko"
cp "$b/nanokernel.bin" "$root/lib/firmware/nanokernel.bin"
cp "$top"/configs/*.conf "$root/etc/nanokernel/"
cp "$top"/tests/integration/*.sh "$root/nk/tests/" 2>/dev/null || true
chmod 755 "$root/init" "$root/bin/busybox" "$root/bin/nkctl"
# Fixed timestamps: the same inputs give the same archive, and so the same
# run of the emulated machine (environment.md: determinism under icount).
find "$root" -exec touch -h -d @0 {} +
(cd "$root" && find . -print0 | LC_ALL=C sort -z |
	cpio --null -o -H newc --quiet --reproducible) | gzip -n -9 > "$out"
echo "initramfs: $out ($(du -k "$out" | cut -f1) KB)"
