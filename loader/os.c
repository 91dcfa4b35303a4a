// SPDX-License-Identifier: GPL-2.0
/*
 * loader/os.c - starting, running and stopping guests; their consoles.
 *
 * The loader checks a guest image (lib/image_check.c), copies it into its
 * partition and asks the nanokernel to start it; everything about the
 * guest's context belongs to the nanokernel (nanokernel/os.c).  The
 * console rings are read from the shared region, and every index read
 * there is checked: a guest may have scribbled on it.
 */
#include <linux/kernel.h>
#include <linux/io.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <nk/guest.h>
#include <nk/ioctl.h>
#include <nk/image_check.h>
#include <nk/layout.h>
#include "loader.h"

static int nkl_os_partition(struct nkl_loader *ld, u32 i)
{
	const struct nk_partition *p;

	if (i >= ld->cfg.npartitions)
		return nkl_refuse(ld, -ENOENT, "no partition %u", i);
	p = &ld->cfg.partitions[i];
	if (p->kind != NK_OS_RTOS)
		return nkl_refuse(ld, -EINVAL, "[partition %.*s] kind: only rtos "
				  "partitions can run a guest yet", NK_NAME_LEN, p->name);
	if (p->mem.base % NK_REGION_ALIGN || p->mem.size % NK_REGION_ALIGN)
		return nkl_refuse(ld, -EINVAL, "[partition %.*s] base: a guest's "
				  "partition must be 4 MB aligned", NK_NAME_LEN, p->name);
	return 0;
}

static void nkl_os_read_status(struct nkl_loader *ld, u32 i, struct nk_os_status *st)
{
	memcpy(st, ld->va + NK_OFF_OS_STATUS + i * sizeof(*st), sizeof(*st));
}

/* Copy a checked image into partition i, clearing the rest of its memory. */
static int nkl_os_copy(struct nkl_loader *ld, u32 i, const void *image, size_t len)
{
	const struct nk_partition *p = &ld->cfg.partitions[i];
	const struct nk_guest_header *h = image;
	void *va = memremap(p->mem.base, p->mem.size, MEMREMAP_WB);

	if (!va)
		return nkl_refuse(ld, -ENOMEM, "cannot map partition %.*s",
				  NK_NAME_LEN, p->name);
	memcpy(va, image, len);
	memset(va + len, 0, h->mem_size - len);
	memunmap(va);
	return 0;
}

static int nkl_os_do_start(struct nkl_loader *ld, const struct nk_os_start_args *a)
{
	struct nk_os_status st;
	char reason[NK_ERROR_LEN];
	void *image;
	int err;

	if (a->flags || a->reserved[0] || a->reserved[1] || a->reserved[2])
		return nkl_refuse(ld, -EINVAL, "flags and reserved fields must be zero");
	err = nkl_os_partition(ld, a->partition);
	if (err)
		return err;
	nkl_os_read_status(ld, a->partition, &st);
	if (st.state == NK_OS_IDLE || st.state == NK_OS_RUNNING ||
	    st.state == NK_OS_READY)
		return nkl_refuse(ld, -EBUSY, "[partition %.*s] is already running "
				  "(nkctl os stop or os restart)", NK_NAME_LEN,
				  ld->cfg.partitions[a->partition].name);
	if (a->image_size < sizeof(struct nk_guest_header))
		return nkl_refuse(ld, -ENOEXEC, "guest image of %u bytes: shorter "
				  "than its header (%zu bytes)", a->image_size,
				  sizeof(struct nk_guest_header));
	if (a->image_size > ld->cfg.partitions[a->partition].mem.size)
		return nkl_refuse(ld, -EFBIG, "guest image of %u bytes does not fit "
				  "the partition (%llu bytes)", a->image_size,
				  (unsigned long long)ld->cfg.partitions[a->partition].mem.size);
	image = vmalloc(a->image_size);
	if (!image)
		return -ENOMEM;
	err = -EFAULT;
	if (copy_from_user(image, u64_to_user_ptr(a->image_ptr), a->image_size))
		goto out_free_image;
	err = nk_guest_check(image, a->image_size,
			     (u32)ld->cfg.partitions[a->partition].mem.size,
			     reason, sizeof(reason));
	if (err) {
		nkl_refuse(ld, err, "guest image: %s", reason);
		goto out_free_image;
	}
	err = nkl_os_copy(ld, a->partition, image, a->image_size);
	if (err)
		goto out_free_image;
	err = nkl_loader_call(ld, NK_CALL_OS_START, a->partition);
	if (err == -NK_EGUEST)
		err = nkl_refuse(ld, -EIO, "the guest failed as it started "
				 "(nkctl os list shows why)");
	else if (err)
		err = nkl_refuse(ld, -EINVAL, "the nanokernel refused to start "
				 "the guest: %d", err);
out_free_image:
	vfree(image);
	return err;
}

