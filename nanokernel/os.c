// SPDX-License-Identifier: GPL-2.0
/*
 * nanokernel/os.c - guest OSes: their address spaces, contexts and calls.
 *
 * A guest runs in ring 0 on a page directory of its own: a copy of the
 * nanokernel's (so the nanokernel's code, IDT and stack stay mapped at the
 * same addresses and a guest call needs no CR3 switch) plus its partition
 * at NK_GUEST_VIRT_BASE.  Its context is what it left on its own stack: the
 * iret frame and the pushal block; saved_esp points at it.
 *
 * A guest runs with interrupts off until it yields or faults.  It is run
 * when the host asks (NK_CALL_OS_START, NK_CALL_OS_RUN) and, preempting
 * the host wherever it was with IF=1, when an event arrives for it: its
 * timer deadline passed or its device interrupted (nk_host_interrupt).
 * Its pending yield then returns the events (NK_GEVENT_*); guests with
 * events run in priority order until all are idle, then the host resumes.
 * Events reach a guest only at its yields: a guest is not interrupted
 * while it runs (see Documentation/guests.md).
 */
#include "nk.h"
#include <nk/guest.h>

#define PDE_P		0x001u
#define PDE_RW		0x002u
#define PDE_PS		0x080u
#define EFLAGS_BASE	0x002u	/* IF=0: guests run with interrupts off */

struct nk_os {
	uint32_t pgd_phys;
	uint32_t saved_esp;	/* guest context: pushal block, then iret frame */
	uint32_t part_size;
	uint32_t pending;	/* NK_GEVENT_* not yet delivered */
};

/* What nk_guest_enter() left on the guest's stack: pushal, then iret. */
struct nk_guest_regs {
	uint32_t edi, esi, ebp, esp, ebx, edx, ecx, eax;
	uint32_t eip, cs, eflags;
};

static struct nk_os nk_os[NK_MAX_PARTITIONS];

/*
 * FPU/SSE state: a guest may use the FPU, and the host's state (Linux
 * keeps the running task's registers live: eager FPU) must come back
 * exactly.  fxsave/fxrstor around every guest run: 512 bytes each, 16-byte
 * aligned.  The nanokernel itself never touches the FPU (it is built with
 * -mgeneral-regs-only).
 */
struct nk_fxsave {
	uint8_t bytes[512];
} __attribute__((aligned(16)));

static struct nk_fxsave nk_fpu_host, nk_fpu_guest[NK_MAX_PARTITIONS];

static inline void nk_fxsave(struct nk_fxsave *f)
{
	__asm__ volatile("fxsave %0" : "=m"(*f));
}

static inline void nk_fxrstor(const struct nk_fxsave *f)
{
	__asm__ volatile("fxrstor %0" : : "m"(*f));
}

/* A guest starts with a clean FPU: what fninit and the default MXCSR give. */
static void nk_fpu_init_guest(unsigned int i)
{
	uint32_t mxcsr = 0x1f80;

	nk_fxsave(&nk_fpu_host);
	__asm__ volatile("fninit; ldmxcsr %0" : : "m"(mxcsr));
	nk_fxsave(&nk_fpu_guest[i]);
	nk_fxrstor(&nk_fpu_host);
}
static int nk_current = -1;	/* partition index of the running guest */

static struct nk_os_status *nk_os_status(unsigned int i)
{
	return (struct nk_os_status *)(NK_VIRT_BASE + NK_OFF_OS_STATUS) + i;
}

static uint32_t nk_pgd_phys(void)
{
	return nk_boot_info()->pgd_phys;
}

