/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * tests/common/msgpat.h - the messages the services' tests pass between a
 * host process (tests/integration/svctest.c) and an RTOS task
 * (rtos/app/test/svc.c): message seq has a length of 1 to 4096 bytes and
 * contents that both sides compute from seq alone, its first 4 bytes (if
 * it has them) seq itself.  So a receiver that knows which seq comes next
 * sees at once a message lost, duplicated, reordered or corrupted.
 */
#ifndef TESTS_MSGPAT_H
#define TESTS_MSGPAT_H

#include <stdint.h>

#define MSGPAT_MAX	4096

static inline uint32_t msgpat_len(uint32_t seq)
{
	return 1 + ((seq * 2654435761u) >> 7) % MSGPAT_MAX;
}

static inline uint8_t msgpat_byte(uint32_t seq, uint32_t k)
{
	uint32_t x = seq * 0x9e3779b9u + k * 0x85ebca6bu;

	if (k < 4)
		return (uint8_t)(seq >> (8 * k));
	x ^= x >> 13;
	return (uint8_t)(x * 0xc2b2ae35u >> 24);
}

/* Fill b with message seq; returns its length. */
static inline uint32_t msgpat_fill(uint8_t *b, uint32_t seq)
{
	uint32_t len = msgpat_len(seq), k;

	for (k = 0; k < len; k++)
		b[k] = msgpat_byte(seq, k);
	return len;
}

/* 0 if b[0..len) is message seq, whole; else 1 + the first bad byte. */
static inline uint32_t msgpat_check(const uint8_t *b, uint32_t len, uint32_t seq)
{
	uint32_t k;

	if (len != msgpat_len(seq))
		return 1 + len;
	for (k = 0; k < len; k++)
		if (b[k] != msgpat_byte(seq, k))
			return 1 + k;
	return 0;
}

#endif /* TESTS_MSGPAT_H */
