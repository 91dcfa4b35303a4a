# Makefile - nanokernel: build, run and test.  See README.md.
#
#   make            build everything (installs what is missing: scripts/setup.sh)
#   make run        boot the emulated machine, load the nanokernel, host shell
#   make run-batch  the same, non-interactive: show nkctl status, power off
#   make vm-run SCRIPT=file.sh   boot, load, run the script in the host, exit
#                                with its status
#   make check      all tests: unit tests, then integration tests in the VM
#   make bench      benchmarks (see Documentation/benchmarks.md)
#   make clean

TOP      := $(CURDIR)
B        := $(TOP)/build
CACHE    := $(TOP)/.cache
ABI       = $(shell cat $(CACHE)/host/abi 2>/dev/null)
KDIR     ?= $(CACHE)/host/root/usr/src/linux-headers-$(ABI)
KCC      ?= gcc-12

LIB_SRCS := lib/crc32.c lib/image_check.c lib/config_check.c
# The cross-OS services: portable, in the nanokernel and the unit tests.
SVC_SRCS := ipc/svc.c ipc/mq.c ipc/event.c shmem/heap.c shmem/shm.c shmem/pnvm.c
# One file per mechanism: Documentation/architecture.md has the table.
NK_SRCS  := nanokernel/header.S nanokernel/passage.S nanokernel/entry.S \
	    nanokernel/call.c nanokernel/desc.c nanokernel/trap.c nanokernel/budget.c \
	    nanokernel/host_idt.c nanokernel/route.c nanokernel/irq.c \
	    nanokernel/lapic.c nanokernel/timer.c nanokernel/deadline.c \
	    nanokernel/sched.c nanokernel/vcpu.c nanokernel/guest.c \
	    nanokernel/guest_map.c nanokernel/ras.c nanokernel/host_boot.c \
	    nanokernel/host_boot.S \
	    nanokernel/svc.c nanokernel/lib.c
NK_OBJS  := $(patsubst nanokernel/%,$(B)/nk/%.o,$(NK_SRCS)) \
	    $(patsubst %,$(B)/nk-svc/%.o,$(SVC_SRCS) lib/crc32.c)
NKCTL_SRCS := userland/nkctl.c userland/nkctl_os.c userland/nkctl_svc.c userland/nkctl_selftest.c \
	      userland/nkctl_ras.c \
	      userland/config_parse.c userland/libnk.c userland/libnk_svc.c
UNIT_TESTS := $(patsubst tests/unit/%.c,$(B)/unit/%,$(wildcard tests/unit/test_*.c))
# The RTOS guest's portable kernel, tested on the build machine (rtos/).
RTOS_KERNEL := $(wildcard rtos/kernel/*.c)
RTOS_HDRS   := $(wildcard rtos/include/*.h rtos/kernel/*.h rtos/port/host/*.h \
		tests/unit/rtos/*.h)
RTOS_TESTS  := $(patsubst tests/unit/rtos/test_%.c,$(B)/unit/test_rtos_%,\
		$(wildcard tests/unit/rtos/test_*.c))
HDRS     := $(wildcard include/nk/*.h)

NK_CFLAGS := -m32 -march=i686 -ffreestanding -fno-pic -fno-pie -nostdlib \
	-fno-stack-protector -fno-builtin -mgeneral-regs-only \
	-fno-asynchronous-unwind-tables -fno-common -O2 -g \
	-Wall -Wextra -Werror -DNK_FREESTANDING -Iinclude
USER_CFLAGS := -O2 -Wall -Wextra -Werror -Iinclude -Iuserland

.PHONY: all setup nanokernel module userland initramfs unit-tests run \
	run-batch vm-run check bench clean
all: nanokernel module userland initramfs

setup:
	@scripts/setup.sh

# ---- the nanokernel: freestanding i386 image, ELF for gdb + flat binary ----
nanokernel: $(B)/nanokernel.bin

# The offsets the assembly uses, generated from the C structures
# (nanokernel/asm-offsets.c): every "->NAME VALUE" marker becomes a #define.
$(B)/nk/asm-offsets.h: nanokernel/asm-offsets.c $(wildcard nanokernel/*.h) $(HDRS) | setup
	@mkdir -p $(dir $@)
	gcc $(NK_CFLAGS) -S -o $(B)/nk/asm-offsets.s $<
	{ echo '/* Generated from nanokernel/asm-offsets.c by make: do not edit. */'; \
	  echo '#ifndef NK_ASM_OFFSETS_H'; echo '#define NK_ASM_OFFSETS_H'; \
	  sed -n 's/.*"->\([A-Z_0-9]*\) \$$\{0,1\}\(-\{0,1\}[0-9]*\)".*/#define \1 \2/p' \
		$(B)/nk/asm-offsets.s; \
	  echo '#endif'; } > $@.tmp && mv $@.tmp $@
