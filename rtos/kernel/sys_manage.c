// SPDX-License-Identifier: GPL-2.0 OR MIT
/* rtos/kernel/sys_manage.c - system state: ready queue rotation, task ID, context. */
#include "kernel_cfg.h"

ER rot_rdq(PRI tskpri)
{
	if (!sense_task_context())
		return E_CTX;
	if (tskpri != TPRI_SELF && (tskpri < TMIN_TPRI || tskpri > TMAX_TPRI))
		return E_PAR;
	port_lock();
	rotate_ready_queue(tskpri == TPRI_SELF ? p_runtsk->priority : tskpri);
	task_unlock_dispatch();
	return E_OK;
}

/* A handler has no priority of its own: TPRI_SELF is E_PAR here. */
ER irot_rdq(PRI tskpri)
{
	if (sense_task_context())
		return E_CTX;
	if (tskpri < TMIN_TPRI || tskpri > TMAX_TPRI)
		return E_PAR;
	port_lock();
	rotate_ready_queue(tskpri);
	port_unlock();
	return E_OK;
}

ER get_tid(ID *p_tskid)
{
	if (!sense_task_context())
		return E_CTX;
	*p_tskid = tcb_id(p_runtsk);
	return E_OK;
}

/* The task the handler interrupted, TSK_NONE in the idle time. */
ER iget_tid(ID *p_tskid)
{
	if (sense_task_context())
		return E_CTX;
	port_lock();
	*p_tskid = p_runtsk ? tcb_id(p_runtsk) : TSK_NONE;
	port_unlock();
	return E_OK;
}

BOOL sns_ctx(void)
{
	return sense_task_context() ? FALSE : TRUE;
}
