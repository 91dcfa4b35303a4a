// SPDX-License-Identifier: GPL-2.0
/*
 * nanokernel/os.c - guest OSes: their address spaces, contexts, calls,
 * events, and the dispatcher that shares the CPU between them and the host.
 *
 * A guest runs in ring 0 on a page directory of its own: a copy of the
 * nanokernel's (so the nanokernel's code, IDT and stack stay mapped at the
 * same addresses and a guest call needs no CR3 switch) plus its partition
 * at NK_GUEST_VIRT_BASE.  Its context is what it left on its own stack
 * when it last entered the nanokernel (struct nk_guest_regs); saved_esp
 * points at it.
 *
 * A guest runs with the CPU's interrupts on, so every interrupt comes to
 * the nanokernel at once, and it masks only its own events, with the
 * virtual interrupt flag of its struct nk_vcpu (include/nk/guest.h).  An
 * interrupt while a guest runs (nk_guest_interrupt) is
 *   - the nanokernel's timer or a guest's device: acknowledged and posted
 *     as an event to the guest it is for;
 *   - the host's: held for the host (nk_host_hold), which cannot run now,
 *     and raised again just before the host resumes (nk_host_replay).
 * Then the dispatcher decides: a guest of higher priority with an event,
 * or one of equal priority at the end of the running guest's time slice,
 * preempts the running guest, which is left READY; otherwise the running
 * guest resumes, at its event entry first if it has events and vif is 1.
 *
 * The host comes last: it is interrupted (nk_irq_passage) by a guest's
 * timer or device wherever it runs with interrupts on, and resumes exactly
 * where it was when no guest can run any more (nk_schedule).
 */
#include "nk.h"
#include <nk/guest.h>

#define EFLAGS_GUEST	0x202u	/* IF=1: guests run with interrupts on */
#define EFLAGS_KEPT	0xcd5u	/* the guest's own: CF PF AF ZF SF DF OF */
#define SPURIOUS_VECTOR	0xffu	/* the LAPIC's: never in service */
#define NK_SLICE_NS	10000000u	/* between guests of equal priority */
#define FRAME_WORDS	3	/* what an upcall leaves: EIP, CS, EFLAGS */

struct nk_os {
	uint32_t pgd_phys;
	uint32_t saved_esp;	/* its context: struct nk_guest_regs */
	uint32_t part_size;
	uint32_t upcall;	/* its event entry, or 0 */
};

static struct nk_os nk_os[NK_MAX_PARTITIONS];
static int nk_current = -1;	/* partition index of the running guest */
static unsigned int nk_rr;	/* the guest switched to last: ties go to
				 * the next one (round robin) */
static int nk_slice_over;	/* the running guest's time slice ended */
static int nk_slice_armed;
/* Vectors that came for the host while a guest ran, by trigger mode. */
static uint32_t nk_host_edge[8], nk_host_level[8];

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

static inline void nk_load_cr3(uint32_t pgd)
{
	__asm__ volatile("movl %0, %%cr3" : : "r"(pgd) : "memory");
}

static inline uint32_t nk_read_cr0(void)
{
	uint32_t v;

	__asm__ volatile("movl %%cr0, %0" : "=r"(v));
	return v;
}

static inline void nk_write_cr0(uint32_t v)
{
	__asm__ volatile("movl %0, %%cr0" : : "r"(v) : "memory");
}

static inline uint32_t nk_read_dr7(void)
{
	uint32_t v;

	__asm__ volatile("movl %%dr7, %0" : "=r"(v));
	return v;
}

