// SPDX-License-Identifier: GPL-2.0 OR MIT
/* rtos/kernel/semaphore.c - counting semaphores. */
#include "kernel_cfg.h"
#include "wait.h"

static SEMCB *get_semcb(ID semid)
{
	if (semid < 1 || (UINT)semid > kcfg->semnum)
		return NULL;
	return &kcfg->semcb[semid - 1];
}

void semaphore_initialize(void)
{
	UINT i;

	for (i = 0; i < kcfg->semnum; i++) {
		SEMCB *sem = &kcfg->semcb[i];

		sem->p_seminib = &kcfg->seminib[i];
		queue_init(&sem->wait_queue);
		sem->semcnt = sem->p_seminib->isemcnt;
	}
}

/* A waiting task takes the resource directly; the count stays 0. */
static ER semaphore_signal(SEMCB *sem)
{
	TCB *t = wait_queue_head(&sem->wait_queue);

	if (t != NULL) {
		wait_release(t, E_OK);
		return E_OK;
	}
	if (sem->semcnt >= sem->p_seminib->maxsem)
		return E_QOVR;
	sem->semcnt++;
	return E_OK;
}

ER sig_sem(ID semid)
{
	SEMCB *sem;
	ER ercd;

	if (!sense_task_context())
		return E_CTX;
	sem = get_semcb(semid);
	if (sem == NULL)
		return E_ID;
	port_lock();
	ercd = semaphore_signal(sem);
	task_unlock_dispatch();
	return ercd;
}

ER isig_sem(ID semid)
{
	SEMCB *sem;
	ER ercd;

	if (sense_task_context())
		return E_CTX;
	sem = get_semcb(semid);
	if (sem == NULL)
		return E_ID;
	port_lock();
	ercd = semaphore_signal(sem);
	port_unlock();
	return ercd;
}

ER twai_sem(ID semid, TMO tmout)
{
	WINFO w = { .tskwait = TTW_SEM, .wobjid = semid };
	SEMCB *sem;
	ER ercd;

	if (!sense_task_context())
		return E_CTX;
	if (!tmo_valid(tmout))
		return E_PAR;
	sem = get_semcb(semid);
	if (sem == NULL)
		return E_ID;
	port_lock();
	if (sem->semcnt > 0) {
		sem->semcnt--;
		ercd = E_OK;
	} else if (tmout == TMO_POL) {
		ercd = E_TMOUT;
	} else {
		ercd = wait_block(&w, &sem->wait_queue,
				  sem->p_seminib->sematr & TA_TPRI, tmout);
	}
	port_unlock();
	return ercd;
}

ER wai_sem(ID semid)
{
	return twai_sem(semid, TMO_FEVR);
}

ER pol_sem(ID semid)
{
	return twai_sem(semid, TMO_POL);
}

ER ref_sem(ID semid, T_RSEM *pk_rsem)
{
	SEMCB *sem;

	if (!sense_task_context())
		return E_CTX;
	sem = get_semcb(semid);
	if (sem == NULL)
		return E_ID;
	port_lock();
	pk_rsem->wtskid = wait_queue_head_id(&sem->wait_queue);
	pk_rsem->semcnt = sem->semcnt;
	port_unlock();
	return E_OK;
}
