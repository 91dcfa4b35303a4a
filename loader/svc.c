// SPDX-License-Identifier: GPL-2.0
/*
 * loader/svc.c - the cross-OS services for host processes: ioctls, the
 * doorbell, blocking calls, poll() and mmap() on /dev/nanokernel.
 *
 * The nanokernel does every operation (nanokernel/svc.c, ipc/, shmem/);
 * the loader copies a request and its data into the host's staging area
 * of the shared region, calls it, and copies the answer back, one call at
 * a time (nkl_svc_mutex).  A call that cannot be done now sleeps on the
 * object's wait queue, holding nothing, until the host's doorbell says the
 * object changed: the doorbell IRQ (IRQ 7 by default, whose vector the
 * nanokernel raises) bumps the object's sequence number and wakes the
 * queue, and the sleeper tries again.  The number is read before the try,
 * so a doorbell that comes between the try and the sleep is not lost.
 *
 * An object is used through the descriptor that created or opened it:
 * its bit in struct nkl_svc_file.  Closing the descriptor (a process that
 * dies, too) gives its segment references back; a mapping holds one of
 * its own until it is unmapped.  Everything read back from the shared
 * region (lengths, offsets) is checked again before the loader uses it.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/interrupt.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/poll.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/wait.h>
#include <nk/ioctl.h>
#include <nk/layout.h>
#include "loader.h"

static unsigned int nkl_doorbell_irq = 7;
module_param_named(doorbell_irq, nkl_doorbell_irq, uint, 0444);
MODULE_PARM_DESC(doorbell_irq, "free ISA IRQ whose vector carries the services' "
		 "doorbell to the host (default 7)");

/* What one open descriptor holds. */
struct nkl_svc_file {
	u32 mq, ev, pnvm;		/* bit i: object i opened here */
	u16 shm_refs[NK_SHM_MAX];	/* segment references held here */
	int watch;			/* the queue poll() watches, or -1 */
};

static DEFINE_MUTEX(nkl_svc_mutex);	/* the staging area, one call at a time */
static wait_queue_head_t nkl_mq_wq[NK_MQ_MAX], nkl_ev_wq[NK_EV_MAX];
static atomic_t nkl_mq_seq[NK_MQ_MAX], nkl_ev_seq[NK_EV_MAX];
static atomic_t nkl_mq_sleepers[NK_MQ_MAX], nkl_ev_sleepers[NK_EV_MAX];
static atomic_t nkl_svc_doorbells, nkl_svc_maps;
static struct nkl_loader *nkl_svc_ld;

/* ---- the doorbell ---- */

static void nkl_svc_wake(u32 bits, wait_queue_head_t *wq, atomic_t *seq)
{
	for (; bits; bits &= bits - 1) {
		unsigned int i = __ffs(bits);

		atomic_inc(&seq[i]);
		wake_up_interruptible_all(&wq[i]);
	}
}

static irqreturn_t nkl_svc_doorbell(int irq, void *data)
{
	struct nkl_loader *ld = data;
	struct nk_doorbell *db = ld->va + NK_OFF_DOORBELL;

	atomic_inc(&nkl_svc_doorbells);
	nkl_svc_wake(xchg(&db->mq, 0), nkl_mq_wq, nkl_mq_seq);
	nkl_svc_wake(xchg(&db->ev, 0), nkl_ev_wq, nkl_ev_seq);
	return IRQ_HANDLED;
}

/* At module init, once: a load must not re-initialise a wait queue that
 * a sleeper woken by the last unload may still be leaving. */
void nkl_svc_module_init(void)
{
	int i;

	for (i = 0; i < NK_MQ_MAX; i++)
		init_waitqueue_head(&nkl_mq_wq[i]);
	for (i = 0; i < NK_EV_MAX; i++)
		init_waitqueue_head(&nkl_ev_wq[i]);
}

/* Before the boot info: the doorbell's IRQ and vector. */
int nkl_svc_claim(struct nkl_loader *ld)
{
	struct nkl_irq doorbell = {
		.irq = nkl_doorbell_irq,
		.handler = nkl_svc_doorbell,
		.name = "nanokernel doorbell",
		.hint = "load nkloader.ko with doorbell_irq=N, a free ISA IRQ",
	};
	int err;

	err = nkl_claim_irq(ld, &doorbell, &ld->doorbell_vector);
	if (err)
		return err;
	ld->doorbell_irq = nkl_doorbell_irq;
	nkl_svc_ld = ld;
	return 0;
}

