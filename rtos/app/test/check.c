// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rtos/app/test/check.c - the checks' tally and their one-line reports,
 * in the form tests/integration/lib.sh prints, prefixed "rtos-test: ".
 */
#include "app.h"

static int n_pass, n_fail;

static void tally(BOOL good)
{
	if (good)
		n_pass++;
	else
		n_fail++;
}

void check(BOOL cond, const char *what)
{
	tally(cond);
	syslog("rtos-test: %s - %s\n", cond ? "ok" : "not ok", what);
}

void check_val(long got, long want, const char *what)
{
	tally(got == want);
	if (got == want)
		syslog("rtos-test: ok - %s\n", what);
	else
		syslog("rtos-test: not ok - %s: got %ld, want %ld\n", what,
		       got, want);
}

void check_er(ER got, ER want, const char *what)
{
	check_val(got, want, what);
}

void check_ms(uint64_t t0, uint32_t min_ms, uint32_t max_ms,
	      const char *what)
{
	uint32_t us = nk_tsc_to_ns(nk_tsc() - t0) / 1000u;
	BOOL good = us >= min_ms * 1000u && us < max_ms * 1000u;

	tally(good);
	syslog("rtos-test: %s - %s (%u us, want %u..%u ms)\n",
	       good ? "ok" : "not ok", what, us, min_ms, max_ms);
}

void check_summary(void)
{
	syslog("rtos-test: %d passed, %d failed\n", n_pass, n_fail);
}
