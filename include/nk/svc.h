/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * include/nk/svc.h - the cross-OS services: message queues, event
 * variables, shared memory segments and pseudo-nonvolatile memory
 * (Documentation/services.md).
 *
 * The services live in the shared region, which belongs to neither OS.
 * Their tables are written by the nanokernel only, one operation at a time
 * with interrupts off, so an OS that stops in the middle of a call cannot
 * leave them half changed; both OSes call the nanokernel to use them: the
 * host through the loader (NK_CALL_SVC), a guest with NK_GCALL_SVC.  Every
 * index, length and offset the nanokernel reads back from the shared
 * region is checked before use (ipc/, shmem/: nk_svc_check_*), because an
 * OS that crashed may have scribbled there.
 *
 * The shared region, from its base:
 *   0x00000  console rings, one per partition (guest.h)
 *   0x20000  struct nk_svc_dir: the tables and the heap's page map
 *   0x30000  the host's staging area: a request, then up to 64 KB of data
 *   0x42000  the heap: queue rings and segments, whole pages
 *   end - NK_SVC_KEPT   the RAS area: the host's crash records (ras.h)
 *   end - NK_PNVM_AREA  pseudo-nonvolatile memory: its directory page,
 *            then its regions
 * The loader never clears the last NK_SVC_KEPT bytes (the RAS and PNVM
 * areas), so they outlive the OSes, the loader and the nanokernel itself.
 */
#ifndef NK_SVC_H
#define NK_SVC_H

#include "types.h"
#include "errno.h"
#include "config.h"
#include "ras.h"

#define NK_SVC_MAGIC		NK_U(0x5653424e)	/* "NBSV" */
#define NK_PNVM_MAGIC		NK_U(0x4d564e50)	/* "PNVM" */
#define NK_SVC_REVISION		2	/* the tables: handles, CREATING */
#define NK_PNVM_REVISION	1	/* the PNVM directory, which outlives us */

#define NK_SVC_DIR_OFF		NK_U(0x00020000)
#define NK_SVC_DIR_SIZE		NK_U(0x00010000)
#define NK_SVC_STAGE_OFF	NK_U(0x00030000)
#define NK_SVC_STAGE_DATA	NK_U(0x00031000)	/* request page first */
#define NK_SVC_DATA_MAX		NK_U(0x00010000)	/* 64 KB */
#define NK_SVC_HEAP_OFF		NK_U(0x00042000)
#define NK_PNVM_AREA		NK_U(0x00100000)	/* the last 1 MB */
#define NK_SVC_KEPT		(NK_PNVM_AREA + NK_RAS_AREA)	/* never cleared */
#define NK_SVC_MIN_SHARED	NK_U(0x00400000)	/* room for all of it */
#define NK_SVC_PAGE		NK_U(0x1000)

#define NK_SVC_NAME_LEN		16	/* [a-z0-9_.-], NUL-padded */
#define NK_MQ_MAX		32
#define NK_EV_MAX		32
#define NK_SHM_MAX		32
#define NK_PNVM_MAX		32
#define NK_MQ_DEPTH_MAX		1024
#define NK_MQ_MSG_MAX		NK_SVC_DATA_MAX
#define NK_SHM_SIZE_MAX		NK_U(0x00400000)	/* 4 MB a segment */
#define NK_SVC_HEAP_PAGES_MAX	4096	/* 16 MB of heap at the most */
#define NK_SVC_REFS_MAX		NK_U(0x00100000)	/* references to one segment
							 * or region: more is -ENOSPC */

/*
 * A handle names an object: its table index in the low 8 bits, above them
 * the generation of its entry, which every create of the entry advances.
 * A handle of a destroyed object is never valid again (-EIDRM), even when
 * its index is in use anew; one that cannot be a handle (its index past
 * the table, its generation 0 or past NK_SVC_GEN_MAX) is -ENOENT, and one
 * made up with a plausible index and generation reads as -EIDRM.  Handles are
 * positive and at least 0x100.
 */
#define NK_SVC_HANDLE(gen, index)	(((uint32_t)(gen) << 8) | (index))
#define NK_SVC_INDEX(h)			((h) & 0xffu)
#define NK_SVC_GEN(h)			((h) >> 8)
#define NK_SVC_GEN_MAX			NK_U(0x007fffff)

/* Operations: struct nk_svc_req.op.  In and out fields are in the
 * comments of struct nk_svc_req; every error is a negative errno. */
