// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * tests/unit/rtos/test_time.c - time: cyclic handlers (phase, period,
 * sta_cyc/stp_cyc, TA_PHS), alarm handlers (start, stop, restart, from
 * their own handler), handlers in non-task context, timeouts of one tick
 * in queue order, and the tick counter wrapping round.
 */
#include "rtos_test.h"

enum { T1 = 1, T2, T3, NTASK = T3 };
enum { CYC1 = 1, CYC2, CYC3, NCYC = CYC3 };
enum { ALM1 = 1, ALM2, ALM3, NALM = ALM3 };

static STK_T stk1[TEST_STK_WORDS], stk2[TEST_STK_WORDS];
static STK_T stk3[TEST_STK_WORDS];

/* Handler calls, as id * 1000 + tick. */
static long calls[32];
static int ncalls;

static void log_call(VP_INT id)
{
	ID tid;

	check_value(sns_ctx(), TRUE);
	check_ercd(iget_tid(&tid), E_OK);
	if (ncalls < (int)ARRAY_SIZE(calls))
		calls[ncalls++] = (long)id * 1000 + (long)current_tick;
}

static void expect_calls(const long *want, int n)
{
	int i;

	assert_int_equal(ncalls, n);
	for (i = 0; i < n; i++)
		assert_int_equal(calls[i], want[i]);
}

static void time_reset(void)
{
	test_reset();
	ncalls = 0;
}

/* ---- cyclic handlers ---- */

static void cyc_handler(VP_INT exinf)
{
	log_call(exinf);
	if (exinf == CYC2 && ncalls == 5)	/* its third call, tick 9 */
		check_ercd(iwup_tsk(T1), E_OK);
}

static void cyc_t1(VP_INT exinf)
{
	T_RCYC r;

	(void)exinf;
	check_point(1);
	check_ercd(sta_cyc(CYC2), E_OK);	/* at 3, 6, 9, ... */
	check_ercd(ref_cyc(CYC2, &r), E_OK);
	check_value(r.cycstat, TCYC_STA);
	check_value(r.lefttim, 2);
	check_ercd(ref_cyc(CYC1, &r), E_OK);
	check_value(r.lefttim, 1);		/* phase 2 */
	check_ercd(ref_cyc(CYC3, &r), E_OK);
	check_value(r.cycstat, TCYC_STP);
	check_ercd(sta_cyc(NCYC + 1), E_ID);
	check_ercd(slp_tsk(), E_OK);
	check_point(2);
	check_ercd(stp_cyc(CYC2), E_OK);
	check_ercd(ref_cyc(CYC2, &r), E_OK);
	check_value(r.cycstat, TCYC_STP);
	check_ercd(dly_tsk(100), E_OK);
}

KCFG_TASKS(cyc_tasks, T1, KCFG_TSK(T1, TA_ACT, 0, cyc_t1, 5, stk1));
KCFG_CYCS(cycs, NCYC,
	KCFG_CYC(CYC1, TA_STA, CYC1, cyc_handler, 5, 2),
	KCFG_CYC(CYC2, 0, CYC2, cyc_handler, 3, 0),
	KCFG_CYC(CYC3, TA_PHS, CYC3, cyc_handler, 4, 1));
static const struct kernel_cfg cyc_cfg = {
	KCFG_USE(tsk, cyc_tasks), KCFG_USE(cyc, cycs),
};

static void test_cyclic(void **state)
{
	static const long want[] = {
		1002, 2003, 2006, 1007, 2009, 1012,
	};

	(void)state;
	time_reset();
	assert_int_equal(kernel_start(&cyc_cfg), E_OK);
	host_tick(12);
	expect_calls(want, ARRAY_SIZE(want));
	check_finish(2);
}

/* ---- TA_PHS keeps the phase while stopped ---- */

static void phs_t1(VP_INT exinf)
{
	(void)exinf;
	check_point(1);
	check_ercd(dly_tsk(5), E_OK);		/* to tick 6 */
	check_ercd(sta_cyc(CYC3), E_OK);	/* phase 1, period 4: 9, 13 */
	check_ercd(sta_cyc(CYC2), E_OK);	/* from now: 9, 12 */
	check_ercd(dly_tsk(6), E_OK);		/* to tick 13 */
	check_ercd(stp_cyc(CYC3), E_OK);
	check_ercd(stp_cyc(CYC2), E_OK);
	check_point(2);
}

KCFG_TASKS(phs_tasks, T1, KCFG_TSK(T1, TA_ACT, 0, phs_t1, 5, stk1));
KCFG_CYCS(phs_cycs, NCYC,
	KCFG_CYC(CYC1, 0, CYC1, cyc_handler, 5, 2),
	KCFG_CYC(CYC2, 0, CYC2, log_call, 3, 0),
	KCFG_CYC(CYC3, TA_PHS, CYC3, log_call, 4, 1));
