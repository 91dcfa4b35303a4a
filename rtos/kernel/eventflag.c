// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rtos/kernel/eventflag.c - event flags.  set_flg releases every waiting
 * task whose condition now holds, in queue order; with TA_CLR the first
 * release clears the pattern, so it is also the last.
 */
#include "kernel_cfg.h"
#include "wait.h"

typedef struct {
	WINFO winfo;
	FLGPTN waiptn;
	MODE wfmode;
	FLGPTN flgptn;		/* the pattern at the release */
} WINFO_FLG;

static FLGCB *get_flgcb(ID flgid)
{
	if (flgid < 1 || (UINT)flgid > kcfg->flgnum)
		return NULL;
	return &kcfg->flgcb[flgid - 1];
}

void eventflag_initialize(void)
{
	UINT i;

	for (i = 0; i < kcfg->flgnum; i++) {
		FLGCB *f = &kcfg->flgcb[i];

		f->p_flginib = &kcfg->flginib[i];
		queue_init(&f->wait_queue);
		f->flgptn = f->p_flginib->iflgptn;
	}
}

static bool flg_satisfied(FLGPTN flgptn, FLGPTN waiptn, MODE wfmode)
{
	if (wfmode & TWF_ORW)
		return (flgptn & waiptn) != 0;
	return (flgptn & waiptn) == waiptn;
}

static void eventflag_set(FLGCB *f, FLGPTN setptn)
{
	QUEUE *q = &f->wait_queue, *pos, *next;

	f->flgptn |= setptn;
	for (pos = q->next; pos != q; pos = next) {
		TCB *t = container_of(pos, TCB, queue);
		WINFO_FLG *w = container_of(t->p_winfo, WINFO_FLG, winfo);

		next = pos->next;
		if (!flg_satisfied(f->flgptn, w->waiptn, w->wfmode))
			continue;
		w->flgptn = f->flgptn;
		wait_release(t, E_OK);
		if (f->p_flginib->flgatr & TA_CLR) {
			f->flgptn = 0;
			break;
		}
	}
}

ER set_flg(ID flgid, FLGPTN setptn)
{
	FLGCB *f;

	if (!sense_task_context())
		return E_CTX;
	f = get_flgcb(flgid);
	if (f == NULL)
		return E_ID;
	port_lock();
	eventflag_set(f, setptn);
	task_unlock_dispatch();
	return E_OK;
}

ER iset_flg(ID flgid, FLGPTN setptn)
{
	FLGCB *f;

	if (sense_task_context())
		return E_CTX;
	f = get_flgcb(flgid);
	if (f == NULL)
		return E_ID;
	port_lock();
	eventflag_set(f, setptn);
	port_unlock();
	return E_OK;
}

/* Keeps the bits set in clrptn, as µITRON specifies. */
ER clr_flg(ID flgid, FLGPTN clrptn)
{
	FLGCB *f;

	if (!sense_task_context())
		return E_CTX;
	f = get_flgcb(flgid);
	if (f == NULL)
		return E_ID;
	port_lock();
	f->flgptn &= clrptn;
	port_unlock();
	return E_OK;
}

/* E_OK, E_TMOUT (must wait) or E_ILUSE (a TA_WSGL flag has a waiter). */
static ER eventflag_poll(FLGCB *f, FLGPTN waiptn, MODE wfmode,
			 FLGPTN *p_flgptn)
{
	ATR atr = f->p_flginib->flgatr;

	if (!(atr & TA_WMUL) && !queue_empty(&f->wait_queue))
		return E_ILUSE;
	if (!flg_satisfied(f->flgptn, waiptn, wfmode))
		return E_TMOUT;
	*p_flgptn = f->flgptn;
	if (atr & TA_CLR)
		f->flgptn = 0;
	return E_OK;
}

static ER eventflag_wait(FLGCB *f, ID flgid, FLGPTN waiptn, MODE wfmode,
			 FLGPTN *p_flgptn, TMO tmout)
{
	WINFO_FLG w = {
		.winfo = { .tskwait = TTW_FLG, .wobjid = flgid },
		.waiptn = waiptn,
		.wfmode = wfmode,
	};
	ER ercd;

	ercd = wait_block(&w.winfo, &f->wait_queue,
			  f->p_flginib->flgatr & TA_TPRI, tmout);
	if (ercd == E_OK)
		*p_flgptn = w.flgptn;
	return ercd;
}

ER twai_flg(ID flgid, FLGPTN waiptn, MODE wfmode, FLGPTN *p_flgptn,
	    TMO tmout)
{
	FLGCB *f;
	ER ercd;

	if (!sense_task_context())
		return E_CTX;
	if (waiptn == 0 || (wfmode & ~TWF_ORW) || p_flgptn == NULL ||
	    !tmo_valid(tmout))
		return E_PAR;
	f = get_flgcb(flgid);
	if (f == NULL)
		return E_ID;
	port_lock();
	ercd = eventflag_poll(f, waiptn, wfmode, p_flgptn);
	if (ercd == E_TMOUT && tmout != TMO_POL)
		ercd = eventflag_wait(f, flgid, waiptn, wfmode, p_flgptn, tmout);
	port_unlock();
	return ercd;
}

ER wai_flg(ID flgid, FLGPTN waiptn, MODE wfmode, FLGPTN *p_flgptn)
{
	return twai_flg(flgid, waiptn, wfmode, p_flgptn, TMO_FEVR);
}

ER pol_flg(ID flgid, FLGPTN waiptn, MODE wfmode, FLGPTN *p_flgptn)
{
	return twai_flg(flgid, waiptn, wfmode, p_flgptn, TMO_POL);
}

ER ref_flg(ID flgid, T_RFLG *pk_rflg)
{
	FLGCB *f;

	if (!sense_task_context())
		return E_CTX;
	f = get_flgcb(flgid);
	if (f == NULL)
		return E_ID;
	port_lock();
	pk_rflg->wtskid = wait_queue_head_id(&f->wait_queue);
	pk_rflg->flgptn = f->flgptn;
	port_unlock();
	return E_OK;
}
