#!/usr/bin/env bash
# scripts/setup.sh - install and download everything the build and the tests need.
#
# Idempotent: the first run on a fresh Debian bookworm (as root) installs the
# Debian packages and downloads the stock i386 host kernel into .cache/; later
# runs check a stamp and return in well under a second.
#
#   NK_REFRESH=1 scripts/setup.sh   re-resolve the linux-image-686 ABI and download again
#   scripts/setup.sh bench          also what make bench needs: gnuplot and
#                                   Debian's PREEMPT_RT kernel (the B2 reference)
#
# Prints, as its last line, nothing; the kernel it picked is in .cache/host/abi.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cache="$top/.cache"
mkdir -p "$cache"

# Build-machine packages (amd64) and i386 packages. Keep in sync with
# Documentation/getting-started.md.
PKGS_NATIVE="qemu-system-x86 gcc-multilib make cpio xz-utils kmod bc flex bison
libelf-dev libcmocka-dev gdb python3 file"
PKGS_I386="libc6:i386"
# i386 packages for the emulated machine's initramfs: downloaded and unpacked
# into .cache/target/root, never installed on the build machine.  The real
# workloads (hackbench and cyclictest from rt-tests, stress-ng) come with
# the i386 libraries they depend on; scripts/mkinitramfs.sh copies only the
# shared objects the binaries need.
TARGET_DEBS="busybox-static:i386"
TARGET_TOOLS="rt-tests:i386 stress-ng:i386"
# Dependencies not needed by the binaries we copy (interpreters, tools).
TARGET_SKIP='^(python3|libpython|perl|libperl|dpkg|tar|install-info|readline-common|mailcap|media-types|mime-support)'

# The i386 packages TARGET_TOOLS need, recursively.
target_closure() {
	# shellcheck disable=SC2086
	apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts \
		--no-breaks --no-replaces --no-enhances $TARGET_TOOLS 2>/dev/null |
		grep -v '^[ <]' | grep ':i386$' | grep -Ev "$TARGET_SKIP" | sort -u
}
pkg_stamp="$cache/packages.stamp"
pkg_key=$(echo "$PKGS_NATIVE $PKGS_I386" | md5sum | cut -d' ' -f1)

log() { echo "setup: $*"; }

need_root() {
	if [ "$(id -u)" != 0 ]; then
		echo "setup: $1 needs root (run 'make' as root, or install it by hand)" >&2
		exit 1
	fi
}

packages_ok() {
	local p
	[ -f "$pkg_stamp" ] && [ "$(cat "$pkg_stamp")" = "$pkg_key" ] || return 1
	for p in $PKGS_NATIVE $PKGS_I386; do
		dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep '^install ok installed$' > /dev/null || return 1
	done
}

apt_updated=0
apt_update() {
	local try
	[ $apt_updated = 0 ] || return 0
	# A mirror in the middle of a sync fails an index now and then: retry,
	# and carry on with what we have if only some indexes failed.
	for try in 1 2 3; do
		if apt-get update -qq; then
			break
		fi
		log "apt-get update failed (try $try), retrying"
		sleep $((try * 3))
	done
	apt_updated=1
}

install_packages() {
	if packages_ok; then
		return
	fi
	need_root "installing Debian packages"
	if ! dpkg --print-foreign-architectures | grep -x i386 > /dev/null; then
		log "enabling the i386 architecture"
		dpkg --add-architecture i386
	fi
	apt_update
	log "installing packages"
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		$PKGS_NATIVE $PKGS_I386 >/dev/null
	echo "$pkg_key" > "$pkg_stamp"
}