long nkl_ioctl_os_start(struct nkl_loader *ld, struct nk_os_start_args __user *uarg)
{
	struct nk_os_start_args a;
	long err;

	if (copy_from_user(&a, uarg, sizeof(a)))
		return -EFAULT;
	if (!ld->loaded)
		return -ENODEV;
	memset(a.error, 0, sizeof(a.error));
	ld->error = a.error;
	ld->error_len = sizeof(a.error);
	err = nkl_os_do_start(ld, &a);
	ld->error = NULL;	/* a.error lives on this stack */
	ld->error_len = 0;
	if (copy_to_user(uarg->error, a.error, sizeof(a.error)))
		return -EFAULT;
	return err;
}

/* OS_RUN and OS_STOP: one call into the nanokernel for partition i. */
long nkl_ioctl_os_call(struct nkl_loader *ld, struct nk_os_args __user *uarg, u32 call)
{
	struct nk_os_args a;

	if (copy_from_user(&a, uarg, sizeof(a)))
		return -EFAULT;
	if (a.reserved || a.command > 255 || a.partition >= NK_MAX_PARTITIONS)
		return -EINVAL;
	if (!ld->loaded)
		return -ENODEV;
	if (a.partition >= ld->cfg.npartitions)
		return -ENOENT;
	a.result = nkl_loader_call(ld, call, a.partition | a.command << 8);
	if (copy_to_user(uarg, &a, sizeof(a)))
		return -EFAULT;
	if (a.result == -NK_ESRCH)
		return -ESRCH;
	return a.result == -NK_EGUEST ? -EIO : (a.result < 0 ? -EINVAL : 0);
}

/* Is guest i started and not stopped or failed? */
static bool nkl_guest_live(struct nkl_loader *ld, u32 i)
{
	struct nk_os_status st;

	nkl_os_read_status(ld, i, &st);
	return st.state == NK_OS_IDLE || st.state == NK_OS_RUNNING ||
	       st.state == NK_OS_READY;
}

bool nkl_guests_running(struct nkl_loader *ld)
{
	u32 i;

	for (i = 0; i < ld->cfg.npartitions && i < NK_MAX_PARTITIONS; i++)
		if (nkl_guest_live(ld, i))
			return true;
	return false;
}

long nkl_ioctl_os_list(struct nkl_loader *ld, struct nk_os_list_args __user *uarg)
{
	struct nk_os_list_args a;
	struct nk_os_status st[NK_MAX_PARTITIONS];
	u32 i;

	if (copy_from_user(&a, uarg, sizeof(a)))
		return -EFAULT;
	if (a.count != NK_MAX_PARTITIONS || a.reserved[0] || a.reserved[1] ||
	    a.reserved[2])
		return -EINVAL;
	if (!ld->loaded)
		return -ENODEV;
	for (i = 0; i < NK_MAX_PARTITIONS; i++)
		nkl_os_read_status(ld, i, &st[i]);
	return copy_to_user(u64_to_user_ptr(a.status_ptr), st, sizeof(st)) ?
	       -EFAULT : 0;
}

/* Read a guest's console ring; the ring's header is checked, not trusted. */
long nkl_ioctl_console(struct nkl_loader *ld, struct nk_console_args __user *uarg)
{
	struct nk_console_args a;
	struct nk_console *con;
	u64 written, oldest, pos;
	u32 n, k, off;
	char *buf;
	long err;

	if (copy_from_user(&a, uarg, sizeof(a)))
		return -EFAULT;
	if (a.reserved[0] || a.reserved[1] || a.len > 65536)
		return -EINVAL;
	if (!ld->loaded)
		return -ENODEV;
	if (a.partition >= ld->cfg.npartitions ||
	    (a.partition + 1) * NK_CONSOLE_STRIDE > ld->cfg.shared.size)
		return -ENOENT;
	con = ld->shared_va + a.partition * NK_CONSOLE_STRIDE;
	written = READ_ONCE(con->written);
	if (READ_ONCE(con->magic) != NK_CONSOLE_MAGIC ||
	    READ_ONCE(con->size) != NK_CONSOLE_SIZE)
		written = 0;	/* no console yet, or a scribbled one */
	oldest = written > NK_CONSOLE_SIZE ? written - NK_CONSOLE_SIZE : 0;
	pos = a.pos < oldest ? oldest : min(a.pos, written);
	a.lost = pos - min(a.pos, pos);
	n = (u32)min_t(u64, written - pos, a.len);
	buf = kvmalloc(n + 1, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	for (k = 0; k < n; k++) {
		off = (u32)((pos + k) % NK_CONSOLE_SIZE);
		buf[k] = READ_ONCE(con->data[off]);
	}
	a.len = n;
	a.pos = pos + n;
	err = 0;
	if (copy_to_user(u64_to_user_ptr(a.buf_ptr), buf, n) ||
	    copy_to_user(uarg, &a, sizeof(a)))
		err = -EFAULT;
	kvfree(buf);
	return err;
}
