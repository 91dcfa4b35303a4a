// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rtos/kernel/task_sync.c - task-dependent synchronization: sleep and
 * wakeup (queued up to TMAX_WUPCNT), forced release, delay.
 */
#include "kernel_cfg.h"
#include "wait.h"

ER tslp_tsk(TMO tmout)
{
	WINFO w = { .tskwait = TTW_SLP };
	ER ercd;

	if (!sense_task_context())
		return E_CTX;
	if (!tmo_valid(tmout))
		return E_PAR;
	port_lock();
	if (p_runtsk->wupcnt > 0) {
		p_runtsk->wupcnt--;
		ercd = E_OK;
	} else if (tmout == TMO_POL) {
		ercd = E_TMOUT;
	} else {
		ercd = wait_block(&w, NULL, false, tmout);
	}
	port_unlock();
	return ercd;
}

ER slp_tsk(void)
{
	return tslp_tsk(TMO_FEVR);
}

static ER task_wakeup(TCB *t)
{
	if (t->tstat == TS_DORMANT)
		return E_OBJ;
	if (t->tstat == TS_WAITING && t->p_winfo->tskwait == TTW_SLP) {
		wait_release(t, E_OK);
		return E_OK;
	}
	if (t->wupcnt >= TMAX_WUPCNT)
		return E_QOVR;
	t->wupcnt++;
	return E_OK;
}

ER wup_tsk(ID tskid)
{
	TCB *t;
	ER ercd;

	if (!sense_task_context())
		return E_CTX;
	t = get_tcb_self(tskid);
	if (t == NULL)
		return E_ID;
	port_lock();
	ercd = task_wakeup(t);
	task_unlock_dispatch();
	return ercd;
}

ER iwup_tsk(ID tskid)
{
	TCB *t;
	ER ercd;

	if (sense_task_context())
		return E_CTX;
	t = get_tcb(tskid);
	if (t == NULL)
		return E_ID;
	port_lock();
	ercd = task_wakeup(t);
	port_unlock();
	return ercd;
}

/* Cancel the queued wakeups; returns how many there were. */
ER_UINT can_wup(ID tskid)
{
	TCB *t;
	ER_UINT ercd;

	if (!sense_task_context())
		return E_CTX;
	t = get_tcb_self(tskid);
	if (t == NULL)
		return E_ID;
	port_lock();
	if (t->tstat == TS_DORMANT) {
		ercd = E_OBJ;
	} else {
		ercd = t->wupcnt;
		t->wupcnt = 0;
	}
	port_unlock();
	return ercd;
}

static ER task_release_wait(TCB *t)
{
	if (t->tstat != TS_WAITING)
		return E_OBJ;
	wait_release(t, E_RLWAI);
	return E_OK;
}

ER rel_wai(ID tskid)
{
	TCB *t;
	ER ercd;

	if (!sense_task_context())
		return E_CTX;
	t = get_tcb(tskid);
	if (t == NULL)
		return E_ID;
	port_lock();
	ercd = task_release_wait(t);
	task_unlock_dispatch();
	return ercd;
}

ER irel_wai(ID tskid)
{
	TCB *t;
	ER ercd;

	if (sense_task_context())
		return E_CTX;
	t = get_tcb(tskid);
	if (t == NULL)
		return E_ID;
	port_lock();
	ercd = task_release_wait(t);
	port_unlock();
	return ercd;
}

/* Not a timeout: the delay running out is the success (wait_timeout()). */
ER dly_tsk(RELTIM dlytim)
{
	WINFO w = { .tskwait = TTW_DLY };
	ER ercd;

	if (!sense_task_context())
		return E_CTX;
	if (dlytim > TMAX_RELTIM)
		return E_PAR;
	port_lock();
	ercd = wait_block(&w, NULL, false, (TMO)dlytim);
	port_unlock();
	return ercd;
}