static inline void nk_write_dr7(uint32_t v)
{
	__asm__ volatile("movl %0, %%dr7" : : "r"(v));
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

static struct nk_os_status *nk_os_status(unsigned int i)
{
	return (struct nk_os_status *)(NK_VIRT_BASE + NK_OFF_OS_STATUS) + i;
}

/* Mapped at the same address in every address space of the nanokernel. */
static struct nk_vcpu *nk_vcpu(unsigned int i)
{
	return (struct nk_vcpu *)(NK_VIRT_BASE + NK_OFF_VCPU) + i;
}

static uint32_t nk_priority(unsigned int i)
{
	return nk_boot_info()->config.partitions[i].priority;
}

static unsigned int nk_npartitions(void)
{
	uint32_t n = nk_boot_info()->config.npartitions;

	return n < NK_MAX_PARTITIONS ? n : NK_MAX_PARTITIONS;
}

void nk_irq_count(uint32_t v, unsigned int slot)
{
	struct nk_irq_counts *c = (struct nk_irq_counts *)(NK_VIRT_BASE +
							   NK_OFF_IRQ_COUNTS);

	c->count[v & 0xffu][slot]++;
}

int nk_guest_current(void)
{
	return nk_current;
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
			((uint32_t)p->mem.base + off) | NK_PDE_PS | NK_PDE_RW | NK_PDE_P;
	nk_os[i].pgd_phys = nk_boot_info()->region_phys + NK_OFF_OS_PGD + i * NK_PAGE_SIZE;
	nk_os[i].part_size = (uint32_t)p->mem.size;
}

/* Check a partition index and that its guest can be used. */
static int nk_os_check(uint32_t i)
{
	const struct nk_config *c = &nk_boot_info()->config;

	if (i >= c->npartitions || i >= NK_MAX_PARTITIONS)
		return -NK_ESRCH;
	if (c->partitions[i].kind != NK_OS_RTOS ||
	    c->partitions[i].mem.base % NK_REGION_ALIGN ||
	    c->partitions[i].mem.size % NK_REGION_ALIGN ||
	    c->partitions[i].mem.size > 0x40000000u)
		return -NK_EINVAL;
	return 0;
}

/* Is [addr, addr + len) inside guest i's partition? */
int nk_range_ok(unsigned int i, uint32_t addr, uint32_t len)
{
	uint32_t size = nk_os[i].part_size;

	return addr >= NK_GUEST_VIRT_BASE && len <= size &&
	       addr - NK_GUEST_VIRT_BASE <= size - len;
}

/*
 * The first context of a guest, built on its stack (in its partition, seen
 * through the guest's page directory, which is loaded for it).  The entry
 * sees a cdecl call: entry(struct nk_guest_info *).
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
	gi->vcpu = (uint32_t)nk_vcpu(i);
	*--sp = (uint32_t)gi;	/* the argument */
	*--sp = 0;		/* no return address: a guest never returns */
	r = (struct nk_guest_regs *)sp - 1;
	memset(r, 0, sizeof(*r));
	r->eip = entry;
	r->cs = NK_CS;
	r->eflags = EFLAGS_GUEST;
	return (uint32_t)r;
}

/* Stop guest i for good: it failed, or the host stopped it. */
static void nk_os_halt(unsigned int i, uint32_t state)
{
	nk_os_status(i)->state = state;
	nk_os[i].upcall = 0;
	nk_vcpu(i)->pending = 0;
	nk_timer_guest(i + 1, NK_TIMER_CANCEL);
}

/* Does guest i (not running) have something to do? */
static int nk_os_runnable(unsigned int i)
{
	uint32_t state = nk_os_status(i)->state;

	return state == NK_OS_READY ||
	       (state == NK_OS_IDLE && nk_vcpu(i)->pending);
}

/*
 * The guest to run next, other than skip: the runnable one of highest
 * priority (lowest number); among equals, the first after the guest run
 * last, so that they take turns.  -1 if none can run.
 */
static int nk_os_pick(int skip)
{
	unsigned int n = nk_npartitions(), k, i;
	int best = -1;

	for (k = 1; k <= n; k++) {
		i = (nk_rr + k) % n;
		if ((int)i == skip || !nk_os_runnable(i))
			continue;
		if (best < 0 || nk_priority(i) < nk_priority((unsigned int)best))
			best = (int)i;
	}
	return best;
}

/* Post events ev (NK_GEVENT_*) and device IRQs irqs to guest i. */
static void nk_os_post(unsigned int i, uint32_t ev, uint32_t irqs)
{
	struct nk_os_status *st = nk_os_status(i);
	struct nk_vcpu *vc = nk_vcpu(i);

	if (st->state != NK_OS_IDLE && st->state != NK_OS_READY &&
	    st->state != NK_OS_RUNNING)
		return;		/* no guest there to take it */
	if (irqs)
		__atomic_or_fetch(&vc->irqs, irqs, __ATOMIC_SEQ_CST);
	__atomic_or_fetch(&vc->pending, ev, __ATOMIC_SEQ_CST);
	st->timer_events += !!(ev & NK_GEVENT_TIMER);
	st->irq_events += !!(ev & NK_GEVENT_IRQ);
}

