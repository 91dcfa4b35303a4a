// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * ipc/mq.c - message queues between OSes: named, a fixed depth and
 * message size, FIFO.
 *
 * A queue's ring is in the heap: depth slots, each a 32-bit length and
 * room for msg_max bytes.  Send copies the caller's data into the slot
 * after the last, receive copies the oldest out; both are done whole in
 * one call, so a message is never seen half written.  The host receives
 * in two calls (NK_SVCF_PEEK, then MQ_TAKE), because its copy to the
 * process may fault: the message goes only once the process has it.  A call that cannot
 * be done (full, empty) with NK_SVCF_WAIT returns -EAGAIN and records its
 * OS as waiting; the next receive (for senders) or send (for receivers)
 * rings that OS's doorbell, and its waiters try again.
 */
#include "svc_impl.h"

static uint32_t nk_mq_slot_size(uint32_t msg_max)
{
	return 4 + ((msg_max + 3) & ~3u);
}

/* An entry in use that is sane: everything a call reads from it. */
static int nk_mq_ok(const struct nk_svc_dir *dir, const void *entry)
{
	const struct nk_mq_slot *q = entry;
	uint32_t ring;

	if (q->state != NK_SVC_USED || q->depth < 1 || q->depth > NK_MQ_DEPTH_MAX ||
	    q->msg_max < 1 || q->msg_max > NK_MQ_MSG_MAX)
		return 0;
	ring = q->depth * nk_mq_slot_size(q->msg_max);
	return q->pages == nk_svc_pages(ring) &&
	       nk_svc_in_heap(dir, q->off, q->pages * NK_SVC_PAGE) &&
	       q->head < q->depth && q->count <= q->depth;
}

static struct nk_svc_table nk_mq_table(struct nk_svc_dir *dir)
{
	return NK_SVC_TABLE(dir, mq, nk_mq_ok);
}

/* The queue a call names by its handle: in use, sane; else -ENOENT,
 * -EIDRM or -EIO. */
static struct nk_mq_slot *nk_mq_get(struct nk_svc_call *c, int *err)
{
	struct nk_svc_table t = nk_mq_table(c->dir);

	return nk_svc_get(c, &t, err);
}

/* A queue whose name exists: the same shape, whole, is opened. */
static int nk_mq_existing(struct nk_svc_call *c, const struct nk_svc_table *t, int i)
{
	struct nk_svc_req *r = c->req;
	const struct nk_mq_slot *q = &c->dir->mq[i];
	int err;

	if (r->flags & NK_SVCF_EXCL)
		return -NK_EEXIST;
	r->id = (uint32_t)nk_svc_handle(t, (uint32_t)i);
	if (!nk_svc_get(c, t, &err))
		return err;
	if (q->depth != r->arg[0] || q->msg_max != r->arg[1])
		return -NK_EEXIST;	/* the name is another queue */
	r->out[0] = q->depth;
	r->out[1] = q->msg_max;
	return (int)r->id;
}

static int nk_mq_op_create(struct nk_svc_call *c)
{
	struct nk_svc_req *r = c->req;
	uint32_t depth = r->arg[0], msg_max = r->arg[1], off, pages;
	struct nk_svc_table t = nk_mq_table(c->dir);
	struct nk_mq_slot *q;
	int i = nk_svc_find(&t, r->name, 0), err;

	if (!nk_svc_name_ok(r->name) || depth < 1 || depth > NK_MQ_DEPTH_MAX ||
	    msg_max < 1 || msg_max > NK_MQ_MSG_MAX)
		return -NK_EINVAL;
	if (i >= 0)
		return nk_mq_existing(c, &t, i);
	i = nk_svc_free_entry(&t);
	if (i < 0)
		return i;
	pages = nk_svc_pages(depth * nk_mq_slot_size(msg_max));
	err = nk_heap_alloc(c->dir, pages, &off);
	if (err)
		return err;
	q = nk_svc_fill(c, &t, i);
	q->depth = depth;
	q->msg_max = msg_max;
	q->off = off;
	q->pages = pages;
	q->state = NK_SVC_USED;	/* last: the entry is whole before it counts */
	r->out[0] = depth;
	r->out[1] = msg_max;
	return nk_svc_handle(&t, (uint32_t)i);
}

static int nk_mq_op_open(struct nk_svc_call *c)
{
	struct nk_svc_table t = nk_mq_table(c->dir);
	int h = nk_svc_open(c, &t, 0);

	if (h < 0)
		return h;
	c->req->out[0] = c->dir->mq[NK_SVC_INDEX((uint32_t)h)].depth;
	c->req->out[1] = c->dir->mq[NK_SVC_INDEX((uint32_t)h)].msg_max;
	return h;
}

/* Waiters of both kinds are told: the queue is gone, and they find out. */
static int nk_mq_op_destroy(struct nk_svc_call *c)
{
	struct nk_svc_table t = nk_mq_table(c->dir);
	uint32_t i = NK_SVC_INDEX(c->req->id);
	struct nk_mq_slot *q;
	int err;

	q = nk_svc_entry(&t, c->req->id, &err);
	if (!q)
		return err;
	if (nk_mq_get(c, &err))
		nk_heap_free(c->dir, q->off, q->pages);
	/* A scribbled entry goes too, its pages left taken: no one knows
	 * which they are. */
	nk_svc_ring_all(c->env, &q->readers, NK_DOORBELL_MQ, i);
	nk_svc_ring_all(c->env, &q->writers, NK_DOORBELL_MQ, i);
	nk_svc_clear(&t, i);
	return 0;
}

