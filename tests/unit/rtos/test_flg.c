// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * tests/unit/rtos/test_flg.c - event flags: AND and OR waits, clr_flg,
 * TA_WSGL (E_ILUSE on a second waiter), TA_WMUL releasing several tasks
 * in priority order, TA_CLR releasing one, timeouts, iset_flg, rel_wai.
 */
#include "rtos_test.h"

enum { T1 = 1, T2, T3, T4, NTASK = T4 };
enum { FLG_W = 1, FLG_M, FLG_C, NFLG = FLG_C };

static STK_T stk1[TEST_STK_WORDS], stk2[TEST_STK_WORDS];
static STK_T stk3[TEST_STK_WORDS], stk4[TEST_STK_WORDS];
static FLGPTN got[NTASK + 1];	/* the pattern each task was released with */

KCFG_FLGS(flgs, NFLG,
	KCFG_FLG(FLG_W, TA_WSGL, 0),
	KCFG_FLG(FLG_M, TA_WMUL | TA_TPRI, 0),
	KCFG_FLG(FLG_C, TA_WMUL | TA_CLR, 0));

/* ---- AND, OR, clr_flg, parameters, timeout ---- */

static void basic_t1(VP_INT exinf)
{
	FLGPTN p = 0;
	T_RFLG r;

	(void)exinf;
	check_point(1);
	check_ercd(pol_flg(FLG_W, 0x1, TWF_ORW, &p), E_TMOUT);
	check_ercd(set_flg(FLG_W, 0x3), E_OK);
	check_ercd(pol_flg(FLG_W, 0x3, TWF_ANDW, &p), E_OK);
	check_value(p, 0x3);
	check_ercd(pol_flg(FLG_W, 0x7, TWF_ANDW, &p), E_TMOUT);
	check_ercd(pol_flg(FLG_W, 0x5, TWF_ORW, &p), E_OK);
	check_ercd(clr_flg(FLG_W, ~0x1u), E_OK);	/* keeps the 0 bits */
	check_ercd(ref_flg(FLG_W, &r), E_OK);
	check_value(r.flgptn, 0x2);
	check_value(r.wtskid, TSK_NONE);
	check_ercd(pol_flg(FLG_W, 0, TWF_ORW, &p), E_PAR);
	check_ercd(pol_flg(FLG_W, 0x1, 0x2, &p), E_PAR);
	check_ercd(set_flg(NFLG + 1, 0x1), E_ID);
	check_ercd(wai_flg(0, 0x1, TWF_ORW, &p), E_ID);
	check_point(2);
	check_ercd(twai_flg(FLG_W, 0x8, TWF_ANDW, &p, 3), E_TMOUT);
	check_point(3);
}

KCFG_TASKS(basic_tasks, T1, KCFG_TSK(T1, TA_ACT, 0, basic_t1, 5, stk1));
static const struct kernel_cfg basic_cfg = {
	KCFG_USE(tsk, basic_tasks), KCFG_USE(flg, flgs),
};

static void test_and_or_clear(void **state)
{
	(void)state;
	test_reset();
	assert_int_equal(kernel_start(&basic_cfg), E_OK);
	host_tick(3);
	assert_int_equal(cp_last, 2);
	host_tick(1);
	check_finish(3);
}

/* ---- TA_WSGL ---- */

static void wsgl_t1(VP_INT exinf)
{
	FLGPTN p;
	T_RFLG r;

	(void)exinf;
	check_point(1);
	check_ercd(act_tsk(T2), E_OK);
	check_point(3);
	check_ercd(wai_flg(FLG_W, 0x1, TWF_ORW, &p), E_ILUSE);
	check_ercd(pol_flg(FLG_W, 0x1, TWF_ORW, &p), E_ILUSE);
	check_ercd(ref_flg(FLG_W, &r), E_OK);
	check_value(r.wtskid, T2);
	check_ercd(set_flg(FLG_W, 0x1), E_OK);
	check_point(5);
}

static void wsgl_t2(VP_INT exinf)
{
	FLGPTN p = 0;

	(void)exinf;
	check_point(2);
	check_ercd(wai_flg(FLG_W, 0x1, TWF_ORW, &p), E_OK);
	check_value(p, 0x1);
	check_point(4);
}

KCFG_TASKS(wsgl_tasks, T2,
	KCFG_TSK(T1, TA_ACT, 0, wsgl_t1, 8, stk1),
	KCFG_TSK(T2, 0, 0, wsgl_t2, 4, stk2));
static const struct kernel_cfg wsgl_cfg = {
	KCFG_USE(tsk, wsgl_tasks), KCFG_USE(flg, flgs),
};

static void test_wsgl(void **state)
{
	(void)state;
	test_reset();
	assert_int_equal(kernel_start(&wsgl_cfg), E_OK);
	check_finish(5);
}

/* ---- TA_WMUL | TA_TPRI: several releases in one set_flg ---- */

