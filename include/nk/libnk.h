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

/*
 * The same with flags (NK_LOAD_REPLACE, NK_LOAD_ATTACH, include/nk/
 * ioctl.h); *attached (may be NULL) says whether it attached to a
 * nanokernel a loader had left detached.  Besides nk_load's errors:
 * -EEXIST, another image or configuration runs detached; -EBADMSG, the
 * detached nanokernel is corrupt; -EPROTO, another ABI left it; -ENOENT
 * (NK_LOAD_ATTACH), none is there.
 */
int nk_load_flags(int fd, const struct nk_config *cfg, const void *image,
		  size_t len, uint32_t flags, int *attached, char *error,
		  size_t errlen);

/* Detach: the nanokernel and its guests stay as they are, waiting for a
 * load to attach again.  -ENODEV: none loaded; -EBUSY: a host process
 * holds a service handle or a mapping. */
int nk_detach(int fd);

/* Arm the host's restart after its death (Documentation/ras.md): its
 * kernel (a bzImage), initrd (or NULL, 0), command line and the zero page
 * it was booted with (4096 bytes).  0, or -errno with the loader's reason
 * in error. */
int nk_ras_arm(int fd, const void *kernel, size_t kernel_len, const void *initrd,
	       size_t initrd_len, const char *cmdline, const void *boot_params,
	       char *error, size_t errlen);

/* Crash record seq (0: the newest) into buf (size bytes; NULL: none),
 * and the newest and cleared record numbers.  0; -ENOENT: not kept;
 * -EBADMSG: corrupt, nothing copied. */
int nk_ras_read(int fd, uint32_t seq, void *buf, size_t size, uint32_t *newest,
		uint32_t *cleared);
/* Every crash record cleared: how many were, or -errno. */
int nk_ras_clear(int fd);

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
 * inside a call.  *result is the call's result: -NK_EFAULT when caught. */
int nk_fault_test(int fd, uint32_t vector, int32_t *result);

/* Test hook: load Linux's own IDT behind the loader's back (what Linux
 * does on resume).  -ENODEV: none loaded or not attached. */
int nk_test_idt_reload(int fd);

/* Test hook: n self-IPIs on a vector Linux treats as spurious; *vector is
 * the one used.  -ENODEV: none loaded. */
int nk_test_spurious(int fd, uint32_t n, uint32_t *vector);
/* Test hook (NK_IOC_TEST_DELAY): the next count deadlines of OS slot slot
 * (0 the host, i + 1 partition i) are armed us later (10 us steps). */
int nk_test_delay(int fd, uint32_t slot, uint32_t count, uint32_t us);

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

/*
 * The cross-OS services (Documentation/services.md), in userland/libnk_svc.c.
 * create and open give a handle (never 0); an object is used through the
 * descriptor that created or opened it (-EBADF otherwise).  A handle of a
 * destroyed object stays dead (-EIDRM), even once its table entry holds a
 * new object.  Names: 1 to 15 of [a-z0-9_.-].  timeout_ms: -1 waits for
 * ever, 0 only tries (-EAGAIN), else -ETIMEDOUT when it runs out; a
 * signal ends a wait with -EINTR, having taken nothing.  Any error means
 * nothing changed (-EFAULT included: a buffer that faults is found before
 * anything is taken), with one exception: an argument block another
 * thread makes unwritable while the call runs (the call is done, and
 * -EFAULT says it could not be told so).  Errors common to all: -ENODEV nothing loaded;
 * -EINVAL a bad argument; -ENOENT no such object; -EIO its table entry
 * was found scribbled on (it is not used); -EOPNOTSUPP the shared region
 * is too small for the services.
 */
struct nk_svc_list_args;

/* Message queues.  create opens an existing queue of the same shape (with
 * excl: -EEXIST; another shape: -EEXIST too); -ENOSPC: no room.  send: 1
 * to msg_max bytes (0: -EINVAL), -EAGAIN full (timeout 0), -EMSGSIZE
 * longer than the queue's msg_max.  recv returns the message's length;
 * -EMSGSIZE: buf is too small (the message stays, *need says how much it
 * needs). */
int nk_mq_create(int fd, const char *name, uint32_t depth, uint32_t msg_max,
		 int excl, uint32_t *id);
