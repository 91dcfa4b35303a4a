# tests/integration/20-refusals.sh - every refusal of the loader, with its
# message, and no side effect: nothing claimed, nothing loaded, and a good
# load works afterwards.
# nk-vm: noload
. /nk/tests/lib.sh
plan 31

cfg=/etc/nanokernel/default.conf
img=/lib/firmware/nanokernel.bin
cat /proc/iomem > /tmp/iomem.before

# variant FILE SED-EXPRESSION: the default configuration with one change.
variant() {
	sed "$2" $cfg > "$1"
}

# exact TEXT: a pattern for check_refused that matches the line TEXT, whole.
exact() {
	printf '^%s$' "$(printf '%s' "$1" | sed 's/[][\\.*^$+?(){}|]/\\&/g')"
}

# line_of PATTERN: the line of the default configuration that matches it.
line_of() {
	grep -n -- "$1" $cfg | head -n 1 | cut -d: -f1
}

# --- configurations: caught by nkctl, naming file, line and field, exactly ---
l_linux_base=$(line_of '^base = 0x12000000')
l_rtos_base=$(line_of '^base = 0x11000000')
l_kind=$(line_of '^kind = rtos')
l_com2=$(line_of '^\[device com2\]')
l_irq=$(line_of '^irq = 3')

variant /tmp/overlap.conf 's/^base = 0x12000000/base = 0x11800000/'
overlap="[partition linux] base: 0x11800000-0x157fffff overlaps partition rtos (0x11000000-0x11ffffff)"
check_refused "overlapping partitions (nkctl)" \
	"$(exact "nkctl: /tmp/overlap.conf:$l_linux_base: $overlap")" \
	nkctl load /tmp/overlap.conf
check_refused "overlapping partitions (nkctl check)" \
	"$(exact "nkctl: /tmp/overlap.conf:$l_linux_base: $overlap")" \
	nkctl check /tmp/overlap.conf

variant /tmp/hostram.conf 's/^base = 0x11000000/base = 0x0f000000/'
check_refused "a partition in the host's RAM (nkctl)" \
	"$(exact "nkctl: /tmp/hostram.conf:$l_rtos_base: [partition rtos] base: 0x0f000000-0x0fffffff overlaps host RAM (0x0-0x0fffffff)")" \
	nkctl load /tmp/hostram.conf

variant /tmp/beyond.conf 's/^base = 0x12000000/base = 0x1e000000/'
check_refused "a partition beyond the machine's RAM (nkctl)" \
	"$(exact "nkctl: /tmp/beyond.conf:$((l_linux_base + 1)): [partition linux] size: 0x1e000000-0x21ffffff is beyond the machine's RAM (512 MiB)")" \
	nkctl load /tmp/beyond.conf

variant /tmp/memeq.conf 's/^host_ram = 256M/host_ram = 192M/'
check_refused "host_ram that is not the host's mem= (nkctl)" \
	"$(exact "nkctl: /tmp/memeq.conf:$(line_of '^host_ram'): [system] host_ram: 192 MiB, but the host was booted with mem=256M (they must be equal)")" \
	nkctl load /tmp/memeq.conf

variant /tmp/syntax.conf 's/^irq = 3/irq = three/'
check_refused "a bad number names file, line and field" \
	"$(exact "nkctl: /tmp/syntax.conf:$l_irq: [device com2] irq: bad number \"three\" (decimal or 0x hex, optional K, M or G)")" \
	nkctl check /tmp/syntax.conf
variant /tmp/unknown.conf 's/^kind = rtos/kind = rtos\ncolour = blue/'
check_refused "an unknown field names file, line and field" \
	"$(exact "nkctl: /tmp/unknown.conf:$((l_kind + 1)): [partition rtos] colour: unknown field")" \
	nkctl check /tmp/unknown.conf
variant /tmp/budget.conf 's/^kind = rtos/kind = rtos\nbudget_us = 2000000/'
check_refused "a CPU budget over its period names file, line and field" \
	"$(exact "nkctl: /tmp/budget.conf:$((l_kind + 1)): [partition rtos] budget_us: 2000000: must be 100 .. budget_period_us (1000000)")" \
	nkctl check /tmp/budget.conf
variant /tmp/overrun.conf 's/^kind = rtos/kind = rtos\non_overrun = sometimes/'
check_refused "an unknown on_overrun names file, line and field" \
	"$(exact "nkctl: /tmp/overrun.conf:$((l_kind + 1)): [partition rtos] on_overrun: \"sometimes\": must be throttle or fail")" \
	nkctl check /tmp/overrun.conf
variant /tmp/irq2.conf 's/^irq = 3/irq = 2/'
check_refused "IRQ 2 (the cascade) is refused" \
	"$(exact "nkctl: /tmp/irq2.conf:$l_irq: [device com2] irq: IRQ 2 is the cascade of the second PIC")" \
	nkctl check /tmp/irq2.conf
