// SPDX-License-Identifier: GPL-2.0
/*
 * loader/svc_ioctl.c - the services' ioctls (0x20-0x3f, include/nk/ioctl.h;
 * Documentation/services.md): each argument is copied in once, checked,
 * and the call made through svc.c.  The rule throughout: whatever can
 * fault is copied before the operation takes effect, so that an error
 * means nothing changed.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <nk/ioctl.h>
#include <nk/crc32.h>
#include <nk/layout.h>
#include "loader.h"
#include "svc.h"

/* The argument of a service's ioctl, copied in once (nkl_svc_ioctl()). */
union nkl_svc_args {
	struct nk_svc_obj_args obj;
	struct nk_msg_args msg;
	struct nk_ev_args ev;
	struct nk_pnvm_args pnvm;
	struct nk_svc_list_args list;
};

typedef long nkl_svc_fn(struct nkl_svc_file *f, union nkl_svc_args *u,
			void __user *uarg, unsigned int cmd);

static long nkl_svc_put(void __user *uarg, const void *a, size_t size)
{
	return copy_to_user(uarg, a, size) ? -EFAULT : 0;
}

/*
 * Clear a new segment or region in the shared region, with interrupts on
 * and the scheduler free to run others.  The offset and size come back
 * from the shared region: checked against the area they belong to first.
 */
static int nkl_svc_clear(u32 off, u32 size, bool pnvm, u32 *crc)
{
	struct nkl_loader *ld = nkl_svc_ld;
	u32 done, pbase = (u32)ld->cfg.shared.size - NK_PNVM_AREA;
	u32 lo = pnvm ? pbase + NK_SVC_PAGE : NK_SVC_HEAP_OFF;
	u32 hi = pnvm ? (u32)ld->cfg.shared.size : pbase;

	if (off < lo || off > hi || size > hi - off || (off | size) & (PAGE_SIZE - 1))
		return -EIO;	/* an answer no table could give: scribbled */
	*crc = 0;
	for (done = 0; done < size; done += PAGE_SIZE) {
		memset(ld->shared_va + off + done, 0, PAGE_SIZE);
		*crc = nk_crc32(*crc, ld->shared_va + off + done, PAGE_SIZE);
		cond_resched();
	}
	return 0;
}

/* A created segment is CREATING (found by no one): cleared, then published. */
static int nkl_svc_publish(u32 h, u32 off, u32 size)
{
	u32 crc;
	int err = nkl_svc_clear(off, size, false, &crc);

	return err ? err : nkl_svc_simple(NK_SVC_SHM_PUBLISH, h);
}

/* The request of a create or open, from its checked argument. */
static u32 nkl_svc_obj_req(struct nk_svc_req *r, const struct nk_svc_obj_args *a,
			   unsigned int cmd)
{
	memcpy(r->name, a->name, sizeof(r->name));
	r->flags = a->flags;
	r->arg[0] = a->arg[0];
	r->arg[1] = a->arg[1];
	switch (cmd) {
	case NK_IOC_MQ_CREATE:
	case NK_IOC_MQ_OPEN:
		r->op = cmd == NK_IOC_MQ_CREATE ? NK_SVC_MQ_CREATE : NK_SVC_MQ_OPEN;
		return NKL_MQ;
	case NK_IOC_EV_CREATE:
	case NK_IOC_EV_OPEN:
		r->op = cmd == NK_IOC_EV_CREATE ? NK_SVC_EV_CREATE : NK_SVC_EV_OPEN;
		return NKL_EV;
	default:
		r->op = cmd == NK_IOC_SHM_CREATE ? NK_SVC_SHM_CREATE : NK_SVC_SHM_OPEN;
		r->len = a->arg[0];
		r->arg[0] = a->arg[1];
		return NKL_SHM;
	}
}

/* What the answer gives the descriptor: the handle, a segment's
 * reference, a new segment published.  Undone on failure. */
static int nkl_svc_obj_hold(struct nkl_svc_file *f, const struct nk_svc_req *r,
			    unsigned int kind, u32 h)
{
	u32 max = kind == NKL_SHM ? NK_SHM_MAX : kind == NKL_EV ? NK_EV_MAX : NK_MQ_MAX;
	bool counted = kind == NKL_SHM;
	int err = 0;

	if (NK_SVC_INDEX(h) >= max || !NK_SVC_GEN(h))
		return -EIO;	/* a handle no table has: the answer was scribbled */
	if (r->op == NK_SVC_SHM_CREATE && r->out[4])
		err = nkl_svc_publish(h, r->out[0], r->out[1]);
	if (!err) {
		mutex_lock(&f->lock);
		err = nkl_svc_hold(f, kind, h, counted);
		mutex_unlock(&f->lock);
	}
	if (err && counted)
		nkl_svc_simple(NK_SVC_SHM_CLOSE, h);	/* undone */
	return err;
}

