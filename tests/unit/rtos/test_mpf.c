// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * tests/unit/rtos/test_mpf.c - fixed-size memory pools: distinct aligned
 * blocks, exhaustion, reuse, bad releases, timeouts, and a released
 * block handed straight to the first waiter in priority order.
 */
#include <string.h>
#include "rtos_test.h"

enum { T1 = 1, T2, T3, NTASK = T3 };
enum { MPF_A = 1, MPF_P, NMPF = MPF_P };

static STK_T stk1[TEST_STK_WORDS], stk2[TEST_STK_WORDS];
static STK_T stk3[TEST_STK_WORDS];
KCFG_MPF_AREA(area_a, 3, 10);
KCFG_MPF_AREA(area_p, 1, 32);

KCFG_MPFS(mpfs, NMPF,
	KCFG_MPF(MPF_A, TA_TFIFO, 3, 10, area_a),
	KCFG_MPF(MPF_P, TA_TPRI, 1, 32, area_p));

static bool in_area_a(const void *p)
{
	return (const char *)p >= (const char *)area_a &&
		(const char *)p + 10 <= (const char *)area_a + sizeof(area_a);
}

/* ---- allocation ---- */

static void alloc_t1(VP_INT exinf)
{
	VP b[4];
	T_RMPF r;
	int i;

	(void)exinf;
	check_point(1);
	for (i = 0; i < 3; i++) {
		check_ercd(pget_mpf(MPF_A, &b[i]), E_OK);
		check_value(in_area_a(b[i]), 1);
		check_value((uintptr_t)b[i] % sizeof(void *), 0);
		memset(b[i], 0x40 + i, 10);
	}
	check_value(b[0] == (VP)area_a, 1);	/* from the start of the area */
	check_value(b[0] != b[1] && b[1] != b[2] && b[0] != b[2], 1);
	for (i = 0; i < 3; i++)
		check_value(((char *)b[i])[9], 0x40 + i);	/* no overlap */
	check_ercd(pget_mpf(MPF_A, &b[3]), E_TMOUT);
	check_ercd(ref_mpf(MPF_A, &r), E_OK);
	check_value(r.fblkcnt, 0);
	check_ercd(rel_mpf(MPF_A, b[1]), E_OK);
	check_ercd(ref_mpf(MPF_A, &r), E_OK);
	check_value(r.fblkcnt, 1);
	check_ercd(get_mpf(MPF_A, &b[3]), E_OK);
	check_value(b[3] == b[1], 1);
	check_ercd(rel_mpf(MPF_A, (char *)b[0] + 1), E_PAR);
	check_ercd(rel_mpf(MPF_A, area_p), E_PAR);
	check_ercd(rel_mpf(NMPF + 1, b[0]), E_ID);
	check_ercd(pget_mpf(MPF_A, NULL), E_PAR);
	check_point(2);
	check_ercd(tget_mpf(MPF_A, &b[3], 2), E_TMOUT);
	check_point(3);
}

KCFG_TASKS(alloc_tasks, T1, KCFG_TSK(T1, TA_ACT, 0, alloc_t1, 5, stk1));
static const struct kernel_cfg alloc_cfg = {
	KCFG_USE(tsk, alloc_tasks), KCFG_USE(mpf, mpfs),
};

static void test_alloc(void **state)
{
	(void)state;
	test_reset();
	assert_int_equal(kernel_start(&alloc_cfg), E_OK);
	host_tick(3);
	check_finish(3);
}

/* kernel_start() resets the pools: the same run gives the same blocks. */
static void test_restart_resets_pool(void **state)
{
	(void)state;
	test_reset();
	assert_int_equal(kernel_start(&alloc_cfg), E_OK);
	host_tick(3);
	check_finish(3);
}

/* ---- waiters ---- */

static const int cp_get[] = { [T2] = 3, [T3] = 2 };

static void getter(VP_INT exinf)
{
	ID tid;
	VP blk = NULL;

	(void)exinf;
	get_tid(&tid);
	check_ercd(tget_mpf(MPF_P, &blk, 50), E_OK);
	check_value(blk == (VP)area_p, 1);
	check_point(cp_get[tid]);
	check_ercd(rel_mpf(MPF_P, blk), E_OK);
}

static void wait_t1(VP_INT exinf)
{
	VP blk;
	T_RMPF r;

	(void)exinf;
	check_point(1);
	check_ercd(get_mpf(MPF_P, &blk), E_OK);
	act_tsk(T2);
	act_tsk(T3);
	check_ercd(ref_mpf(MPF_P, &r), E_OK);
	check_value(r.wtskid, T3);
	check_value(r.fblkcnt, 0);
	check_ercd(rel_mpf(MPF_P, blk), E_OK);	/* T3, then T2 */
	check_ercd(ref_mpf(MPF_P, &r), E_OK);
	check_value(r.wtskid, TSK_NONE);
	check_value(r.fblkcnt, 1);
	check_point(4);
}

KCFG_TASKS(wait_tasks, NTASK,
	KCFG_TSK(T1, TA_ACT, 0, wait_t1, 12, stk1),
	KCFG_TSK(T2, 0, 0, getter, 7, stk2),
	KCFG_TSK(T3, 0, 0, getter, 6, stk3));
static const struct kernel_cfg wait_cfg = {
	KCFG_USE(tsk, wait_tasks), KCFG_USE(mpf, mpfs),
};

static void test_waiters(void **state)
{
	(void)state;
	test_reset();
	assert_int_equal(kernel_start(&wait_cfg), E_OK);
	check_finish(4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alloc),
		cmocka_unit_test(test_restart_resets_pool),
		cmocka_unit_test(test_waiters),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