/*
 * Time slices: while another guest of the running guest's priority can
 * run, the running one is preempted after NK_SLICE_NS.
 */
static void nk_slice_update(unsigned int i)
{
	int j = nk_os_pick((int)i);
	int share = j >= 0 && nk_priority((unsigned int)j) == nk_priority(i);

	if (share && !nk_slice_armed) {
		nk_timer_slice(NK_SLICE_NS);
		nk_slice_armed = 1;
	} else if (!share && nk_slice_armed) {
		nk_timer_slice(NK_TIMER_CANCEL);
		nk_slice_armed = 0;
	}
}

/* Guest i stopped on an exception (vector, error, EIP); CR2 is taken here. */
static void nk_os_record_fault(unsigned int i, uint32_t vector, uint32_t error,
			       uint32_t eip, uint32_t cr2)
{
	struct nk_os_status *st = nk_os_status(i);

	st->fault_vector = vector;
	st->fault_error = error;
	st->fault_eip = eip;
	st->fault_cr2 = cr2;
}

/*
 * Resume guest i at context r, with its flags made sane (interrupts on);
 * if it has events, vif is 1 and it has an event entry, deliver them
 * there: the frame is moved down by three words, which become the iret
 * frame of the interrupted code, and the new frame enters the event entry
 * with vif cleared.  CR3 is the guest's.  Returns the context to resume,
 * or 0 if its stack cannot take the frame (it has failed).
 */
static uint32_t nk_resume(unsigned int i, struct nk_guest_regs *r)
{
	struct nk_vcpu *vc = nk_vcpu(i);
	uint32_t *from = (uint32_t *)r, *to = from - FRAME_WORDS, k;
	struct nk_guest_regs *n = (struct nk_guest_regs *)to;

	r->eflags = (r->eflags & EFLAGS_KEPT) | EFLAGS_GUEST;
	nk_timer_flush(1);
	if (!nk_os[i].upcall || vc->vif != 1 || !vc->pending)
		return (uint32_t)r;
	if (!nk_range_ok(i, (uint32_t)to, sizeof(*n))) {
		nk_os_record_fault(i, 8, 0, r->eip, (uint32_t)to);
		return 0;
	}
	for (k = 0; k < __builtin_offsetof(struct nk_guest_regs, eip) / 4; k++)
		to[k] = from[k];
	n->eip = nk_os[i].upcall;
	n->cs = NK_CS;
	n->eflags = EFLAGS_GUEST;
	vc->vif = 0;
	vc->upcalls++;
	nk_os_status(i)->upcalls++;
	return (uint32_t)n;
}

/*
 * Run guest i until it yields, fails or is preempted.  The FPU, CR0 and
 * the debug registers are the host's outside guests: a guest gets its own
 * FPU state and no hardware breakpoints of the host's (DR7 is cleared),
 * and whatever it does to CR0 is undone when it leaves.
 */
static void nk_os_switch(unsigned int i)
{
	struct nk_os_status *st = nk_os_status(i);
	uint32_t cr0 = nk_read_cr0(), dr7 = nk_read_dr7(), esp;
	uint64_t t0;
	int reason;

	nk_load_cr3(nk_os[i].pgd_phys);
	st->state = NK_OS_RUNNING;
	st->runs++;
	nk_current = (int)i;
	nk_rr = i;
	nk_slice_over = 0;
	nk_slice_update(i);
	esp = nk_resume(i, (struct nk_guest_regs *)nk_os[i].saved_esp);
	if (!esp) {
		reason = NK_GUEST_EXIT_FAULT;
		goto out;
	}
	t0 = rdtsc();
	if (dr7)
		nk_write_dr7(0);
	nk_fxsave(&nk_fpu_host);
	nk_fxrstor(&nk_fpu_guest[i]);
	reason = nk_guest_enter(nk_os[i].pgd_phys, esp);
	if (nk_read_cr0() != cr0)
		nk_write_cr0(cr0);	/* TS cleared, for fxsave too */
	nk_fxsave(&nk_fpu_guest[i]);
	nk_fxrstor(&nk_fpu_host);
	if (dr7)
		nk_write_dr7(dr7);
	st->busy_tsc += rdtsc() - t0;
out:
	nk_current = -1;
	nk_load_cr3(nk_boot_info()->pgd_phys);
	if (nk_slice_armed) {
		nk_timer_slice(NK_TIMER_CANCEL);
		nk_slice_armed = 0;
	}
	if (reason == NK_GUEST_EXIT_FAULT) {
		nk_os_halt(i, NK_OS_FAILED);
	} else if (reason == NK_GUEST_EXIT_PREEMPT) {
		st->state = NK_OS_READY;
		st->preempted++;
	} else {
		st->state = NK_OS_IDLE;
	}
}