/* MQ, EV, SHM create and open, with what they return. */
static long nkl_svc_obj(struct nkl_svc_file *f, union nkl_svc_args *u,
			void __user *uarg, unsigned int cmd)
{
	struct nk_svc_obj_args *a = &u->obj;
	struct nk_svc_req r = { 0 };
	unsigned int kind;
	int h, err;

	if (a->reserved[0] || a->reserved[1] || (a->flags & ~NK_SVCF_EXCL) ||
	    !nk_svc_name_ok(a->name))
		return -EINVAL;
	if (nkl_svc_put(uarg, a, sizeof(*a)))
		return -EFAULT;	/* the answer could not be given: do nothing */
	kind = nkl_svc_obj_req(&r, a, cmd);
	atomic_inc(&nkl_svc_counts.opening);	/* a detach waits for the hold */
	h = nkl_svc_call(&r, NULL, 0, NULL, 0);
	err = h < 0 ? h : nkl_svc_obj_hold(f, &r, kind, (u32)h);
	atomic_dec(&nkl_svc_counts.opening);
	if (err)
		return err;
	a->id = (u32)h;
	memcpy(a->out, r.out, sizeof(a->out));
	return nkl_svc_put(uarg, a, sizeof(*a));
}

/* The kind and operation of a call by handle. */
static unsigned int nkl_svc_by_id_op(unsigned int cmd, u32 *op)
{
	switch (cmd) {
	case NK_IOC_MQ_DESTROY:
		*op = NK_SVC_MQ_DESTROY;
		return NKL_MQ;
	case NK_IOC_MQ_WATCH:
		*op = 0;
		return NKL_MQ;
	case NK_IOC_EV_DESTROY:
		*op = NK_SVC_EV_DESTROY;
		return NKL_EV;
	case NK_IOC_SHM_CLOSE:
		*op = NK_SVC_SHM_CLOSE;
		return NKL_SHM;
	default:	/* NK_IOC_SHM_DESTROY */
		*op = NK_SVC_SHM_DESTROY;
		return NKL_SHM;
	}
}

/* The test hook: scribble on a table entry (an index, not a handle). */
static long nkl_svc_corrupt(const struct nk_svc_obj_args *a)
{
	struct nk_svc_req r = { .op = NK_SVC_TEST_CORRUPT, .id = a->id };

	if (!nkl_test_hooks)
		return -EPERM;
	r.arg[0] = a->arg[0];
	return nkl_svc_call(&r, NULL, 0, NULL, 0);
}

/* Destroy, close, watch: by a handle this descriptor holds. */
static long nkl_svc_by_id(struct nkl_svc_file *f, union nkl_svc_args *u,
			  void __user *uarg, unsigned int cmd)
{
	struct nk_svc_obj_args *a = &u->obj;
	unsigned int kind;
	u32 op;
	int ret = 0;

	if (a->reserved[0] || a->reserved[1])
		return -EINVAL;
	if (cmd == NK_IOC_TEST_SVC_CORRUPT)
		return nkl_svc_corrupt(a);
	kind = nkl_svc_by_id_op(cmd, &op);
	mutex_lock(&f->lock);
	if (!nkl_svc_holds(f, kind, a->id)) {
		ret = -EBADF;
	} else if (!op) {
		f->watch = (int)nkl_svc_slot(kind, a->id);
	} else {
		ret = nkl_svc_simple(op, a->id);	/* stale: -EIDRM, held on */
		if (!ret && op != NK_SVC_SHM_DESTROY)
			nkl_svc_unhold(f, kind, a->id, kind == NKL_SHM);
	}
	mutex_unlock(&f->lock);
	return ret;
}

/* Does this descriptor hold handle h of kind?  (Its lock, briefly.) */
static bool nkl_svc_check(struct nkl_svc_file *f, unsigned int kind, u32 h)
{
	bool held;

	mutex_lock(&f->lock);
	held = nkl_svc_holds(f, kind, h);
	mutex_unlock(&f->lock);
	return held;
}

