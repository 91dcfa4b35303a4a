// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * tests/unit/rtos/test_interrupt.c - interrupt handlers from the
 * configuration (KCFG_INHS), through the host port's interrupt numbers:
 * a number runs the handler configured for it, in non-task context, and a
 * task the handler wakes runs at the interrupt's exit, before the task it
 * interrupted; a number without a handler is counted and dropped; a new
 * kernel_start() forgets the handlers of the one before.
 */
#include "rtos_test.h"

enum { T_HIGH = 1, T_LOW, NTASK = T_LOW };
#define INH_LAST	(HOST_INHNO_COUNT - 1)

static STK_T stk_high[TEST_STK_WORDS], stk_low[TEST_STK_WORDS];
static int wake_cp;		/* the checkpoint isr_wake() is to be */
static int counted;		/* isr_count() calls */

static void isr_wake(void)
{
	check_point(wake_cp);
	check_value(sns_ctx(), TRUE);
	check_ercd(slp_tsk(), E_CTX);
	check_ercd(iwup_tsk(T_HIGH), E_OK);
}

static void isr_last(void)
{
	check_point(5);
	check_value(sns_ctx(), TRUE);
}

/* Sleeps until isr_wake() wakes it, the checkpoint after the handler's. */
static void high_task(VP_INT exinf)
{
	(void)exinf;
	for (;;) {
		check_ercd(slp_tsk(), E_OK);
		check_point(wake_cp + 1);
	}
}

/* Interrupted by number 0, then by the last, then by one without a
 * handler. */
static void low_task(VP_INT exinf)
{
	unsigned int dropped = host_dropped();

	(void)exinf;
	check_point(1);
	wake_cp = 2;
	host_raise(0);
	check_point(4);
	check_value(sns_ctx(), FALSE);
	host_raise(INH_LAST);
	check_value(host_dropped(), dropped);
	host_raise(3);
	check_value(host_dropped(), dropped + 1);
	check_point(6);
}

KCFG_TASKS(tasks, NTASK,
	KCFG_TSK(T_HIGH, TA_ACT, 0, high_task, 3, stk_high),
	KCFG_TSK(T_LOW, TA_ACT, 0, low_task, 5, stk_low));
KCFG_INHS(inhs, 2,
	KCFG_INH(INH_LAST, TA_HLNG, isr_last),
	KCFG_INH(0, TA_HLNG, isr_wake));
static const struct kernel_cfg cfg = {
	KCFG_USE(tsk, tasks), KCFG_USE_INIB(inh, inhs),
};

static void test_handlers_by_number(void **state)
{
	(void)state;
	test_reset();
	assert_int_equal(kernel_start(&cfg), E_OK);
	assert_int_equal(cp_last, 6);
	wake_cp = 7;
	host_raise(0);		/* from the idle system, now */
	check_finish(8);
}

static void isr_count(void)
{
	counted++;
}

KCFG_INHS(count_inhs, 1, KCFG_INH(1, TA_HLNG, isr_count));
static const struct kernel_cfg count_cfg = {
	KCFG_USE_INIB(inh, count_inhs),
};
static const struct kernel_cfg none_cfg = { 0 };

static void test_restart_forgets(void **state)
{
	unsigned int dropped = host_dropped();

	(void)state;
	assert_int_equal(kernel_start(&count_cfg), E_OK);
	host_raise(1);
	assert_int_equal(counted, 1);
	host_raise(2);
	assert_int_equal(host_dropped(), dropped + 1);
	assert_int_equal(kernel_start(&none_cfg), E_OK);
	host_raise(1);
	assert_int_equal(counted, 1);
	assert_int_equal(host_dropped(), dropped + 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_handlers_by_number),
		cmocka_unit_test(test_restart_forgets),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
