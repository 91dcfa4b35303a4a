// SPDX-License-Identifier: GPL-2.0
/* tests/unit/test_deadline.c - the timer deadline merge (nanokernel/deadline.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "../../nanokernel/deadline.h"

static void test_empty(void **state)
{
	struct nk_deadlines d = { 0 };
	uint64_t at = 7;

	(void)state;
	assert_int_equal(nk_deadline_earliest(&d, &at), -1);
	assert_int_equal(at, 7);
	assert_int_equal(nk_deadline_expire(&d, UINT64_MAX / 2), 0);
}

static void test_earliest_first(void **state)
{
	struct nk_deadlines d = { 0 };
	uint64_t at;

	(void)state;
	nk_deadline_set(&d, 0, 5000);
	nk_deadline_set(&d, 1, 3000);
	nk_deadline_set(&d, 2, 4000);
	assert_int_equal(nk_deadline_earliest(&d, &at), 1);
	assert_int_equal(at, 3000);
}

static void test_ties_go_to_lowest_slot(void **state)
{
	struct nk_deadlines d = { 0 };
	uint64_t at;

	(void)state;
	nk_deadline_set(&d, 3, 1000);
	nk_deadline_set(&d, 1, 1000);
	assert_int_equal(nk_deadline_earliest(&d, &at), 1);
	assert_int_equal(nk_deadline_expire(&d, 1000), (1u << 1) | (1u << 3));
	assert_int_equal(nk_deadline_earliest(&d, &at), -1);
}

static void test_move_and_cancel(void **state)
{
	struct nk_deadlines d = { 0 };
	uint64_t at;

	(void)state;
	nk_deadline_set(&d, 0, 100);
	nk_deadline_set(&d, 2, 200);
	nk_deadline_set(&d, 0, 300);	/* moved later: slot 2 is first now */
	assert_int_equal(nk_deadline_earliest(&d, &at), 2);
	nk_deadline_cancel(&d, 2);
	assert_int_equal(nk_deadline_earliest(&d, &at), 0);
	assert_int_equal(at, 300);
	nk_deadline_cancel(&d, 2);	/* twice: no-op */
	nk_deadline_cancel(&d, 0);
	assert_int_equal(nk_deadline_earliest(&d, &at), -1);
}

static void test_expire_only_due(void **state)
{
	struct nk_deadlines d = { 0 };
	uint64_t at;

	(void)state;
	nk_deadline_set(&d, 0, 100);
	nk_deadline_set(&d, 1, 200);
	nk_deadline_set(&d, 2, 300);
	assert_int_equal(nk_deadline_expire(&d, 99), 0);
	assert_int_equal(nk_deadline_expire(&d, 200), 0x3);
	assert_int_equal(nk_deadline_earliest(&d, &at), 2);
	assert_int_equal(nk_deadline_expire(&d, 200), 0);
}

static void test_wrap_around(void **state)
{
	struct nk_deadlines d = { 0 };
	uint64_t now = UINT64_MAX - 50, at;

	(void)state;
	nk_deadline_set(&d, 0, now + 100);	/* wraps past zero: 49 */
	nk_deadline_set(&d, 1, now + 10);	/* before the wrap */
	assert_int_equal(nk_deadline_earliest(&d, &at), 1);
	assert_int_equal(nk_deadline_expire(&d, now + 20), 1u << 1);
	assert_int_equal(nk_deadline_expire(&d, now + 60), 0);	/* = 9 */
	assert_int_equal(nk_deadline_expire(&d, now + 100), 1u << 0);
}

static void test_many_oses(void **state)
{
	struct nk_deadlines d = { 0 };
	uint64_t at;
	unsigned int i;

	(void)state;
	for (i = 0; i < NK_OS_SLOTS; i++)
		assert_int_equal(nk_deadline_set(&d, i, 10000 - i * 100), 0);
	assert_int_equal(nk_deadline_set(&d, NK_OS_SLOTS, 1), -1);
	for (i = NK_OS_SLOTS; i-- > 0;) {
		assert_int_equal(nk_deadline_earliest(&d, &at), (int)i);
		assert_int_equal(nk_deadline_expire(&d, at), 1u << i);
	}
	assert_int_equal(d.armed, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_earliest_first),
		cmocka_unit_test(test_ties_go_to_lowest_slot),
		cmocka_unit_test(test_move_and_cancel),
		cmocka_unit_test(test_expire_only_due),
		cmocka_unit_test(test_wrap_around),
		cmocka_unit_test(test_many_oses),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