static const struct kernel_cfg phs_cfg = {
	KCFG_USE(tsk, phs_tasks), KCFG_USE(cyc, phs_cycs),
};

static void test_cyclic_phase(void **state)
{
	/* At tick 9, CYC3's event was queued first (at tick 5). */
	static const long want[] = { 3009, 2009, 2012, 3013 };

	(void)state;
	time_reset();
	assert_int_equal(kernel_start(&phs_cfg), E_OK);
	host_tick(20);
	expect_calls(want, ARRAY_SIZE(want));
	check_finish(2);
}

/* ---- alarm handlers ---- */

static void alm_handler(VP_INT exinf)
{
	log_call(exinf);
	if (exinf != ALM1)
		return;
	if (ncalls == 2)
		check_ercd(sta_alm(ALM1, 0), E_OK);	/* again, next tick */
	else
		check_ercd(iwup_tsk(T1), E_OK);
}

static void alm_t1(VP_INT exinf)
{
	T_RALM r;

	(void)exinf;
	check_point(1);
	check_ercd(sta_alm(ALM1, 3), E_OK);		/* at least 3 ms: tick 4 */
	check_ercd(ref_alm(ALM1, &r), E_OK);
	check_value(r.almstat, TALM_STA);
	check_value(r.lefttim, 3);
	check_ercd(sta_alm(ALM2, 10), E_OK);
	check_ercd(stp_alm(ALM2), E_OK);
	check_ercd(ref_alm(ALM2, &r), E_OK);
	check_value(r.almstat, TALM_STP);
	check_ercd(sta_alm(ALM3, 10), E_OK);
	check_ercd(sta_alm(ALM3, 2), E_OK);		/* replaces: tick 3 */
	check_ercd(sta_alm(NALM + 1, 2), E_ID);
	check_ercd(sta_alm(ALM1, TMAX_RELTIM + 1), E_PAR);
	check_ercd(slp_tsk(), E_OK);
	check_ercd(ref_alm(ALM1, &r), E_OK);
	check_value(r.almstat, TALM_STP);
	check_point(2);
}

KCFG_TASKS(alm_tasks, T1, KCFG_TSK(T1, TA_ACT, 0, alm_t1, 5, stk1));
KCFG_ALMS(alms, NALM,
	KCFG_ALM(ALM1, TA_HLNG, ALM1, alm_handler),
	KCFG_ALM(ALM2, TA_HLNG, ALM2, alm_handler),
	KCFG_ALM(ALM3, TA_HLNG, ALM3, alm_handler));
static const struct kernel_cfg alm_cfg = {
	KCFG_USE(tsk, alm_tasks), KCFG_USE(alm, alms),
};

static void test_alarm(void **state)
{
	static const long want[] = { 3003, 1004, 1005 };

	(void)state;
	time_reset();
	assert_int_equal(kernel_start(&alm_cfg), E_OK);
	host_tick(20);
	expect_calls(want, ARRAY_SIZE(want));
	check_finish(2);
}

/* ---- timeouts in queue order, across the wrap of the tick counter ---- */

static void wrap_t1(VP_INT exinf)
{
	SYSTIM t;

	(void)exinf;
	check_point(1);
	current_tick = 0xfffffff0u;	/* nothing is pending yet */
	check_ercd(act_tsk(T2), E_OK);
	check_ercd(act_tsk(T3), E_OK);
	check_ercd(tslp_tsk(20), E_TMOUT);	/* fires at tick 5, wrapped */
	check_ercd(get_tim(&t), E_OK);
	check_value(t, 5);
	check_point(4);
}

static void wrap_waiter(VP_INT exinf)
{
	check_ercd(tslp_tsk(2), E_TMOUT);	/* both at 0xfffffff3 */
	check_point((int)exinf);
	check_ercd(dly_tsk(16), E_OK);		/* 0x4: before T1 */
}

KCFG_TASKS(wrap_tasks, NTASK,
	KCFG_TSK(T1, TA_ACT, 0, wrap_t1, 5, stk1),
	KCFG_TSK(T2, 0, 2, wrap_waiter, 6, stk2),
	KCFG_TSK(T3, 0, 3, wrap_waiter, 6, stk3));
static const struct kernel_cfg wrap_cfg = { KCFG_USE(tsk, wrap_tasks) };

static void test_timeout_wrap(void **state)
{
	(void)state;
	time_reset();
	assert_int_equal(kernel_start(&wrap_cfg), E_OK);
	host_tick(3);
	assert_int_equal(cp_last, 3);
	host_tick(17);
	assert_int_equal(cp_last, 3);
	host_tick(1);
	check_finish(4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cyclic),
		cmocka_unit_test(test_cyclic_phase),
		cmocka_unit_test(test_alarm),
		cmocka_unit_test(test_timeout_wrap),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
