// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * tests/unit/rtos/test_mbx.c - mailboxes: FIFO and priority message
 * order, message priority range, polling and timeouts, receivers waiting
 * in priority order, rel_wai of a receiver.
 */
#include "rtos_test.h"

enum { T1 = 1, T2, T3, T4, NTASK = T4 };
enum { MBX_F = 1, MBX_P, NMBX = MBX_P };

static STK_T stk1[TEST_STK_WORDS], stk2[TEST_STK_WORDS];
static STK_T stk3[TEST_STK_WORDS], stk4[TEST_STK_WORDS];
static T_MSG_PRI msg[4];
static T_MSG *got[NTASK + 1];

KCFG_MBXS(mbxs, NMBX,
	KCFG_MBX(MBX_F, TA_TFIFO | TA_MFIFO, 0),
	KCFG_MBX(MBX_P, TA_TPRI | TA_MPRI, 4));

static void expect_msg(int line, ID mbxid, T_MSG_PRI *want)
{
	T_MSG *m = NULL;

	check_value_at(line, "prcv_mbx", prcv_mbx(mbxid, &m), E_OK);
	check_value_at(line, "message", (long)((T_MSG_PRI *)m - msg),
		       (long)(want - msg));
}

static ER send_pri(ID mbxid, int i, PRI pri)
{
	msg[i].msgpri = pri;
	return snd_mbx(mbxid, &msg[i].msgque);
}

/* ---- message order ---- */

static void order_t1(VP_INT exinf)
{
	T_MSG *m;
	T_RMBX r;

	(void)exinf;
	check_point(1);
	check_ercd(prcv_mbx(MBX_F, &m), E_TMOUT);
	check_ercd(snd_mbx(MBX_F, &msg[2].msgque), E_OK);
	check_ercd(snd_mbx(MBX_F, &msg[0].msgque), E_OK);
	check_ercd(snd_mbx(MBX_F, &msg[1].msgque), E_OK);
	check_ercd(ref_mbx(MBX_F, &r), E_OK);
	check_value(r.pk_msg == &msg[2].msgque, 1);
	check_value(r.wtskid, TSK_NONE);
	expect_msg(__LINE__, MBX_F, &msg[2]);
	expect_msg(__LINE__, MBX_F, &msg[0]);
	expect_msg(__LINE__, MBX_F, &msg[1]);
	check_ercd(send_pri(MBX_P, 0, 3), E_OK);
	check_ercd(send_pri(MBX_P, 1, 1), E_OK);
	check_ercd(send_pri(MBX_P, 2, 3), E_OK);
	check_ercd(send_pri(MBX_P, 3, 2), E_OK);
	expect_msg(__LINE__, MBX_P, &msg[1]);
	expect_msg(__LINE__, MBX_P, &msg[3]);
	expect_msg(__LINE__, MBX_P, &msg[0]);	/* FIFO among equals */
	expect_msg(__LINE__, MBX_P, &msg[2]);
	check_ercd(send_pri(MBX_P, 0, 0), E_PAR);
	check_ercd(send_pri(MBX_P, 0, 5), E_PAR);	/* maxmpri 4 */
	check_ercd(snd_mbx(MBX_F, NULL), E_PAR);
	check_ercd(snd_mbx(NMBX + 1, &msg[0].msgque), E_ID);
	check_ercd(prcv_mbx(MBX_F, NULL), E_PAR);
	check_point(2);
	check_ercd(trcv_mbx(MBX_P, &m, 4), E_TMOUT);
	check_point(3);
}

KCFG_TASKS(order_tasks, T1, KCFG_TSK(T1, TA_ACT, 0, order_t1, 5, stk1));
static const struct kernel_cfg order_cfg = {
	KCFG_USE(tsk, order_tasks), KCFG_USE(mbx, mbxs),
};

static void test_message_order(void **state)
{
	(void)state;
	test_reset();
	assert_int_equal(kernel_start(&order_cfg), E_OK);
	host_tick(4);
	assert_int_equal(cp_last, 2);
	host_tick(1);
	check_finish(3);
}

/* ---- receivers waiting ---- */

static const int cp_rcv[] = { [T2] = 3, [T3] = 2, [T4] = 4 };

static void receiver(VP_INT exinf)
{
	ID tid;
	ER ercd;

	get_tid(&tid);
	ercd = trcv_mbx((ID)exinf, &got[tid], TMO_FEVR);
	check_ercd(ercd, tid == T4 ? E_RLWAI : E_OK);
	check_point(cp_rcv[tid]);
}

static void wait_t1(VP_INT exinf)
{
	T_RMBX r;
	T_RTSK t;

	(void)exinf;
	check_point(1);
	act_tsk(T2);
	act_tsk(T3);
	act_tsk(T4);
	check_ercd(ref_mbx(MBX_P, &r), E_OK);
	check_value(r.wtskid, T3);
	check_value(r.pk_msg == NULL, 1);
	check_ercd(ref_tsk(T4, &t), E_OK);
	check_value(t.tskwait, TTW_MBX);
	check_value(t.wobjid, MBX_F);
	check_ercd(send_pri(MBX_P, 0, 4), E_OK);	/* T3 */
	check_ercd(send_pri(MBX_P, 1, 1), E_OK);	/* T2 */
	check_value(got[T3] == &msg[0].msgque, 1);
	check_value(got[T2] == &msg[1].msgque, 1);
	check_ercd(rel_wai(T4), E_OK);
	check_point(5);
}

KCFG_TASKS(wait_tasks, NTASK,
	KCFG_TSK(T1, TA_ACT, 0, wait_t1, 12, stk1),
	KCFG_TSK(T2, 0, MBX_P, receiver, 7, stk2),
	KCFG_TSK(T3, 0, MBX_P, receiver, 6, stk3),
	KCFG_TSK(T4, 0, MBX_F, receiver, 9, stk4));
static const struct kernel_cfg wait_cfg = {
	KCFG_USE(tsk, wait_tasks), KCFG_USE(mbx, mbxs),
};

static void test_receivers(void **state)
{
	(void)state;
	test_reset();
	assert_int_equal(kernel_start(&wait_cfg), E_OK);
	check_finish(5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_message_order),
		cmocka_unit_test(test_receivers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