# 0xffffffff is NK_NO_IRQ inside: as a number it is a bad IRQ, not "none".
variant /tmp/irqmax.conf 's/^irq = 3/irq = 4294967295/'
irqmax="nkctl: /tmp/irqmax.conf:$l_irq: [device com2] irq: IRQ 4294967295: must be 1 .. 15 (0 is the timer)"
check_refused "irq = 4294967295 is refused, not taken for none (nkctl check)" \
	"$(exact "$irqmax")" nkctl check /tmp/irqmax.conf
check_refused "irq = 4294967295 is refused, not taken for none (nkctl load)" \
	"$(exact "$irqmax")" nkctl load /tmp/irqmax.conf
# A NUL does not end the file: what follows it, a bad value here, is not
# silently dropped; the NUL itself is refused.
{ head -n $((l_com2 - 1)) $cfg; printf '\0'; tail -n +$l_com2 $cfg |
	sed 's/^irq = 3/irq = three/'; } > /tmp/nul.conf
nul="nkctl: /tmp/nul.conf:$l_com2: [partition linux] line: byte 0x00 at column 1: a control character (only tabs, and a CR before the newline)"
check_refused "a NUL byte is refused, with its line (nkctl check)" \
	"$(exact "$nul")" nkctl check /tmp/nul.conf
check_refused "a NUL byte is refused, with its line (nkctl load)" \
	"$(exact "$nul")" nkctl load /tmp/nul.conf
check_refused "a missing file" "$(exact "nkctl: /tmp/none.conf: No such file or directory")" \
	nkctl load /tmp/none.conf

# --- the same, past nkctl's own checks: the loader refuses them itself ---
# The loader cannot trust nkctl: it checks the configuration again.
check_refused "overlapping partitions (loader)" \
	"$(exact "nkctl: the loader refused: $overlap (Invalid argument)")" \
	nkctl load --no-precheck /tmp/overlap.conf
# A configuration that lies about host_ram puts a partition into RAM the
# host really uses: only the loader's look at the host's memory catches it.
variant /tmp/lie.conf 's/^host_ram = 256M/host_ram = 128M/; s/^base = 0x11000000/base = 0x0c000000/'
check_refused "a partition in RAM the host uses (loader)" \
	'loader refused: \[partition rtos\] base: 0xc000000-0xcffffff overlaps RAM the host uses' \
	nkctl load --no-precheck /tmp/lie.conf
# A configuration that claims 1 GB of RAM: the loader probes the region.
variant /tmp/big.conf 's/^machine_ram = 512M/machine_ram = 1G/; s/^base = 0x12000000/base = 0x30000000/'
check_refused "a partition beyond the machine's RAM (loader)" \
	"loader refused: \[partition linux\] size: 0x30000000-0x33ffffff is beyond the machine's RAM" \
	nkctl load --no-precheck /tmp/big.conf

# --- images ---
patch_bytes() {	# FILE OFFSET PRINTF-BYTES
	cp $img "$1"
	printf "$3" | dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}
patch_bytes /tmp/magic.bin 0 'XXXX'
check_refused "an image with a bad magic" 'image: bad magic 0x58585858 \(not a nanokernel image\)' \
	nkctl load --image /tmp/magic.bin $cfg
patch_bytes /tmp/abi.bin 4 '\143\000\000\000'
check_refused "an image of another ABI revision" 'ABI revision 99' \
	nkctl load --image /tmp/abi.bin $cfg
head -c 1000 $img > /tmp/short.bin
check_refused "a truncated image" 'file size [0-9]+ in header, 1000 given' \
	nkctl load --image /tmp/short.bin $cfg
patch_bytes /tmp/big.bin 24 '\000\000\010\000'
check_refused "an image too large for its region" 'image needs 524288 bytes' \
	nkctl load --image /tmp/big.bin $cfg
patch_bytes /tmp/zero.bin 24 '\000\000\000\000'
check_refused "an image whose mem_size is 0: a corrupt header" \
	'image: mem_size 0 is less than the file.s [0-9]+ bytes \(a corrupt header\)' \
	nkctl load --image /tmp/zero.bin $cfg
patch_bytes /tmp/sum.bin 200 '\252\125'
check_refused "an image with a bad checksum" 'checksum 0x[0-9a-f]+, image contents give' \
	nkctl load --image /tmp/sum.bin $cfg
check_refused "not an image at all" \
	'refused: image: bad magic 0x6f632023 \(not a nanokernel image\) \(Exec format error\)' \
	nkctl load --image /etc/nanokernel/default.conf $cfg

# --- nothing happened ---
check_output "nothing is loaded after the refusals" '^nanokernel: not loaded' nkctl status
check "iomem as before after the refusals" cmp /tmp/iomem.before /proc/iomem
check_output "a good load works after the refusals" 'nanokernel loaded' nkctl load $cfg
check_output "and is ready" 'state: +ready' nkctl status
check "unload" nkctl unload
check_dmesg_clean "no oops or warning in the kernel log"
done_testing
