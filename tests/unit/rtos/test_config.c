// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * tests/unit/rtos/test_config.c - kernel_cfg_check() and kernel_start()
 * on configurations the build cannot refuse: reserved attribute bits
 * (E_RSATR) and bad values or holes in a table (E_PAR), each reported
 * with its object kind, ID and field; an interrupt handler's number the
 * port does not have or that two entries name, by that number (E_PAR); a
 * refused configuration does not start.  (What the KCFG_* macros can see
 * wrong fails the build.)
 */
#include <string.h>
#include "rtos_test.h"

static STK_T stk1[TEST_STK_WORDS], stk2[TEST_STK_WORDS];
static VP_INT ring[1];
static void *area[4];
static int started;

static void task(VP_INT exinf)
{
	(void)exinf;
	started = 1;
}

static void handler(VP_INT exinf)
{
	(void)exinf;
}

static void isr(void)
{
}

/* Two good tasks; the tests spoil copies of these tables. */
static TINIB tskinib[2];
static TCB tskcb[2];
static SEMINIB seminib[1];
static SEMCB semcb[1];
static FLGINIB flginib[1];
static FLGCB flgcb[1];
static DTQINIB dtqinib[1];
static DTQCB dtqcb[1];
static MBXINIB mbxinib[1];
static MBXCB mbxcb[1];
static MPFINIB mpfinib[1];
static MPFCB mpfcb[1];
static CYCINIB cycinib[1];
static CYCCB cyccb[1];
static ALMINIB alminib[1];
static ALMCB almcb[1];
static INHINIB inhinib[2];
static struct kernel_cfg cfg;

#define USE(kind, n) \
	.kind##inib = kind##inib, .kind##cb = kind##cb, .kind##num = (n)

static int setup(void **state)
{
	(void)state;
	tskinib[0] = (TINIB){ TA_ACT, 0, task, 5, sizeof(stk1), stk1 };
	tskinib[1] = (TINIB){ 0, 0, task, 6, sizeof(stk2), stk2 };
	seminib[0] = (SEMINIB){ TA_TPRI, 0, 1 };
	flginib[0] = (FLGINIB){ TA_WMUL | TA_CLR | TA_TPRI, 0 };
	dtqinib[0] = (DTQINIB){ TA_TPRI, 1, ring };
	mbxinib[0] = (MBXINIB){ TA_TPRI | TA_MPRI, 3 };
	mpfinib[0] = (MPFINIB){ TA_TPRI, 2, 16, area };
	cycinib[0] = (CYCINIB){ TA_STA | TA_PHS, 0, handler, 10, 0 };
	alminib[0] = (ALMINIB){ TA_HLNG, 0, handler };
	inhinib[0] = (INHINIB){ 0, TA_HLNG, isr };
	inhinib[1] = (INHINIB){ HOST_INHNO_COUNT - 1, TA_HLNG, isr };
	cfg = (struct kernel_cfg){
		USE(tsk, 2), USE(sem, 1), USE(flg, 1), USE(dtq, 1),
		USE(mbx, 1), USE(mpf, 1), USE(cyc, 1), USE(alm, 1),
		.inhinib = inhinib, .inhnum = 2,
	};
	started = 0;
	return 0;
}

static void expect_fault(ER want, const char *kind, ID id, const char *field)
{
	struct kernel_cfg_error err = { 0 };

	assert_int_equal(kernel_cfg_check(&cfg, &err), want);
	assert_string_equal(err.kind, kind);
	assert_int_equal(err.id, id);
	assert_string_equal(err.field, field);
	assert_int_equal(kernel_start(&cfg), want);
	assert_int_equal(started, 0);
}

static void test_good(void **state)
{
	struct kernel_cfg_error err;

	(void)state;
	assert_int_equal(kernel_cfg_check(&cfg, &err), E_OK);
	assert_int_equal(kernel_start(&cfg), E_OK);
	assert_int_equal(started, 1);
}

