// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * lib/crc32.c - CRC-32 (IEEE 802.3, reflected), a byte at a time from a
 * table built on first use (1 KB, in bss): the nanokernel checks PNVM
 * entries with it inside service calls, with interrupts off, so it must
 * be quick; a bit at a time cost 8 times as much.
 */
#include <nk/crc32.h>

static uint32_t nk_crc32_table[256];
static int nk_crc32_ready;	/* set after the table, released */

static void nk_crc32_build(void)
{
	uint32_t n, c;
	int k;

	for (n = 0; n < 256; n++) {
		c = n;
		for (k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1u)));
		nk_crc32_table[n] = c;
	}
	__atomic_store_n(&nk_crc32_ready, 1, __ATOMIC_RELEASE);
}

uint32_t nk_crc32(uint32_t crc, const void *buf, size_t len)
{
	const uint8_t *p = buf;

	if (!__atomic_load_n(&nk_crc32_ready, __ATOMIC_ACQUIRE))
		nk_crc32_build();	/* the same table, should two build it */
	crc = ~crc;
	while (len--)
		crc = (crc >> 8) ^ nk_crc32_table[(crc ^ *p++) & 0xffu];
	return ~crc;
}
