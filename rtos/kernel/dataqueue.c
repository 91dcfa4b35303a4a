// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rtos/kernel/dataqueue.c - data queues.
 *
 * Senders wait only while the ring is full, receivers only while it is
 * empty, so a send first serves a waiting receiver and a receive refills
 * the ring from a waiting sender.  With no ring at all (capacity 0) the
 * receive takes the data straight from the first waiting sender.
 */
#include "kernel_cfg.h"
#include "wait.h"

typedef struct {
	WINFO winfo;
	VP_INT data;		/* sent, or received at the release */
} WINFO_DTQ;

static DTQCB *get_dtqcb(ID dtqid)
{
	if (dtqid < 1 || (UINT)dtqid > kcfg->dtqnum)
		return NULL;
	return &kcfg->dtqcb[dtqid - 1];
}

void dataqueue_initialize(void)
{
	UINT i;

	for (i = 0; i < kcfg->dtqnum; i++) {
		DTQCB *d = &kcfg->dtqcb[i];

		d->p_dtqinib = &kcfg->dtqinib[i];
		queue_init(&d->swait_queue);
		queue_init(&d->rwait_queue);
		d->count = 0;
		d->head = 0;
	}
}

static WINFO_DTQ *winfo_dtq(TCB *t)
{
	return container_of(t->p_winfo, WINFO_DTQ, winfo);
}

static void ring_put(DTQCB *d, VP_INT data)
{
	UINT cap = d->p_dtqinib->dtqcnt;
	UINT tail = d->head + d->count;

	d->p_dtqinib->p_dtq[tail >= cap ? tail - cap : tail] = data;
	d->count++;
}

static VP_INT ring_get(DTQCB *d)
{
	VP_INT data = d->p_dtqinib->p_dtq[d->head];

	if (++d->head == d->p_dtqinib->dtqcnt)
		d->head = 0;
	d->count--;
	return data;
}

/* Hand data to the first waiting receiver, if there is one. */
static bool dataqueue_deliver(DTQCB *d, VP_INT data)
{
	TCB *r = wait_queue_head(&d->rwait_queue);

	if (r == NULL)
		return false;
	winfo_dtq(r)->data = data;
	wait_release(r, E_OK);
	return true;
}

/* E_OK, or E_TMOUT: full, the sender must wait. */
static ER dataqueue_send(DTQCB *d, VP_INT data)
{
	if (dataqueue_deliver(d, data))
		return E_OK;
	if (d->count >= d->p_dtqinib->dtqcnt)
		return E_TMOUT;
	ring_put(d, data);
	return E_OK;
}

/* Never waits: a full ring loses its oldest data. */
static ER dataqueue_force(DTQCB *d, VP_INT data)
{
	if (d->p_dtqinib->dtqcnt == 0)
		return E_ILUSE;
	if (dataqueue_deliver(d, data))
		return E_OK;
	if (d->count >= d->p_dtqinib->dtqcnt)
		(void)ring_get(d);
	ring_put(d, data);
	return E_OK;
}

/* E_OK, or E_TMOUT: nothing to receive, the receiver must wait. */
static ER dataqueue_receive(DTQCB *d, VP_INT *p_data)
{
	TCB *s = wait_queue_head(&d->swait_queue);

	if (d->count > 0) {
		*p_data = ring_get(d);
		if (s != NULL) {
			ring_put(d, winfo_dtq(s)->data);
			wait_release(s, E_OK);
		}
		return E_OK;
	}
	if (s == NULL)
		return E_TMOUT;
	*p_data = winfo_dtq(s)->data;
	wait_release(s, E_OK);
	return E_OK;
}

ER tsnd_dtq(ID dtqid, VP_INT data, TMO tmout)
{
	WINFO_DTQ w = { .winfo = { .tskwait = TTW_SDTQ, .wobjid = dtqid },
			.data = data };
	DTQCB *d;
	ER ercd;

	if (!sense_task_context())
		return E_CTX;
	if (!tmo_valid(tmout))
		return E_PAR;
	d = get_dtqcb(dtqid);
	if (d == NULL)
		return E_ID;
	port_lock();
	ercd = dataqueue_send(d, data);
	if (ercd == E_TMOUT && tmout != TMO_POL)
		ercd = wait_block(&w.winfo, &d->swait_queue,
				  d->p_dtqinib->dtqatr & TA_TPRI, tmout);
	task_unlock_dispatch();
	return ercd;
}

ER snd_dtq(ID dtqid, VP_INT data)
{
	return tsnd_dtq(dtqid, data, TMO_FEVR);
}

ER psnd_dtq(ID dtqid, VP_INT data)
{
	return tsnd_dtq(dtqid, data, TMO_POL);
}

ER ipsnd_dtq(ID dtqid, VP_INT data)
{
	DTQCB *d;
	ER ercd;

	if (sense_task_context())
		return E_CTX;
	d = get_dtqcb(dtqid);
	if (d == NULL)
		return E_ID;
	port_lock();
	ercd = dataqueue_send(d, data);
	port_unlock();
	return ercd;
}

ER fsnd_dtq(ID dtqid, VP_INT data)
{
	DTQCB *d;
	ER ercd;

	if (!sense_task_context())
		return E_CTX;
	d = get_dtqcb(dtqid);
	if (d == NULL)
		return E_ID;
	port_lock();
	ercd = dataqueue_force(d, data);
	task_unlock_dispatch();
	return ercd;
}

ER ifsnd_dtq(ID dtqid, VP_INT data)
{
	DTQCB *d;
	ER ercd;

	if (sense_task_context())
		return E_CTX;
	d = get_dtqcb(dtqid);
	if (d == NULL)
		return E_ID;
	port_lock();
	ercd = dataqueue_force(d, data);
	port_unlock();
	return ercd;
}

/* The receivers' queue is FIFO whatever the attribute (µITRON 4.0). */
ER trcv_dtq(ID dtqid, VP_INT *p_data, TMO tmout)
{
	WINFO_DTQ w = { .winfo = { .tskwait = TTW_RDTQ, .wobjid = dtqid } };
	DTQCB *d;
	ER ercd;

	if (!sense_task_context())
		return E_CTX;
	if (p_data == NULL || !tmo_valid(tmout))
		return E_PAR;
	d = get_dtqcb(dtqid);
	if (d == NULL)
		return E_ID;
	port_lock();
	ercd = dataqueue_receive(d, p_data);
	if (ercd == E_TMOUT && tmout != TMO_POL) {
		ercd = wait_block(&w.winfo, &d->rwait_queue, false, tmout);
		if (ercd == E_OK)
			*p_data = w.data;
	}
	task_unlock_dispatch();
	return ercd;
}

ER rcv_dtq(ID dtqid, VP_INT *p_data)
{
	return trcv_dtq(dtqid, p_data, TMO_FEVR);
}

ER prcv_dtq(ID dtqid, VP_INT *p_data)
{
	return trcv_dtq(dtqid, p_data, TMO_POL);
}

ER ref_dtq(ID dtqid, T_RDTQ *pk_rdtq)
{
	DTQCB *d;

	if (!sense_task_context())
		return E_CTX;
	d = get_dtqcb(dtqid);
	if (d == NULL)
		return E_ID;
	port_lock();
	pk_rdtq->stskid = wait_queue_head_id(&d->swait_queue);
	pk_rdtq->rtskid = wait_queue_head_id(&d->rwait_queue);
	pk_rdtq->sdtqcnt = d->count;
	port_unlock();
	return E_OK;
}
