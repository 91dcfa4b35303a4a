// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * tests/unit/rtos/test_task.c - task management and task-dependent
 * synchronization: preemption and FIFO order in a priority, activation
 * and wakeup queuing, ter_tsk, chg_pri, rot_rdq, slp/wup, rel_wai,
 * dly_tsk and tslp_tsk timeouts, and dispatch delayed to the outermost
 * interrupt exit.
 */
#include "rtos_test.h"

enum { T1 = 1, T2, T3, T4, NTASK = T4 };

static STK_T stk1[TEST_STK_WORDS], stk2[TEST_STK_WORDS];
static STK_T stk3[TEST_STK_WORDS], stk4[TEST_STK_WORDS];
static int runs, runs2;

/* ---- preemption by priority, FIFO within a priority ---- */

static void pre_t1(VP_INT exinf)
{
	ID tid;

	check_value(exinf, 11);
	check_point(1);
	check_ercd(act_tsk(T2), E_OK);	/* same priority: no switch */
	check_point(2);
	check_ercd(act_tsk(T3), E_OK);	/* higher: runs at once */
	check_point(4);
	check_ercd(act_tsk(T4), E_OK);
	check_point(5);
	check_ercd(get_tid(&tid), E_OK);
	check_value(tid, T1);
}

static void pre_t2(VP_INT exinf)
{
	(void)exinf;
	check_point(6);
	check_value(task_stat(T4), TTS_RDY);
}

static void pre_t3(VP_INT exinf)
{
	(void)exinf;
	check_point(3);
	check_value(task_stat(T1), TTS_RDY);
	check_value(task_stat(T3), TTS_RUN);
	ext_tsk();
	check_point(100);	/* not reached */
}

static void pre_t4(VP_INT exinf)
{
	(void)exinf;
	check_point(7);
}

KCFG_TASKS(pre_tasks, NTASK,
	KCFG_TSK(T1, TA_ACT, 11, pre_t1, 5, stk1),
	KCFG_TSK(T2, 0, 0, pre_t2, 5, stk2),
	KCFG_TSK(T3, 0, 0, pre_t3, 3, stk3),
	KCFG_TSK(T4, 0, 0, pre_t4, 8, stk4));
static const struct kernel_cfg pre_cfg = { KCFG_USE(tsk, pre_tasks) };

static void test_preemption_and_fifo(void **state)
{
	(void)state;
	test_reset();
	assert_int_equal(kernel_start(&pre_cfg), E_OK);
	check_finish(7);
}

/* ---- activation queuing, restart at exit ---- */

static void act_t1(VP_INT exinf)
{
	T_RTSK r;

	(void)exinf;
	if (++runs == 2) {
		check_point(4);	/* its own queued activation, behind T2 */
		return;
	}
	check_point(1);
	check_ercd(act_tsk(T2), E_OK);		/* dormant: started */
	check_ercd(act_tsk(T2), E_OK);		/* queued */
	check_ercd(act_tsk(T2), E_QOVR);	/* TMAX_ACTCNT is 1 */
	check_ercd(ref_tsk(T2, &r), E_OK);
	check_value(r.actcnt, 1);
	check_ercd(can_act(T2), 1);
	check_ercd(can_act(T2), 0);
	check_ercd(act_tsk(T2), E_OK);
	check_ercd(act_tsk(TSK_SELF), E_OK);
	check_ercd(act_tsk(NTASK + 1), E_ID);
	check_point(2);
}

static void act_t2(VP_INT exinf)
{
	(void)exinf;
	if (++runs2 == 1) {
		check_point(3);
		return;
	}
	check_point(5);
	ext_tsk();
	check_point(100);	/* not reached */
}

KCFG_TASKS(act_tasks, T2,
	KCFG_TSK(T1, TA_ACT, 0, act_t1, 5, stk1),
	KCFG_TSK(T2, 0, 0, act_t2, 5, stk2));
static const struct kernel_cfg act_cfg = { KCFG_USE(tsk, act_tasks) };