static void test_reserved_attributes(void **state)
{
	(void)state;
	tskinib[1].tskatr = 0x10;
	expect_fault(E_RSATR, "task", 2, "tskatr");
	tskinib[1].tskatr = 0;
	seminib[0].sematr = TA_MPRI;
	expect_fault(E_RSATR, "semaphore", 1, "sematr");
	seminib[0].sematr = 0;
	flginib[0].flgatr = 0x08;
	expect_fault(E_RSATR, "eventflag", 1, "flgatr");
	flginib[0].flgatr = 0;
	dtqinib[0].dtqatr = TA_MPRI;
	expect_fault(E_RSATR, "dataqueue", 1, "dtqatr");
	dtqinib[0].dtqatr = 0;
	mbxinib[0].mbxatr = 0x04;
	expect_fault(E_RSATR, "mailbox", 1, "mbxatr");
	mbxinib[0].mbxatr = 0;
	mpfinib[0].mpfatr = TA_MPRI;
	expect_fault(E_RSATR, "mempfix", 1, "mpfatr");
	mpfinib[0].mpfatr = 0;
	cycinib[0].cycatr = TA_ASM;
	expect_fault(E_RSATR, "cyclic", 1, "cycatr");
	cycinib[0].cycatr = 0;
	alminib[0].almatr = TA_ASM;
	expect_fault(E_RSATR, "alarm", 1, "almatr");
	alminib[0].almatr = TA_HLNG;
	inhinib[1].inhatr = TA_ASM;
	expect_fault(E_RSATR, "interrupt", HOST_INHNO_COUNT - 1, "inhatr");
}

static void test_bad_values(void **state)
{
	(void)state;
	tskinib[0].itskpri = TMAX_TPRI + 1;
	expect_fault(E_PAR, "task", 1, "itskpri");
	tskinib[0].itskpri = 5;
	tskinib[1].stksz = 16;
	expect_fault(E_PAR, "task", 2, "stk");
	tskinib[1].stksz = sizeof(stk2);
	seminib[0].isemcnt = 2;
	expect_fault(E_PAR, "semaphore", 1, "isemcnt");
	seminib[0].isemcnt = 0;
	dtqinib[0].p_dtq = NULL;
	expect_fault(E_PAR, "dataqueue", 1, "p_dtq");
	dtqinib[0].p_dtq = ring;
	mbxinib[0].maxmpri = TMAX_MPRI + 1;
	expect_fault(E_PAR, "mailbox", 1, "maxmpri");
	mbxinib[0].maxmpri = 1;
	cycinib[0].cyctim = 0;
	expect_fault(E_PAR, "cyclic", 1, "cyctim");
}

/* A number the port has not, or one already served: named by it. */
static void test_interrupt_numbers(void **state)
{
	(void)state;
	inhinib[1].inhno = HOST_INHNO_COUNT;
	expect_fault(E_PAR, "interrupt", HOST_INHNO_COUNT, "inhno");
	inhinib[1].inhno = 0;
	expect_fault(E_PAR, "interrupt", 0, "inhno");
	inhinib[1].inhno = 1;
	inhinib[0].inthdr = NULL;
	expect_fault(E_PAR, "interrupt", 0, "inthdr");
}

/* A hole in a table is a zeroed init block. */
static void test_holes(void **state)
{
	(void)state;
	memset(&tskinib[1], 0, sizeof(tskinib[1]));
	expect_fault(E_PAR, "task", 2, "task");
	setup(NULL);
	memset(&seminib[0], 0, sizeof(seminib[0]));
	expect_fault(E_PAR, "semaphore", 1, "maxsem");
	setup(NULL);
	memset(&mpfinib[0], 0, sizeof(mpfinib[0]));
	expect_fault(E_PAR, "mempfix", 1, "blkcnt");
	setup(NULL);
	memset(&alminib[0], 0, sizeof(alminib[0]));
	expect_fault(E_PAR, "alarm", 1, "almhdr");
	setup(NULL);
	memset(&inhinib[1], 0, sizeof(inhinib[1]));
	expect_fault(E_PAR, "interrupt", 0, "inthdr");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_good, setup),
		cmocka_unit_test_setup(test_reserved_attributes, setup),
		cmocka_unit_test_setup(test_bad_values, setup),
		cmocka_unit_test_setup(test_interrupt_numbers, setup),
		cmocka_unit_test_setup(test_holes, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