static uint8_t *nk_mq_slot(const struct nk_svc_call *c, const struct nk_mq_slot *q,
			   uint32_t n)
{
	return c->env->shared + q->off + n * nk_mq_slot_size(q->msg_max);
}

/* Record the caller as waiting for the queue to change. */
static int nk_mq_wait(struct nk_svc_call *c, uint32_t *mask, uint32_t *ids)
{
	if (!(c->req->flags & NK_SVCF_WAIT))
		return -NK_EAGAIN;
	*mask |= 1u << c->os;
	ids[c->os] = c->req->waiter;
	return -NK_EAGAIN;
}

static int nk_mq_op_send(struct nk_svc_call *c)
{
	struct nk_svc_req *r = c->req;
	struct nk_mq_slot *q;
	uint8_t *slot;
	uint32_t len = r->len;
	int err;

	q = nk_mq_get(c, &err);
	if (!q)
		return err;
	if (!len)
		return -NK_EINVAL;	/* a message has 1 to msg_max bytes */
	if (len > q->msg_max)
		return -NK_EMSGSIZE;
	if (q->count == q->depth)
		return nk_mq_wait(c, &q->writers, q->writer_id);
	slot = nk_mq_slot(c, q, (q->head + q->count) % q->depth);
	memcpy(slot, &len, 4);
	memcpy(slot + 4, c->data, len);
	q->count++;
	q->sent++;
	nk_svc_ring_all(c->env, &q->readers, NK_DOORBELL_MQ, NK_SVC_INDEX(r->id));
	return (int)len;
}

/* The head message's length, checked: a scribbled one is never copied. */
static int nk_mq_head_len(struct nk_svc_call *c, const struct nk_mq_slot *q)
{
	uint32_t len;

	memcpy(&len, nk_mq_slot(c, q, q->head), 4);
	if (!len || len > q->msg_max) {
		c->dir->corrupt++;
		return -NK_EIO;
	}
	return (int)len;
}

/* The head message goes: the next one is the head now. */
static void nk_mq_pop(struct nk_svc_call *c, struct nk_mq_slot *q)
{
	q->head = (q->head + 1) % q->depth;
	q->count--;
	q->received++;
	nk_svc_ring_all(c->env, &q->writers, NK_DOORBELL_MQ, NK_SVC_INDEX(c->req->id));
}

/* With NK_SVCF_PEEK the message is copied and stays: out1 is its number
 * (the messages received so far), for MQ_TAKE; with NK_SVCF_REF too, it
 * is not copied (out2: its bytes' offset in the shared region), so that
 * the call's work does not grow with the message. */
static int nk_mq_op_recv(struct nk_svc_call *c)
{
	struct nk_svc_req *r = c->req;
	struct nk_mq_slot *q;
	int len, err;

	q = nk_mq_get(c, &err);
	if (!q)
		return err;
	if (!q->count)
		return nk_mq_wait(c, &q->readers, q->reader_id);
	len = nk_mq_head_len(c, q);
	if (len < 0)
		return len;
	r->out[0] = (uint32_t)len;
	r->out[1] = (uint32_t)q->received;
	if ((uint32_t)len > r->len)
		return -NK_EMSGSIZE;	/* it stays queued */
	if (r->flags & NK_SVCF_REF) {
		r->out[2] = (uint32_t)(nk_mq_slot(c, q, q->head) + 4 - c->env->shared);
		return len;
	}
	memcpy(c->data, nk_mq_slot(c, q, q->head) + 4, (uint32_t)len);
	if (!(r->flags & NK_SVCF_PEEK))
		nk_mq_pop(c, q);
	return len;
}

/* The second half of a peeked receive: only the message peeked goes. */
static int nk_mq_op_take(struct nk_svc_call *c)
{
	struct nk_mq_slot *q;
	int len, err;

	q = nk_mq_get(c, &err);
	if (!q)
		return err;
	if (!q->count || (uint32_t)q->received != c->req->arg[0])
		return -NK_EAGAIN;	/* another receiver took it meanwhile */
	len = nk_mq_head_len(c, q);
	if (len > 0)
		nk_mq_pop(c, q);
	return len;
}

static int nk_mq_op_poll(struct nk_svc_call *c)
{
	struct nk_mq_slot *q;
	int err;

	q = nk_mq_get(c, &err);
	if (!q)
		return err;
	if (!q->count && (c->req->flags & NK_SVCF_WAIT)) {
		q->readers |= 1u << c->os;
		q->reader_id[c->os] = c->req->waiter;
	}
	return (int)q->count;
}

int nk_mq_call(struct nk_svc_call *c)
{
	switch (c->req->op) {
	case NK_SVC_MQ_POLL:
		return nk_mq_op_poll(c);
	case NK_SVC_MQ_CREATE:
		return nk_mq_op_create(c);
	case NK_SVC_MQ_OPEN:
		return nk_mq_op_open(c);
	case NK_SVC_MQ_DESTROY:
		return nk_mq_op_destroy(c);
	case NK_SVC_MQ_SEND:
		return nk_mq_op_send(c);
	case NK_SVC_MQ_TAKE:
		return nk_mq_op_take(c);
	default:
		return nk_mq_op_recv(c);
	}
}

/* The caller's OS has no waiter left on any queue (it reset, say). */
void nk_mq_cancel(struct nk_svc_call *c)
{
	unsigned int i;

	for (i = 0; i < NK_MQ_MAX; i++) {
		c->dir->mq[i].readers &= ~(1u << c->os);
		c->dir->mq[i].writers &= ~(1u << c->os);
	}
}
