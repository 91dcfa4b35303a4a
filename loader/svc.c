// SPDX-License-Identifier: GPL-2.0
/*
 * loader/svc.c - the cross-OS services for host processes: the doorbell,
 * one call into the nanokernel, blocking calls, descriptors and what they
 * hold.  The ioctls themselves are in svc_ioctl.c, mmap and poll in
 * svc_map.c.
 *
 * The nanokernel does every operation (nanokernel/svc.c, ipc/, shmem/);
 * the loader copies a request and its data into the host's staging area
 * of the shared region, calls it, and copies the answer back, one call at
 * a time (nkl_svc_mutex).  No user memory is touched while that mutex is
 * held: what a call sends is copied in before, what it receives is copied
 * out after, through a kernel buffer (mmap and a mapping's open and close
 * take the mutex with the process's mmap lock held, so a fault under it
 * could deadlock).  What can fault is copied before the operation takes
 * effect: a message leaves its queue, or an event its bits, only once the
 * process has them (the two-phase calls, NK_SVCF_PEEK).
 *
 * A call that cannot be done now sleeps on the object's wait queue,
 * holding nothing, until the host's doorbell says the object changed: the
 * doorbell IRQ (IRQ 7 by default, whose vector the nanokernel raises)
 * bumps the object's sequence number and wakes the queue, and the sleeper
 * tries again.  The number is read before the try, so a doorbell that
 * comes between the try and the sleep is not lost.
 *
 * An object is used through a descriptor that created or opened it: its
 * handle (index and generation, include/nk/svc.h) in struct nkl_svc_file,
 * under the file's own lock; every call by handle must name exactly the
 * handle the descriptor holds (-EBADF otherwise), and the nanokernel
 * refuses a handle of an object destroyed since (-EIDRM).  Closing the
 * descriptor (a process that dies, too) gives its references back; a
 * mapping holds one of its own until it is unmapped.  Handles belong to
 * one load of the nanokernel: a descriptor that outlives an unload holds
 * nothing afterwards.  Everything read back from the shared region
 * (lengths, offsets) is checked again before the loader uses it.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/wait.h>
#include <nk/ioctl.h>
#include <nk/layout.h>
#include "loader.h"
#include "svc.h"

static unsigned int nkl_doorbell_irq = 7;
module_param_named(doorbell_irq, nkl_doorbell_irq, uint, 0444);
MODULE_PARM_DESC(doorbell_irq, "free ISA IRQ whose vector carries the services' "
		 "doorbell to the host (default 7)");

static DEFINE_MUTEX(nkl_svc_mutex);	/* the staging area, one call at a time */
wait_queue_head_t nkl_mq_wq[NK_MQ_MAX], nkl_ev_wq[NK_EV_MAX];
static atomic_t nkl_mq_seq[NK_MQ_MAX], nkl_ev_seq[NK_EV_MAX];
atomic_t nkl_mq_sleepers[NK_MQ_MAX], nkl_ev_sleepers[NK_EV_MAX];
struct nkl_svc_counts nkl_svc_counts;
struct nkl_loader *nkl_svc_ld;
u32 nkl_svc_epoch;		/* unloads so far: a handle's life */

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

	atomic_inc(&nkl_svc_counts.doorbells);
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

/* At unload (under nkl_svc_mutex): the handles of this load die. */
void nkl_svc_unclaim(struct nkl_loader *ld)
{
	int i;

	if (ld->doorbell_irq)
		free_irq(ld->doorbell_irq, ld);
	ld->doorbell_irq = 0;
	nkl_svc_epoch++;
	/* Sleepers wake and find nothing loaded. */
	for (i = 0; i < NK_MQ_MAX; i++)
		wake_up_interruptible_all(&nkl_mq_wq[i]);
	for (i = 0; i < NK_EV_MAX; i++)
		wake_up_interruptible_all(&nkl_ev_wq[i]);
}

/* Around an unload: no call is in the nanokernel meanwhile, and none can
 * start; -EBUSY (and nothing held) while a segment or region is mapped. */
