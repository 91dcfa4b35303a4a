// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rtos/app/test/ras.c - the host's death as the RTOS sees it
 * (Documentation/ras.md): the RAS task, the highest priority, sleeps
 * until the nanokernel says the host died (NK_INHNO_HOST_DOWN), then reads
 * the crash record the nanokernel kept (nk_ras_read()) and says what it
 * was on the console, and from then on says once a second how long it has
 * run alone and whether the 1 ms cyclic handler kept every period:
 *
 *   rtos-ras: host down: record SEQ, host boot B, KIND[: OOPS], up MS ms: REASON
 *   rtos-ras: record SEQ: release R, taint 0xT, LEN bytes of log, eip 0xE
 *   rtos-ras: alone MS ms: P periods, A activations, M missed
 */
#include <nk/errno.h>
#include <nk/ras.h>
#include "app.h"

static struct nk_ras_record rec;	/* its fixed part only */

void host_down_isr(void)
{
	iwup_tsk(TSK_RAS);
}

static const char *ras_kind(uint32_t kind)
{
	switch (kind) {
	case NK_RAS_PANIC:
		return "panic";
	case NK_RAS_OOPS:
		return "oops";
	default:
		return "unknown";
	}
}

static void ras_report(void)
{
	int32_t seq = nk_ras_read(&rec, NK_RAS_FIXED);

	if (seq < 0) {
		syslog("rtos-ras: host down: its record is %s (%d)\n",
		       seq == -NK_EBADMSG ? "corrupt" : "missing", (int)seq);
		return;
	}
	syslog("rtos-ras: host down: record %d, host boot %u, %s%s%s, up %u ms: %s\n",
	       (int)seq, rec.host_boot, ras_kind(rec.kind), rec.oops[0] ? ": " : "",
	       rec.oops, (uint32_t)(rec.uptime_ns / 1000000u), rec.reason);
	syslog("rtos-ras: record %d: release %s, taint 0x%x, %u bytes of log, eip 0x%x\n",
	       (int)seq, rec.release, rec.taint, rec.log_len, rec.regs.eip);
}

void ras_task(VP_INT exinf)
{
	uint64_t t0, period = (uint64_t)nk_tsc_khz() * NK_TICK_NS / 1000000u;
	uint32_t calls0, periods, acts;

	(void)exinf;
	slp_tsk();
	t0 = nk_tsc();
	calls0 = cyc_calls();
	ras_report();
	for (;;) {
		tslp_tsk(1000);
		periods = (uint32_t)((nk_tsc() - t0) / period);
		acts = cyc_calls() - calls0;
		syslog("rtos-ras: alone %u ms: %u periods, %u activations, %u missed\n",
		       periods, periods, acts, acts < periods ? periods - acts : 0);
	}
}
