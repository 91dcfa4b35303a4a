// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * tests/unit/test_crc32.c - nk_crc32() gives zlib's crc32() values, and a
 * CRC continued over pieces equals the CRC of the whole.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <nk/crc32.h>

static uint32_t crc_of(const char *s)
{
	return nk_crc32(0, s, strlen(s));
}

static void test_check_value(void **state)
{
	(void)state;
	assert_int_equal(crc_of("123456789"), 0xcbf43926u);
}

static void test_known_vectors(void **state)
{
	static const uint8_t zeros[32];

	(void)state;
	assert_int_equal(crc_of("a"), 0xe8b7be43u);
	assert_int_equal(crc_of("abc"), 0x352441c2u);
	assert_int_equal(crc_of("The quick brown fox jumps over the lazy dog"),
			 0x414fa339u);
	assert_int_equal(nk_crc32(0, zeros, sizeof(zeros)), 0x190a55adu);
}

static void test_empty(void **state)
{
	(void)state;
	assert_int_equal(nk_crc32(0, "", 0), 0);
	assert_int_equal(nk_crc32(0, NULL, 0), 0);
	/* Nothing more to add: a running CRC stays what it was. */
	assert_int_equal(nk_crc32(0xcbf43926u, "", 0), 0xcbf43926u);
}

/* Every split of a buffer in two gives the one-shot CRC. */
static void test_incremental(void **state)
{
	uint8_t buf[300];
	uint32_t whole, crc;
	size_t i, cut;

	(void)state;
	for (i = 0; i < sizeof(buf); i++)
		buf[i] = (uint8_t)(i * 7 + 3);
	whole = nk_crc32(0, buf, sizeof(buf));
	for (cut = 0; cut <= sizeof(buf); cut++) {
		crc = nk_crc32(0, buf, cut);
		crc = nk_crc32(crc, buf + cut, sizeof(buf) - cut);
		assert_int_equal(crc, whole);
	}
}

static void test_byte_at_a_time(void **state)
{
	const char *s = "123456789";
	uint32_t crc = 0;

	(void)state;
	while (*s)
		crc = nk_crc32(crc, s++, 1);
	assert_int_equal(crc, 0xcbf43926u);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check_value),
		cmocka_unit_test(test_known_vectors),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_incremental),
		cmocka_unit_test(test_byte_at_a_time),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