/* The guest's page directory: ours, plus its partition. */
static void nk_build_guest_pgd(unsigned int i, const struct nk_partition *p)
{
	uint32_t *pgd = (uint32_t *)(NK_VIRT_BASE + NK_OFF_OS_PGD + i * NK_PAGE_SIZE);
	const uint32_t *ours = (const uint32_t *)(NK_VIRT_BASE + NK_OFF_PGD);
	uint32_t off;

	memcpy(pgd, ours, NK_PAGE_SIZE);
	for (off = 0; off < (uint32_t)p->mem.size; off += NK_REGION_ALIGN)
		pgd[(NK_GUEST_VIRT_BASE + off) >> 22] =
			((uint32_t)p->mem.base + off) | PDE_PS | PDE_RW | PDE_P;
	nk_os[i].pgd_phys = nk_boot_info()->region_phys + NK_OFF_OS_PGD + i * NK_PAGE_SIZE;
	nk_os[i].part_size = (uint32_t)p->mem.size;
}

/* Check a partition index and that its guest can be used. */
static int nk_os_check(uint32_t i)
{
	const struct nk_config *c = &nk_boot_info()->config;

	if (i >= c->npartitions || i >= NK_MAX_PARTITIONS)
		return NK_ESRCH;
	if (c->partitions[i].kind != NK_OS_RTOS ||
	    c->partitions[i].mem.base % NK_REGION_ALIGN ||
	    c->partitions[i].mem.size % NK_REGION_ALIGN ||
	    c->partitions[i].mem.size > 0x40000000u)
		return NK_EINVAL;
	return 0;
}

/*
 * The first context of a guest, built on its stack (in its partition, seen
 * through the nanokernel's own map of guest memory: the guest's page
 * directory is loaded for it).  The entry sees a cdecl call:
 * entry(struct nk_guest_info *).
 */
static uint32_t nk_first_context(unsigned int i, uint32_t entry, uint32_t top)
{
	struct nk_os_status *st = nk_os_status(i);
	struct nk_guest_info *gi = (struct nk_guest_info *)(top - sizeof(*gi));
	uint32_t *sp = (uint32_t *)gi;
	struct nk_guest_regs *r;

	memset(gi, 0, sizeof(*gi));
	gi->magic = NK_GUEST_MAGIC;
	gi->os = i + 1;
	gi->boot_count = st->boot_count;
	gi->partition_size = nk_os[i].part_size;
	gi->shared_size = (uint32_t)nk_boot_info()->config.shared.size;
	gi->tsc_khz = nk_boot_info()->tsc_khz;
	*--sp = (uint32_t)gi;	/* the argument */
	*--sp = 0;		/* no return address: a guest never returns */
	r = (struct nk_guest_regs *)sp - 1;
	memset(r, 0, sizeof(*r));
	r->eip = entry;
	r->cs = NK_CS;
	r->eflags = EFLAGS_BASE;
	return (uint32_t)r;
}

/* The events waiting for guest i, counted and cleared. */
static uint32_t nk_os_take_events(unsigned int i)
{
	struct nk_os_status *st = nk_os_status(i);
	uint32_t ev = nk_os[i].pending;

	nk_os[i].pending = 0;
	st->timer_events += !!(ev & NK_GEVENT_TIMER);
	st->irq_events += !!(ev & NK_GEVENT_IRQ);
	return ev;
}

/* Switch to guest i until it yields or faults; its pending yield returns
 * value (ignored on a first start: there is no yield yet). */
static int nk_os_switch(unsigned int i, uint32_t value)
{
	struct nk_os_status *st = nk_os_status(i);
	uint64_t t0;
	int reason;

	if (st->runs) {
		__asm__ volatile("movl %0, %%cr3" : : "r"(nk_os[i].pgd_phys) : "memory");
		((struct nk_guest_regs *)nk_os[i].saved_esp)->eax = value;
	}
	st->state = NK_OS_RUNNING;
	st->runs++;
	nk_current = (int)i;
	t0 = rdtsc();
	nk_fxsave(&nk_fpu_host);
	nk_fxrstor(&nk_fpu_guest[i]);
	reason = nk_guest_enter(nk_os[i].pgd_phys, nk_os[i].saved_esp);
	nk_fxsave(&nk_fpu_guest[i]);
	nk_fxrstor(&nk_fpu_host);
	st->busy_tsc += rdtsc() - t0;
	nk_current = -1;
	__asm__ volatile("movl %0, %%cr3" : : "r"(nk_pgd_phys()) : "memory");
	if (reason == NK_GUEST_EXIT_FAULT) {
		st->state = NK_OS_FAILED;
		nk_timer_guest(i + 1, NK_TIMER_CANCEL);
		return NK_EGUEST;
	}
	st->state = NK_OS_IDLE;
	return 0;
}