/*
 * A queued activation restarts a task at its exit, at the tail of its
 * priority: T1, T2, T1 (self-queued), T2 (queued by T1).
 */
static void test_activation_queuing(void **state)
{
	(void)state;
	test_reset();
	runs = runs2 = 0;
	assert_int_equal(kernel_start(&act_cfg), E_OK);
	check_finish(5);
}

/* ---- ter_tsk, chg_pri, get_pri ---- */

static void pri_t1(VP_INT exinf)
{
	PRI pri;

	(void)exinf;
	check_point(1);
	check_ercd(ter_tsk(T1), E_ILUSE);
	check_ercd(ter_tsk(T4), E_OBJ);
	check_ercd(chg_pri(T4, 3), E_OBJ);
	check_ercd(act_tsk(T3), E_OK);
	check_ercd(ter_tsk(T3), E_OK);		/* ready -> dormant */
	check_value(task_stat(T3), TTS_DMT);
	check_ercd(act_tsk(T3), E_OK);
	check_ercd(chg_pri(T3, 4), E_OK);	/* now above T1 */
	check_point(3);
	check_value(task_stat(T3), TTS_WAI);
	check_ercd(ter_tsk(T3), E_OK);		/* waiting -> dormant */
	check_value(task_stat(T3), TTS_DMT);
	check_ercd(chg_pri(TSK_SELF, TMAX_TPRI + 1), E_PAR);
	check_ercd(chg_pri(TSK_SELF, -1), E_PAR);
	check_ercd(act_tsk(T2), E_OK);
	check_ercd(chg_pri(T2, 3), E_OK);
	check_point(5);
	check_ercd(get_pri(T2, &pri), E_OK);
	check_value(pri, 6);
	check_ercd(get_pri(T4, &pri), E_OBJ);
}

static void pri_t2(VP_INT exinf)
{
	PRI pri;

	(void)exinf;
	check_point(4);
	check_ercd(get_pri(TSK_SELF, &pri), E_OK);
	check_value(pri, 3);
	check_ercd(chg_pri(TSK_SELF, TPRI_INI), E_OK);	/* 6: T1 runs */
	check_point(6);
}

static void pri_t3(VP_INT exinf)
{
	PRI pri;

	(void)exinf;
	check_point(2);
	check_ercd(get_pri(TSK_SELF, &pri), E_OK);
	check_value(pri, 4);
	check_ercd(slp_tsk(), E_OK);
	check_point(100);	/* terminated while asleep */
}

static void nop_task(VP_INT exinf)
{
	(void)exinf;
}

KCFG_TASKS(pri_tasks, NTASK,
	KCFG_TSK(T1, TA_ACT, 0, pri_t1, 5, stk1),
	KCFG_TSK(T2, 0, 0, pri_t2, 6, stk2),
	KCFG_TSK(T3, 0, 0, pri_t3, 7, stk3),
	KCFG_TSK(T4, 0, 0, nop_task, 7, stk4));
static const struct kernel_cfg pri_cfg = { KCFG_USE(tsk, pri_tasks) };

static void test_ter_tsk_chg_pri(void **state)
{
	(void)state;
	test_reset();
	assert_int_equal(kernel_start(&pri_cfg), E_OK);
	check_finish(6);
}

/* ---- slp_tsk, wup_tsk, can_wup, rel_wai, tslp_tsk ---- */

