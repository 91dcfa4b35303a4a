// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rtos/kernel/task_manage.c - task management: activation (queued up to
 * TMAX_ACTCNT), exit, termination, priority, state reference.
 */
#include "kernel_cfg.h"
#include "wait.h"

static ER task_activate(TCB *t)
{
	if (t->tstat == TS_DORMANT) {
		make_active(t);
		return E_OK;
	}
	if (t->actcnt >= TMAX_ACTCNT)
		return E_QOVR;
	t->actcnt++;
	return E_OK;
}

ER act_tsk(ID tskid)
{
	TCB *t;
	ER ercd;

	if (!sense_task_context())
		return E_CTX;
	t = get_tcb_self(tskid);
	if (t == NULL)
		return E_ID;
	port_lock();
	ercd = task_activate(t);
	task_unlock_dispatch();
	return ercd;
}

ER iact_tsk(ID tskid)
{
	TCB *t;
	ER ercd;

	if (sense_task_context())
		return E_CTX;
	t = get_tcb(tskid);
	if (t == NULL)
		return E_ID;
	port_lock();
	ercd = task_activate(t);
	port_unlock();
	return ercd;
}

/* Cancel the queued activations; returns how many there were. */
ER_UINT can_act(ID tskid)
{
	TCB *t;
	ER_UINT n;

	if (!sense_task_context())
		return E_CTX;
	t = get_tcb_self(tskid);
	if (t == NULL)
		return E_ID;
	port_lock();
	n = t->actcnt;
	t->actcnt = 0;
	port_unlock();
	return n;
}

ER ext_tsk(void)
{
	if (!sense_task_context())
		return E_CTX;
	port_lock();
	task_terminate(p_runtsk);
	port_exit_dispatch();
}

ER ter_tsk(ID tskid)
{
	TCB *t;

	if (!sense_task_context())
		return E_CTX;
	t = get_tcb(tskid);
	if (t == NULL)
		return E_ID;
	if (t == p_runtsk)
		return E_ILUSE;
	port_lock();
	if (t->tstat == TS_DORMANT) {
		port_unlock();
		return E_OBJ;
	}
	task_terminate(t);
	task_unlock_dispatch();
	return E_OK;
}

ER chg_pri(ID tskid, PRI tskpri)
{
	TCB *t;

	if (!sense_task_context())
		return E_CTX;
	t = get_tcb_self(tskid);
	if (t == NULL)
		return E_ID;
	if (tskpri != TPRI_INI && (tskpri < TMIN_TPRI || tskpri > TMAX_TPRI))
		return E_PAR;
	port_lock();
	if (t->tstat == TS_DORMANT) {
		port_unlock();
		return E_OBJ;
	}
	change_priority(t, tskpri == TPRI_INI ? t->p_tinib->itskpri : tskpri);
	task_unlock_dispatch();
	return E_OK;
}

ER get_pri(ID tskid, PRI *p_tskpri)
{
	TCB *t;
	ER ercd = E_OK;

	if (!sense_task_context())
		return E_CTX;
	t = get_tcb_self(tskid);
	if (t == NULL)
		return E_ID;
	port_lock();
	if (t->tstat == TS_DORMANT)
		ercd = E_OBJ;
	else
		*p_tskpri = t->priority;
	port_unlock();
	return ercd;
}

/* What ref_tsk() reports about t, lock held. */
static void task_report(const TCB *t, T_RTSK *r)
{
	static const STAT tts[] = {
		[TS_DORMANT] = TTS_DMT,
		[TS_RUNNABLE] = TTS_RDY,
		[TS_WAITING] = TTS_WAI,
	};

	r->tskstat = t == p_runtsk ? TTS_RUN : tts[t->tstat];
	r->tskpri = t->priority;
	r->tskbpri = t->priority;
	r->tskwait = 0;
	r->wobjid = 0;
	r->lefttmo = 0;
	r->actcnt = t->actcnt;
	r->wupcnt = t->wupcnt;
	if (t->tstat != TS_WAITING)
		return;
	r->tskwait = t->p_winfo->tskwait;
	r->wobjid = t->p_winfo->wobjid;
	r->lefttmo = tmevt_pending(&t->tmevtb) ?
		(TMO)tmevt_left(&t->tmevtb) : TMO_FEVR;
}

ER ref_tsk(ID tskid, T_RTSK *pk_rtsk)
{
	TCB *t;

	if (!sense_task_context())
		return E_CTX;
	t = get_tcb_self(tskid);
	if (t == NULL)
		return E_ID;
	port_lock();
	task_report(t, pk_rtsk);
	port_unlock();
	return E_OK;
}