/*
 * A send: the message straight from the process's buffer into the staging
 * area when its pages are there (the common case); else through a kernel
 * buffer, copied first, where a fault is allowed (nothing sent then).
 */
static long nkl_svc_send(struct nk_msg_args *a, void __user *buf)
{
	const struct nk_svc_req send = { .op = NK_SVC_MQ_SEND, .id = a->id, .len = a->len };
	struct nk_svc_req r = send;
	struct nkl_svc_wait w;
	void *data;
	int ret;

	nkl_svc_wait_mq(&w, a->timeout_ms, NK_SVC_INDEX(a->id));
	w.from_user = true;
	w.uin = buf;
	ret = nkl_svc_wait_call(&r, NULL, a->len, NULL, 0, &w);
	if (ret != -EFAULT)
		return ret;
	data = nkl_svc_buf(a->len);
	ret = -ENOMEM;
	if (!data)
		return ret;
	ret = -EFAULT;
	if (!copy_from_user(data, buf, a->len)) {
		r = send;
		nkl_svc_wait_mq(&w, a->timeout_ms, NK_SVC_INDEX(a->id));
		ret = nkl_svc_wait_call(&r, data, a->len, NULL, 0, &w);
	}
	nkl_svc_buf_free(data);
	return ret;
}

/*
 * The peeked message's bytes, where the nanokernel says they are: inside
 * the heap (a scribbled table could say anything), then straight from
 * the queue's ring to the process, interrupts on and no lock held.  It
 * cannot change meanwhile: it stays queued until taken, and if another
 * receiver takes it first, the take below fails and the loop goes round.
 */
static int nkl_svc_copy_out(void __user *buf, u32 off, u32 len)
{
	struct nkl_loader *ld = nkl_svc_ld;
	u32 pbase;
	int err = -ENODEV;

	if (!nkl_svc_copy_begin())
		return err;
	pbase = (u32)ld->cfg.shared.size - NK_PNVM_AREA;
	err = -EIO;
	if (off >= NK_SVC_HEAP_OFF && off <= pbase && len <= pbase - off)
		err = copy_to_user(buf, ld->shared_va + off, len) ? -EFAULT : 0;
	nkl_svc_copy_end();
	return err;
}

/*
 * A receive in two phases: the message is found (peeked by reference),
 * handed to the process (its buffer, then the argument block), and only
 * then taken from the queue, if it is still the one peeked (another
 * receiver may have been quicker: then round again).  A fault leaves it
 * queued.  The nanokernel copies nothing: the call's work does not grow
 * with the message.
 */
static long nkl_svc_recv(struct nk_msg_args *a, void __user *buf, void __user *uarg)
{
	struct nk_svc_req r;
	struct nkl_svc_wait w;
	u32 room = a->len;	/* a->len becomes the message's: round again with the room */
	int ret;

	nkl_svc_wait_mq(&w, a->timeout_ms, NK_SVC_INDEX(a->id));
	do {
		memset(&r, 0, sizeof(r));
		r.op = NK_SVC_MQ_RECV;
		r.id = a->id;
		r.len = room;
		r.flags = NK_SVCF_PEEK | NK_SVCF_REF;
		ret = nkl_svc_wait_call(&r, NULL, 0, NULL, 0, &w);
		if (ret == -EMSGSIZE)
			a->len = min_t(u32, r.out[0], NK_MQ_MSG_MAX);	/* what it needs */
		if (ret < 0)
			break;
		if ((u32)ret > room)
			return -EIO;	/* an answer no table could give */
		a->len = (u32)ret;
		ret = nkl_svc_copy_out(buf, r.out[2], a->len);
		if (!ret && nkl_svc_put(uarg, a, sizeof(*a)))
			ret = -EFAULT;	/* it stays queued */
		if (ret)
			break;
		ret = nkl_svc_simple_arg(NK_SVC_MQ_TAKE, a->id, r.out[1]);
	} while (ret == -EAGAIN);
	return ret;
}