$(B)/nk/%.S.o: nanokernel/%.S $(wildcard nanokernel/*.h) $(HDRS) $(B)/nk/asm-offsets.h | setup
	@mkdir -p $(dir $@)
	gcc $(NK_CFLAGS) -I$(B)/nk -c -o $@ $<
$(B)/nk/%.c.o: nanokernel/%.c $(wildcard nanokernel/*.h) $(HDRS) ipc/svc_impl.h | setup
	@mkdir -p $(dir $@)
	gcc $(NK_CFLAGS) -flto -Iipc -c -o $@ $<
# The portable services and CRC-32, built freestanding into the nanokernel.
$(B)/nk-svc/%.o: % $(HDRS) ipc/svc_impl.h | setup
	@mkdir -p $(dir $@)
	gcc $(NK_CFLAGS) -flto -Iipc -c -o $@ $<

# Linked with link-time optimisation: one file per mechanism costs no call
# overhead on the interrupt and switch paths (make bench, B4).
$(B)/nanokernel.elf: $(NK_OBJS) nanokernel/nk.lds
	gcc $(NK_CFLAGS) -flto -no-pie -Wl,--build-id=none -Wl,--no-warn-rwx-segments -Wl,-T,nanokernel/nk.lds \
		-o $@ $(NK_OBJS) -lgcc

$(B)/nkimage: scripts/nkimage.c lib/crc32.c lib/image_check.c $(HDRS)
	@mkdir -p $(B)
	gcc $(USER_CFLAGS) -o $@ scripts/nkimage.c lib/crc32.c lib/image_check.c

# The size line is part of the build output on purpose: B4 of benchmarks.md.
$(B)/nanokernel.bin: $(B)/nanokernel.elf $(B)/nkimage
	objcopy -O binary $< $(B)/nanokernel.raw
	@size $< | awk 'NR==2 { t=$$1+$$2+$$3; \
		printf "nanokernel: text %d + data %d + bss %d = %d bytes (limit 65536)\n", $$1, $$2, $$3, t; \
		if (t > 65536) { print "nanokernel: over the 64 KB budget" > "/dev/stderr"; exit 1 } }'
	$(B)/nkimage $(B)/nanokernel.raw $@

# ---- the test guest (tests/guest): what the guest-lifecycle tests start ----
GUEST_SRCS := tests/guest/head.S tests/guest/guest.c
$(B)/guest-test.elf: $(GUEST_SRCS) tests/guest/guest.lds $(HDRS) | setup
	@mkdir -p $(B)
	gcc $(NK_CFLAGS) -c -o $(B)/guest-head.o tests/guest/head.S
	gcc $(NK_CFLAGS) -c -o $(B)/guest-main.o tests/guest/guest.c
	ld -m elf_i386 -nostdlib --no-warn-rwx-segments -T tests/guest/guest.lds \
		-o $@ $(B)/guest-head.o $(B)/guest-main.o \
		$(shell gcc -m32 -print-libgcc-file-name)
$(B)/guest-test.bin: $(B)/guest-test.elf $(B)/nkimage
	objcopy -O binary $< $(B)/guest-test.raw
	$(B)/nkimage --guest $(B)/guest-test.raw $@

# ---- the RTOS guest (rtos/): the portable kernel, its nanokernel port
# (rtos/port/nk) and the test application (rtos/app/test), linked into
# one guest image like the test guest's ----
RTOS_GUEST_SRCS := $(RTOS_KERNEL) $(wildcard rtos/port/nk/*.S rtos/port/nk/*.c) \
		   $(wildcard rtos/app/test/*.c) lib/crc32.c
RTOS_GUEST_OBJS := $(patsubst %,$(B)/rtos-guest/%.o,$(RTOS_GUEST_SRCS))
RTOS_GUEST_HDRS := $(wildcard rtos/include/*.h rtos/kernel/*.h rtos/port/nk/*.h \
		   rtos/app/test/*.h tests/common/*.h)
RTOS_CFLAGS := $(NK_CFLAGS) -Irtos/include -Irtos/kernel -Irtos/port/nk -Itests/common
$(B)/rtos-guest/%.o: % $(RTOS_GUEST_HDRS) $(HDRS) | setup
	@mkdir -p $(dir $@)
	gcc $(RTOS_CFLAGS) -c -o $@ $<
$(B)/rtos.elf: $(RTOS_GUEST_OBJS) rtos/port/nk/rtos.lds
	ld -m elf_i386 -nostdlib --no-warn-rwx-segments -T rtos/port/nk/rtos.lds \
		-o $@ $(RTOS_GUEST_OBJS) $(shell gcc -m32 -print-libgcc-file-name)
$(B)/rtos.bin: $(B)/rtos.elf $(B)/nkimage
	objcopy -O binary $< $(B)/rtos.raw
	$(B)/nkimage --guest $(B)/rtos.raw $@

# ---- the loader module, against the stock host kernel's headers ----
module: $(B)/nkloader.ko
# The ABI file: NK_REFRESH=1 scripts/setup.sh may move to a new host kernel.
$(B)/nkloader.ko: Kbuild $(wildcard loader/*.[ch]) $(LIB_SRCS) $(HDRS) \
		tests/kmod/nkcrash.c $(wildcard $(CACHE)/host/abi) | setup
	$(MAKE) -C $(KDIR) M=$(TOP) ARCH=x86 CC=$(KCC) modules
	@mkdir -p $(B) && cp nkloader.ko $@ && cp tests/kmod/nkcrash.ko $(B)/nkcrash.ko

# ---- user space for the host: static i386 ----
userland: $(B)/nkctl
$(B)/nkctl: $(NKCTL_SRCS) $(LIB_SRCS) $(wildcard userland/*.h) $(HDRS) | setup
	@mkdir -p $(B)
	gcc -m32 -static $(USER_CFLAGS) -o $@ $(NKCTL_SRCS) $(LIB_SRCS)

# Test programs that run inside the emulated host.
$(B)/ioctl-errors $(B)/irqgen $(B)/timecheck: $(B)/%: tests/integration/%.c $(HDRS) | setup
	@mkdir -p $(B)
	gcc -m32 -static -msse2 -mfpmath=sse $(USER_CFLAGS) -o $@ $<

# The host side of the services' tests, with libnk.
$(B)/svctest $(B)/svcadv $(B)/svcfuzz: $(B)/%: tests/integration/%.c tests/common/msgpat.h userland/libnk.c \
		userland/libnk_svc.c lib/crc32.c $(HDRS) | setup
	@mkdir -p $(B)
	gcc -m32 -static -pthread $(USER_CFLAGS) -o $@ $< \
		userland/libnk.c userland/libnk_svc.c lib/crc32.c

# The example of a host program using the services (Documentation/services.md).
$(B)/nkdemo: userland/examples/nkdemo.c userland/libnk.c userland/libnk_svc.c \
		lib/crc32.c $(HDRS) | setup
	@mkdir -p $(B)
	gcc -m32 -static $(USER_CFLAGS) -o $@ userland/examples/nkdemo.c \
		userland/libnk.c userland/libnk_svc.c lib/crc32.c

# make bench's tool for loops of calls (B4), with libnk.
$(B)/nkbench: tests/bench/nkbench.c userland/libnk.c userland/libnk_svc.c $(HDRS) | setup
	@mkdir -p $(B)
	gcc -m32 -static $(USER_CFLAGS) -o $@ tests/bench/nkbench.c userland/libnk.c \
		userland/libnk_svc.c lib/crc32.c

# ---- the host's initramfs ----
initramfs: $(B)/initramfs.cpio.gz
$(B)/initramfs.cpio.gz: scripts/mkinitramfs.sh scripts/init $(B)/nkctl $(B)/ioctl-errors $(B)/irqgen $(B)/timecheck \
		$(B)/nkbench $(B)/svctest $(B)/svcadv $(B)/svcfuzz $(B)/nkdemo \
		$(B)/guest-test.bin $(B)/rtos.bin \
		$(B)/nkloader.ko $(B)/nanokernel.bin $(wildcard configs/*.conf) \
		$(wildcard tests/integration/*.sh) $(wildcard tests/bench/*.sh)
	scripts/mkinitramfs.sh $@

# ---- the emulated machine ----
run: all
	scripts/vm.sh run
run-batch: all
	scripts/vm.sh batch
vm-run: all
	@test -n "$(SCRIPT)" || { echo "usage: make vm-run SCRIPT=path/to/script.sh" >&2; exit 2; }
	scripts/vm.sh script $(SCRIPT)

# ---- tests ----
UNIT_SRCS := userland/config_parse.c nanokernel/deadline.c nanokernel/route.c \
	     $(LIB_SRCS) $(SVC_SRCS)
$(B)/unit/%: tests/unit/%.c $(UNIT_SRCS) $(HDRS) ipc/svc_impl.h | setup
	@mkdir -p $(B)/unit
	gcc -O1 -g -Wall -Wextra -Werror -Iinclude -Iuserland -Iipc -o $@ $< \
		$(UNIT_SRCS) -lcmocka -lpthread
$(B)/unit/test_rtos_%: tests/unit/rtos/test_%.c $(RTOS_KERNEL) $(wildcard rtos/port/host/*.c) \
		$(RTOS_HDRS) | setup
	@mkdir -p $(B)/unit
	gcc -O1 -g -Wall -Wextra -Werror -Irtos/include -Irtos/kernel -Irtos/port/host \
		-o $@ $< $(RTOS_KERNEL) $(wildcard rtos/port/host/*.c) -lcmocka

# The portable RTOS kernel must also build for the i386 guest, freestanding.
$(B)/rtos-i386.stamp: $(RTOS_KERNEL) $(RTOS_HDRS)
	@mkdir -p $(B)/rtos-i386
	cd $(B)/rtos-i386 && gcc -m32 -ffreestanding -nostdlib -fno-builtin \
		-Wall -Wextra -Werror -I$(TOP)/rtos/include -I$(TOP)/rtos/kernel \
		-c $(addprefix $(TOP)/,$(RTOS_KERNEL))
	@touch $@

unit-tests: $(UNIT_TESTS) $(RTOS_TESTS) $(B)/rtos-i386.stamp

check: all unit-tests
	scripts/check.sh

bench: all
	scripts/bench.sh

clean:
	rm -rf $(B)
	-$(MAKE) -C $(KDIR) M=$(TOP) ARCH=x86 CC=$(KCC) clean >/dev/null 2>&1