void nkl_svc_unclaim(struct nkl_loader *ld)
{
	int i;

	if (ld->doorbell_irq)
		free_irq(ld->doorbell_irq, ld);
	ld->doorbell_irq = 0;
	/* Sleepers wake and find nothing loaded. */
	for (i = 0; i < NK_MQ_MAX; i++)
		wake_up_interruptible_all(&nkl_mq_wq[i]);
	for (i = 0; i < NK_EV_MAX; i++)
		wake_up_interruptible_all(&nkl_ev_wq[i]);
}

/* Unload refuses while a segment or region is mapped. */
bool nkl_svc_busy(struct nkl_loader *ld)
{
	return atomic_read(&nkl_svc_maps) > 0;
}

/* Around an unload: no call is in the nanokernel meanwhile. */
void nkl_svc_lock(void)
{
	mutex_lock(&nkl_svc_mutex);
}

void nkl_svc_unlock(void)
{
	mutex_unlock(&nkl_svc_mutex);
}

/* ---- one call ---- */

/*
 * Copy req (and, to send, len bytes from ubuf) into the staging area, call
 * the nanokernel, copy the answer back (and, received, up to len bytes to
 * ubuf).  Returns the call's result.
 */
static int nkl_svc_do(struct nk_svc_req *req, const void __user *src,
		      void __user *dst, u32 len)
{
	struct nkl_loader *ld = nkl_svc_ld;
	struct nk_svc_req *stage;
	void *data;
	int ret;

	mutex_lock(&nkl_svc_mutex);
	ret = -ENODEV;
	if (!ld || !ld->loaded || !ld->shared_va)
		goto out_unlock;
	stage = ld->shared_va + NK_SVC_STAGE_OFF;
	data = ld->shared_va + NK_SVC_STAGE_DATA;
	req->data = 0;
	req->reserved = 0;
	req->waiter = task_tgid_nr(current);
	memcpy(stage, req, sizeof(*req));
	ret = -EFAULT;
	if (src && len && copy_from_user(data, src, len))
		goto out_unlock;
	ret = nkl_loader_call(ld, NK_CALL_SVC, 0);
	if (ret == -NK_EOPNOTSUPP)
		goto out_unlock;	/* a shared region too small for them */
	memcpy(req->out, stage->out, sizeof(req->out));
	if (dst && ret > 0 && copy_to_user(dst, data, min_t(u32, (u32)ret, len)))
		ret = -EFAULT;
out_unlock:
	mutex_unlock(&nkl_svc_mutex);
	return ret;
}

/*
 * A call that may wait: tried, and while -EAGAIN slept on until the
 * object's doorbell, the timeout or a signal.
 */
static int nkl_svc_wait_do(struct nk_svc_req *req, const void __user *src,
			   void __user *dst, u32 len, int timeout_ms,
			   wait_queue_head_t *wq, atomic_t *seq, atomic_t *sleepers)
{
	long left = timeout_ms < 0 ? MAX_SCHEDULE_TIMEOUT :
		    (long)msecs_to_jiffies(timeout_ms);
	int ret, seen;

	if (timeout_ms)
		req->flags |= NK_SVCF_WAIT;
	for (;;) {
		seen = atomic_read(seq);
		ret = nkl_svc_do(req, src, dst, len);
		if (ret != -EAGAIN || !timeout_ms)
			return ret;
		atomic_inc(sleepers);
		left = wait_event_interruptible_timeout(*wq,
			atomic_read(seq) != seen || !nkl_svc_ld->loaded, left);
		atomic_dec(sleepers);
		if (left < 0)
			return -EINTR;	/* nothing was taken: tried and failed */
		if (!left)
			return -ETIMEDOUT;
	}
}

/* ---- objects by descriptor ---- */

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