static long nkl_svc_msg(struct nkl_svc_file *f, union nkl_svc_args *u,
			void __user *uarg, unsigned int cmd)
{
	struct nk_msg_args *a = &u->msg;
	void __user *buf = u64_to_user_ptr(a->buf_ptr);
	int ret;

	if (a->reserved[0] || a->reserved[1] || a->reserved[2] ||
	    a->len > NK_SVC_DATA_MAX || a->timeout_ms < -1)
		return -EINVAL;
	if (cmd == NK_IOC_MQ_SEND && !a->len)
		return -EINVAL;		/* a message has 1 to 64 KB */
	if (!nkl_svc_check(f, NKL_MQ, a->id))
		return -EBADF;
	if ((a->len && !access_ok(buf, a->len)) || nkl_svc_put(uarg, a, sizeof(*a)))
		return -EFAULT;
	if (cmd == NK_IOC_MQ_SEND) {
		ret = nkl_svc_send(a, buf);
		if (ret >= 0)
			a->len = (u32)ret;
	} else {
		ret = nkl_svc_recv(a, buf, uarg);
	}
	if (ret < 0 && ret != -EMSGSIZE)
		return ret;
	if (nkl_svc_put(uarg, a, sizeof(*a)))
		return -EFAULT;	/* send: it went; recv: the process has it */
	return ret < 0 ? ret : 0;
}

/*
 * A wait that clears bits, in two phases: the bits that satisfy it are
 * peeked and handed to the process, then taken only if they are still
 * those (else round again).  One that clears nothing needs one call.
 */
static long nkl_svc_ev_wait(struct nk_ev_args *a, void __user *uarg)
{
	struct nk_svc_req r;
	struct nkl_svc_wait w;
	int ret;

	nkl_svc_wait_ev(&w, a->timeout_ms, NK_SVC_INDEX(a->id));
	do {
		memset(&r, 0, sizeof(r));
		r.op = NK_SVC_EV_WAIT;
		r.id = a->id;
		r.arg[0] = a->bits;
		r.arg[1] = a->mode;
		r.arg[2] = a->clear;
		r.flags = a->clear ? NK_SVCF_PEEK : 0;
		ret = nkl_svc_wait_call(&r, NULL, 0, NULL, 0, &w);
		if (ret < 0)
			return ret;
		a->result = r.out[0];
		if (nkl_svc_put(uarg, a, sizeof(*a)))
			return -EFAULT;	/* nothing was taken */
		if (!a->clear)
			return 0;
		r.op = NK_SVC_EV_TAKE;
		r.arg[3] = a->result;
		r.flags = 0;
		ret = nkl_svc_call(&r, NULL, 0, NULL, 0);
	} while (ret == -EAGAIN);
	return ret;
}

static long nkl_svc_event(struct nkl_svc_file *f, union nkl_svc_args *u,
			  void __user *uarg, unsigned int cmd)
{
	struct nk_ev_args *a = &u->ev;
	struct nk_svc_req r = { .id = a->id };
	int ret;

	if (a->reserved[0] || a->reserved[1] || a->timeout_ms < -1)
		return -EINVAL;
	if (cmd == NK_IOC_EV_WAIT && (a->mode > NK_EV_ALL || !a->bits))
		return -EINVAL;
	if (!nkl_svc_check(f, NKL_EV, a->id))
		return -EBADF;
	if (nkl_svc_put(uarg, a, sizeof(*a)))
		return -EFAULT;
	if (cmd == NK_IOC_EV_WAIT)
		return nkl_svc_ev_wait(a, uarg);
	r.op = cmd == NK_IOC_EV_SET ? NK_SVC_EV_SET : NK_SVC_EV_CLEAR;
	r.arg[0] = a->bits;
	ret = nkl_svc_call(&r, NULL, 0, NULL, 0);
	if (ret < 0)
		return ret;
	a->result = r.out[0];
	return nkl_svc_put(uarg, a, sizeof(*a));	/* it is done: a fault only says so */
}

/*
 * A new region starts torn (generation 1, not cleared): cleared here and
 * committed, so that the process finds it zeroed and whole.  Should that
 * fail, the reference is given back; the region stays torn, as a crash
 * would have left it.
 */
static long nkl_svc_pnvm_new(struct nkl_svc_file *f, struct nk_pnvm_args *a)
{
	struct nk_svc_req r = { .op = NK_SVC_PNVM_COMMIT, .id = a->id };
	int err = nkl_svc_clear(a->offset, a->size, true, &r.arg[0]);

	if (!err)
		err = nkl_svc_call(&r, NULL, 0, NULL, 0);
	if (err) {
		mutex_lock(&f->lock);
		if (nkl_svc_holds(f, NKL_PNVM, a->id))
			nkl_svc_unhold(f, NKL_PNVM, a->id, true);
		mutex_unlock(&f->lock);
		nkl_svc_simple(NK_SVC_PNVM_CLOSE, a->id);
		return err;
	}
	a->generation = r.out[3];
	a->crc = r.arg[0];
	return 0;
}