static void slp_t1(VP_INT exinf)
{
	T_RTSK r;

	(void)exinf;
	check_point(1);
	check_ercd(wup_tsk(T2), E_OBJ);		/* dormant */
	check_ercd(act_tsk(T2), E_OK);
	check_point(3);
	check_ercd(ref_tsk(T2, &r), E_OK);
	check_value(r.tskstat, TTS_WAI);
	check_value(r.tskwait, TTW_SLP);
	check_value(r.lefttmo, TMO_FEVR);
	check_ercd(wup_tsk(T2), E_OK);		/* T2 runs */
	check_point(5);
	check_ercd(rel_wai(T2), E_OK);
	check_point(7);
	check_ercd(rel_wai(T3), E_OBJ);		/* not waiting */
	check_ercd(wup_tsk(T3), E_OBJ);
	check_ercd(act_tsk(T3), E_OK);
	check_ercd(wup_tsk(T3), E_OK);
	check_ercd(wup_tsk(T3), E_OK);
	check_ercd(wup_tsk(T3), E_OK);
	check_ercd(wup_tsk(T3), E_QOVR);	/* TMAX_WUPCNT is 3 */
	check_ercd(can_wup(T3), 3);
	check_ercd(can_wup(T3), 0);
	check_ercd(wup_tsk(T3), E_OK);
	check_ercd(can_wup(T4), E_OBJ);
	check_point(8);
}

static void slp_t2(VP_INT exinf)
{
	(void)exinf;
	check_point(2);
	check_ercd(slp_tsk(), E_OK);
	check_point(4);
	check_ercd(tslp_tsk(TMO_POL), E_TMOUT);
	check_ercd(tslp_tsk(-2), E_PAR);
	check_ercd(slp_tsk(), E_RLWAI);
	check_point(6);
}

static void slp_t3(VP_INT exinf)
{
	T_RTSK r;

	(void)exinf;
	check_point(9);
	check_ercd(slp_tsk(), E_OK);		/* the queued wakeup */
	check_ercd(ref_tsk(TSK_SELF, &r), E_OK);
	check_value(r.wupcnt, 0);
	check_ercd(tslp_tsk(10), E_TMOUT);
	check_point(10);
}

KCFG_TASKS(slp_tasks, NTASK,
	KCFG_TSK(T1, TA_ACT, 0, slp_t1, 5, stk1),
	KCFG_TSK(T2, 0, 0, slp_t2, 4, stk2),
	KCFG_TSK(T3, 0, 0, slp_t3, 6, stk3),
	KCFG_TSK(T4, 0, 0, nop_task, 6, stk4));
static const struct kernel_cfg slp_cfg = { KCFG_USE(tsk, slp_tasks) };

static void test_sleep_wakeup(void **state)
{
	(void)state;
	test_reset();
	assert_int_equal(kernel_start(&slp_cfg), E_OK);
	assert_int_equal(cp_last, 9);
	host_tick(10);		/* at least 10 ms: the 11th tick ends it */
	assert_int_equal(cp_last, 9);
	host_tick(1);
	check_finish(10);
}

/* ---- dly_tsk ---- */

static void dly_t1(VP_INT exinf)
{
	SYSTIM t;

	(void)exinf;
	check_point(1);
	check_ercd(dly_tsk(5), E_OK);
	check_point(3);
	check_ercd(get_tim(&t), E_OK);
	check_value(t, 6);
	check_ercd(dly_tsk(0), E_OK);		/* to the next tick */
	check_ercd(get_tim(&t), E_OK);
	check_value(t, 7);
	check_ercd(dly_tsk(TMAX_RELTIM + 1), E_PAR);
	check_ercd(dly_tsk(100), E_RLWAI);
	check_point(5);
}

static void dly_t2(VP_INT exinf)
{
	T_RTSK r;

	(void)exinf;
	check_point(2);
	check_ercd(ref_tsk(T1, &r), E_OK);
	check_value(r.tskwait, TTW_DLY);
	check_value(r.lefttmo, 5);
	check_ercd(wup_tsk(T1), E_OK);		/* queued: a delay is no sleep */
	check_ercd(slp_tsk(), E_OK);
	check_point(4);
	check_ercd(rel_wai(T1), E_OK);
}

KCFG_TASKS(dly_tasks, T2,
	KCFG_TSK(T1, TA_ACT, 0, dly_t1, 5, stk1),
	KCFG_TSK(T2, TA_ACT, 0, dly_t2, 6, stk2));
static const struct kernel_cfg dly_cfg = { KCFG_USE(tsk, dly_tasks) };