enum nk_svc_op {
	NK_SVC_MQ_CREATE = 1,	/* name, arg0 depth, arg1 msg_max -> id */
	NK_SVC_MQ_OPEN,		/* name -> id, out0 depth, out1 msg_max */
	NK_SVC_MQ_DESTROY,	/* id */
	NK_SVC_MQ_SEND,		/* id, len (1 to msg_max), data; NK_SVCF_WAIT */
	NK_SVC_MQ_RECV,		/* id, len (room), data -> bytes, out0 the
				 * message's size; NK_SVCF_WAIT; with
				 * NK_SVCF_PEEK the message is copied and
				 * stays, out1 its number for MQ_TAKE; with
				 * NK_SVCF_PEEK | NK_SVCF_REF it is not even
				 * copied: out2 is where it lies in the
				 * shared region */
	NK_SVC_MQ_POLL,		/* id -> messages queued; with NK_SVCF_WAIT and
				 * none, a doorbell when one comes */
	NK_SVC_EV_CREATE,	/* name, arg0 initial bits -> id */
	NK_SVC_EV_OPEN,		/* name -> id */
	NK_SVC_EV_DESTROY,	/* id */
	NK_SVC_EV_SET,		/* id, arg0 bits to set -> out0 bits now */
	NK_SVC_EV_CLEAR,	/* id, arg0 bits to clear -> out0 bits now */
	NK_SVC_EV_WAIT,		/* id, arg0 bits, arg1 NK_EV_ANY/ALL, arg2
				 * bits to clear when satisfied -> out0 the
				 * bits that satisfied it; NK_SVCF_WAIT; with
				 * NK_SVCF_PEEK nothing is cleared (EV_TAKE) */
	NK_SVC_SHM_CREATE,	/* name, len (a multiple of 4 KB), arg0 mode
				 * -> id, out0 offset (in the shared region),
				 * out1 size, as OPEN; takes a reference; it
				 * is CREATING, found by no one, until the
				 * creator has cleared it (as it likes) and
				 * calls SHM_PUBLISH */
	NK_SVC_SHM_OPEN,	/* name -> id, out0 offset, out1 size, out2 mode,
				 * out3 the creator's OS slot, out4 1 if this
				 * call created it (the caller must publish
				 * it); takes a reference */
	NK_SVC_SHM_REF,		/* id: one more reference (a mapping) */
	NK_SVC_SHM_CLOSE,	/* id: drops a reference */
	NK_SVC_SHM_DESTROY,	/* id: freed when the last reference goes */
	NK_SVC_PNVM_OPEN,	/* arg0 key, len -> id, out0 offset (in the
				 * shared region), out1 size, out2
				 * NK_PNVM_NEW/KEPT/TORN, out3 generation,
				 * out4 the contents' CRC-32 at the last
				 * commit (the caller checks it: the
				 * nanokernel never reads the contents);
				 * -EBADMSG: its entry is corrupt; takes a
				 * reference.  A new region is not cleared:
				 * it starts torn (generation 1), and its
				 * opener clears it and commits */
	NK_SVC_PNVM_BEGIN,	/* id: an update starts (odd generation) */
	NK_SVC_PNVM_COMMIT,	/* id, arg0 the contents' CRC-32: whole
				 * again, next (even) generation -> out3 */
	NK_SVC_PNVM_FREE,	/* arg0 key (or arg1 index + 1): its entry and
				 * pages go, even a corrupt one; -EBUSY while
				 * it is referenced */
	NK_SVC_CANCEL,		/* forget the calling OS's waiter records (at its start) */
	NK_SVC_TEST_CORRUPT,	/* test hook: arg0 table (1 mq, 2 ev, 3 shm,
				 * 4 pnvm, 5 heap map), id: the index to
				 * scribble on */
	NK_SVC_MQ_TAKE,		/* id, arg0 the number MQ_RECV's peek gave:
				 * the head message goes if it is still that
				 * one (-EAGAIN if not) -> its bytes */
	NK_SVC_EV_TAKE,		/* id, arg0..2 as EV_WAIT, arg3 the bits the
				 * peek saw: clear if they are still those
				 * and still satisfy it (-EAGAIN if not) */
	NK_SVC_SHM_PUBLISH,	/* id: a CREATING segment is whole now */
	NK_SVC_PNVM_CLOSE,	/* id: drops a reference */
	NK_SVC_PNVM_REF,	/* id: one more reference (a mapping) */
	NK_SVC_OPS
};