/*
 * The dispatcher: run guests, most urgent first, until none can run;
 * then the host resumes.  from_host: the host was preempted for them.
 */
static void nk_schedule(int from_host)
{
	int i;

	while ((i = nk_os_pick(-1)) >= 0) {
		if (from_host) {
			nk_os_status((unsigned int)i)->preemptions++;
			from_host = 0;
		}
		nk_os_switch((unsigned int)i);
	}
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
	if (st->state == NK_OS_RUNNING || st->state == NK_OS_READY)
		return -NK_ESRCH;
	nk_build_guest_pgd(i, p);
	/* The header and the stack are guest memory: use the guest's map. */
	nk_load_cr3(nk_os[i].pgd_phys);
	h = (const struct nk_guest_header *)NK_GUEST_VIRT_BASE;
	if (h->magic != NK_GUEST_MAGIC || h->entry >= h->mem_size ||
	    h->stack_top > nk_os[i].part_size || h->stack_top < 256) {
		nk_load_cr3(nk_boot_info()->pgd_phys);
		return -NK_EINVAL;
	}
	st->boot_count++;
	memset(&st->runs, 0, sizeof(*st) - 2 * sizeof(uint32_t));
	st->start_tsc = rdtsc();
	nk_os[i].saved_esp = nk_first_context(i, NK_GUEST_VIRT_BASE + h->entry,
					      NK_GUEST_VIRT_BASE + h->stack_top);
	nk_os[i].upcall = 0;
	memset(nk_vcpu(i), 0, sizeof(struct nk_vcpu));
	nk_load_cr3(nk_boot_info()->pgd_phys);
	nk_fpu_init_guest(i);
	st->state = NK_OS_READY;
	nk_schedule(0);
	return st->state == NK_OS_FAILED ? -NK_EGUEST : 0;
}

/* arg: partition index, and in bits 8..15 the command for the guest
 * (NK_GEVENT_COMMAND); runs the guests until all are idle again. */
int nk_os_run(uint32_t arg)
{
	uint32_t i = arg & 0xffu;
	int err = nk_os_check(i);

	if (err)
		return err;
	if (nk_os_status(i)->state != NK_OS_IDLE)
		return -NK_ESRCH;
	nk_vcpu(i)->command = (arg >> 8) & 0xffu;
	nk_os_post(i, NK_GEVENT_COMMAND, 0);
	nk_schedule(0);
	return nk_os_status(i)->state == NK_OS_FAILED ? -NK_EGUEST : 0;
}

int nk_os_stop(uint32_t arg)
{
	uint32_t i = arg & 0xffu;
	uint32_t state;
	int err = nk_os_check(i);

	if (err)
		return err;
	state = nk_os_status(i)->state;
	if (state == NK_OS_RUNNING || state == NK_OS_READY)
		return -NK_ESRCH;
	nk_os_halt(i, NK_OS_STOPPED);
	return 0;
}

/* NK_GCALL_CONSOLE: append to the guest's ring in the shared region. */
static int nk_guest_console(unsigned int i, uint32_t text, uint32_t len)
{
	const struct nk_boot_info *bi = nk_boot_info();
	struct nk_console *con = (struct nk_console *)(NK_SHARED_VIRT_BASE +
			i * NK_CONSOLE_STRIDE);
	const char *s = (const char *)text;
	uint32_t k;

	if (!nk_range_ok(i, text, len) ||
	    (i + 1) * NK_CONSOLE_STRIDE > bi->config.shared.size)
		return -NK_EINVAL;
	if (con->magic != NK_CONSOLE_MAGIC || con->size != NK_CONSOLE_SIZE) {
		memset(con, 0, sizeof(*con));
		con->magic = NK_CONSOLE_MAGIC;
		con->size = NK_CONSOLE_SIZE;
	}
	for (k = 0; k < len; k++)
		con->data[(con->written + k) % NK_CONSOLE_SIZE] = s[k];
	con->written += len;
	nk_os_status(i)->console_bytes += len;
	return (int)len;
}