/* What PNVM_OPEN answered (h), held by the descriptor, or undone. */
static int nkl_svc_pnvm_hold(struct nkl_svc_file *f, int h)
{
	int err;

	if (h < 0)
		return h;
	if (NK_SVC_INDEX((u32)h) >= NK_PNVM_MAX || !NK_SVC_GEN((u32)h))
		return -EIO;
	mutex_lock(&f->lock);
	err = nkl_svc_hold(f, NKL_PNVM, (u32)h, true);
	mutex_unlock(&f->lock);
	if (err)
		nkl_svc_simple(NK_SVC_PNVM_CLOSE, (u32)h);
	return err;
}

/* PNVM_OPEN: the region's handle, with a reference, held here. */
static long nkl_svc_pnvm_open(struct nkl_svc_file *f, struct nk_pnvm_args *a)
{
	struct nk_svc_req r = { .op = NK_SVC_PNVM_OPEN, .len = a->size };
	int h, err;

	r.arg[0] = a->key;
	atomic_inc(&nkl_svc_counts.opening);	/* a detach waits for the hold */
	h = nkl_svc_call(&r, NULL, 0, NULL, 0);
	err = nkl_svc_pnvm_hold(f, h);
	atomic_dec(&nkl_svc_counts.opening);
	if (err)
		return err;
	a->id = (u32)h;
	a->offset = r.out[0];
	a->size = r.out[1];
	a->status = r.out[2];
	a->generation = r.out[3];
	a->crc = r.out[4];
	if (a->status == NK_PNVM_NEW)
		return nkl_svc_pnvm_new(f, a);
	return 0;
}

/* BEGIN, COMMIT, CLOSE: by a handle this descriptor holds. */
static long nkl_svc_pnvm_by_id(struct nkl_svc_file *f, struct nk_pnvm_args *a,
			       unsigned int cmd)
{
	struct nk_svc_req r = { .id = a->id };
	int ret;

	r.op = cmd == NK_IOC_PNVM_BEGIN ? NK_SVC_PNVM_BEGIN :
	       cmd == NK_IOC_PNVM_COMMIT ? NK_SVC_PNVM_COMMIT : NK_SVC_PNVM_CLOSE;
	r.arg[0] = a->crc;
	mutex_lock(&f->lock);
	if (!nkl_svc_holds(f, NKL_PNVM, a->id)) {
		ret = -EBADF;
	} else {
		ret = nkl_svc_call(&r, NULL, 0, NULL, 0);
		if (!ret && cmd == NK_IOC_PNVM_CLOSE)
			nkl_svc_unhold(f, NKL_PNVM, a->id, true);
	}
	mutex_unlock(&f->lock);
	a->generation = r.out[3];
	return ret;
}

static long nkl_svc_pnvm(struct nkl_svc_file *f, union nkl_svc_args *u,
			 void __user *uarg, unsigned int cmd)
{
	struct nk_pnvm_args *a = &u->pnvm;
	struct nk_svc_req r = { .op = NK_SVC_PNVM_FREE };
	long ret;

	if (a->reserved[0] || a->reserved[1])
		return -EINVAL;
	if (nkl_svc_put(uarg, a, sizeof(*a)))
		return -EFAULT;
	switch (cmd) {
	case NK_IOC_PNVM_OPEN:
		ret = nkl_svc_pnvm_open(f, a);
		break;
	case NK_IOC_PNVM_FREE:
		r.arg[0] = a->key;
		r.arg[1] = a->index;
		return nkl_svc_call(&r, NULL, 0, NULL, 0);
	default:
		ret = nkl_svc_pnvm_by_id(f, a, cmd);
	}
	if (ret)
		return ret;
	return nkl_svc_put(uarg, a, sizeof(*a));
}

/* The tables and the counts of the leak check, copied out after the
 * lock: the tables through a kernel buffer. */
