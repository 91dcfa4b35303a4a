// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * tests/unit/rtos/test_dtq.c - data queues: the ring, forced sends,
 * polling and timeouts, senders waiting in priority order, receivers
 * waiting in FIFO order, zero-capacity hand-over in both directions,
 * ipsnd_dtq and ifsnd_dtq from an interrupt.
 */
#include "rtos_test.h"

enum { T1 = 1, T2, T3, T4, NTASK = T4 };
enum { DTQ_2 = 1, DTQ_P, DTQ_0, NDTQ = DTQ_0 };

static STK_T stk1[TEST_STK_WORDS], stk2[TEST_STK_WORDS];
static STK_T stk3[TEST_STK_WORDS], stk4[TEST_STK_WORDS];
static VP_INT ring2[2], ringp[1];

KCFG_DTQS(dtqs, NDTQ,
	KCFG_DTQ(DTQ_2, TA_TFIFO, ring2),
	KCFG_DTQ(DTQ_P, TA_TPRI, ringp),
	KCFG_DTQ0(DTQ_0, TA_TFIFO));

/* Expect the next datum of dtqid to be want, without waiting. */
static void expect_data(int line, ID dtqid, VP_INT want)
{
	VP_INT d = -1;

	check_value_at(line, "prcv_dtq", prcv_dtq(dtqid, &d), E_OK);
	check_value_at(line, "data", d, want);
}

/* ---- the ring ---- */

static void ring_t1(VP_INT exinf)
{
	VP_INT d;
	T_RDTQ r;

	(void)exinf;
	check_point(1);
	check_ercd(psnd_dtq(DTQ_2, 1), E_OK);
	check_ercd(psnd_dtq(DTQ_2, 2), E_OK);
	check_ercd(psnd_dtq(DTQ_2, 3), E_TMOUT);
	check_ercd(ref_dtq(DTQ_2, &r), E_OK);
	check_value(r.sdtqcnt, 2);
	check_ercd(fsnd_dtq(DTQ_2, 3), E_OK);	/* 1 is lost */
	expect_data(__LINE__, DTQ_2, 2);
	check_ercd(snd_dtq(DTQ_2, 4), E_OK);
	expect_data(__LINE__, DTQ_2, 3);
	expect_data(__LINE__, DTQ_2, 4);
	check_ercd(prcv_dtq(DTQ_2, &d), E_TMOUT);
	check_ercd(fsnd_dtq(DTQ_0, 1), E_ILUSE);
	check_ercd(psnd_dtq(NDTQ + 1, 1), E_ID);
	check_ercd(prcv_dtq(DTQ_2, NULL), E_PAR);
	check_ercd(tsnd_dtq(DTQ_2, 1, -5), E_PAR);
	check_point(2);
	check_ercd(trcv_dtq(DTQ_2, &d, 2), E_TMOUT);
	check_point(3);
}

KCFG_TASKS(ring_tasks, T1, KCFG_TSK(T1, TA_ACT, 0, ring_t1, 5, stk1));
static const struct kernel_cfg ring_cfg = {
	KCFG_USE(tsk, ring_tasks), KCFG_USE(dtq, dtqs),
};

static void test_ring(void **state)
{
	(void)state;
	test_reset();
	assert_int_equal(kernel_start(&ring_cfg), E_OK);
	host_tick(3);
	check_finish(3);
}

/* ---- senders wait in priority order (TA_TPRI) ---- */

/* exinf is the datum; the checkpoint is the order of release. */
static const int cp_snd[] = { [T2] = 3, [T3] = 2, [T4] = 4 };

static void sender(VP_INT exinf)
{
	ID tid;

	get_tid(&tid);
	check_ercd(tsnd_dtq(DTQ_P, exinf, 100), E_OK);
	check_point(cp_snd[tid]);
}

static void snd_t1(VP_INT exinf)
{
	T_RDTQ r;

	(void)exinf;
	check_point(1);
	check_ercd(psnd_dtq(DTQ_P, 10), E_OK);
	act_tsk(T2);
	act_tsk(T3);
	act_tsk(T4);
	check_ercd(ref_dtq(DTQ_P, &r), E_OK);
	check_value(r.stskid, T3);
	check_value(r.rtskid, TSK_NONE);
	check_value(r.sdtqcnt, 1);
	expect_data(__LINE__, DTQ_P, 10);	/* T3's 30 moves in */
	expect_data(__LINE__, DTQ_P, 30);
	expect_data(__LINE__, DTQ_P, 20);
	expect_data(__LINE__, DTQ_P, 40);
	check_point(5);
}

