// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * tests/unit/rtos/test_context.c - context errors: every i call from a
 * task and every task call from a handler (interrupt or time event) is
 * E_CTX and changes nothing; TSK_SELF means nothing to a handler;
 * sta_cyc/stp_cyc/sta_alm/stp_alm work from both.
 */
#include "rtos_test.h"

enum { T1 = 1, T2, NTASK = T2 };

static STK_T stk1[TEST_STK_WORDS], stk2[TEST_STK_WORDS];
static VP_INT ring[2];
KCFG_MPF_AREA(area, 2, 16);

KCFG_SEMS(sems, 1, KCFG_SEM(1, TA_TFIFO, 0, 1));
KCFG_FLGS(flgs, 1, KCFG_FLG(1, TA_WMUL, 0));
KCFG_DTQS(dtqs, 1, KCFG_DTQ(1, TA_TFIFO, ring));
KCFG_MBXS(mbxs, 1, KCFG_MBX(1, TA_TFIFO, 0));
KCFG_MPFS(mpfs, 1, KCFG_MPF(1, TA_TFIFO, 2, 16, area));

static void i_calls_from_task(void)
{
	ID tid;

	check_ercd(iact_tsk(T2), E_CTX);
	check_ercd(iwup_tsk(T2), E_CTX);
	check_ercd(irel_wai(T2), E_CTX);
	check_ercd(isig_sem(1), E_CTX);
	check_ercd(iset_flg(1, 1), E_CTX);
	check_ercd(ipsnd_dtq(1, 1), E_CTX);
	check_ercd(ifsnd_dtq(1, 1), E_CTX);
	check_ercd(irot_rdq(5), E_CTX);
	check_ercd(iget_tid(&tid), E_CTX);
	check_ercd(isig_tim(), E_CTX);
	check_value(sns_ctx(), FALSE);
}

static void task_calls_1(void)
{
	T_RTSK rt;
	PRI pri;

	check_ercd(act_tsk(T2), E_CTX);
	check_ercd(can_act(T2), E_CTX);
	check_ercd(ext_tsk(), E_CTX);
	check_ercd(ter_tsk(T2), E_CTX);
	check_ercd(chg_pri(T2, 3), E_CTX);
	check_ercd(get_pri(T2, &pri), E_CTX);
	check_ercd(ref_tsk(T2, &rt), E_CTX);
	check_ercd(slp_tsk(), E_CTX);
	check_ercd(tslp_tsk(1), E_CTX);
	check_ercd(wup_tsk(T2), E_CTX);
	check_ercd(can_wup(T2), E_CTX);
	check_ercd(rel_wai(T2), E_CTX);
	check_ercd(dly_tsk(1), E_CTX);
	check_ercd(rot_rdq(5), E_CTX);
	check_ercd(get_tid(&rt.wobjid), E_CTX);
}

static void task_calls_2(void)
{
	T_RSEM rs;
	T_RFLG rf;
	T_RDTQ rd;
	FLGPTN p;
	VP_INT d;

	check_ercd(sig_sem(1), E_CTX);
	check_ercd(wai_sem(1), E_CTX);
	check_ercd(pol_sem(1), E_CTX);
	check_ercd(twai_sem(1, 1), E_CTX);
	check_ercd(ref_sem(1, &rs), E_CTX);
	check_ercd(set_flg(1, 1), E_CTX);
	check_ercd(clr_flg(1, 0), E_CTX);
	check_ercd(wai_flg(1, 1, TWF_ORW, &p), E_CTX);
	check_ercd(pol_flg(1, 1, TWF_ORW, &p), E_CTX);
	check_ercd(twai_flg(1, 1, TWF_ORW, &p, 1), E_CTX);
	check_ercd(ref_flg(1, &rf), E_CTX);
	check_ercd(snd_dtq(1, 1), E_CTX);
	check_ercd(psnd_dtq(1, 1), E_CTX);
	check_ercd(tsnd_dtq(1, 1, 1), E_CTX);
	check_ercd(fsnd_dtq(1, 1), E_CTX);
	check_ercd(rcv_dtq(1, &d), E_CTX);
	check_ercd(prcv_dtq(1, &d), E_CTX);
	check_ercd(trcv_dtq(1, &d, 1), E_CTX);
	check_ercd(ref_dtq(1, &rd), E_CTX);
}

