/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nanokernel/os.h - the guest OSes: their control blocks and status, and
 * what the files about guests give each other: their lifecycle, calls and
 * console (guest.c) and their virtual CPU's events (vcpu.c).
 *
 * A guest runs in ring 0 on a page directory of its own: a copy of the
 * nanokernel's (so the nanokernel's code, IDT and stack stay mapped at the
 * same addresses and a guest call needs no CR3 switch) plus its partition
 * at NK_GUEST_VIRT_BASE.  Its context is what it left on its own stack
 * when it last entered the nanokernel (struct nk_guest_regs, entry.h);
 * saved_esp points at it.
 */
#ifndef NANOKERNEL_OS_H
#define NANOKERNEL_OS_H

#include <nk/guest.h>
#include <nk/svc.h>
#include "nk.h"
#include "entry.h"

/* What of the shared region a guest has mapped (svc.c): a segment or a
 * PNVM region while it holds references to it, by its handle. */
struct nk_os_map {
	uint32_t handle, refs;
	uint32_t off, size;
};

/* What the nanokernel keeps of a guest besides its nk_os_status. */
struct nk_os {
	uint32_t pgd_phys;
	uint32_t saved_esp;	/* its context: struct nk_guest_regs */
	uint32_t part_size;
	uint32_t upcall;	/* its event entry, or 0 */
	struct nk_os_map shm[NK_SHM_MAX];
	struct nk_os_map pnvm[NK_PNVM_MAX];
};

extern struct nk_os nk_os[NK_MAX_PARTITIONS];	/* guest.c */

/* In the nanokernel's region, where the loader reads it. */
static inline struct nk_os_status *nk_os_status(unsigned int i)
{
	return (struct nk_os_status *)(NK_VIRT_BASE + NK_OFF_OS_STATUS) + i;
}

/* Mapped at the same address in every address space of the nanokernel. */
static inline struct nk_vcpu *nk_vcpu(unsigned int i)
{
	return (struct nk_vcpu *)(NK_VIRT_BASE + NK_OFF_VCPU + i * NK_PAGE_SIZE);
}

static inline uint32_t nk_priority(unsigned int i)
{
	return nk_boot_info()->config.partitions[i].priority;
}

/* ---- guest.c ---- */
/* NK_CALL_OS_START, NK_CALL_OS_RUN (index | command << 8), NK_CALL_OS_STOP. */
int nk_guest_start(uint32_t i);
int nk_guest_run(uint32_t arg);
int nk_guest_stop(uint32_t arg);
/* Is [addr, addr + len) inside guest i's partition? */
int nk_range_ok(unsigned int i, uint32_t addr, uint32_t len);
/* Stop guest i for good, in state (NK_OS_FAILED or NK_OS_STOPPED). */
void nk_guest_halt(unsigned int i, uint32_t state);
/* Guest i stopped on an exception at eip; cr2 is what it could not reach. */
void nk_guest_record_fault(unsigned int i, uint32_t vector, uint32_t error,
			   uint32_t eip, uint32_t cr2);
/* An exception: 1 if a guest was running (it is recorded and will stop). */
int nk_guest_fault(uint32_t vector, uint32_t error, uint32_t eip);
/* Leave running guest i with its context at r, for the reason why
 * (NK_GUEST_EXIT_*): 0, what the assembly takes for "leave". */
uint32_t nk_guest_leave(unsigned int i, struct nk_guest_regs *r, uint32_t why);
/* Resume guest i at r (events delivered): the frame, or 0 if it failed. */
uint32_t nk_guest_resume(unsigned int i, struct nk_guest_regs *r);

/* ---- guest_map.c ---- */
/* Build guest i's page directory and page tables for partition p. */
void nk_map_build(unsigned int i, const struct nk_partition *p);
/* Map [off, off + size) of the shared region into guest i's space, or
 * take it out; -NK_ENOSPC beyond what a guest's map can hold. */
int nk_map_shared(unsigned int i, uint32_t off, uint32_t size, int writable);
void nk_map_unshare(unsigned int i, uint32_t off, uint32_t size);
/* The nanokernel's own page directory shows guest i's partition. */
void nk_map_window(unsigned int i);
int nk_map_init(void);

/* ---- svc.c ---- */
/* Give back what guest i held of the services (it stopped or failed). */
void nk_svc_guest_release(unsigned int i);

/* ---- ras.c ---- */
/* At init: the RAS area's head checked, or laid down again. */
void nk_ras_init(void);
/* NK_CALL_HOST_DOWN: keep the dying host's record, then run the guests
 * alone; never returns (-NK_EINVAL for an unknown kind). */
int nk_ras_host_down(uint32_t kind);
/* NK_GCALL_RAS from guest i. */
int nk_ras_guest_read(unsigned int i, uint32_t buf, uint32_t len);
/* NK_CALL_RAS_CLEAR. */
int nk_ras_clear_records(void);
/* NK_CALL_HEARTBEAT, and its deadline passed (from_host: while the host
 * ran, so it is the host that stopped answering: it is declared dead,
 * and this does not return). */
int nk_ras_heartbeat(void);
void nk_ras_watch_expired(int from_host);

/* ---- host_boot.c ---- */
/* NK_GCALL_HOST_RESTART: what the host armed is checked, and the guests
 * are held for the restart; 0, or why not. */
int nk_host_restart_ask(void);
int nk_host_restart_asked(void);
/* The host died: mask its IO-APIC pins, leave the guests'. */
void nk_ioapic_mask_host(void);
/* The dispatcher has stopped: boot the host.  Never returns. */
void nk_host_reboot(void) __attribute__((noreturn));

/* ---- vcpu.c ---- */
/* Post events ev (NK_GEVENT_*) and device IRQs irqs to guest i. */
void nk_vcpu_post(unsigned int i, uint32_t ev, uint32_t irqs);
/* A service doorbell for guest i: queue (mq) or event variable bit. */
void nk_vcpu_doorbell(unsigned int i, int mq, uint32_t bit);
/* Resume guest i at context r, delivering its events at its event entry
 * if it has one and vif is 1: the context to resume, or 0 if its stack
 * cannot take the frame (recorded as a fault). */
uint32_t nk_vcpu_deliver(unsigned int i, struct nk_guest_regs *r);

#endif /* NANOKERNEL_OS_H */