int nk_mq_open(int fd, const char *name, uint32_t *id, uint32_t *depth,
	       uint32_t *msg_max);
int nk_mq_destroy(int fd, uint32_t id);
int nk_mq_send(int fd, uint32_t id, const void *msg, uint32_t len, int timeout_ms);
int nk_mq_recv(int fd, uint32_t id, void *buf, uint32_t room, int timeout_ms,
	       uint32_t *need);
/* From now on poll()/select() on fd say whether queue id has a message. */
int nk_mq_watch(int fd, uint32_t id);

/* Event variables: 32 bits.  wait: mode NK_EV_ANY or NK_EV_ALL of bits;
 * clear: bits cleared when it is satisfied; *got: the bits that satisfied
 * it.  set and clear return the bits after (in *now, may be NULL). */
int nk_ev_create(int fd, const char *name, uint32_t initial, int excl, uint32_t *id);
int nk_ev_open(int fd, const char *name, uint32_t *id);
int nk_ev_destroy(int fd, uint32_t id);
int nk_ev_set(int fd, uint32_t id, uint32_t bits, uint32_t *now);
int nk_ev_clear(int fd, uint32_t id, uint32_t bits, uint32_t *now);
int nk_ev_wait(int fd, uint32_t id, uint32_t bits, uint32_t mode, uint32_t clear,
	       int timeout_ms, uint32_t *got);

/* Shared memory segments: size a multiple of 4 KB (else -EINVAL), up to
 * 4 MB, zeroed when created and found by no one until then.  map maps
 * the segment (mode NK_SHM_RO_OTHERS made by another OS: read-only; NULL
 * and errno EBADF if id was not created or opened through libnk); unmap
 * (munmap), close and destroy as their names say: the pages go when the
 * segment is destroyed and neither open nor mapped any more.  One
 * descriptor holds at most 65535 opens of one segment (-EMFILE; mappings
 * do not count there); all opens and mappings of it at most 2^20
 * (-ENOSPC).  Mappings are not
 * inherited by fork() (VM_DONTCOPY). */
int nk_shm_create(int fd, const char *name, uint32_t size, uint32_t mode,
		  int excl, uint32_t *id);
int nk_shm_open(int fd, const char *name, uint32_t *id, uint32_t *size,
		uint32_t *mode);
void *nk_shm_map(int fd, uint32_t id, uint32_t size, int writable);
int nk_shm_close(int fd, uint32_t id);
int nk_shm_destroy(int fd, uint32_t id);

/* Pseudo-nonvolatile memory: the region of key (allocated, zeroed and
 * committed if new and size > 0; size rounded up to whole pages), mapped
 * at p->addr.  p->status: NK_PNVM_NEW, NK_PNVM_KEPT (and its contents
 * give the CRC committed last) or NK_PNVM_TORN (an update was begun and
 * never committed); -EBADMSG: its entry fails its checksum (nothing is
 * open), or its contents do (p->status is KEPT: the region is open and
 * mapped, for the caller to look at, mend or close).  An update: begin,
 * write, commit (which checksums it).  close unmaps it and drops the
 * reference; free takes the region away for good, -EBUSY while anyone
 * has it open or mapped. */
struct nk_pnvm {
	uint32_t key, id, size, status, generation;
	uint8_t *addr;
};
int nk_pnvm_open(int fd, uint32_t key, uint32_t size, struct nk_pnvm *p);
int nk_pnvm_begin(int fd, struct nk_pnvm *p);
int nk_pnvm_commit(int fd, struct nk_pnvm *p);
int nk_pnvm_close(int fd, struct nk_pnvm *p);
int nk_pnvm_free(int fd, uint32_t key, uint32_t index);

/* The tables (for nkctl): dir and pnvm are filled in, a's out fields too. */
int nk_svc_list(int fd, struct nk_svc_dir *dir, struct nk_pnvm_dir *pnvm,
		struct nk_svc_list_args *a);
/* Test hook: scribble over table (1 queue, 2 event, 3 segment, 4 PNVM
 * entry, 5 heap map) entry id, as a crashed OS might. */
int nk_svc_test_corrupt(int fd, uint32_t table, uint32_t id);

#endif /* NK_LIBNK_H */
