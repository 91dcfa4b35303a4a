// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rtos/kernel/cyclic.c - cyclic handlers.
 *
 * A started handler runs every cyctim ticks, the first time cycphs ticks
 * after kernel_start() (TA_STA; a phase of 0 means the first tick, the
 * kernel starts between ticks) or cyctim ticks after sta_cyc().  With
 * TA_PHS the timer keeps going while the handler is stopped, so sta_cyc()
 * resumes the original phase; without, stp_cyc() drops the timer.
 */
#include "kernel_cfg.h"

static CYCCB *get_cyccb(ID cycid)
{
	if (cycid < 1 || (UINT)cycid > kcfg->cycnum)
		return NULL;
	return &kcfg->cyccb[cycid - 1];
}

/* The next call is queued first, so the handler may stop its own cycle. */
static void cyclic_expire(void *arg)
{
	CYCCB *c = arg;
	const CYCINIB *ci = c->p_cycinib;

	tmevt_enqueue(&c->tmevtb, c->tmevtb.evttim + ci->cyctim);
	if (!c->cycsta)
		return;
	port_unlock();
	ci->cychdr(ci->exinf);
	port_lock();
}

void cyclic_initialize(void)
{
	UINT i;

	for (i = 0; i < kcfg->cycnum; i++) {
		CYCCB *c = &kcfg->cyccb[i];
		const CYCINIB *ci = &kcfg->cycinib[i];

		c->p_cycinib = ci;
		c->cycsta = ci->cycatr & TA_STA;
		tmevt_block_init(&c->tmevtb, cyclic_expire, c);
		if (ci->cycatr & (TA_STA | TA_PHS))
			tmevt_enqueue(&c->tmevtb, current_tick +
				      (ci->cycphs ? ci->cycphs : 1));
	}
}

ER sta_cyc(ID cycid)
{
	CYCCB *c = get_cyccb(cycid);

	if (c == NULL)
		return E_ID;
	port_lock();
	if (!(c->p_cycinib->cycatr & TA_PHS)) {
		tmevt_dequeue(&c->tmevtb);
		tmevt_enqueue(&c->tmevtb, current_tick + c->p_cycinib->cyctim);
	}
	c->cycsta = true;
	port_unlock();
	return E_OK;
}

ER stp_cyc(ID cycid)
{
	CYCCB *c = get_cyccb(cycid);

	if (c == NULL)
		return E_ID;
	port_lock();
	if (!(c->p_cycinib->cycatr & TA_PHS))
		tmevt_dequeue(&c->tmevtb);
	c->cycsta = false;
	port_unlock();
	return E_OK;
}

/* lefttim counts down to the next call, whether it will run or not. */
ER ref_cyc(ID cycid, T_RCYC *pk_rcyc)
{
	CYCCB *c;

	if (!sense_task_context())
		return E_CTX;
	c = get_cyccb(cycid);
	if (c == NULL)
		return E_ID;
	port_lock();
	pk_rcyc->cycstat = c->cycsta ? TCYC_STA : TCYC_STP;
	pk_rcyc->lefttim = tmevt_pending(&c->tmevtb) ?
		tmevt_left(&c->tmevtb) : 0;
	port_unlock();
	return E_OK;
}
