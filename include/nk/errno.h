/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * include/nk/errno.h - the one error convention of the project.
 *
 * Every function of the nanokernel, the cross-OS services, the loader and
 * libnk that can fail returns 0 (or a count, an id) on success and a
 * negative error number on failure: -NK_EINVAL.  The numbers are Linux's
 * errno values, so the loader hands them to user space unchanged and a
 * host program reads them as errno (the loader and libnk assert that the
 * two agree).  The RTOS translates them into µITRON E_* codes at its
 * boundary (rtos/port/nk/nk_svc.c), and nowhere else.
 *
 * Assembly uses them too (nanokernel/entry.S): plain numbers, no casts.
 */
#ifndef NK_ERRNO_H
#define NK_ERRNO_H

#define NK_EPERM	1	/* not allowed: a read-only segment */
#define NK_ENOENT	2	/* no object of that name or id */
#define NK_ESRCH	3	/* no such OS, or not in a state for this */
#define NK_EIO		5	/* a table entry is scribbled: not used */
#define NK_EBADF	9	/* an object the caller does not hold */
#define NK_EAGAIN	11	/* full, empty, not satisfied: try later */
#define NK_EFAULT	14	/* a buffer outside the caller's memory; or an
				 * exception hit the nanokernel (see its status) */
#define NK_EBUSY	16	/* still referenced */
#define NK_EEXIST	17	/* the name is taken */
#define NK_EMFILE	24	/* a descriptor holds too many references */
#define NK_EINVAL	22	/* a bad argument or reserved field */
#define NK_ENOSPC	28	/* no free entry or heap pages */
#define NK_ENOSYS	38	/* no such call or operation */
#define NK_EIDRM	43	/* a handle of an object that was destroyed */
#define NK_EPROTO	71	/* boot info missing or of another revision */
#define NK_EBADMSG	74	/* a PNVM entry that fails its checksum */
#define NK_EMSGSIZE	90	/* message larger than allowed or than the
				 * buffer (it stays queued) */
#define NK_EOPNOTSUPP	95	/* no services: the shared region is too small */
#define NK_EGUEST	131	/* the guest failed: see its nk_os_status
				 * (Linux's ENOTRECOVERABLE) */

/* True where <errno.h> (or the kernel's) is included: the loader and libnk
 * assert it, so that the numbers cannot drift from Linux's. */
#define NK_ERRNO_IS_LINUX \
	(NK_EPERM == EPERM && NK_ENOENT == ENOENT && NK_ESRCH == ESRCH && \
	 NK_EIO == EIO && NK_EBADF == EBADF && NK_EAGAIN == EAGAIN && NK_EFAULT == EFAULT && \
	 NK_EBUSY == EBUSY && NK_EEXIST == EEXIST && NK_EINVAL == EINVAL && \
	 NK_EMFILE == EMFILE && NK_EIDRM == EIDRM && \
	 NK_ENOSPC == ENOSPC && NK_ENOSYS == ENOSYS && NK_EPROTO == EPROTO && \
	 NK_EBADMSG == EBADMSG && NK_EMSGSIZE == EMSGSIZE && \
	 NK_EOPNOTSUPP == EOPNOTSUPP && NK_EGUEST == ENOTRECOVERABLE)

#endif /* NK_ERRNO_H */