int nkl_svc_lock_idle(void)
{
	mutex_lock(&nkl_svc_mutex);
	if (atomic_read(&nkl_svc_counts.maps) > 0) {
		mutex_unlock(&nkl_svc_mutex);
		return -EBUSY;
	}
	return 0;
}

/* Before a detach, nkl_svc_mutex held: is a host descriptor about to
 * hold a handle (its call done, its hold not yet)?  The references held
 * already the nanokernel gives back; this one it could not know of. */
bool nkl_svc_host_opening(void)
{
	return atomic_read(&nkl_svc_counts.opening) > 0;
}

/*
 * A copy out of the shared region without the mutex (a receive copies the
 * message straight from the queue's ring to the process, which may
 * fault): between begin and end the region stays mapped.  An unload has
 * cleared loaded before it drains the copies, and a copy that begins
 * after that finds nothing loaded.
 */
static atomic_t nkl_svc_copies = ATOMIC_INIT(0);
static DECLARE_WAIT_QUEUE_HEAD(nkl_svc_copies_wq);

bool nkl_svc_copy_begin(void)
{
	atomic_inc(&nkl_svc_copies);
	smp_mb__after_atomic();
	if (nkl_svc_ld && READ_ONCE(nkl_svc_ld->loaded))
		return true;
	nkl_svc_copy_end();
	return false;
}

void nkl_svc_copy_end(void)
{
	if (atomic_dec_and_test(&nkl_svc_copies))
		wake_up_all(&nkl_svc_copies_wq);
}

/* At unload, loaded cleared: no copy is left in the region. */
void nkl_svc_copies_drain(void)
{
	smp_mb();
	wait_event(nkl_svc_copies_wq, !atomic_read(&nkl_svc_copies));
}

void nkl_svc_lock(void)
{
	mutex_lock(&nkl_svc_mutex);
}

void nkl_svc_unlock(void)
{
	mutex_unlock(&nkl_svc_mutex);
}

/* ---- one call ---- */

/* The call itself, nkl_svc_mutex held: in/out are kernel memory. */
int nkl_svc_call_locked(struct nk_svc_req *req, const void *in, u32 in_len,
			void *out, u32 out_len)
{
	struct nkl_loader *ld = nkl_svc_ld;
	struct nk_svc_req *stage;
	void *data;
	int ret;

	if (!ld || !ld->loaded || !ld->shared_va)
		return -ENODEV;
	stage = ld->shared_va + NK_SVC_STAGE_OFF;
	data = ld->shared_va + NK_SVC_STAGE_DATA;
	req->data = 0;
	req->reserved = 0;
	req->waiter = task_tgid_nr(current);
	memcpy(stage, req, sizeof(*req));
	if (in_len)
		memcpy(data, in, in_len);
	ret = nkl_loader_call(ld, NK_CALL_SVC, 0);
	if (ret == -NK_EOPNOTSUPP)
		return ret;	/* a shared region too small for them */
	memcpy(req->out, stage->out, sizeof(req->out));
	if (out_len && ret > 0)
		memcpy(out, data, min_t(u32, (u32)ret, out_len));
	return ret;
}

int nkl_svc_call(struct nk_svc_req *req, const void *in, u32 in_len,
		 void *out, u32 out_len)
{
	int ret;

	mutex_lock(&nkl_svc_mutex);
	ret = nkl_svc_call_locked(req, in, in_len, out, out_len);
	mutex_unlock(&nkl_svc_mutex);
	return ret;
}

/* A call on a handle alone (close, ref, destroy, publish), or with one
 * argument (a take). */
int nkl_svc_simple_arg(u32 op, u32 handle, u32 arg0)
{
	struct nk_svc_req r = { .op = op, .id = handle };

	r.arg[0] = arg0;
	return nkl_svc_call(&r, NULL, 0, NULL, 0);
}

int nkl_svc_simple(u32 op, u32 handle)
{
	return nkl_svc_simple_arg(op, handle, 0);
}

