/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/* include/nk/crc32.h - CRC-32 (IEEE 802.3, reflected, as zlib's crc32()). */
#ifndef NK_CRC32_H
#define NK_CRC32_H

#include "types.h"

/* Continue a CRC over buf: start with crc = 0. */
uint32_t nk_crc32(uint32_t crc, const void *buf, size_t len);

#endif /* NK_CRC32_H */