/* Errors: -NK_E* (errno.h), the same on every side. */

/* struct nk_svc_req.flags */
#define NK_SVCF_WAIT		0x1	/* if it cannot be done now: -EAGAIN,
					 * and a doorbell when it may be */
#define NK_SVCF_EXCL		0x2	/* create: the name must be new */
#define NK_SVCF_PEEK		0x4	/* recv, wait: change nothing yet: the
					 * host's two-phase calls (its copy to
					 * the caller may fault: services.md) */
#define NK_SVCF_REF		0x8	/* recv with PEEK: where the message is,
					 * not a copy (the host copies it out of
					 * the ring itself, interrupts on) */

#define NK_EV_ANY		0
#define NK_EV_ALL		1

#define NK_SHM_RW		0	/* mode: both OSes may write */
#define NK_SHM_RO_OTHERS	1	/* only the creator's OS may write
					 * (a host mapping is read-only) */

#define NK_PNVM_NEW		1	/* out2: allocated now, zeroed */
#define NK_PNVM_KEPT		2	/* out2: there already, committed */
#define NK_PNVM_TORN		3	/* out2: there already, but an update was
					 * begun and never committed */

/* One call: in the host's staging area, or in the guest's partition. */
struct nk_svc_req {
	uint32_t op;		/* enum nk_svc_op */
	uint32_t id;		/* the object, as create/open returned it */
	uint32_t flags;		/* NK_SVCF_* */
	uint32_t len;		/* data bytes, or room for them */
	uint32_t arg[4];	/* the operation's own */
	uint32_t waiter;	/* who calls: a pid or a task id, for the record */
	uint32_t data;		/* guest: its buffer, in its partition; host:
				 * 0 (the data follow in the staging area) */
	int32_t result;		/* out: >= 0 (id, bytes) or -errno */
	uint32_t out[6];	/* out: the operation's own */
	char name[NK_SVC_NAME_LEN];
	uint32_t reserved;	/* must be zero */
};
NK_CHECK_SIZE(struct nk_svc_req, 88);

/* ---- the tables, in the shared region: written by the nanokernel ---- */

enum nk_svc_state {
	NK_SVC_FREE = 0,
	NK_SVC_USED = 1,
	NK_SVC_DOOMED = 2,	/* segment: destroyed, still referenced */
	NK_SVC_CREATING = 3,	/* segment: created, not yet published */
};

struct nk_mq_slot {
	char name[NK_SVC_NAME_LEN];
	uint32_t state;		/* enum nk_svc_state */
	uint32_t owner;		/* the OS slot that created it */
	uint32_t creator;	/* its pid or task id */
	uint32_t depth;		/* messages the ring holds */
	uint32_t msg_max;	/* bytes a message may have */
	uint32_t off;		/* the ring, in the heap: depth slots of
				 * 4 + msg_max bytes (rounded to 4) */
	uint32_t pages;		/* heap pages it takes */
	uint32_t head;		/* the slot received next */
	uint32_t count;		/* messages in the ring */
	uint32_t readers;	/* bit s: OS slot s has a receiver waiting */
	uint32_t writers;	/* bit s: OS slot s has a sender waiting */
	uint32_t gen;		/* the generation of its handle */
	uint64_t sent, received;
	uint32_t reader_id[NK_OS_SLOTS];	/* the last of each OS */
	uint32_t writer_id[NK_OS_SLOTS];
};
NK_CHECK_SIZE(struct nk_mq_slot, 144);

struct nk_ev_slot {
	char name[NK_SVC_NAME_LEN];
	uint32_t state;
	uint32_t owner;
	uint32_t creator;
	uint32_t bits;		/* the event variable itself */
	uint32_t waiters;	/* bit s: OS slot s has a waiter */
	uint32_t gen;
	uint64_t sets;		/* NK_SVC_EV_SET calls */
	uint32_t wait_id[NK_OS_SLOTS];	/* the last waiter of each OS */
	uint32_t wait_bits[NK_OS_SLOTS];	/* ... and what it waits for */
};
NK_CHECK_SIZE(struct nk_ev_slot, 112);

struct nk_shm_slot {
	char name[NK_SVC_NAME_LEN];
	uint32_t state;
	uint32_t owner;
	uint32_t creator;
	uint32_t mode;		/* NK_SHM_* */
	uint32_t off;		/* in the shared region, page aligned */
	uint32_t size;		/* bytes, whole pages */
	uint32_t refs;		/* opens and mappings not yet closed */
	uint32_t gen;
	uint32_t reserved[4];
};
NK_CHECK_SIZE(struct nk_shm_slot, 64);

