/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * include/nk/libnk.h - a small C library over the /dev/nanokernel ioctls
 * (include/nk/ioctl.h), for host processes.  User space only.
 *
 * Every function returns 0 (nk_open: a file descriptor) or a negative
 * errno; errno itself is left as the failing call set it.
 */
#ifndef NK_LIBNK_H
#define NK_LIBNK_H

#include "ioctl.h"
#include "image.h"

/* Open NK_DEVICE_PATH read-write, close-on-exec.  Returns the descriptor,
 * or -errno (-ENOENT: the loader module is not inserted). */
int nk_open(void);

/*
 * Load a nanokernel: cfg is the checked configuration, image the flat
 * image of len bytes.  When the loader refuses, its explanation is copied
 * to error (errlen bytes, may be 0); it is "" on success.
 * -EBUSY: already loaded, or a region, port range or IRQ is the host's;
 * -EINVAL, -ENOEXEC, -EPROTO, -EFBIG, -EBADMSG: configuration or image
 * refused; -ENXIO: a region is not RAM; -EIO: the image did not read back
 * or the nanokernel's init failed; -EOPNOTSUPP: more than one CPU online;
 * -ENOMEM, -EFAULT.  In every case error says why (Documentation/abi.md).
 */
int nk_load(int fd, const struct nk_config *cfg, const void *image,
	    size_t len, char *error, size_t errlen);

/* Shut the nanokernel down and release its memory.  -ENODEV: none loaded;
 * -EBUSY: a guest is running (stop it first). */
int nk_unload(int fd);

/* Fill *st; st->loaded is 0 when nothing is loaded (not an error). */
int nk_status(int fd, struct nk_status_args *st);

/* The configuration the loaded nanokernel runs with.  -ENODEV: none. */
int nk_get_config(int fd, struct nk_config *cfg);

/* One call through the passage: *result = (value ^ 0x5a5a5a5a) & INT32_MAX.
 * -ENODEV: none loaded; -EIO: the nanokernel failed the call. */
int nk_ping(int fd, uint32_t value, uint32_t *result);

/* Test hook: make the nanokernel take exception vector (0, 3, 6, 13, 14)
 * inside a call.  *result is the call's result: NK_EFAULT when caught. */
int nk_fault_test(int fd, uint32_t vector, int32_t *result);

/* Test hook: load Linux's own IDT behind the loader's back (what Linux
 * does on resume).  -ENODEV: none loaded or not attached. */
int nk_test_idt_reload(int fd);

/* Test hook: n self-IPIs on a vector Linux treats as spurious; *vector is
 * the one used.  -ENODEV: none loaded. */
int nk_test_spurious(int fd, uint32_t n, uint32_t *vector);

/*
 * The nanokernel's interrupt and exception counts (per vector, per OS),
 * the Linux IRQ behind each vector (irqs[256], NK_NO_LINUX_IRQ if none)
 * and the state of the host's IDT and tick (the out fields of *a).
 * -ENODEV: none loaded.
 */
int nk_stats(int fd, struct nk_irq_counts *counts, uint16_t *irqs,
	     struct nk_stats_args *a);

/*
 * Guests.  partition is the index in the configuration.  nk_os_start
 * copies a guest image into the partition and starts it (the loader's
 * explanation of a refusal goes to error).  nk_os_run runs an idle guest
 * until it yields, handing it command (0..255); nk_os_stop stops it.
 * -EIO: the guest failed (nk_os_list shows why); -ESRCH: not in a state
 * for this; -EBUSY: already running.
 */
int nk_os_start(int fd, uint32_t partition, const void *image, size_t len,
		char *error, size_t errlen);
int nk_os_run(int fd, uint32_t partition, uint32_t command);
int nk_os_stop(int fd, uint32_t partition);
int nk_os_list(int fd, struct nk_os_status st[NK_MAX_PARTITIONS]);

/* Read a guest's console ring from *pos on; *pos moves on, *lost counts
 * bytes overwritten before they could be read.  Returns bytes read. */
int nk_console_read(int fd, uint32_t partition, char *buf, uint32_t len,
		    uint64_t *pos, uint64_t *lost);

#endif /* NK_LIBNK_H */
