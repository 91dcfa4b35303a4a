// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rtos/app/test/ras.c - the host's death as the RTOS sees it
 * (Documentation/ras.md): the RAS task, the highest priority, sleeps
 * until the nanokernel says the host died (NK_INHNO_HOST_DOWN), reads the
 * crash record the nanokernel kept (nk_ras_last()) and says what it was,
 * says once a second how long it has run alone and whether the 1 ms
 * cyclic handler kept every period, and after RAS_RESTART_MS asks the
 * nanokernel to boot the host again (nk_host_restart()).  That call comes
 * back when the new host's loader has attached, every guest frozen
 * meanwhile; then the task says how long the RTOS was frozen and waits for
 * the next death.  A host that armed nothing stays down, and the RTOS runs
 * on alone.  On the console (COM2 and the ring):
 *
 *   rtos-ras: host down: record SEQ, host boot B, KIND[: OOPS], up MS ms: REASON
 *   rtos-ras: record SEQ: release R, taint 0xT, LEN bytes of log, eip 0xE
 *   rtos-ras: alone MS ms: P periods, A activations, M missed
 *   rtos-ras: restarting the host (boot B+1)
 *   rtos-ras: host restarted: frozen MS ms, P periods and A activations since its death
 *   rtos-ras: the host cannot be restarted: WHY; the RTOS runs on alone
 */
#include <nk/errno.h>
#include <nk/ras.h>
#include "app.h"

#define RAS_RESTART_MS	2000	/* alone this long before the restart */

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
	case NK_RAS_REBOOT:
		return "reboot";
	case NK_RAS_HEARTBEAT:
		return "heartbeat";
	default:
		return "unknown";
	}
}

/* The record; the host boot that died, or 0 if none could be read. */
static uint32_t ras_report(void)
{
	int32_t seq = nk_ras_last(&rec, NK_RAS_FIXED);

	if (seq < 0) {
		syslog("rtos-ras: host down: its record is %s (%d)\n",
		       seq == -NK_EBADMSG ? "corrupt" : "missing", (int)seq);
		return 0;
	}
	syslog("rtos-ras: host down: record %d, host boot %u, %s%s%s, up %u ms: %s\n",
	       (int)seq, rec.host_boot, ras_kind(rec.kind), rec.oops[0] ? ": " : "",
	       rec.oops, (uint32_t)(rec.uptime_ns / 1000000u), rec.reason);
	syslog("rtos-ras: record %d: release %s, taint 0x%x, %u bytes of log, eip 0x%x\n",
	       (int)seq, rec.release, rec.taint, rec.log_len, rec.regs.eip);
	return rec.host_boot;
}

struct ras_since {
	uint64_t t0, period;
	uint32_t calls0;
};

static uint32_t ras_periods(const struct ras_since *s)
{
	return (uint32_t)((nk_tsc() - s->t0) / s->period);
}

/* Once a second until ms have passed, or for ever (ms 0). */
static void ras_alone(const struct ras_since *s, uint32_t ms)
{
	uint32_t periods, acts;

	do {
		tslp_tsk(1000);
		periods = ras_periods(s);
		acts = cyc_calls() - s->calls0;
		syslog("rtos-ras: alone %u ms: %u periods, %u activations, %u missed\n",
		       periods, periods, acts, acts < periods ? periods - acts : 0);
	} while (!ms || periods < ms);
}

static void ras_restart(const struct ras_since *s, uint32_t boot)
{
	uint64_t t = nk_tsc();
	int32_t err;

	syslog("rtos-ras: restarting the host (boot %u)\n", boot + 1);
	err = nk_host_restart();
	if (err) {
		syslog("rtos-ras: the host cannot be restarted: %s; the RTOS runs on alone\n",
		       err == -NK_ENOENT ? "nothing was armed (nkctl ras arm)" :
		       err == -NK_EBADMSG ? "what it armed is corrupt" : "refused");
		ras_alone(s, 0);
	}
	syslog("rtos-ras: host restarted: frozen %u ms, %u periods and %u activations "
	       "since its death\n", (uint32_t)((nk_tsc() - t) / s->period),
	       ras_periods(s), cyc_calls() - s->calls0);
}

void ras_task(VP_INT exinf)
{
	struct ras_since s = {
		.period = (uint64_t)nk_tsc_khz() * NK_TICK_NS / 1000000u,
	};
	uint32_t boot;

	(void)exinf;
	for (;;) {
		slp_tsk();
		s.t0 = nk_tsc();
		s.calls0 = cyc_calls();
		boot = ras_report();
		ras_alone(&s, RAS_RESTART_MS);
		ras_restart(&s, boot);
	}
}