/* exinf: flag << 16 | mode << 8 | pattern; the checkpoint is in cp_of[]. */
static const int cp_of[] = { [T2] = 4, [T3] = 3, [T4] = 2 };

static void flg_waiter(VP_INT exinf)
{
	ID tid;
	ER ercd;

	get_tid(&tid);
	ercd = wai_flg((ID)(exinf >> 16), exinf & 0xff, (exinf >> 8) & 0xff,
		       &got[tid]);
	check_ercd(ercd, E_OK);
	check_point(cp_of[tid]);
}

static void wmul_t1(VP_INT exinf)
{
	T_RFLG r;

	(void)exinf;
	check_point(1);
	act_tsk(T2);
	act_tsk(T3);
	act_tsk(T4);
	check_ercd(ref_flg(FLG_M, &r), E_OK);
	check_value(r.wtskid, T3);		/* priority order */
	check_ercd(set_flg(FLG_M, 0x1), E_OK);	/* T4 only */
	check_ercd(set_flg(FLG_M, 0x6), E_OK);	/* T3 and T2 */
	check_point(5);
	check_value(got[T4], 0x1);
	check_value(got[T3], 0x7);
	check_value(got[T2], 0x7);
}

#define WAIT_ON(flg, mode, ptn)	((flg) << 16 | (mode) << 8 | (ptn))

KCFG_TASKS(wmul_tasks, NTASK,
	KCFG_TSK(T1, TA_ACT, 0, wmul_t1, 12, stk1),
	KCFG_TSK(T2, 0, WAIT_ON(FLG_M, TWF_ANDW, 0x3), flg_waiter, 7, stk2),
	KCFG_TSK(T3, 0, WAIT_ON(FLG_M, TWF_ORW, 0x4), flg_waiter, 6, stk3),
	KCFG_TSK(T4, 0, WAIT_ON(FLG_M, TWF_ORW, 0x1), flg_waiter, 8, stk4));
static const struct kernel_cfg wmul_cfg = {
	KCFG_USE(tsk, wmul_tasks), KCFG_USE(flg, flgs),
};

static void test_wmul_priority(void **state)
{
	(void)state;
	test_reset();
	assert_int_equal(kernel_start(&wmul_cfg), E_OK);
	check_finish(5);
}

/* ---- TA_CLR: one release, then the pattern is 0; iset_flg; rel_wai ---- */

static void clr_t1(VP_INT exinf)
{
	FLGPTN p;
	T_RFLG r;

	(void)exinf;
	check_point(1);
	act_tsk(T2);
	act_tsk(T3);
	act_tsk(T4);
	check_ercd(set_flg(FLG_C, 0x1), E_OK);	/* T2 only, then cleared */
	check_ercd(ref_flg(FLG_C, &r), E_OK);
	check_value(r.flgptn, 0);
	check_value(r.wtskid, T3);
	check_ercd(rel_wai(T4), E_OK);
	check_ercd(set_flg(FLG_W, 0x5), E_OK);
	check_ercd(pol_flg(FLG_W, 0x4, TWF_ORW, &p), E_OK);
	check_ercd(slp_tsk(), E_OK);
	check_point(4);
}

static void clr_t4(VP_INT exinf)
{
	FLGPTN p;

	(void)exinf;
	check_ercd(wai_flg(FLG_C, 0x2, TWF_ORW, &p), E_RLWAI);
}

static void isr_set(void)
{
	check_ercd(iset_flg(FLG_C, 0x3), E_OK);
	check_ercd(iset_flg(NFLG + 1, 0x3), E_ID);
	check_ercd(iwup_tsk(T1), E_OK);
}

static const int cp_clr[] = { [T2] = 2, [T3] = 3 };

static void clr_waiter(VP_INT exinf)
{
	ID tid;
	FLGPTN p;

	(void)exinf;
	get_tid(&tid);
	check_ercd(wai_flg(FLG_C, 0x1, TWF_ORW, &p), E_OK);
	check_point(cp_clr[tid]);
}

KCFG_TASKS(clr_tasks, NTASK,
	KCFG_TSK(T1, TA_ACT, 0, clr_t1, 12, stk1),
	KCFG_TSK(T2, 0, 0, clr_waiter, 6, stk2),
	KCFG_TSK(T3, 0, 0, clr_waiter, 6, stk3),
	KCFG_TSK(T4, 0, 0, clr_t4, 6, stk4));
static const struct kernel_cfg clr_cfg = {
	KCFG_USE(tsk, clr_tasks), KCFG_USE(flg, flgs),
};

static void test_clr(void **state)
{
	(void)state;
	test_reset();
	assert_int_equal(kernel_start(&clr_cfg), E_OK);
	assert_int_equal(cp_last, 2);
	host_interrupt(isr_set);
	check_finish(4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_and_or_clear),
		cmocka_unit_test(test_wsgl),
		cmocka_unit_test(test_wmul_priority),
		cmocka_unit_test(test_clr),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