int nk_os_start(uint32_t i)
{
	const struct nk_partition *p = &nk_boot_info()->config.partitions[i];
	const struct nk_guest_header *h;
	struct nk_os_status *st;
	int err = nk_os_check(i);

	if (err)
		return err;
	st = nk_os_status(i);
	if (st->state == NK_OS_RUNNING)
		return NK_ESRCH;
	nk_build_guest_pgd(i, p);
	/* The header and the stack are guest memory: use the guest's map. */
	__asm__ volatile("movl %0, %%cr3" : : "r"(nk_os[i].pgd_phys) : "memory");
	h = (const struct nk_guest_header *)NK_GUEST_VIRT_BASE;
	if (h->magic != NK_GUEST_MAGIC || h->entry >= h->mem_size ||
	    h->stack_top > nk_os[i].part_size || h->stack_top < 256) {
		__asm__ volatile("movl %0, %%cr3" : : "r"(nk_pgd_phys()) : "memory");
		return NK_EINVAL;
	}
	st->boot_count++;
	memset(&st->runs, 0, sizeof(*st) - 2 * sizeof(uint32_t));
	st->start_tsc = rdtsc();
	nk_os[i].saved_esp = nk_first_context(i, NK_GUEST_VIRT_BASE + h->entry,
					      NK_GUEST_VIRT_BASE + h->stack_top);
	nk_os[i].pending = 0;
	__asm__ volatile("movl %0, %%cr3" : : "r"(nk_pgd_phys()) : "memory");
	nk_fpu_init_guest(i);
	return nk_os_switch(i, 0);
}

/* arg: partition index, and in bits 8..15 a command the guest's pending
 * yield returns. */
int nk_os_run(uint32_t arg)
{
	uint32_t i = arg & 0xffu;
	int err = nk_os_check(i);

	if (err)
		return err;
	if (nk_os_status(i)->state != NK_OS_IDLE)
		return NK_ESRCH;
	return nk_os_switch(i, nk_os_take_events(i) | (arg & 0xff00u));
}

int nk_os_stop(uint32_t arg)
{
	uint32_t i = arg & 0xffu;
	int err = nk_os_check(i);

	if (err)
		return err;
	if (nk_os_status(i)->state == NK_OS_RUNNING)
		return NK_ESRCH;
	nk_os_status(i)->state = NK_OS_STOPPED;
	nk_timer_guest(i + 1, NK_TIMER_CANCEL);
	nk_os[i].pending = 0;
	return 0;
}

/* Is [addr, addr + len) inside the running guest's partition? */
static int nk_guest_range_ok(uint32_t addr, uint32_t len)
{
	uint32_t size = nk_os[nk_current].part_size;

	return addr >= NK_GUEST_VIRT_BASE && len <= size &&
	       addr - NK_GUEST_VIRT_BASE <= size - len;
}

