// SPDX-License-Identifier: GPL-2.0
/* tests/unit/test_route.c - vectors taken over and their owners (nanokernel/route.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "../../nanokernel/route.h"

#define INTR_GATE	0x8e00u	/* present, DPL 0, 32-bit interrupt gate */
#define TRAP_GATE	0x8f00u
#define USER_INTR	0xee00u	/* present, DPL 3: int 0x80 */
#define TASK_GATE	0x8500u
#define NOT_PRESENT	0x0e00u

static void test_exceptions(void **state)
{
	static const unsigned int taken[] = { 0, 6, 7, 14, 16, 19 };
	static const unsigned int kept[] = { 1, 2, 3, 4, 5, 8, 9, 10, 11, 12,
					     13, 15, 17, 18, 20, 31 };
	unsigned int i;

	(void)state;
	for (i = 0; i < sizeof(taken) / sizeof(taken[0]); i++)
		assert_true(nk_route_takes(taken[i], INTR_GATE));
	for (i = 0; i < sizeof(kept) / sizeof(kept[0]); i++)
		assert_false(nk_route_takes(kept[i], INTR_GATE));
}

static void test_external_vectors(void **state)
{
	unsigned int v;

	(void)state;
	for (v = 32; v < 256; v++)
		assert_true(nk_route_takes(v, INTR_GATE));
	assert_true(nk_route_takes(0x80, USER_INTR));
	assert_true(nk_route_takes(0x40, TRAP_GATE));
	assert_false(nk_route_takes(256, INTR_GATE));
}

static void test_gate_kinds(void **state)
{
	(void)state;
	assert_false(nk_route_takes(8, TASK_GATE));	/* #DF: a task gate */
	assert_false(nk_route_takes(0x40, TASK_GATE));
	assert_false(nk_route_takes(0x40, NOT_PRESENT));
	assert_false(nk_route_takes(14, NOT_PRESENT));
	assert_false(nk_route_takes(0x40, 0x8c00u));	/* call gate */
}

static void test_owner(void **state)
{
	(void)state;
	assert_int_equal(nk_route_owner(0x26, 1, 2, 8), 1);
	assert_int_equal(nk_route_owner(0x26, 2, 2, 8), 2);
	assert_int_equal(nk_route_owner(0x26, 0, 2, 8), NK_ROUTE_HOST);
}

static void test_owner_refusals(void **state)
{
	(void)state;
	/* exceptions and the system call are always the host's */
	assert_int_equal(nk_route_owner(14, 1, 2, 8), NK_ROUTE_HOST);
	assert_int_equal(nk_route_owner(0x80, 1, 2, 8), NK_ROUTE_HOST);
	/* a partition that does not exist, a slot beyond the table */
	assert_int_equal(nk_route_owner(0x26, 3, 2, 8), NK_ROUTE_HOST);
	assert_int_equal(nk_route_owner(0x26, 8, 8, 8), NK_ROUTE_HOST);
	assert_int_equal(nk_route_owner(0x26, 0xff, 4, 8), NK_ROUTE_HOST);
	assert_int_equal(nk_route_owner(300, 1, 2, 8), NK_ROUTE_HOST);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exceptions),
		cmocka_unit_test(test_external_vectors),
		cmocka_unit_test(test_gate_kinds),
		cmocka_unit_test(test_owner),
		cmocka_unit_test(test_owner_refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
