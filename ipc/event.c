// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * ipc/event.c - event variables between OSes: 32 bits each, set, cleared
 * and waited for (any or all of a pattern), like µITRON event flags, with
 * the waiters of both OSes.
 *
 * A wait that is not satisfied with NK_SVCF_WAIT records the caller's OS
 * (and, for nkctl, who waits and for what) and returns -EAGAIN; every set
 * rings the OSes with waiters, which look again.  A satisfied wait may
 * clear bits in the same call (arg2), so two waiters never both take a
 * one-shot event.  The host waits in two calls when it clears (NK_SVCF_PEEK,
 * then EV_TAKE), because its copy of the result to the process may
 * fault: the bits go only once the process has them.
 */
#include "svc_impl.h"

/* An event variable has nothing to be scribbled but its state. */
static int nk_ev_ok(const struct nk_svc_dir *dir, const void *entry)
{
	const struct nk_ev_slot *e = entry;

	(void)dir;
	return e->state == NK_SVC_USED;
}

static struct nk_svc_table nk_ev_table(struct nk_svc_dir *dir)
{
	return NK_SVC_TABLE(dir, ev, nk_ev_ok);
}

static int nk_ev_op_create(struct nk_svc_call *c)
{
	struct nk_svc_req *r = c->req;
	struct nk_svc_table t = nk_ev_table(c->dir);
	struct nk_ev_slot *e;
	int i;

	if (!nk_svc_name_ok(r->name))
		return -NK_EINVAL;
	i = nk_svc_find(&t, r->name, 0);
	if (i >= 0) {		/* there already: opened, if it is whole */
		if (r->flags & NK_SVCF_EXCL)
			return -NK_EEXIST;
		r->id = (uint32_t)nk_svc_handle(&t, (uint32_t)i);
		return nk_svc_get(c, &t, &i) ? (int)r->id : i;
	}
	i = nk_svc_free_entry(&t);
	if (i < 0)
		return i;
	e = nk_svc_fill(c, &t, i);
	e->bits = r->arg[0];
	e->state = NK_SVC_USED;
	return nk_svc_handle(&t, (uint32_t)i);
}

static int nk_ev_op_destroy(struct nk_svc_call *c)
{
	struct nk_svc_table t = nk_ev_table(c->dir);
	uint32_t i = NK_SVC_INDEX(c->req->id);
	struct nk_ev_slot *e;
	int err;

	e = nk_svc_entry(&t, c->req->id, &err);
	if (!e)
		return err;
	nk_svc_ring_all(c->env, &e->waiters, NK_DOORBELL_EV, i);
	nk_svc_clear(&t, i);
	return 0;
}

static int nk_ev_satisfied(uint32_t bits, uint32_t want, uint32_t mode)
{
	return mode == NK_EV_ALL ? (bits & want) == want : (bits & want) != 0;
}

static int nk_ev_op_wait(struct nk_svc_call *c, struct nk_ev_slot *e)
{
	struct nk_svc_req *r = c->req;
	uint32_t want = r->arg[0], mode = r->arg[1];

	if (!want || mode > NK_EV_ALL)
		return -NK_EINVAL;
	if (nk_ev_satisfied(e->bits, want, mode)) {
		r->out[0] = e->bits;
		if (!(r->flags & NK_SVCF_PEEK))
			e->bits &= ~r->arg[2];
		return 0;
	}
	if (!(r->flags & NK_SVCF_WAIT))
		return -NK_EAGAIN;
	e->waiters |= 1u << c->os;
	e->wait_id[c->os] = r->waiter;
	e->wait_bits[c->os] = want;
	return -NK_EAGAIN;
}

/* The second half of a peeked wait: the bits go only if they are still
 * what the peek saw (arg3) and still satisfy the wait. */
static int nk_ev_op_take(struct nk_svc_call *c, struct nk_ev_slot *e)
{
	struct nk_svc_req *r = c->req;

	if (!r->arg[0] || r->arg[1] > NK_EV_ALL)
		return -NK_EINVAL;
	if (e->bits != r->arg[3] || !nk_ev_satisfied(e->bits, r->arg[0], r->arg[1]))
		return -NK_EAGAIN;
	r->out[0] = e->bits;
	e->bits &= ~r->arg[2];
	return 0;
}

int nk_ev_call(struct nk_svc_call *c)
{
	struct nk_svc_req *r = c->req;
	struct nk_svc_table t = nk_ev_table(c->dir);
	struct nk_ev_slot *e;
	int err;

	switch (r->op) {
	case NK_SVC_EV_CREATE:
		return nk_ev_op_create(c);
	case NK_SVC_EV_OPEN:
		return nk_svc_open(c, &t, 0);
	case NK_SVC_EV_DESTROY:
		return nk_ev_op_destroy(c);
	}
	e = nk_svc_get(c, &t, &err);
	if (!e)
		return err;
	switch (r->op) {
	case NK_SVC_EV_SET:
		e->bits |= r->arg[0];
		e->sets++;
		r->out[0] = e->bits;
		nk_svc_ring_all(c->env, &e->waiters, NK_DOORBELL_EV, NK_SVC_INDEX(r->id));
		return 0;
	case NK_SVC_EV_CLEAR:
		e->bits &= ~r->arg[0];
		r->out[0] = e->bits;
		return 0;
	case NK_SVC_EV_TAKE:
		return nk_ev_op_take(c, e);
	default:
		return nk_ev_op_wait(c, e);
	}
}

void nk_ev_cancel(struct nk_svc_call *c)
{
	unsigned int i;

	for (i = 0; i < NK_EV_MAX; i++)
		c->dir->ev[i].waiters &= ~(1u << c->os);
}