struct nk_svc_dir {
	uint32_t magic;		/* NK_SVC_MAGIC */
	uint32_t revision;	/* NK_SVC_REVISION */
	uint32_t heap_off;	/* NK_SVC_HEAP_OFF */
	uint32_t heap_pages;	/* up to the PNVM area */
	uint32_t heap_used;	/* pages taken */
	uint32_t corrupt;	/* entries found scribbled and not used */
	uint32_t reserved[2];
	uint8_t heap_map[NK_SVC_HEAP_PAGES_MAX / 8];	/* bit: page taken */
	struct nk_mq_slot mq[NK_MQ_MAX];
	struct nk_ev_slot ev[NK_EV_MAX];
	struct nk_shm_slot shm[NK_SHM_MAX];
	/* The PNVM regions' references and handle generations: of this
	 * nanokernel's life only, so kept here, not in the PNVM area. */
	uint32_t pnvm_refs[NK_PNVM_MAX];
	uint32_t pnvm_gen[NK_PNVM_MAX];
};
NK_STATIC_ASSERT(sizeof(struct nk_svc_dir) <= NK_SVC_DIR_SIZE,
		 "the tables fit their 64 KB");

/*
 * Pseudo-nonvolatile memory: its own directory at the start of the PNVM
 * area, checked (magic, revision, CRC-32 of the header) by every
 * nanokernel that finds it.  A region is asked for by a key, a number the
 * application chooses; its entry has a CRC-32 of its own fields, and of
 * its contents as of the last commit.  An odd generation means an update
 * was begun and not committed: the contents may be torn.
 */
struct nk_pnvm_entry {
	uint32_t key;		/* the persistent identifier; 0: free */
	uint32_t off;		/* from the PNVM area's start, page aligned */
	uint32_t size;		/* bytes, whole pages */
	uint32_t generation;	/* even: committed; odd: being updated */
	uint32_t data_crc;	/* CRC-32 of the contents at the last commit */
	uint32_t owner;		/* the OS slot that allocated it */
	uint32_t creator;	/* its pid or task id */
	uint32_t entry_crc;	/* CRC-32 of this entry, this field as 0 */
};
NK_CHECK_SIZE(struct nk_pnvm_entry, 32);

struct nk_pnvm_dir {
	uint32_t magic;		/* NK_PNVM_MAGIC */
	uint32_t revision;	/* NK_PNVM_REVISION */
	uint32_t area_size;	/* NK_PNVM_AREA */
	uint32_t boots;		/* nanokernels that found it whole */
	uint32_t reserved[3];
	uint32_t dir_crc;	/* CRC-32 of these 32 bytes, this field as 0 */
	struct nk_pnvm_entry e[NK_PNVM_MAX];
};
NK_STATIC_ASSERT(sizeof(struct nk_pnvm_dir) <= NK_SVC_PAGE,
		 "the PNVM directory is its first page");

/*
 * Doorbells: which objects may now let a waiter of an OS go on.  For the
 * host, in the nanokernel's region (NK_OFF_DOORBELL) and a vector of the
 * loader's raised when the host runs; for a guest, in its struct nk_vcpu
 * with NK_GEVENT_DOORBELL.  The OS takes them with xchg.
 */
struct nk_doorbell {
	uint32_t mq;		/* bit i: queue i */
	uint32_t ev;		/* bit i: event variable i */
	uint32_t rung;		/* times rung */
	uint32_t reserved;
};
NK_CHECK_SIZE(struct nk_doorbell, 16);

#ifndef __ASSEMBLER__
/* A name of [a-z0-9_.-], 1 to 15 characters, NUL-padded to the end. */
static inline int nk_svc_name_ok(const char *name)
{
	unsigned int i;
	char c;

	for (i = 0; i < NK_SVC_NAME_LEN && name[i]; i++) {
		c = name[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '.' || c == '-'))
			return 0;
	}
	if (i == 0 || i == NK_SVC_NAME_LEN)
		return 0;	/* empty, or no room for the NUL */
	for (; i < NK_SVC_NAME_LEN; i++)
		if (name[i])
			return 0;	/* padding must be NUL: names compare whole */
	return 1;
}
#endif

#endif /* NK_SVC_H */
