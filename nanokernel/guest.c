// SPDX-License-Identifier: GPL-2.0
/*
 * nanokernel/guest.c - the guests' lifecycle (start, run a command, stop,
 * fail), their address spaces and first context, the calls they make
 * (int $0x82, include/nk/guest.h) and their console rings.
 *
 * The host starts a guest (NK_CALL_OS_START) after the loader has copied
 * a checked image into its partition; the nanokernel builds the guest's
 * address space (guest_map.c), checks the image's header once more,
 * builds the guest's first context on its stack and runs it (sched.c).
 * A guest that faults is stopped for good, as failed, and what it held of
 * the services is given back; the host may start it again.
 */
#include "nk.h"
#include "os.h"
#include "sched.h"
#include "services.h"
#include "timer.h"

#define EFLAGS_GUEST	(X86_EFLAGS_IF | X86_EFLAGS_RESERVED)

struct nk_os nk_os[NK_MAX_PARTITIONS];

/* Check a partition index and that its guest can be used. */
static int nk_guest_usable(uint32_t i)
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

void nk_guest_halt(unsigned int i, uint32_t state)
{
	nk_os_status(i)->state = state;
	nk_budget_halt(i);
	nk_os[i].upcall = 0;
	nk_vcpu(i)->pending = 0;
	nk_timer_guest(i + 1, NK_TIMER_CANCEL);
	nk_svc_guest_release(i);
}

void nk_guest_record_fault(unsigned int i, uint32_t vector, uint32_t error,
			   uint32_t eip, uint32_t cr2)
{
	struct nk_os_status *st = nk_os_status(i);

	st->fault_vector = vector;
	st->fault_error = error;
	st->fault_eip = eip;
	st->fault_cr2 = cr2;
}

/* The image's header, read through guest i's own map (loaded now), or
 * NULL if it is not a guest's. */
static const struct nk_guest_header *nk_guest_image(unsigned int i)
{
	const struct nk_guest_header *h =
		(const struct nk_guest_header *)NK_GUEST_VIRT_BASE;

	if (h->magic != NK_GUEST_MAGIC || h->entry >= h->mem_size ||
	    h->stack_top > nk_os[i].part_size || h->stack_top < 256)
		return 0;
	return h;
}

int nk_guest_start(uint32_t i)
{
	const struct nk_guest_header *h;
	struct nk_os_status *st;
	int err = nk_guest_usable(i);

	if (err)
		return err;
	st = nk_os_status(i);
	if (st->state == NK_OS_RUNNING || st->state == NK_OS_READY)
		return -NK_ESRCH;
	nk_map_build(i, &nk_boot_info()->config.partitions[i]);
	/* The header and the stack are guest memory: through the window. */
	nk_map_window(i);
	h = nk_guest_image(i);
	if (!h)
		return -NK_EINVAL;
	st->boot_count++;
	memset(&st->runs, 0, sizeof(*st) - 2 * sizeof(uint32_t));
	st->start_tsc = rdtsc();
	nk_os[i].saved_esp = nk_first_context(i, NK_GUEST_VIRT_BASE + h->entry,
					      NK_GUEST_VIRT_BASE + h->stack_top);
	nk_os[i].upcall = 0;
	memset(nk_vcpu(i), 0, sizeof(struct nk_vcpu));
	nk_sched_fpu_init(i);
	nk_budget_init(i);
	st->state = NK_OS_READY;
	nk_schedule(0);
	return st->state == NK_OS_FAILED ? -NK_EGUEST : 0;
}

int nk_guest_run(uint32_t arg)
{
	uint32_t i = arg & 0xffu;
	int err = nk_guest_usable(i);

	if (err)
		return err;
	if (nk_os_status(i)->state != NK_OS_IDLE)
		return -NK_ESRCH;
	nk_vcpu(i)->command = (arg >> 8) & 0xffu;
	nk_vcpu_post(i, NK_GEVENT_COMMAND, 0);
	nk_schedule(0);
	return nk_os_status(i)->state == NK_OS_FAILED ? -NK_EGUEST : 0;
}

int nk_guest_stop(uint32_t arg)
{
	uint32_t i = arg & 0xffu;
	uint32_t state;
	int err = nk_guest_usable(i);

	if (err)
		return err;
	state = nk_os_status(i)->state;
	if (state == NK_OS_RUNNING || state == NK_OS_READY)
		return -NK_ESRCH;
	nk_guest_halt(i, NK_OS_STOPPED);
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

uint32_t nk_guest_leave(unsigned int i, struct nk_guest_regs *r, uint32_t why)
{
	nk_os[i].saved_esp = (uint32_t)r;
	nk_exit_reason = why;
	return 0;
}

uint32_t nk_guest_resume(unsigned int i, struct nk_guest_regs *r)
{
	uint32_t esp = nk_vcpu_deliver(i, r);

	if (!esp)
		nk_exit_reason = NK_GUEST_EXIT_FAULT;
	return esp;
}

/* The calls that answer at once: their result. */
static int nk_guest_simple_call(unsigned int i, struct nk_guest_regs *r)
{
	switch (r->eax) {
	case NK_GCALL_CONSOLE:
		return nk_guest_console(i, r->ebx, r->ecx);
	case NK_GCALL_TIMER:
		return nk_timer_guest(i + 1, r->ebx);
	case NK_GCALL_TIMER_AT:
		return nk_timer_guest_at(i + 1, ((uint64_t)r->ecx << 32) | r->ebx);
	case NK_GCALL_UPCALL:
		return nk_guest_set_upcall(i, r->ebx);
	case NK_GCALL_ALIVE:
		nk_os_status(i)->alive_tsc = rdtsc();
		return 0;
	case NK_GCALL_RAS:
		return nk_ras_guest_read(i, r->ebx, r->ecx);
	default:
		return -NK_ENOSYS;
	}
}

/*
 * int $0x82 from the running guest: the context to resume (the result in
 * r->eax), or 0 to leave it (it yields with no event pending, or a
 * service call rang a more urgent guest).
 */
uint32_t nk_guest_call(struct nk_guest_regs *r)
{
	unsigned int i = (unsigned int)nk_sched_current();

	nk_os_status(i)->calls++;
	switch (r->eax) {
	case NK_GCALL_YIELD:
		if (nk_vcpu(i)->pending) {	/* something came already */
			r->eax = 0;
			break;
		}
		r->eax = 0;	/* what the yield returns when it is run again */
		return nk_guest_leave(i, r, NK_GUEST_EXIT_YIELD);
	case NK_GCALL_HOST_RESTART:
		r->eax = (uint32_t)nk_host_restart_ask();
		if (!r->eax)	/* held: it goes on when the new host attaches */
			return nk_guest_leave(i, r, NK_GUEST_EXIT_PREEMPT);
		break;
	case NK_GCALL_SVC:
		r->eax = (uint32_t)nk_svc_guest(i, r->ebx);
		if (nk_sched_preempts(i))
			return nk_guest_leave(i, r, NK_GUEST_EXIT_PREEMPT);
		break;
	default:
		r->eax = (uint32_t)nk_guest_simple_call(i, r);
	}
	return nk_guest_resume(i, r);
}

int nk_guest_fault(uint32_t vector, uint32_t error, uint32_t eip)
{
	int i = nk_sched_current();

	if (i < 0)
		return 0;
	nk_guest_record_fault((unsigned int)i, vector, error, eip, x86_read_cr2());
	return 1;
}
