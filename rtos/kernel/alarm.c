// SPDX-License-Identifier: GPL-2.0 OR MIT
/* rtos/kernel/alarm.c - alarm handlers: one call, almtim ms or more after sta_alm(). */
#include "kernel_cfg.h"

static ALMCB *get_almcb(ID almid)
{
	if (almid < 1 || (UINT)almid > kcfg->almnum)
		return NULL;
	return &kcfg->almcb[almid - 1];
}

/* Already off the timer queue: the handler may start the alarm again. */
static void alarm_expire(void *arg)
{
	ALMCB *a = arg;
	const ALMINIB *ai = a->p_alminib;

	port_unlock();
	ai->almhdr(ai->exinf);
	port_lock();
}

void alarm_initialize(void)
{
	UINT i;

	for (i = 0; i < kcfg->almnum; i++) {
		ALMCB *a = &kcfg->almcb[i];

		a->p_alminib = &kcfg->alminib[i];
		tmevt_block_init(&a->tmevtb, alarm_expire, a);
	}
}

/* Started again if running: the new time replaces the old one. */
ER sta_alm(ID almid, RELTIM almtim)
{
	ALMCB *a;

	if (almtim > TMAX_RELTIM)
		return E_PAR;
	a = get_almcb(almid);
	if (a == NULL)
		return E_ID;
	port_lock();
	tmevt_dequeue(&a->tmevtb);
	tmevt_enqueue_rel(&a->tmevtb, almtim);
	port_unlock();
	return E_OK;
}

ER stp_alm(ID almid)
{
	ALMCB *a = get_almcb(almid);

	if (a == NULL)
		return E_ID;
	port_lock();
	tmevt_dequeue(&a->tmevtb);
	port_unlock();
	return E_OK;
}

ER ref_alm(ID almid, T_RALM *pk_ralm)
{
	ALMCB *a;

	if (!sense_task_context())
		return E_CTX;
	a = get_almcb(almid);
	if (a == NULL)
		return E_ID;
	port_lock();
	pk_ralm->almstat = tmevt_pending(&a->tmevtb) ? TALM_STA : TALM_STP;
	pk_ralm->lefttim = tmevt_pending(&a->tmevtb) ?
		tmevt_left(&a->tmevtb) : 0;
	port_unlock();
	return E_OK;
}