# The host kernel: Debian's stock linux-image-686, whatever ABI is current.
host_kernel() {
	local dir="$cache/host" abi ver
	# Kbuild's host programs (fixdep, modpost) must run on the build
	# machine, which may not run i386 binaries at all (an x86-64 kernel
	# without IA32 emulation): its own architecture's linux-kbuild, of
	# the headers' version, builds the i386 module just the same.
	local karch
	karch=$(dpkg --print-architecture)
	if [ -f "$dir/stamp" ] && [ "$(cat "$dir/stamp")" = "kbuild-$karch" ] &&
	   [ -z "${NK_REFRESH:-}" ]; then
		return
	fi
	need_root "resolving the host kernel"
	apt_update
	abi=$(apt-cache depends linux-image-686:i386 2>/dev/null |
	      sed -n 's/.*Depends: \(linux-image-6\.1\.0-[0-9]*-686\)\(:i386\)\?$/\1/p' | head -n1)
	abi=${abi#linux-image-}
	if [ -z "$abi" ]; then
		echo "setup: cannot resolve linux-image-686:i386 (is the i386 architecture enabled?)" >&2
		exit 1
	fi
	ver=$(apt-cache show "linux-headers-$abi:i386" 2>/dev/null | sed -n 's/^Version: //p' | head -n1)
	if [ -z "$ver" ]; then
		echo "setup: cannot find the version of linux-headers-$abi:i386" >&2
		exit 1
	fi
	log "host kernel is $abi ($ver); downloading"
	rm -rf "$dir" && mkdir -p "$dir/debs" "$dir/root"
	(cd "$dir/debs" && chown _apt: . 2>/dev/null; apt-get download -qq \
		"linux-image-$abi:i386" "linux-headers-$abi:i386" \
		"linux-headers-${abi%-686}-common" "linux-kbuild-6.1:$karch=$ver")
	for deb in "$dir"/debs/*.deb; do
		dpkg-deb -x "$deb" "$dir/root"
	done
	# The arch headers include the common headers by absolute path.
	sed -i "s|/usr/src/|$dir/root/usr/src/|g" \
		"$dir/root/usr/src/linux-headers-$abi/Makefile"
	# Kbuild's scripts directory is a symlink into /usr/lib/linux-kbuild-6.1.
	local l
	for l in $(find "$dir/root/usr/src" -maxdepth 2 -type l); do
		case "$(readlink "$l")" in
		/*) ln -sfn "$dir/root$(readlink "$l")" "$l" ;;
		esac
	done
	echo "$abi" > "$dir/abi"
	echo "kbuild-$karch" > "$dir/stamp"
	log "host kernel ready in $dir"
}

# Debian packages for the target, unpacked (no maintainer scripts run).
target_packages() {
	local dir="$cache/target" key
	key=$(echo "$TARGET_DEBS $TARGET_TOOLS $TARGET_SKIP" | md5sum | cut -d' ' -f1)
	if [ -f "$dir/stamp" ] && [ "$(cat "$dir/stamp")" = "$key" ] && [ -z "${NK_REFRESH:-}" ]; then
		return
	fi
	need_root "downloading the target's packages"
	apt_update
	rm -rf "$dir" && mkdir -p "$dir/debs" "$dir/root"
	# shellcheck disable=SC2086
	(cd "$dir/debs" && chown _apt: . 2>/dev/null;
	 apt-get download -qq $TARGET_DEBS $(target_closure))
	for deb in "$dir"/debs/*.deb; do
		dpkg-deb -x "$deb" "$dir/root"
	done
	echo "$key" > "$dir/stamp"
	log "target packages ready in $dir"
}

# make bench only: gnuplot for the histograms, and Debian's PREEMPT_RT
# kernel (linux-image-rt-686-pae), booted without the nanokernel as B2's
# reference.  The kernel image is all it takes: nothing is built for it.
bench_extras() {
	local dir="$cache/rt" abi
	if ! command -v gnuplot > /dev/null; then
		need_root "installing gnuplot"
		apt_update
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends gnuplot-nox > /dev/null
	fi
	if [ -f "$dir/stamp" ] && [ -z "${NK_REFRESH:-}" ]; then
		return
	fi
	need_root "resolving the PREEMPT_RT kernel"
	apt_update
	abi=$(apt-cache depends linux-image-rt-686-pae:i386 2>/dev/null |
	      sed -n 's/.*Depends: linux-image-\(6\.1\.0-[0-9]*-rt-686-pae\)\(:i386\)\?$/\1/p' | head -n1)
	if [ -z "$abi" ]; then
		echo "setup: cannot resolve linux-image-rt-686-pae:i386" >&2
		exit 1
	fi
	log "PREEMPT_RT kernel is $abi; downloading"
	rm -rf "$dir" && mkdir -p "$dir/debs" "$dir/root"
	(cd "$dir/debs" && chown _apt: . 2>/dev/null;
	 apt-get download -qq "linux-image-$abi:i386")
	dpkg-deb -x "$dir"/debs/*.deb "$dir/root"
	echo "$abi" > "$dir/abi"
	touch "$dir/stamp"
	log "PREEMPT_RT kernel ready in $dir"
}

install_packages
host_kernel
target_packages
if [ "${1:-}" = bench ]; then
	bench_extras
fi