/*
 * A call whose data comes straight from the process into the staging
 * area, under the mutex with page faults off (nothing may fault there):
 * -EFAULT, nothing done, if a page of it is not present (the caller then
 * copies it the slow way, through a kernel buffer).
 */
static int nkl_svc_call_uin(struct nk_svc_req *req, const void __user *uin, u32 len)
{
	struct nkl_loader *ld = nkl_svc_ld;
	int ret = -ENODEV;

	mutex_lock(&nkl_svc_mutex);
	if (ld && ld->loaded && ld->shared_va) {
		ret = -EFAULT;
		if (!copy_from_user_nofault(ld->shared_va + NK_SVC_STAGE_DATA, uin, len))
			ret = nkl_svc_call_locked(req, NULL, 0, NULL, 0);
	}
	mutex_unlock(&nkl_svc_mutex);
	return ret;
}

/*
 * A call that may wait: tried, and while -EAGAIN slept on until the
 * object's doorbell, the timeout or a signal.  *left is the time left
 * (jiffies), so that the two-phase calls can go round again.
 */
int nkl_svc_wait_call(struct nk_svc_req *req, const void *in, u32 in_len,
		      void *out, u32 out_len, struct nkl_svc_wait *w)
{
	int ret, seen;

	for (;;) {
		seen = atomic_read(w->seq);
		if (w->waits)
			req->flags |= NK_SVCF_WAIT;
		ret = w->from_user ? nkl_svc_call_uin(req, w->uin, in_len) :
			       nkl_svc_call(req, in, in_len, out, out_len);
		if (ret != -EAGAIN || !w->waits)
			return ret;
		atomic_inc(w->sleepers);
		w->left = wait_event_interruptible_timeout(*w->wq,
			atomic_read(w->seq) != seen || !nkl_svc_ld->loaded, w->left);
		atomic_dec(w->sleepers);
		if (w->left < 0)
			return -EINTR;	/* nothing was taken: tried and failed */
		if (!w->left)
			return -ETIMEDOUT;
	}
}

static void nkl_svc_wait_init(struct nkl_svc_wait *w, int timeout_ms, wait_queue_head_t *wq,
			      atomic_t *seq, atomic_t *sleepers)
{
	w->waits = timeout_ms != 0;
	w->left = timeout_ms < 0 ? MAX_SCHEDULE_TIMEOUT : (long)msecs_to_jiffies(timeout_ms);
	w->wq = wq;
	w->seq = seq;
	w->sleepers = sleepers;
	w->from_user = false;
	w->uin = NULL;
}

void nkl_svc_wait_mq(struct nkl_svc_wait *w, int timeout_ms, u32 index)
{
	nkl_svc_wait_init(w, timeout_ms, &nkl_mq_wq[index], &nkl_mq_seq[index],
			  &nkl_mq_sleepers[index]);
}

void nkl_svc_wait_ev(struct nkl_svc_wait *w, int timeout_ms, u32 index)
{
	nkl_svc_wait_init(w, timeout_ms, &nkl_ev_wq[index], &nkl_ev_seq[index],
			  &nkl_ev_sleepers[index]);
}

/* ---- what a descriptor holds ---- */

/* Its handles belong to the nanokernel loaded now: those of an earlier
 * load are forgotten (they name nothing any more).  f->lock held. */
void nkl_svc_file_current(struct nkl_svc_file *f)
{
	unsigned int i, n = 0, refs = 0;

	if (f->epoch == nkl_svc_epoch)
		return;
	for (i = 0; i < NKL_SVC_SLOTS; i++) {
		n += !!f->handle[i];
		refs += f->refs[i];
	}
	atomic_sub(n, &nkl_svc_counts.handles);
	atomic_sub(refs, &nkl_svc_counts.refs);
	memset(f->handle, 0, sizeof(f->handle));
	memset(f->refs, 0, sizeof(f->refs));
	f->watch = -1;
	f->epoch = nkl_svc_epoch;
}

/* The slot of handle h of a kind (NKL_MQ ...) in struct nkl_svc_file. */
unsigned int nkl_svc_slot(unsigned int kind, u32 h)
{
	return kind + NK_SVC_INDEX(h);
}

