// SPDX-License-Identifier: GPL-2.0
/*
 * loader/svc_map.c - poll() on a watched queue, and mmap() of a segment or
 * a PNVM region a descriptor holds.
 *
 * mmap and a mapping's open and close run with the process's mmap lock
 * held and take nkl_svc_mutex: they never take the descriptor's lock (a
 * thread of the same process may hold it while it copies from a buffer
 * that faults, which takes the mmap lock) and read its handles whole
 * (READ_ONCE); the nanokernel refuses a handle that went stale meanwhile.
 * Each mapping holds a reference of its own, by handle, taken under the
 * same mutex hold that checks the target.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/poll.h>
#include <nk/ioctl.h>
#include <nk/layout.h>
#include "loader.h"
#include "svc.h"

#define NKL_MAP_PNVM	0x80000000ul	/* in vm_private_data: a PNVM region's */

__poll_t nkl_svc_poll(struct file *file, poll_table *pt)
{
	struct nkl_svc_file *f = file->private_data;
	struct nk_svc_req r = { .op = NK_SVC_MQ_POLL, .flags = NK_SVCF_WAIT };
	int watch, ret;

	mutex_lock(&f->lock);
	nkl_svc_file_current(f);
	watch = f->watch;
	r.id = watch >= 0 ? f->handle[watch] : 0;
	mutex_unlock(&f->lock);
	if (watch < 0 || !r.id)
		return EPOLLERR;
	poll_wait(file, &nkl_mq_wq[NK_SVC_INDEX(r.id)], pt);
	ret = nkl_svc_call(&r, NULL, 0, NULL, 0);	/* none: a doorbell when one comes */
	if (ret < 0)
		return EPOLLERR;
	return ret > 0 ? EPOLLIN | EPOLLRDNORM : 0;
}

/* The mapping's reference, by its handle (nkl_svc_mutex held or not). */
static int nkl_svc_map_ref(unsigned long priv, bool locked, bool take)
{
	struct nk_svc_req r = { .id = (u32)(priv & ~NKL_MAP_PNVM) };

	if (priv & NKL_MAP_PNVM)
		r.op = take ? NK_SVC_PNVM_REF : NK_SVC_PNVM_CLOSE;
	else
		r.op = take ? NK_SVC_SHM_REF : NK_SVC_SHM_CLOSE;
	return locked ? nkl_svc_call_locked(&r, NULL, 0, NULL, 0) :
			nkl_svc_call(&r, NULL, 0, NULL, 0);
}

static void nkl_svc_vm_open(struct vm_area_struct *vma)
{
	if (!nkl_svc_map_ref((unsigned long)vma->vm_private_data, false, true))
		atomic_inc(&nkl_svc_counts.maps);
	else
		vma->vm_private_data = NULL;	/* no reference: none to give back */
}

static void nkl_svc_vm_close(struct vm_area_struct *vma)
{
	if (!vma->vm_private_data)
		return;
	nkl_svc_map_ref((unsigned long)vma->vm_private_data, false, false);
	atomic_dec(&nkl_svc_counts.maps);
}

static const struct vm_operations_struct nkl_svc_vm_ops = {
	.open = nkl_svc_vm_open,
	.close = nkl_svc_vm_close,
};

/* A segment of this descriptor's at off, of at least len bytes: its
 * handle, and whether the host may only read it. */
static unsigned long nkl_svc_map_shm(struct nkl_svc_file *f, u64 off, u64 len,
				     u64 pbase, bool *ro)
{
	struct nk_svc_dir *dir = nkl_svc_ld->shared_va + NK_SVC_DIR_OFF;
	unsigned int i;

	for (i = 0; i < NK_SHM_MAX; i++) {
		u32 h = READ_ONCE(f->handle[NKL_SHM + i]);
		struct nk_shm_slot s;

		memcpy(&s, &dir->shm[i], sizeof(s));	/* one look, then checked */
		if (!h || s.gen != NK_SVC_GEN(h) || s.off != off || len > s.size ||
		    s.off < NK_SVC_HEAP_OFF || s.size > NK_SHM_SIZE_MAX ||
		    (u64)s.off + s.size > pbase)
			continue;
		*ro = s.mode == NK_SHM_RO_OTHERS && s.owner != NK_OS_HOST;
		return h;
	}
	return 0;
}

/* A PNVM region of this descriptor's at off, of at least len bytes. */
static unsigned long nkl_svc_map_pnvm(struct nkl_svc_file *f, u64 off, u64 len, u64 pbase)
{
	struct nk_pnvm_dir *pd = nkl_svc_ld->shared_va + pbase;
	unsigned int i;

	for (i = 0; i < NK_PNVM_MAX; i++) {
		u32 h = READ_ONCE(f->handle[NKL_PNVM + i]);
		struct nk_pnvm_entry e;

		memcpy(&e, &pd->e[i], sizeof(e));
		if (!h || pbase + e.off != off || len > e.size || e.off < NK_SVC_PAGE ||
		    e.size > NK_PNVM_AREA || e.off > NK_PNVM_AREA - e.size)
			continue;
		return h | NKL_MAP_PNVM;
	}
	return 0;
}

/* Map it, with its reference (nkl_svc_mutex held): 0 or -errno. */
static int nkl_svc_map(struct vm_area_struct *vma, unsigned long priv, bool ro)
{
	struct nkl_loader *ld = nkl_svc_ld;
	int err;

	if (ro && (vma->vm_flags & VM_WRITE))
		return -EACCES;
	if (ro)
		vma->vm_flags &= ~VM_MAYWRITE;
	vma->vm_flags |= VM_IO | VM_DONTEXPAND | VM_DONTDUMP | VM_DONTCOPY;
	err = nkl_svc_map_ref(priv, true, true);
	if (err)
		return err;	/* stale since: -EIDRM */
	err = remap_pfn_range(vma, vma->vm_start,
			      (unsigned long)((ld->cfg.shared.base >> PAGE_SHIFT) +
					      vma->vm_pgoff),
			      vma->vm_end - vma->vm_start, vma->vm_page_prot);
	if (err) {
		nkl_svc_map_ref(priv, true, false);
		return err;
	}
	vma->vm_private_data = (void *)priv;
	vma->vm_ops = &nkl_svc_vm_ops;
	atomic_inc(&nkl_svc_counts.maps);
	return 0;
}

int nkl_svc_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct nkl_svc_file *f = file->private_data;
	u64 len = vma->vm_end - vma->vm_start, off = (u64)vma->vm_pgoff << PAGE_SHIFT;
	struct nkl_loader *ld = nkl_svc_ld;
	unsigned long priv;
	bool ro = false;
	int err = -ENODEV;
	u64 pbase;

	nkl_svc_lock();
	if (!ld || !ld->loaded || ld->cfg.shared.size < NK_SVC_MIN_SHARED ||
	    READ_ONCE(f->epoch) != nkl_svc_epoch)
		goto out_unlock;
	err = -EINVAL;
	pbase = ld->cfg.shared.size - NK_PNVM_AREA;
	if (off > ld->cfg.shared.size || len > NK_SHM_SIZE_MAX)
		goto out_unlock;
	priv = nkl_svc_map_shm(f, off, len, pbase, &ro);
	if (!priv)
		priv = nkl_svc_map_pnvm(f, off, len, pbase);
	if (priv)
		err = nkl_svc_map(vma, priv, ro);
out_unlock:
	nkl_svc_unlock();
	return err;
}