/* MQ, EV, SHM create and open, with what they return. */
static long nkl_svc_obj(struct nkl_svc_file *f, union nkl_svc_args *u,
			void __user *uarg, unsigned int cmd)
{
	struct nk_svc_obj_args *a = &u->obj;
	struct nk_svc_req r = { 0 };
	u32 *open_bits = NULL, max = NK_SHM_MAX;	/* SHM: references */
	int ret;

	switch (cmd) {
	case NK_IOC_MQ_CREATE:
	case NK_IOC_MQ_OPEN:
		r.op = cmd == NK_IOC_MQ_CREATE ? NK_SVC_MQ_CREATE : NK_SVC_MQ_OPEN;
		open_bits = &f->mq;
		max = NK_MQ_MAX;
		break;
	case NK_IOC_EV_CREATE:
	case NK_IOC_EV_OPEN:
		r.op = cmd == NK_IOC_EV_CREATE ? NK_SVC_EV_CREATE : NK_SVC_EV_OPEN;
		open_bits = &f->ev;
		max = NK_EV_MAX;
		break;
	default:
		r.op = cmd == NK_IOC_SHM_CREATE ? NK_SVC_SHM_CREATE : NK_SVC_SHM_OPEN;
	}
	if (a->reserved[0] || a->reserved[1] || (a->flags & ~NK_SVCF_EXCL) ||
	    !nk_svc_name_ok(a->name))
		return -EINVAL;
	memcpy(r.name, a->name, sizeof(r.name));
	r.flags = a->flags;
	r.arg[0] = a->arg[0];
	r.arg[1] = a->arg[1];
	if (r.op == NK_SVC_SHM_CREATE) {
		r.len = a->arg[0];
		r.arg[0] = a->arg[1];
	}
	ret = nkl_svc_do(&r, NULL, NULL, 0);
	if (ret < 0)
		return ret;
	if ((u32)ret >= max)
		return -EIO;	/* an id no table has: the answer was scribbled */
	if (open_bits)
		*open_bits |= 1u << ret;
	else
		f->shm_refs[ret]++;
	a->id = (u32)ret;
	memcpy(a->out, r.out, sizeof(a->out));
	return copy_to_user(uarg, a, sizeof(*a)) ? -EFAULT : 0;
}

/* Destroy, close, watch: by an id this descriptor holds. */
static long nkl_svc_by_id(struct nkl_svc_file *f, union nkl_svc_args *u,
			  void __user *uarg, unsigned int cmd)
{
	struct nk_svc_obj_args *a = &u->obj;
	struct nk_svc_req r = { 0 };
	int ret;

	if (a->reserved[0] || a->reserved[1])
		return -EINVAL;
	r.id = a->id;
	switch (cmd) {
	case NK_IOC_MQ_DESTROY:
	case NK_IOC_MQ_WATCH:
		if (a->id >= NK_MQ_MAX || !(f->mq & (1u << a->id)))
			return -EBADF;
		if (cmd == NK_IOC_MQ_WATCH) {
			f->watch = (int)a->id;
			return 0;
		}
		r.op = NK_SVC_MQ_DESTROY;
		ret = nkl_svc_do(&r, NULL, NULL, 0);
		if (!ret)
			f->mq &= ~(1u << a->id);
		return ret;
	case NK_IOC_EV_DESTROY:
		if (a->id >= NK_EV_MAX || !(f->ev & (1u << a->id)))
			return -EBADF;
		r.op = NK_SVC_EV_DESTROY;
		ret = nkl_svc_do(&r, NULL, NULL, 0);
		if (!ret)
			f->ev &= ~(1u << a->id);
		return ret;
	case NK_IOC_SHM_CLOSE:
	case NK_IOC_SHM_DESTROY:
		if (a->id >= NK_SHM_MAX || !f->shm_refs[a->id])
			return -EBADF;
		r.op = cmd == NK_IOC_SHM_CLOSE ? NK_SVC_SHM_CLOSE : NK_SVC_SHM_DESTROY;
		ret = nkl_svc_do(&r, NULL, NULL, 0);
		if (!ret && cmd == NK_IOC_SHM_CLOSE)
			f->shm_refs[a->id]--;
		return ret;
	default:	/* NK_IOC_TEST_SVC_CORRUPT */
		if (!nkl_test_hooks)
			return -EPERM;
		r.op = NK_SVC_TEST_CORRUPT;
		r.arg[0] = a->arg[0];
		return nkl_svc_do(&r, NULL, NULL, 0);
	}
}