static long nkl_svc_list(struct nkl_svc_file *f, union nkl_svc_args *u,
			 void __user *uarg, unsigned int cmd)
{
	const size_t dsize = sizeof(struct nk_svc_dir), psize = sizeof(struct nk_pnvm_dir);
	struct nk_svc_list_args *a = &u->list;
	struct nkl_loader *ld = nkl_svc_ld;
	u8 *buf;
	int i, err = -ENODEV;

	if (a->reserved[0] || a->reserved[1] || a->reserved[2] || a->reserved[3] ||
	    a->dir_size != dsize || a->pnvm_size != psize)
		return -EINVAL;
	buf = nkl_svc_buf(dsize + psize);
	if (!buf)
		return -ENOMEM;
	nkl_svc_lock();
	if (ld && ld->loaded && ld->cfg.shared.size >= NK_SVC_MIN_SHARED) {
		memcpy(buf, ld->shared_va + NK_SVC_DIR_OFF, dsize);
		memcpy(buf + dsize, ld->shared_va + ld->cfg.shared.size - NK_PNVM_AREA, psize);
		err = 0;
	}
	nkl_svc_unlock();
	for (i = 0; i < NK_MQ_MAX; i++)
		a->mq_sleepers[i] = (u16)atomic_read(&nkl_mq_sleepers[i]);
	for (i = 0; i < NK_EV_MAX; i++)
		a->ev_sleepers[i] = (u16)atomic_read(&nkl_ev_sleepers[i]);
	a->doorbells = (u32)atomic_read(&nkl_svc_counts.doorbells);
	a->files = (u32)atomic_read(&nkl_svc_counts.files);
	a->allocs = (u32)atomic_read(&nkl_svc_counts.allocs) - 1;	/* not this call's */
	a->handles = (u32)atomic_read(&nkl_svc_counts.handles);
	a->refs = (u32)atomic_read(&nkl_svc_counts.refs);
	a->maps = (u32)atomic_read(&nkl_svc_counts.maps);
	if (!err && (copy_to_user(u64_to_user_ptr(a->dir_ptr), buf, dsize) ||
		     copy_to_user(u64_to_user_ptr(a->pnvm_ptr), buf + dsize, psize) ||
		     nkl_svc_put(uarg, a, sizeof(*a))))
		err = -EFAULT;
	nkl_svc_buf_free(buf);
	return err;
}

/* Which function serves a service's ioctl; NULL for an unknown one. */
static nkl_svc_fn *nkl_svc_handler(unsigned int cmd)
{
	switch (cmd) {
	case NK_IOC_MQ_CREATE:
	case NK_IOC_MQ_OPEN:
	case NK_IOC_EV_CREATE:
	case NK_IOC_EV_OPEN:
	case NK_IOC_SHM_CREATE:
	case NK_IOC_SHM_OPEN:
		return nkl_svc_obj;
	case NK_IOC_MQ_DESTROY:
	case NK_IOC_MQ_WATCH:
	case NK_IOC_EV_DESTROY:
	case NK_IOC_SHM_CLOSE:
	case NK_IOC_SHM_DESTROY:
	case NK_IOC_TEST_SVC_CORRUPT:
		return nkl_svc_by_id;
	case NK_IOC_MQ_SEND:
	case NK_IOC_MQ_RECV:
		return nkl_svc_msg;
	case NK_IOC_EV_SET:
	case NK_IOC_EV_CLEAR:
	case NK_IOC_EV_WAIT:
		return nkl_svc_event;
	case NK_IOC_PNVM_OPEN:
	case NK_IOC_PNVM_BEGIN:
	case NK_IOC_PNVM_COMMIT:
	case NK_IOC_PNVM_CLOSE:
	case NK_IOC_PNVM_FREE:
		return nkl_svc_pnvm;
	case NK_IOC_SVC_LIST:
		return nkl_svc_list;
	default:
		return NULL;
	}
}

/*
 * Each command's number gives the size of its argument (_IOWR() in
 * include/nk/ioctl.h), one of union nkl_svc_args: it is copied in here,
 * once, and the handler checks it and acts.
 */
long nkl_svc_ioctl(struct file *file, unsigned int cmd, void __user *uarg)
{
	nkl_svc_fn *fn = nkl_svc_handler(cmd);
	union nkl_svc_args a;

	if (!fn || _IOC_SIZE(cmd) > sizeof(a))
		return -ENOTTY;
	if (copy_from_user(&a, uarg, _IOC_SIZE(cmd)))
		return -EFAULT;
	return fn(file->private_data, &a, uarg, cmd);
}
