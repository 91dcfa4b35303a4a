// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * tests/unit/rtos/test_sem.c - semaphores: counting, E_QOVR, polling,
 * timeouts, FIFO and priority-ordered wait queues, chg_pri of a waiting
 * task, rel_wai and ter_tsk of a waiter, isig_sem from an interrupt.
 */
#include "rtos_test.h"

enum { T1 = 1, T2, T3, T4, NTASK = T4 };
enum { SEM_CNT = 1, SEM_FIFO, SEM_TPRI, NSEM = SEM_TPRI };

static STK_T stk1[TEST_STK_WORDS], stk2[TEST_STK_WORDS];
static STK_T stk3[TEST_STK_WORDS], stk4[TEST_STK_WORDS];
static ID wait_sem;		/* the semaphore the waiters use */

KCFG_SEMS(sems, NSEM,
	KCFG_SEM(SEM_CNT, TA_TFIFO, 1, 2),
	KCFG_SEM(SEM_FIFO, TA_TFIFO, 0, 1),
	KCFG_SEM(SEM_TPRI, TA_TPRI, 0, 1));

/* ---- counting, E_QOVR, timeout ---- */

static void cnt_t1(VP_INT exinf)
{
	T_RSEM r;

	(void)exinf;
	check_point(1);
	check_ercd(pol_sem(SEM_CNT), E_OK);
	check_ercd(pol_sem(SEM_CNT), E_TMOUT);
	check_ercd(sig_sem(SEM_CNT), E_OK);
	check_ercd(sig_sem(SEM_CNT), E_OK);
	check_ercd(sig_sem(SEM_CNT), E_QOVR);	/* maxsem 2 */
	check_ercd(ref_sem(SEM_CNT, &r), E_OK);
	check_value(r.semcnt, 2);
	check_value(r.wtskid, TSK_NONE);
	check_ercd(wai_sem(SEM_CNT), E_OK);
	check_ercd(twai_sem(SEM_CNT, 5), E_OK);
	check_ercd(sig_sem(0), E_ID);
	check_ercd(wai_sem(NSEM + 1), E_ID);
	check_ercd(twai_sem(SEM_CNT, -2), E_PAR);
	check_point(2);
	check_ercd(twai_sem(SEM_CNT, 5), E_TMOUT);
	check_point(3);
}

KCFG_TASKS(cnt_tasks, T1, KCFG_TSK(T1, TA_ACT, 0, cnt_t1, 5, stk1));
static const struct kernel_cfg cnt_cfg = {
	KCFG_USE(tsk, cnt_tasks), KCFG_USE(sem, sems),
};

static void test_count_and_timeout(void **state)
{
	(void)state;
	test_reset();
	assert_int_equal(kernel_start(&cnt_cfg), E_OK);
	host_tick(5);
	assert_int_equal(cp_last, 2);
	host_tick(1);
	check_finish(3);
}

/* ---- wait queue order ---- */

/* Waits on wait_sem; exinf is the checkpoint it reaches when released. */
static void waiter(VP_INT exinf)
{
	check_ercd(wai_sem(wait_sem), E_OK);
	check_point((int)exinf);
}

/* The main task, lowest: the waiters queue up T2, T3, T4 in that order. */
static void order_main(VP_INT exinf)
{
	T_RSEM r;

	(void)exinf;
	check_point(1);
	check_ercd(act_tsk(T2), E_OK);
	check_ercd(act_tsk(T3), E_OK);
	check_ercd(act_tsk(T4), E_OK);
	check_ercd(ref_sem(wait_sem, &r), E_OK);
	check_value(r.wtskid, wait_sem == SEM_FIFO ? T2 : T3);
	check_value(r.semcnt, 0);
	check_ercd(sig_sem(wait_sem), E_OK);
	check_ercd(sig_sem(wait_sem), E_OK);
	check_ercd(sig_sem(wait_sem), E_OK);
	check_point(5);
}

/* Priorities: T2 7, T3 6, T4 8; each check point is the release order. */
KCFG_TASKS(fifo_tasks, NTASK,
	KCFG_TSK(T1, TA_ACT, 0, order_main, 10, stk1),
	KCFG_TSK(T2, 0, 2, waiter, 7, stk2),
	KCFG_TSK(T3, 0, 3, waiter, 6, stk3),
	KCFG_TSK(T4, 0, 4, waiter, 8, stk4));