/*
 * A call that may fail and still answers (what a message needs, which
 * events are set): its arguments go back either way, then its error.
 */
static long nkl_svc_answer(void __user *uarg, const void *a, size_t size, int ret)
{
	if (copy_to_user(uarg, a, size))
		return -EFAULT;
	return ret < 0 ? ret : 0;
}

static long nkl_svc_msg(struct nkl_svc_file *f, union nkl_svc_args *u,
			void __user *uarg, unsigned int cmd)
{
	struct nk_msg_args *a = &u->msg;
	bool send = cmd == NK_IOC_MQ_SEND;
	struct nk_svc_req r = { 0 };
	void __user *buf;
	int ret;

	if (a->reserved[0] || a->reserved[1] || a->reserved[2] ||
	    a->len > NK_SVC_DATA_MAX || a->timeout_ms < -1)
		return -EINVAL;
	if (a->id >= NK_MQ_MAX || !(f->mq & (1u << a->id)))
		return -EBADF;
	buf = u64_to_user_ptr(a->buf_ptr);
	if (a->len && !access_ok(buf, a->len))
		return -EFAULT;
	r.op = send ? NK_SVC_MQ_SEND : NK_SVC_MQ_RECV;
	r.id = a->id;
	r.len = a->len;
	ret = nkl_svc_wait_do(&r, send ? buf : NULL, send ? NULL : buf, a->len,
			      a->timeout_ms, &nkl_mq_wq[a->id], &nkl_mq_seq[a->id],
			      &nkl_mq_sleepers[a->id]);
	if (ret == -EMSGSIZE && !send)
		a->len = min_t(u32, r.out[0], NK_MQ_MSG_MAX);	/* what it needs */
	else if (ret >= 0)
		a->len = (u32)ret;
	return nkl_svc_answer(uarg, a, sizeof(*a), ret);
}

static long nkl_svc_event(struct nkl_svc_file *f, union nkl_svc_args *u,
			  void __user *uarg, unsigned int cmd)
{
	struct nk_ev_args *a = &u->ev;
	struct nk_svc_req r = { 0 };
	int ret;

	if (a->reserved[0] || a->reserved[1] || a->timeout_ms < -1)
		return -EINVAL;
	if (a->id >= NK_EV_MAX || !(f->ev & (1u << a->id)))
		return -EBADF;
	r.id = a->id;
	r.arg[0] = a->bits;
	if (cmd == NK_IOC_EV_WAIT) {
		if (a->mode > NK_EV_ALL || !a->bits)
			return -EINVAL;
		r.op = NK_SVC_EV_WAIT;
		r.arg[1] = a->mode;
		r.arg[2] = a->clear;
		ret = nkl_svc_wait_do(&r, NULL, NULL, 0, a->timeout_ms,
				      &nkl_ev_wq[a->id], &nkl_ev_seq[a->id],
				      &nkl_ev_sleepers[a->id]);
	} else {
		r.op = cmd == NK_IOC_EV_SET ? NK_SVC_EV_SET : NK_SVC_EV_CLEAR;
		ret = nkl_svc_do(&r, NULL, NULL, 0);
	}
	a->result = r.out[0];
	return nkl_svc_answer(uarg, a, sizeof(*a), ret);
}

static long nkl_svc_pnvm(struct nkl_svc_file *f, union nkl_svc_args *u,
			 void __user *uarg, unsigned int cmd)
{
	struct nk_pnvm_args *a = &u->pnvm;
	struct nk_svc_req r = { 0 };
	int ret;

	if (a->reserved[0] || a->reserved[1])
		return -EINVAL;
	switch (cmd) {
	case NK_IOC_PNVM_OPEN:
		r.op = NK_SVC_PNVM_OPEN;
		r.arg[0] = a->key;
		r.len = a->size;
		break;
	case NK_IOC_PNVM_FREE:
		r.op = NK_SVC_PNVM_FREE;
		r.arg[0] = a->key;
		r.arg[1] = a->index;
		break;
	default:
		if (a->id >= NK_PNVM_MAX || !(f->pnvm & (1u << a->id)))
			return -EBADF;
		r.op = cmd == NK_IOC_PNVM_BEGIN ? NK_SVC_PNVM_BEGIN : NK_SVC_PNVM_COMMIT;
		r.id = a->id;
		r.arg[0] = a->crc;
	}
	ret = nkl_svc_do(&r, NULL, NULL, 0);
	if (ret < 0)
		return ret;
	if (cmd == NK_IOC_PNVM_OPEN) {
		if ((u32)ret >= NK_PNVM_MAX)
			return -EIO;
		f->pnvm |= 1u << ret;
		a->id = (u32)ret;
		a->offset = r.out[0];
		a->size = r.out[1];
		a->status = r.out[2];
		a->crc = r.out[4];
	}
	a->generation = r.out[3];
	return copy_to_user(uarg, a, sizeof(*a)) ? -EFAULT : 0;
}

