// SPDX-License-Identifier: GPL-2.0
/*
 * nanokernel/ras.c - the host's death: its crash record kept, then the
 * guests on their own (Documentation/ras.md).
 *
 * The dying host's loader makes one last call, NK_CALL_HOST_DOWN, from its
 * panic notifier, with interrupts off and the local APIC switched off by
 * panic() (smp_send_stop() calls disable_local_APIC() even on one CPU).
 * It has copied its record into the staging area; from here on nothing
 * of the host is trusted or used again:
 *
 *   1. the record is copied into the next slot of the RAS area, every
 *      length bounded and every string terminated, stamped and sealed
 *      (include/nk/ras.h);
 *   2. what the host held of the services is given back (as at a detach);
 *   3. the host's deadline is dropped, its IO-APIC pins masked (a device
 *      of the dead host's must not keep interrupting), the local APIC
 *      enabled again;
 *   4. every guest gets NK_GEVENT_HOST_DOWN, and the dispatcher runs them
 *      on the nanokernel's own stack, page directory, GDT and IDT, with
 *      the nanokernel's idle loop where the host used to be
 *      (nk_sched_alone).  The call never returns.
 *
 * The records are read back by the guests (NK_GCALL_RAS) and, after a
 * restart, by the loader.
 */
#include <nk/ras.h>
#include <nk/svc.h>
#include "nk.h"
#include "entry.h"
#include "lapic.h"
#include "os.h"
#include "sched.h"
#include "services.h"
#include "timer.h"

/* The RAS area in the nanokernel's map of the shared region, or 0. */
static uint8_t *nk_ras_area(void)
{
	uint32_t size = (uint32_t)nk_boot_info()->config.shared.size;

	if (size < NK_SVC_MIN_SHARED)
		return 0;
	return (uint8_t *)(NK_SHARED_VIRT_BASE + size - NK_SVC_KEPT);
}

/*
 * The head, checked; one that does not check is laid down again, counting
 * on from the newest whole record in the slots, so that a scribbled head
 * loses no record and never hands out a seq twice.
 */
static struct nk_ras_head *nk_ras_head(uint8_t *area)
{
	struct nk_ras_head *h = (struct nk_ras_head *)area;
	const struct nk_ras_record *r;
	uint32_t k, seq = 0;

	if (nk_ras_head_ok(h))
		return h;
	for (k = 0; k < NK_RAS_SLOTS; k++) {
		r = (const struct nk_ras_record *)(area + NK_RAS_HEAD_SIZE +
						   k * NK_RAS_RECORD_SIZE);
		if (r->seq > seq && nk_ras_slot_off(r->seq) ==
		    NK_RAS_HEAD_SIZE + k * NK_RAS_RECORD_SIZE &&
		    nk_ras_record_ok(r, r->seq))
			seq = r->seq;
	}
	memset(h, 0, sizeof(*h));
	h->magic = NK_RAS_HEAD_MAGIC;
	h->revision = NK_RAS_REVISION;
	h->seq = seq;
	h->crc = nk_ras_head_crc(h);
	return h;
}

/* The nanokernel's own record: no log, the host's EIP and callers. */
static void nk_ras_own(struct nk_ras_record *r, const char *reason)
{
	unsigned int k;

	memset(r, 0, NK_RAS_FIXED);
	for (k = 0; reason[k] && k < sizeof(r->reason) - 1; k++)
		r->reason[k] = reason[k];
	r->regs.eip = nk_host_eip;
	r->regs.stack[0] = nk_host_callers[0];
	r->regs.stack[1] = nk_host_callers[1];
	r->regs.stack_words = 2;
	r->regs.source = NK_RAS_REGS_HEARTBEAT;
}

/*
 * The dying host's record into the next slot: from the staging area, or
 * (own) the nanokernel's alone, of the fixed part zeroed and reason and
 * where the host was.  Its seq, or 0 if there is no RAS area.
 */
static uint32_t nk_ras_take(uint32_t kind, int own, const char *reason)
{
	uint8_t *area = nk_ras_area();
	struct nk_ras_head *h;
	struct nk_ras_record *r;
	uint32_t seq;

	if (!area)
		return 0;
	h = nk_ras_head(area);
	seq = h->seq + 1;
	r = (struct nk_ras_record *)(area + nk_ras_slot_off(seq));
	if (own)
		nk_ras_own(r, reason);
	else
		memcpy(r, (const void *)(NK_SHARED_VIRT_BASE + NK_SVC_STAGE_OFF), sizeof(*r));
	r->magic = NK_RAS_RECORD_MAGIC;
	r->revision = NK_RAS_REVISION;
	r->seq = seq;
	r->kind = kind;
	r->host_boot = nk_status.host_boot;
	r->tsc = rdtsc();
	if (r->log_len > NK_RAS_LOG_MAX)
		r->log_len = NK_RAS_LOG_MAX;
	if (r->regs.stack_words > NK_RAS_STACK_WORDS)
		r->regs.stack_words = NK_RAS_STACK_WORDS;
	r->release[sizeof(r->release) - 1] = 0;
	r->reason[sizeof(r->reason) - 1] = 0;
	r->oops[sizeof(r->oops) - 1] = 0;
	memset(r->reserved, 0, sizeof(r->reserved));
	r->crc = nk_ras_record_crc(r);
	h->seq = seq;
	h->crc = nk_ras_head_crc(h);
	return seq;
}