static const struct kernel_cfg fifo_cfg = {
	KCFG_USE(tsk, fifo_tasks), KCFG_USE(sem, sems),
};

static void test_fifo_order(void **state)
{
	(void)state;
	test_reset();
	wait_sem = SEM_FIFO;
	assert_int_equal(kernel_start(&fifo_cfg), E_OK);
	check_finish(5);
}

KCFG_TASKS(tpri_tasks, NTASK,
	KCFG_TSK(T1, TA_ACT, 0, order_main, 10, stk1),
	KCFG_TSK(T2, 0, 3, waiter, 7, stk2),
	KCFG_TSK(T3, 0, 2, waiter, 6, stk3),
	KCFG_TSK(T4, 0, 4, waiter, 8, stk4));
static const struct kernel_cfg tpri_cfg = {
	KCFG_USE(tsk, tpri_tasks), KCFG_USE(sem, sems),
};

static void test_priority_order(void **state)
{
	(void)state;
	test_reset();
	wait_sem = SEM_TPRI;
	assert_int_equal(kernel_start(&tpri_cfg), E_OK);
	check_finish(5);
}

/* ---- chg_pri, rel_wai and ter_tsk of waiters; isig_sem ---- */

static void rel_waiter(VP_INT exinf)
{
	ER ercd = wai_sem(SEM_TPRI);

	check_ercd(ercd, exinf == T2 ? E_RLWAI : E_OK);
	check_point(exinf == T2 ? 2 : 4);
}

static void rel_main(VP_INT exinf)
{
	T_RSEM r;
	T_RTSK t;

	(void)exinf;
	check_point(1);
	check_ercd(act_tsk(T2), E_OK);
	check_ercd(act_tsk(T3), E_OK);
	check_ercd(act_tsk(T4), E_OK);
	check_ercd(ref_tsk(T3, &t), E_OK);
	check_value(t.tskwait, TTW_SEM);
	check_value(t.wobjid, SEM_TPRI);
	check_ercd(chg_pri(T4, 6), E_OK);	/* T4 moves ahead of T3 (7) */
	check_ercd(ref_sem(SEM_TPRI, &r), E_OK);
	check_value(r.wtskid, T4);
	check_ercd(ter_tsk(T4), E_OK);
	check_ercd(ref_sem(SEM_TPRI, &r), E_OK);
	check_value(r.wtskid, T3);
	check_ercd(chg_pri(T3, 9), E_OK);	/* behind T2 (8) */
	check_ercd(ref_sem(SEM_TPRI, &r), E_OK);
	check_value(r.wtskid, T2);
	check_ercd(rel_wai(T2), E_OK);
	check_point(3);
	check_ercd(slp_tsk(), E_OK);
	check_point(5);
}

static void isr_sig(void)
{
	check_ercd(isig_sem(SEM_TPRI), E_OK);	/* T3 released */
	check_ercd(isig_sem(SEM_TPRI), E_OK);	/* counted */
	check_ercd(isig_sem(SEM_TPRI), E_QOVR);
	check_ercd(iwup_tsk(T1), E_OK);
}

KCFG_TASKS(rel_tasks, NTASK,
	KCFG_TSK(T1, TA_ACT, 0, rel_main, 12, stk1),
	KCFG_TSK(T2, 0, T2, rel_waiter, 8, stk2),
	KCFG_TSK(T3, 0, T3, rel_waiter, 7, stk3),
	KCFG_TSK(T4, 0, T4, rel_waiter, 10, stk4));
static const struct kernel_cfg rel_cfg = {
	KCFG_USE(tsk, rel_tasks), KCFG_USE(sem, sems),
};

/* The interrupt releases T3 (now 9) and T1 (12): T3 runs first. */
static void test_waiter_changes(void **state)
{
	(void)state;
	test_reset();
	assert_int_equal(kernel_start(&rel_cfg), E_OK);
	assert_int_equal(cp_last, 3);
	host_interrupt(isr_sig);
	check_finish(5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_count_and_timeout),
		cmocka_unit_test(test_fifo_order),
		cmocka_unit_test(test_priority_order),
		cmocka_unit_test(test_waiter_changes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