/* NK_GCALL_UPCALL: an entry inside its partition, or 0 for none. */
static int nk_guest_set_upcall(unsigned int i, uint32_t entry)
{
	if (entry && !nk_range_ok(i, entry, 1))
		return -NK_EINVAL;
	nk_os[i].upcall = entry;
	return 0;
}

/* Must running guest i give way: a guest of higher priority has
 * something to do, or one of its own at the end of its slice? */
static int nk_os_preempts(unsigned int i)
{
	int j = nk_os_pick((int)i);

	return j >= 0 && (nk_priority((unsigned int)j) < nk_priority(i) ||
			  (nk_priority((unsigned int)j) == nk_priority(i) &&
			   nk_slice_over));
}

/* Leave guest i for the dispatcher, its context at r: 0 for the asm. */
static uint32_t nk_leave(unsigned int i, struct nk_guest_regs *r, uint32_t why)
{
	nk_os[i].saved_esp = (uint32_t)r;
	nk_exit_reason = why;
	return 0;
}

/* nk_resume() for the asm: the frame, or 0 (and why) if it failed. */
static uint32_t nk_resume_frame(unsigned int i, struct nk_guest_regs *r)
{
	uint32_t esp = nk_resume(i, r);

	if (!esp)
		nk_exit_reason = NK_GUEST_EXIT_FAULT;
	return esp;
}

/*
 * int $0x82 from the running guest: the context to resume (the result in
 * r->eax), or 0 to leave it (it yields with no event pending).
 */
uint32_t nk_guest_call(struct nk_guest_regs *r)
{
	unsigned int i = (unsigned int)nk_current;
	struct nk_os_status *st = nk_os_status(i);
	int ret = 0;

	st->calls++;
	switch (r->eax) {
	case NK_GCALL_YIELD:
		if (nk_vcpu(i)->pending)
			break;		/* something came already */
		r->eax = 0;	/* what the yield returns when it is run again */
		return nk_leave(i, r, NK_GUEST_EXIT_YIELD);
	case NK_GCALL_CONSOLE:
		ret = nk_guest_console(i, r->ebx, r->ecx);
		break;
	case NK_GCALL_TIMER:
		ret = nk_timer_guest(i + 1, r->ebx);
		break;
	case NK_GCALL_TIMER_AT:
		ret = nk_timer_guest_at(i + 1, ((uint64_t)r->ecx << 32) | r->ebx);
		break;
	case NK_GCALL_SVC:
		r->eax = (uint32_t)nk_svc_guest(i, r->ebx, nk_range_ok);
		if (nk_os_preempts(i))	/* it rang a more urgent guest */
			return nk_leave(i, r, NK_GUEST_EXIT_PREEMPT);
		return nk_resume_frame(i, r);
	case NK_GCALL_UPCALL:
		ret = nk_guest_set_upcall(i, r->ebx);
		break;
	case NK_GCALL_ALIVE:
		st->alive_tsc = rdtsc();
		break;
	default:
		ret = -NK_ENOSYS;
	}
	r->eax = (uint32_t)ret;
	return nk_resume_frame(i, r);
}

/* An exception while a guest runs: record it; the guest is stopped. */
int nk_guest_fault(uint32_t vector, uint32_t error, uint32_t eip)
{
	uint32_t cr2;

	if (nk_current < 0)
		return 0;
	__asm__ volatile("movl %%cr2, %0" : "=r"(cr2));
	nk_os_record_fault((unsigned int)nk_current, vector, error, eip, cr2);
	return 1;
}

/*
 * A host vector came while a guest ran: the host cannot take it now.  An
 * edge-triggered one is acknowledged and raised again by a self-IPI when
 * the host resumes; a level-triggered one stays in service (an EOI now
 * would only make the IO-APIC send it again at once) and is acknowledged
 * when the host resumes, when the IO-APIC sends it again for as long as
 * its device asks.  The spurious vector is never in service: nothing to
 * do.
 */
