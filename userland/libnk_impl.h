/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/* userland/libnk_impl.h - what libnk.c and libnk_svc.c share. */
#ifndef LIBNK_IMPL_H
#define LIBNK_IMPL_H

#include <errno.h>
#include <sys/ioctl.h>
#include <nk/errno.h>
#include <nk/types.h>

NK_STATIC_ASSERT(NK_ERRNO_IS_LINUX, "include/nk/errno.h has Linux's numbers");

/* One ioctl: 0, or -errno. */
static inline int nk_ioctl(int fd, unsigned long cmd, void *arg)
{
	return ioctl(fd, cmd, arg) < 0 ? -errno : 0;
}

#endif /* LIBNK_IMPL_H */