/* At init: a head that does not check is laid down again now. */
void nk_ras_init(void)
{
	uint8_t *area = nk_ras_area();

	if (area)
		nk_status.ras_seq = nk_ras_head(area)->seq;
}

/* The host is dead, its record kept: the guests on their own. */
static void nk_ras_down(uint32_t seq) __attribute__((noreturn));
static void nk_ras_down(uint32_t seq)
{
	unsigned int i;

	nk_in_irq = 0;	/* a death found in an interrupt: no way back to it */
	nk_status.state = NK_STATE_HOST_DOWN;
	nk_status.host_downs++;
	nk_status.host_down_tsc = rdtsc();
	nk_status.ras_seq = seq;
	nk_timer_watch(0);
	nk_svc_host_release();
	nk_timer_host_dead();
	nk_ioapic_mask_host();
	nk_lapic_revive();
	for (i = 0; i < nk_npartitions(); i++)
		nk_vcpu_post(i, NK_GEVENT_HOST_DOWN, 0);
	nk_sched_alone();
}

int nk_ras_host_down(uint32_t kind)
{
	if (kind != NK_RAS_PANIC && kind != NK_RAS_OOPS && kind != NK_RAS_REBOOT)
		return -NK_EINVAL;
	nk_ras_down(nk_ras_take(kind, 0, 0));
}

/*
 * The heartbeat: the loader calls every heartbeat_ms / 4 from a work
 * item, which runs only while the host schedules; the nanokernel's watch
 * deadline is pushed back each time.
 */
int nk_ras_heartbeat(void)
{
	uint32_t ms = nk_boot_info()->config.ras_heartbeat_ms;

	if (!ms)
		return -NK_EINVAL;
	nk_timer_watch(ms);
	return 0;
}

static int nk_guests_live(void)
{
	unsigned int i;
	uint32_t st;

	for (i = 0; i < nk_npartitions(); i++) {
		st = nk_os_status(i)->state;
		if (st == NK_OS_IDLE || st == NK_OS_READY || st == NK_OS_RUNNING)
			return 1;
	}
	return 0;
}

/*
 * No heartbeat for heartbeat_ms.  If the host was on the CPU (the watch
 * interrupted it) and a guest is live, the host stopped answering with
 * its interrupts on: it is dead, and what it was running is all the
 * record can say (the nanokernel reads nothing of the host's memory).  A
 * guest on the CPU may have kept the host off it: another look later.
 */
void nk_ras_watch_expired(int from_host)
{
	uint32_t ms = nk_boot_info()->config.ras_heartbeat_ms;

	if (!from_host || !nk_guests_live() || nk_status.state != NK_STATE_READY) {
		nk_timer_watch(ms / 4 ? ms / 4 : 1);
		return;
	}
	nk_ras_down(nk_ras_take(NK_RAS_HEARTBEAT, 1, "the host's heartbeat stopped"));
}

/* NK_GCALL_RAS: the newest record's fixed part, into guest i's buffer. */
int nk_ras_guest_read(unsigned int i, uint32_t buf, uint32_t len)
{
	uint8_t *area = nk_ras_area();
	const struct nk_ras_head *h;
	const struct nk_ras_record *r;
	uint32_t seq;

	if (!len || len > NK_RAS_FIXED || !nk_range_ok(i, buf, len))
		return -NK_EINVAL;
	if (!area)
		return -NK_ENOENT;
	h = nk_ras_head(area);
	seq = h->seq;
	if (!seq || seq <= h->cleared)
		return -NK_ENOENT;
	r = (const struct nk_ras_record *)(area + nk_ras_slot_off(seq));
	if (!nk_ras_record_ok(r, seq))
		return -NK_EBADMSG;
	memcpy((void *)buf, r, len);
	return (int)seq;
}

/* NK_CALL_RAS_CLEAR: every record so far cleared; how many were. */
int nk_ras_clear_records(void)
{
	uint8_t *area = nk_ras_area();
	struct nk_ras_head *h;
	uint32_t n;

	if (!area)
		return -NK_EOPNOTSUPP;
	h = nk_ras_head(area);
	n = h->seq - h->cleared;
	h->cleared = h->seq;
	h->crc = nk_ras_head_crc(h);
	return (int)n;
}