static long nkl_svc_list(struct nkl_svc_file *f, union nkl_svc_args *u,
			 void __user *uarg, unsigned int cmd)
{
	struct nk_svc_list_args *a = &u->list;
	struct nkl_loader *ld = nkl_svc_ld;
	int i, err = -ENODEV;

	if (a->reserved[0] || a->reserved[1] || a->reserved[2] ||
	    a->dir_size != sizeof(struct nk_svc_dir) ||
	    a->pnvm_size != sizeof(struct nk_pnvm_dir))
		return -EINVAL;
	mutex_lock(&nkl_svc_mutex);
	if (!ld || !ld->loaded || ld->cfg.shared.size < NK_SVC_MIN_SHARED)
		goto out_unlock;
	err = -EFAULT;
	if (copy_to_user(u64_to_user_ptr(a->dir_ptr), ld->shared_va + NK_SVC_DIR_OFF,
			 a->dir_size) ||
	    copy_to_user(u64_to_user_ptr(a->pnvm_ptr), ld->shared_va +
			 ld->cfg.shared.size - NK_PNVM_AREA, a->pnvm_size))
		goto out_unlock;
	for (i = 0; i < NK_MQ_MAX; i++)
		a->mq_sleepers[i] = (u16)atomic_read(&nkl_mq_sleepers[i]);
	for (i = 0; i < NK_EV_MAX; i++)
		a->ev_sleepers[i] = (u16)atomic_read(&nkl_ev_sleepers[i]);
	a->doorbells = (u32)atomic_read(&nkl_svc_doorbells);
	err = copy_to_user(uarg, a, sizeof(*a)) ? -EFAULT : 0;
out_unlock:
	mutex_unlock(&nkl_svc_mutex);
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

/* ---- descriptors: open, release, poll ---- */

int nkl_svc_open(struct file *file)
{
	struct nkl_svc_file *f = kzalloc(sizeof(*f), GFP_KERNEL);

	if (!f)
		return -ENOMEM;
	f->watch = -1;
	file->private_data = f;
	return 0;
}

/* The descriptor's segment references go back (its process may be dead). */
void nkl_svc_release(struct file *file)
{
	struct nkl_svc_file *f = file->private_data;
	struct nk_svc_req r = { .op = NK_SVC_SHM_CLOSE };
	int i;

	for (i = 0; i < NK_SHM_MAX; i++)
		for (; f->shm_refs[i]; f->shm_refs[i]--) {
			r.id = (u32)i;
			nkl_svc_do(&r, NULL, NULL, 0);
		}
	kfree(f);
}

__poll_t nkl_svc_poll(struct file *file, poll_table *pt)
{
	struct nkl_svc_file *f = file->private_data;
	struct nk_svc_req r = { .op = NK_SVC_MQ_POLL, .flags = NK_SVCF_WAIT };
	int ret;

	if (f->watch < 0)
		return EPOLLERR;
	poll_wait(file, &nkl_mq_wq[f->watch], pt);
	r.id = (u32)f->watch;
	ret = nkl_svc_do(&r, NULL, NULL, 0);	/* none: a doorbell when one comes */
	if (ret < 0)
		return EPOLLERR;
	return ret > 0 ? EPOLLIN | EPOLLRDNORM : 0;
}

/* ---- mmap: a segment or a PNVM region this descriptor opened ---- */

static void nkl_svc_vm_open(struct vm_area_struct *vma)
{
	struct nk_svc_req r = { .op = NK_SVC_SHM_REF };
	long id = (long)vma->vm_private_data;

	atomic_inc(&nkl_svc_maps);
	if (id > 0) {
		r.id = (u32)(id - 1);
		nkl_svc_do(&r, NULL, NULL, 0);
	}
}

static void nkl_svc_vm_close(struct vm_area_struct *vma)
{
	struct nk_svc_req r = { .op = NK_SVC_SHM_CLOSE };
	long id = (long)vma->vm_private_data;

	if (id > 0) {
		r.id = (u32)(id - 1);
		nkl_svc_do(&r, NULL, NULL, 0);
	}
	atomic_dec(&nkl_svc_maps);
}

static const struct vm_operations_struct nkl_svc_vm_ops = {
	.open = nkl_svc_vm_open,
	.close = nkl_svc_vm_close,
};

/*
 * Which object of this descriptor starts at off and holds len bytes?
 * *shm_id: the segment's id + 1 (0 for a PNVM region); *ro: the mapping
 * must be read-only.
 */
static int nkl_svc_map_target(struct nkl_svc_file *f, u32 off, u32 len,
			      long *shm_id, bool *ro)
{
	struct nkl_loader *ld = nkl_svc_ld;
	struct nk_svc_dir *dir = ld->shared_va + NK_SVC_DIR_OFF;
	u32 pbase = (u32)ld->cfg.shared.size - NK_PNVM_AREA;
	struct nk_pnvm_dir *pd = ld->shared_va + pbase;
	int i;

	for (i = 0; i < NK_SHM_MAX; i++) {
		struct nk_shm_slot s;

		memcpy(&s, &dir->shm[i], sizeof(s));	/* one look, then checked */

		if (!f->shm_refs[i] || s.off != off || len > s.size ||
		    s.off < NK_SVC_HEAP_OFF || s.size > NK_SHM_SIZE_MAX ||
		    s.off + s.size > pbase)
			continue;
		*shm_id = i + 1;
		*ro = s.mode == NK_SHM_RO_OTHERS && s.owner != NK_OS_HOST;
		return 0;
	}
	for (i = 0; i < NK_PNVM_MAX; i++) {
		struct nk_pnvm_entry e;

		memcpy(&e, &pd->e[i], sizeof(e));

		if (!(f->pnvm & (1u << i)) || pbase + e.off != off || len > e.size ||
		    e.off < NK_SVC_PAGE || e.size > NK_PNVM_AREA - e.off)
			continue;
		*shm_id = 0;
		*ro = false;
		return 0;
	}
	return -EINVAL;
}

int nkl_svc_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct nkl_svc_file *f = file->private_data;
	unsigned long len = vma->vm_end - vma->vm_start;
	struct nkl_loader *ld = nkl_svc_ld;
	long shm_id;
	bool ro;
	int err;

	mutex_lock(&nkl_svc_mutex);
	err = -ENODEV;
	if (!ld || !ld->loaded || ld->cfg.shared.size < NK_SVC_MIN_SHARED)
		goto out_unlock;
	err = -EINVAL;
	if (vma->vm_pgoff > (ld->cfg.shared.size >> PAGE_SHIFT) || len > NK_SHM_SIZE_MAX)
		goto out_unlock;
	err = nkl_svc_map_target(f, (u32)(vma->vm_pgoff << PAGE_SHIFT), (u32)len,
				 &shm_id, &ro);
	if (err)
		goto out_unlock;
	err = -EACCES;
	if (ro && (vma->vm_flags & VM_WRITE))
		goto out_unlock;
	if (ro)
		vma->vm_flags &= ~VM_MAYWRITE;
	vma->vm_flags |= VM_IO | VM_DONTEXPAND | VM_DONTDUMP | VM_DONTCOPY;
	err = remap_pfn_range(vma, vma->vm_start,
			      (unsigned long)((ld->cfg.shared.base >> PAGE_SHIFT) +
					      vma->vm_pgoff),
			      len, vma->vm_page_prot);
	if (err)
		goto out_unlock;
	vma->vm_private_data = (void *)shm_id;
	vma->vm_ops = &nkl_svc_vm_ops;
out_unlock:
	mutex_unlock(&nkl_svc_mutex);
	if (!err)
		nkl_svc_vm_open(vma);	/* the mapping's reference */
	return err;
}