static void isr_wup_t2(void)
{
	ID tid;

	check_ercd(iget_tid(&tid), E_OK);
	check_value(tid, TSK_NONE);		/* idle */
	check_ercd(iwup_tsk(T2), E_OK);
}

static void test_dly_tsk(void **state)
{
	(void)state;
	test_reset();
	assert_int_equal(kernel_start(&dly_cfg), E_OK);
	host_tick(5);
	assert_int_equal(cp_last, 2);
	host_tick(2);
	assert_int_equal(cp_last, 3);
	host_interrupt(isr_wup_t2);
	check_finish(5);
}

/* ---- rot_rdq ---- */

static void rot_task(VP_INT exinf)
{
	check_point((int)exinf);
	if (exinf == 1) {
		check_ercd(act_tsk(T2), E_OK);
		check_ercd(act_tsk(T3), E_OK);
		check_ercd(rot_rdq(TMAX_TPRI + 1), E_PAR);
		check_ercd(rot_rdq(TPRI_SELF), E_OK);
		check_point(4);
	} else if (exinf == 2) {
		check_ercd(rot_rdq(5), E_OK);
		check_point(5);
	} else {
		check_ercd(rot_rdq(TPRI_SELF), E_OK);
		check_point(6);
	}
}

KCFG_TASKS(rot_tasks, T3,
	KCFG_TSK(T1, TA_ACT, 1, rot_task, 5, stk1),
	KCFG_TSK(T2, 0, 2, rot_task, 5, stk2),
	KCFG_TSK(T3, 0, 3, rot_task, 5, stk3));
static const struct kernel_cfg rot_cfg = { KCFG_USE(tsk, rot_tasks) };

/* T1 -> T2 -> T3 -> T1 (ends) -> T2 (ends) -> T3. */
static void test_rot_rdq(void **state)
{
	(void)state;
	test_reset();
	assert_int_equal(kernel_start(&rot_cfg), E_OK);
	check_finish(6);
}

/* ---- dispatch delayed to the outermost interrupt exit ---- */

static void isr_inner(void)
{
	check_point(3);
	check_ercd(iact_tsk(T3), E_OK);
}

static void isr_outer(void)
{
	ID tid;

	check_point(2);
	check_ercd(iget_tid(&tid), E_OK);
	check_value(tid, T1);
	check_ercd(iact_tsk(T2), E_OK);
	check_ercd(iact_tsk(TSK_SELF), E_ID);
	host_interrupt(isr_inner);
	check_point(4);				/* still no switch */
	check_ercd(irot_rdq(TPRI_SELF), E_PAR);
	check_ercd(irot_rdq(8), E_OK);
}

static void irq_t1(VP_INT exinf)
{
	(void)exinf;
	check_point(1);
	host_interrupt(isr_outer);
	check_point(7);
}

static void irq_t2(VP_INT exinf)
{
	(void)exinf;
	check_point(5);
}

static void irq_t3(VP_INT exinf)
{
	(void)exinf;
	check_point(6);
}

KCFG_TASKS(irq_tasks, T3,
	KCFG_TSK(T1, TA_ACT, 0, irq_t1, 8, stk1),
	KCFG_TSK(T2, 0, 0, irq_t2, 2, stk2),
	KCFG_TSK(T3, 0, 0, irq_t3, 3, stk3));
static const struct kernel_cfg irq_cfg = { KCFG_USE(tsk, irq_tasks) };

static void test_interrupt_dispatch(void **state)
{
	(void)state;
	test_reset();
	assert_int_equal(kernel_start(&irq_cfg), E_OK);
	check_finish(7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_preemption_and_fifo),
		cmocka_unit_test(test_activation_queuing),
		cmocka_unit_test(test_ter_tsk_chg_pri),
		cmocka_unit_test(test_sleep_wakeup),
		cmocka_unit_test(test_dly_tsk),
		cmocka_unit_test(test_rot_rdq),
		cmocka_unit_test(test_interrupt_dispatch),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