KCFG_TASKS(snd_tasks, NTASK,
	KCFG_TSK(T1, TA_ACT, 0, snd_t1, 12, stk1),
	KCFG_TSK(T2, 0, 20, sender, 7, stk2),
	KCFG_TSK(T3, 0, 30, sender, 6, stk3),
	KCFG_TSK(T4, 0, 40, sender, 8, stk4));
static const struct kernel_cfg snd_cfg = {
	KCFG_USE(tsk, snd_tasks), KCFG_USE(dtq, dtqs),
};

static void test_senders_priority(void **state)
{
	(void)state;
	test_reset();
	assert_int_equal(kernel_start(&snd_cfg), E_OK);
	check_finish(5);
}

/* ---- zero capacity, receivers in FIFO order, interrupts ---- */

static void receiver(VP_INT exinf)
{
	ID tid;
	VP_INT d = -1;

	get_tid(&tid);
	check_ercd(rcv_dtq((ID)exinf, &d), E_OK);
	check_value(d, tid * 100);
	check_point(tid == T3 ? 2 : 3);	/* FIFO: T3 waited first */
}

static void zero_t4(VP_INT exinf)
{
	T_RDTQ r;

	(void)exinf;
	check_point(5);
	check_ercd(ref_dtq(DTQ_0, &r), E_OK);
	check_value(r.stskid, T1);
	expect_data(__LINE__, DTQ_0, 8);	/* releases T1 */
	check_point(7);
}

static void zero_t1(VP_INT exinf)
{
	T_RDTQ r;
	VP_INT d = -1;

	(void)exinf;
	check_point(1);
	act_tsk(T3);		/* priority 7, but waiting first */
	act_tsk(T2);
	check_ercd(ref_dtq(DTQ_0, &r), E_OK);
	check_value(r.rtskid, T3);
	check_ercd(psnd_dtq(DTQ_0, T3 * 100), E_OK);
	check_ercd(psnd_dtq(DTQ_0, T2 * 100), E_OK);
	check_ercd(psnd_dtq(DTQ_0, 7), E_TMOUT);	/* nobody to take it */
	check_point(4);
	act_tsk(T4);
	check_ercd(snd_dtq(DTQ_0, 8), E_OK);
	check_point(6);
	check_ercd(rcv_dtq(DTQ_2, &d), E_OK);
	check_value(d, 1);
	expect_data(__LINE__, DTQ_2, 3);	/* ifsnd_dtq dropped 2 */
	expect_data(__LINE__, DTQ_2, 4);
	check_point(8);
}

KCFG_TASKS(zero_tasks, NTASK,
	KCFG_TSK(T1, TA_ACT, 0, zero_t1, 12, stk1),
	KCFG_TSK(T2, 0, DTQ_0, receiver, 6, stk2),
	KCFG_TSK(T3, 0, DTQ_0, receiver, 7, stk3),
	KCFG_TSK(T4, 0, 0, zero_t4, 13, stk4));
static const struct kernel_cfg zero_cfg = {
	KCFG_USE(tsk, zero_tasks), KCFG_USE(dtq, dtqs),
};

static void isr_send(void)
{
	check_ercd(ipsnd_dtq(DTQ_2, 1), E_OK);	/* to the waiting T1 */
	check_ercd(ipsnd_dtq(DTQ_2, 2), E_OK);
	check_ercd(ipsnd_dtq(DTQ_2, 3), E_OK);
	check_ercd(ipsnd_dtq(DTQ_2, 4), E_TMOUT);
	check_ercd(ifsnd_dtq(DTQ_2, 4), E_OK);
	check_ercd(ifsnd_dtq(DTQ_0, 4), E_ILUSE);
	check_ercd(ipsnd_dtq(0, 4), E_ID);
}

static void test_zero_capacity(void **state)
{
	(void)state;
	test_reset();
	assert_int_equal(kernel_start(&zero_cfg), E_OK);
	assert_int_equal(cp_last, 7);
	host_interrupt(isr_send);
	check_finish(8);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ring),
		cmocka_unit_test(test_senders_priority),
		cmocka_unit_test(test_zero_capacity),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