static void task_calls_3(void)
{
	static T_MSG msg;
	T_MSG *m;
	T_RMBX rm;
	T_RMPF rp;
	T_RCYC rc;
	T_RALM ra;
	SYSTIM t;
	VP b;

	check_ercd(snd_mbx(1, &msg), E_CTX);
	check_ercd(rcv_mbx(1, &m), E_CTX);
	check_ercd(prcv_mbx(1, &m), E_CTX);
	check_ercd(trcv_mbx(1, &m, 1), E_CTX);
	check_ercd(ref_mbx(1, &rm), E_CTX);
	check_ercd(get_mpf(1, &b), E_CTX);
	check_ercd(pget_mpf(1, &b), E_CTX);
	check_ercd(tget_mpf(1, &b, 1), E_CTX);
	check_ercd(rel_mpf(1, area), E_CTX);
	check_ercd(ref_mpf(1, &rp), E_CTX);
	check_ercd(get_tim(&t), E_CTX);
	check_ercd(ref_cyc(1, &rc), E_CTX);
	check_ercd(ref_alm(1, &ra), E_CTX);
	check_value(sns_ctx(), TRUE);
}

/* A handler: the task calls fail, the i calls and time calls work. */
static void handler(VP_INT exinf)
{
	check_point((int)exinf);
	task_calls_1();
	task_calls_2();
	task_calls_3();
	check_ercd(iwup_tsk(TSK_SELF), E_ID);
	check_ercd(iact_tsk(TSK_SELF), E_ID);
	if (exinf == 4) {	/* the cyclic handler: no more of it, an alarm */
		check_ercd(stp_cyc(1), E_OK);
		check_ercd(sta_alm(1, 0), E_OK);
	}
	check_ercd(iwup_tsk(T1), E_OK);
}

static void isr(void)
{
	handler(2);
}

static void ctx_t1(VP_INT exinf)
{
	T_RSEM rs;
	T_RTSK rt;

	(void)exinf;
	check_point(1);
	i_calls_from_task();
	check_ercd(sta_cyc(1), E_OK);	/* from a task as well */
	check_ercd(slp_tsk(), E_OK);	/* the interrupt */
	check_point(3);
	check_ercd(slp_tsk(), E_OK);	/* the cyclic handler */
	check_point(5);
	check_ercd(ref_sem(1, &rs), E_OK);
	check_value(rs.semcnt, 0);	/* the failed calls did nothing */
	check_ercd(ref_tsk(T2, &rt), E_OK);
	check_value(rt.tskstat, TTS_DMT);
	check_value(rt.actcnt, 0);
	check_ercd(slp_tsk(), E_OK);	/* the alarm */
	check_point(7);
}

KCFG_TASKS(tasks, NTASK,
	KCFG_TSK(T1, TA_ACT, 0, ctx_t1, 5, stk1),
	KCFG_TSK(T2, 0, 0, ctx_t1, 5, stk2));
KCFG_CYCS(cycs, 1, KCFG_CYC(1, 0, 4, handler, 10, 0));
KCFG_ALMS(alms, 1, KCFG_ALM(1, TA_HLNG, 6, handler));
static const struct kernel_cfg cfg = {
	KCFG_USE(tsk, tasks), KCFG_USE(sem, sems), KCFG_USE(flg, flgs),
	KCFG_USE(dtq, dtqs), KCFG_USE(mbx, mbxs), KCFG_USE(mpf, mpfs),
	KCFG_USE(cyc, cycs), KCFG_USE(alm, alms),
};

static void test_wrong_context(void **state)
{
	(void)state;
	test_reset();
	assert_int_equal(kernel_start(&cfg), E_OK);
	assert_int_equal(cp_last, 1);
	host_interrupt(isr);
	assert_int_equal(cp_last, 3);
	host_tick(10);		/* the cyclic handler (period 10) */
	assert_int_equal(cp_last, 5);
	host_tick(1);		/* the alarm it started */
	check_finish(7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wrong_context),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