static void nk_host_hold(uint32_t v)
{
	if (v == SPURIOUS_VECTOR)
		return;
	if (nk_timer_is_host_vector(v))
		nk_timer_host_fired();
	if (nk_lapic_level(v)) {
		nk_host_level[v >> 5] |= 1u << (v & 31);
	} else {
		nk_lapic_eoi();
		nk_host_edge[v >> 5] |= 1u << (v & 31);
	}
	if (nk_current >= 0)
		nk_os_status((unsigned int)nk_current)->host_irqs++;
}

/* An interrupt of the nanokernel's own for the host (its doorbell): raised
 * just before the host resumes. */
void nk_host_raise(uint32_t v)
{
	if (v >= 0x20 && v <= 0xff)
		nk_host_edge[v >> 5] |= 1u << (v & 31);
}

/* A service doorbell for guest i: a queue (mq) or event variable changed. */
void nk_os_doorbell(unsigned int i, int mq, uint32_t bit)
{
	struct nk_vcpu *vc = nk_vcpu(i);

	__atomic_or_fetch(mq ? &vc->mq_bells : &vc->ev_bells, bit, __ATOMIC_SEQ_CST);
	nk_os_post(i, NK_GEVENT_DOORBELL, 0);
}

/* After a host call that may have given a guest something to do. */
void nk_os_run_ready(void)
{
	nk_schedule(0);
}

/* Just before the host resumes (head.S): what came for it meanwhile. */
void nk_host_replay(void)
{
	uint32_t w, bits;

	nk_timer_flush(0);
	for (w = 0; w < 8; w++) {
		for (bits = nk_host_level[w]; bits; bits &= bits - 1)
			nk_lapic_eoi();
		nk_host_level[w] = 0;
	}
	for (w = 0; w < 8; w++) {
		for (bits = nk_host_edge[w]; bits; bits &= bits - 1)
			nk_lapic_self_ipi(w * 32 + (uint32_t)__builtin_ctz(bits));
		nk_host_edge[w] = 0;
	}
}

/*
 * Vector v came to the nanokernel (from_host: while the host ran, through
 * its stub and the interrupt passage; else while a guest ran): turn it
 * into events for the guests it concerns.
 */
static void nk_irq_take(uint32_t v, int from_host)
{
	const struct nk_boot_info *bi = nk_boot_info();
	uint32_t due, owner = bi->route[v & 0xffu], s;

	if (nk_timer_is_own_vector(v)) {
		nk_lapic_eoi();
		due = nk_timer_expire(from_host);
		for (s = 1; s <= NK_MAX_PARTITIONS; s++)
			if (due & (1u << s))
				nk_os_post(s - 1, NK_GEVENT_TIMER, 0);
		if (due & (1u << NK_OS_HOST))
			nk_host_edge[bi->host_timer_vector >> 5] |=
				1u << (bi->host_timer_vector & 31);
		if (due & (1u << NK_SLICE_SLOT)) {
			nk_slice_over = 1;
			nk_slice_armed = 0;
		}
		if (!from_host)
			nk_irq_count(v, NK_OS_HOST);
	} else if (owner >= 1 && owner <= NK_MAX_PARTITIONS && v >= 0x20) {
		nk_lapic_eoi();
		nk_os_post(owner - 1, NK_GEVENT_IRQ, bi->vector_irq[v] < 16 ?
			   1u << bi->vector_irq[v] : 0);
		if (!from_host)
			nk_irq_count(v, owner);
	} else if (!from_host) {
		nk_host_hold(v);
	}
}

/*
 * An interrupt while guest nk_current ran (head.S, nk_vint_common): the
 * context to resume, or 0 when it is preempted or failed.
 */
uint32_t nk_guest_interrupt(struct nk_guest_regs *r)
{
	unsigned int i = (unsigned int)nk_current;
	uint32_t v = r->vector & 0xffu;

	nk_irq_take(v, 0);
	if (nk_os_preempts(i))
		return nk_leave(i, r, NK_GUEST_EXIT_PREEMPT);
	nk_slice_update(i);
	return nk_resume_frame(i, r);
}

/*
 * An interrupt for the nanokernel arrived while the host ran (head.S,
 * nk_irq_passage): acknowledge it, turn it into events, and run the guests
 * that have something to do.  Then the host resumes where it was.
 */
void nk_host_interrupt(uint32_t v)
{
	nk_irq_take(v, 1);
	nk_schedule(1);
}
