// SPDX-License-Identifier: GPL-2.0 OR MIT
/* rtos/kernel/mempfix.c - fixed-size memory pools. */
#include "kernel_cfg.h"
#include "wait.h"

typedef struct {
	WINFO winfo;
	void *blk;		/* handed over at the release */
} WINFO_MPF;

static MPFCB *get_mpfcb(ID mpfid)
{
	if (mpfid < 1 || (UINT)mpfid > kcfg->mpfnum)
		return NULL;
	return &kcfg->mpfcb[mpfid - 1];
}

void mempfix_initialize(void)
{
	UINT i;

	for (i = 0; i < kcfg->mpfnum; i++) {
		MPFCB *p = &kcfg->mpfcb[i];

		p->p_mpfinib = &kcfg->mpfinib[i];
		queue_init(&p->wait_queue);
		p->fblkcnt = p->p_mpfinib->blkcnt;
		p->unused = 0;
		p->freelist = NULL;
	}
}

/* A free block, or NULL: the released ones first, they are warm. */
static void *mempfix_get(MPFCB *p)
{
	const MPFINIB *pi = p->p_mpfinib;
	void *blk;

	if (p->freelist != NULL) {
		blk = p->freelist;
		p->freelist = p->freelist->next;
	} else if (p->unused < pi->blkcnt) {
		blk = (char *)pi->mpf + p->unused * MPF_ROUND(pi->blksz);
		p->unused++;
	} else {
		return NULL;
	}
	p->fblkcnt--;
	return blk;
}

/* Is blk the start of a block handed out from this pool? */
static bool mempfix_owns(const MPFCB *p, void *blk)
{
	const MPFINIB *pi = p->p_mpfinib;
	uintptr_t off = (uintptr_t)blk - (uintptr_t)pi->mpf;
	uintptr_t blksz = MPF_ROUND(pi->blksz);

	return (uintptr_t)blk >= (uintptr_t)pi->mpf &&
		off < p->unused * blksz && off % blksz == 0;
}

static void mempfix_release(MPFCB *p, void *blk)
{
	TCB *t = wait_queue_head(&p->wait_queue);
	struct mpf_free *f = blk;

	if (t != NULL) {
		container_of(t->p_winfo, WINFO_MPF, winfo)->blk = blk;
		wait_release(t, E_OK);
		return;
	}
	f->next = p->freelist;
	p->freelist = f;
	p->fblkcnt++;
}

ER tget_mpf(ID mpfid, VP *p_blk, TMO tmout)
{
	WINFO_MPF w = { .winfo = { .tskwait = TTW_MPF, .wobjid = mpfid } };
	MPFCB *p;
	ER ercd = E_OK;

	if (!sense_task_context())
		return E_CTX;
	if (p_blk == NULL || !tmo_valid(tmout))
		return E_PAR;
	p = get_mpfcb(mpfid);
	if (p == NULL)
		return E_ID;
	port_lock();
	w.blk = mempfix_get(p);
	if (w.blk == NULL && tmout == TMO_POL)
		ercd = E_TMOUT;
	else if (w.blk == NULL)
		ercd = wait_block(&w.winfo, &p->wait_queue,
				  p->p_mpfinib->mpfatr & TA_TPRI, tmout);
	if (ercd == E_OK)
		*p_blk = w.blk;
	port_unlock();
	return ercd;
}

ER get_mpf(ID mpfid, VP *p_blk)
{
	return tget_mpf(mpfid, p_blk, TMO_FEVR);
}

ER pget_mpf(ID mpfid, VP *p_blk)
{
	return tget_mpf(mpfid, p_blk, TMO_POL);
}

ER rel_mpf(ID mpfid, VP blk)
{
	MPFCB *p;

	if (!sense_task_context())
		return E_CTX;
	p = get_mpfcb(mpfid);
	if (p == NULL)
		return E_ID;
	port_lock();
	if (!mempfix_owns(p, blk)) {
		port_unlock();
		return E_PAR;
	}
	mempfix_release(p, blk);
	task_unlock_dispatch();
	return E_OK;
}

ER ref_mpf(ID mpfid, T_RMPF *pk_rmpf)
{
	MPFCB *p;

	if (!sense_task_context())
		return E_CTX;
	p = get_mpfcb(mpfid);
	if (p == NULL)
		return E_ID;
	port_lock();
	pk_rmpf->wtskid = wait_queue_head_id(&p->wait_queue);
	pk_rmpf->fblkcnt = p->fblkcnt;
	port_unlock();
	return E_OK;
}
