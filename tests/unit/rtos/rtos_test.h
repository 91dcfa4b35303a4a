// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * tests/unit/rtos/rtos_test.h - checkpoints and result checks for the
 * RTOS unit tests, in the TOPPERS style.
 *
 * Tasks and handlers run on their own stacks, where a cmocka failure
 * (a longjmp) must not happen: they only record.  check_point(n) says
 * "this is the nth thing to happen"; check_ercd() and check_value()
 * compare a result.  The first thing found wrong is kept, with its line,
 * and the test function, back on the driver, reports it through
 * check_finish(n), which also wants the last checkpoint to be n.
 */
#ifndef RTOS_TEST_H
#define RTOS_TEST_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>
#include "kernel.h"
#include "kernel_cfg.h"
#include "host.h"

#define TEST_STK_WORDS	KCFG_STK_WORDS(64 * 1024)

static int cp_last;		/* the last checkpoint passed */
static int cp_fault_line;	/* the first fault's line, 0 if none */
static char cp_fault[200];

static inline void test_reset(void)
{
	cp_last = 0;
	cp_fault_line = 0;
	cp_fault[0] = '\0';
}

static inline void test_fault(int line, const char *what, long got,
			      long want)
{
	if (cp_fault_line != 0)
		return;		/* later faults follow from the first */
	cp_fault_line = line;
	snprintf(cp_fault, sizeof(cp_fault), "%s: got %ld, want %ld", what,
		 got, want);
}

static inline void check_point_at(int line, int n)
{
	if (n != cp_last + 1)
		test_fault(line, "checkpoint out of order", n, cp_last + 1);
	cp_last = n;
}

static inline void check_value_at(int line, const char *what, long got,
				  long want)
{
	if (got != want)
		test_fault(line, what, got, want);
}

#define check_point(n)		check_point_at(__LINE__, (n))
#define check_ercd(ercd, want)	check_value_at(__LINE__, #ercd, (ercd), (want))
#define check_value(v, want)	check_value_at(__LINE__, #v, (long)(v), (long)(want))

/* On the driver: no fault recorded, and n checkpoints passed. */
#define check_finish(n) do { \
	if (cp_fault_line != 0) \
		fail_msg("line %d: %s", cp_fault_line, cp_fault); \
	assert_int_equal(cp_last, (n)); \
} while (0)

/* State of a task as ref_tsk() reports it, for check_value(). */
static inline STAT task_stat(ID tskid)
{
	T_RTSK r;

	return ref_tsk(tskid, &r) == E_OK ? r.tskstat : 0;
}

#endif /* RTOS_TEST_H */
