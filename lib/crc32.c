// SPDX-License-Identifier: GPL-2.0 OR MIT
/* lib/crc32.c - CRC-32 (IEEE 802.3, reflected), bit at a time: the images
 * it checks are small, and a table would cost the nanokernel 1 KB. */
#include <nk/crc32.h>

uint32_t nk_crc32(uint32_t crc, const void *buf, size_t len)
{
	const uint8_t *p = buf;
	int k;

	crc = ~crc;
	while (len--) {
		crc ^= *p++;
		for (k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
	}
	return ~crc;
}