/* Does f hold exactly handle h of this kind?  f->lock held. */
bool nkl_svc_holds(struct nkl_svc_file *f, unsigned int kind, u32 h)
{
	u32 max = kind == NKL_MQ ? NK_MQ_MAX : kind == NKL_EV ? NK_EV_MAX :
		  kind == NKL_SHM ? NK_SHM_MAX : NK_PNVM_MAX;

	nkl_svc_file_current(f);
	return h && NK_SVC_INDEX(h) < max && f->handle[nkl_svc_slot(kind, h)] == h;
}

/* f now holds handle h of a kind, with one reference more if counted:
 * -EMFILE (nothing changed) at its bound.  f->lock held. */
int nkl_svc_hold(struct nkl_svc_file *f, unsigned int kind, u32 h, bool counted)
{
	unsigned int s = nkl_svc_slot(kind, h);

	nkl_svc_file_current(f);
	/* the bound is h's: a slot still counting another object's refs is
	 * about to be replaced (below) */
	if (counted && f->handle[s] == h && f->refs[s] >= NKL_FILE_REFS_MAX)
		return -EMFILE;
	if (f->handle[s] != h) {	/* another object at its index: that one is gone */
		if (!f->handle[s])
			atomic_inc(&nkl_svc_counts.handles);
		atomic_sub(f->refs[s], &nkl_svc_counts.refs);
		f->handle[s] = h;
		f->refs[s] = 0;
	}
	if (counted) {
		f->refs[s]++;
		atomic_inc(&nkl_svc_counts.refs);
	}
	return 0;
}

/* f gives up one reference to handle h (the handle with the last, or at
 * once when not counted).  f->lock held; f holds h. */
void nkl_svc_unhold(struct nkl_svc_file *f, unsigned int kind, u32 h, bool counted)
{
	unsigned int s = nkl_svc_slot(kind, h);

	if (counted && f->refs[s]) {
		f->refs[s]--;
		atomic_dec(&nkl_svc_counts.refs);
		if (f->refs[s])
			return;
	}
	f->handle[s] = 0;
	atomic_dec(&nkl_svc_counts.handles);
	if (f->watch == (int)s)
		f->watch = -1;
}

int nkl_svc_open(struct file *file)
{
	struct nkl_svc_file *f = kzalloc(sizeof(*f), GFP_KERNEL);

	if (!f)
		return -ENOMEM;
	mutex_init(&f->lock);
	f->watch = -1;
	f->epoch = nkl_svc_epoch;
	file->private_data = f;
	atomic_inc(&nkl_svc_counts.files);
	atomic_inc(&nkl_svc_counts.allocs);
	return 0;
}

/* The descriptor's references go back (its process may be dead). */
void nkl_svc_release(struct file *file)
{
	struct nkl_svc_file *f = file->private_data;
	unsigned int i;
	u32 op;

	mutex_lock(&f->lock);
	nkl_svc_file_current(f);
	for (i = 0; i < NKL_SVC_SLOTS; i++) {
		op = i >= NKL_PNVM ? NK_SVC_PNVM_CLOSE : NK_SVC_SHM_CLOSE;
		for (; i >= NKL_SHM && f->refs[i]; f->refs[i]--) {
			nkl_svc_simple(op, f->handle[i]);
			atomic_dec(&nkl_svc_counts.refs);
		}
		if (f->handle[i])
			atomic_dec(&nkl_svc_counts.handles);
	}
	mutex_unlock(&f->lock);
	kfree(f);
	atomic_dec(&nkl_svc_counts.files);
	atomic_dec(&nkl_svc_counts.allocs);
}

/* ---- kernel buffers for what a call sends or receives ---- */

void *nkl_svc_buf(u32 len)
{
	void *b = kvmalloc(len ? len : 1, GFP_KERNEL);

	if (b)
		atomic_inc(&nkl_svc_counts.allocs);
	return b;
}

void nkl_svc_buf_free(void *b)
{
	if (!b)
		return;
	kvfree(b);
	atomic_dec(&nkl_svc_counts.allocs);
}
