// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rtos/kernel/mailbox.c - mailboxes.  A message goes straight to a
 * waiting receiver, else into the list: at the tail (TA_MFIFO) or behind
 * the messages of its own priority and better (TA_MPRI).
 */
#include "kernel_cfg.h"
#include "wait.h"

typedef struct {
	WINFO winfo;
	T_MSG *pk_msg;		/* received at the release */
} WINFO_MBX;

static MBXCB *get_mbxcb(ID mbxid)
{
	if (mbxid < 1 || (UINT)mbxid > kcfg->mbxnum)
		return NULL;
	return &kcfg->mbxcb[mbxid - 1];
}

void mailbox_initialize(void)
{
	UINT i;

	for (i = 0; i < kcfg->mbxnum; i++) {
		MBXCB *m = &kcfg->mbxcb[i];

		m->p_mbxinib = &kcfg->mbxinib[i];
		queue_init(&m->wait_queue);
		m->head = NULL;
	}
}

static PRI msg_pri(const T_MSG *msg)
{
	return ((const T_MSG_PRI *)msg)->msgpri;
}

/* Mailboxes hold few messages: one walk serves both orders. */
static void mailbox_enqueue(MBXCB *m, T_MSG *msg)
{
	bool mpri = m->p_mbxinib->mbxatr & TA_MPRI;
	T_MSG **pp = &m->head;

	while (*pp != NULL && (!mpri || msg_pri(*pp) <= msg_pri(msg)))
		pp = &(*pp)->pk_next;
	msg->pk_next = *pp;
	*pp = msg;
}

static void mailbox_send(MBXCB *m, T_MSG *msg)
{
	TCB *r = wait_queue_head(&m->wait_queue);

	if (r == NULL) {
		mailbox_enqueue(m, msg);
		return;
	}
	container_of(r->p_winfo, WINFO_MBX, winfo)->pk_msg = msg;
	wait_release(r, E_OK);
}

ER snd_mbx(ID mbxid, T_MSG *pk_msg)
{
	MBXCB *m;

	if (!sense_task_context())
		return E_CTX;
	m = get_mbxcb(mbxid);
	if (m == NULL)
		return E_ID;
	if (pk_msg == NULL)
		return E_PAR;
	if ((m->p_mbxinib->mbxatr & TA_MPRI) &&
	    (msg_pri(pk_msg) < TMIN_MPRI ||
	     msg_pri(pk_msg) > m->p_mbxinib->maxmpri))
		return E_PAR;
	port_lock();
	mailbox_send(m, pk_msg);
	task_unlock_dispatch();
	return E_OK;
}

static ER mailbox_wait(MBXCB *m, ID mbxid, T_MSG **ppk_msg, TMO tmout)
{
	WINFO_MBX w = { .winfo = { .tskwait = TTW_MBX, .wobjid = mbxid } };
	ER ercd;

	ercd = wait_block(&w.winfo, &m->wait_queue,
			  m->p_mbxinib->mbxatr & TA_TPRI, tmout);
	if (ercd == E_OK)
		*ppk_msg = w.pk_msg;
	return ercd;
}

ER trcv_mbx(ID mbxid, T_MSG **ppk_msg, TMO tmout)
{
	MBXCB *m;
	ER ercd = E_OK;

	if (!sense_task_context())
		return E_CTX;
	if (ppk_msg == NULL || !tmo_valid(tmout))
		return E_PAR;
	m = get_mbxcb(mbxid);
	if (m == NULL)
		return E_ID;
	port_lock();
	if (m->head != NULL) {
		*ppk_msg = m->head;
		m->head = m->head->pk_next;
	} else if (tmout == TMO_POL) {
		ercd = E_TMOUT;
	} else {
		ercd = mailbox_wait(m, mbxid, ppk_msg, tmout);
	}
	port_unlock();
	return ercd;
}

ER rcv_mbx(ID mbxid, T_MSG **ppk_msg)
{
	return trcv_mbx(mbxid, ppk_msg, TMO_FEVR);
}

ER prcv_mbx(ID mbxid, T_MSG **ppk_msg)
{
	return trcv_mbx(mbxid, ppk_msg, TMO_POL);
}

ER ref_mbx(ID mbxid, T_RMBX *pk_rmbx)
{
	MBXCB *m;

	if (!sense_task_context())
		return E_CTX;
	m = get_mbxcb(mbxid);
	if (m == NULL)
		return E_ID;
	port_lock();
	pk_rmbx->wtskid = wait_queue_head_id(&m->wait_queue);
	pk_rmbx->pk_msg = m->head;
	port_unlock();
	return E_OK;
}