/* NK_GCALL_CONSOLE: append to the guest's ring in the shared region. */
static int nk_guest_console(uint32_t text, uint32_t len)
{
	const struct nk_boot_info *bi = nk_boot_info();
	struct nk_console *con = (struct nk_console *)(NK_SHARED_VIRT_BASE +
			(uint32_t)nk_current * NK_CONSOLE_STRIDE);
	const char *s = (const char *)text;
	uint32_t k;

	if (!nk_guest_range_ok(text, len) ||
	    ((uint32_t)nk_current + 1) * NK_CONSOLE_STRIDE > bi->config.shared.size)
		return NK_EINVAL;
	if (con->magic != NK_CONSOLE_MAGIC || con->size != NK_CONSOLE_SIZE) {
		memset(con, 0, sizeof(*con));
		con->magic = NK_CONSOLE_MAGIC;
		con->size = NK_CONSOLE_SIZE;
	}
	for (k = 0; k < len; k++)
		con->data[(con->written + k) % NK_CONSOLE_SIZE] = s[k];
	con->written += len;
	nk_os_status((uint32_t)nk_current)->console_bytes += len;
	return (int)len;
}

/*
 * int $0x82 from the running guest.  Returns NK_GUEST_RESUME with the
 * result in r->eax, or NK_GUEST_EXIT_YIELD to give the CPU back.
 */
int nk_guest_call(struct nk_guest_regs *r)
{
	struct nk_os_status *st = nk_os_status((uint32_t)nk_current);

	st->calls++;
	switch (r->eax) {
	case NK_GCALL_YIELD:
		nk_os[nk_current].saved_esp = (uint32_t)r;
		r->eax = 0;
		return NK_GUEST_EXIT_YIELD;
	case NK_GCALL_CONSOLE:
		r->eax = (uint32_t)nk_guest_console(r->ebx, r->ecx);
		return NK_GUEST_RESUME;
	case NK_GCALL_TIMER:
		r->eax = (uint32_t)nk_timer_guest((uint32_t)nk_current + 1, r->ebx);
		return NK_GUEST_RESUME;
	default:
		r->eax = (uint32_t)NK_ENOSYS;
		return NK_GUEST_RESUME;
	}
}

/* An exception while a guest runs: record it; the guest is stopped. */
int nk_guest_fault(const struct nk_trap_frame *f)
{
	struct nk_os_status *st;
	uint32_t cr2;

	if (nk_current < 0)
		return 0;
	st = nk_os_status((uint32_t)nk_current);
	__asm__ volatile("movl %%cr2, %0" : "=r"(cr2));
	st->fault_vector = f->vector;
	st->fault_error = f->error;
	st->fault_eip = f->eip;
	st->fault_cr2 = cr2;
	return 1;
}

/* The idle guest with events and the highest priority, or -1. */
static int nk_os_next(void)
{
	const struct nk_config *c = &nk_boot_info()->config;
	unsigned int i;
	int best = -1;

	for (i = 0; i < c->npartitions && i < NK_MAX_PARTITIONS; i++) {
		if (!nk_os[i].pending || nk_os_status(i)->state != NK_OS_IDLE)
			continue;
		if (best < 0 || c->partitions[i].priority <
				c->partitions[best].priority)
			best = (int)i;
	}
	return best;
}

/*
 * An interrupt for the nanokernel arrived while the host ran (head.S,
 * nk_irq_passage): acknowledge it, turn it into events for the guests it
 * concerns, and run those guests, highest priority first, until all are
 * idle.  Then the host resumes where it was.
 */
void nk_host_interrupt(uint32_t v)
{
	const struct nk_boot_info *bi = nk_boot_info();
	uint32_t due, owner, s;
	int i;

	nk_lapic_eoi();
	if (nk_timer_is_own_vector(v)) {
		due = nk_timer_expire();
		for (s = 1; s < NK_OS_SLOTS && s <= NK_MAX_PARTITIONS; s++)
			if (due & (1u << s))
				nk_os[s - 1].pending |= NK_GEVENT_TIMER;
	} else {
		owner = bi->route[v & 0xffu];
		if (owner >= 1 && owner <= NK_MAX_PARTITIONS)
			nk_os[owner - 1].pending |= NK_GEVENT_IRQ;
	}
	while ((i = nk_os_next()) >= 0) {
		nk_os_status((uint32_t)i)->preemptions++;
		nk_os_switch((uint32_t)i, nk_os_take_events((uint32_t)i));
	}
}
