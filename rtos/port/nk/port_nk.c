// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rtos/port/nk/port_nk.c - the kernel's port to the nanokernel (port.h):
 * the lock, task contexts, the dispatcher and the idle yield; the events
 * themselves are taken in events.c.
 *
 * Events come the nanokernel's way (include/nk/guest.h): pending bits in
 * the guest's struct nk_vcpu, delivered at once at the event entry
 * (upcall.S) whenever the virtual interrupt flag vif is 1, as a hardware
 * interrupt would be.  The lock is vif: port_lock() clears it, and
 * port_unlock() sets it again in task context (not in a handler, not in
 * the dispatcher), looking at what came meanwhile.  So a task of higher
 * priority that a tick or an interrupt makes ready preempts the running
 * task at once, at the exit of the outermost handler (nkp_upcall_exit()).
 *
 * Handlers run in non-task context (nkp_nest > 0) with vif 0: on the
 * interrupt stack when they interrupted a task, on the dispatcher's stack
 * when the events came while it idled (port_idle(): the yield returns
 * when something is pending, and nkp_events() takes it there).
 *
 * Contexts are saved stack pointers (nkp_switch(), switch.S).  A task's
 * PORT_CTX slot holds its saved %esp; a task not yet run holds its stack
 * top with NKP_CTX_FRESH set instead, and its first frame is built when it
 * is resumed (port_task_init() must not write to the stack: ext_tsk()
 * calls it for the task still running on that stack).
 */
#include "kernel_cfg.h"
#include "nk_hw.h"
#include "nk_port_impl.h"

#define NKP_CTX_FRESH		1u	/* stack pointers are 4-aligned */
#define NKP_DISPATCHER_STACK	8192	/* kernel_select_task(), handlers */
#define NKP_ALIVE_MS		100	/* heartbeat at most this often */

/* A context's first frame, as nkp_switch() pops it (switch.S). */
struct nkp_frame {
	uint32_t edi, esi, ebx, ebp;
	void (*eip)(void);	/* where nkp_switch() returns to */
	uint32_t ret;		/* that function's return address: none */
};
_Static_assert(sizeof(struct nkp_frame) == 24, "nkp_frame: 4 pops, 2 words");

struct nk_vcpu *nkp_vcpu;	/* upcall.S uses it too */
int nkp_nest;			/* handlers running: upcall.S too */
static bool nkp_locked;
static bool nkp_in_task;	/* a task, not the dispatcher, is on the CPU */
static PORT_CTX *nkp_current;	/* the slot of the task switched to last */
static void *nkp_dispatcher_sp;	/* saved while a task runs */
static void *nkp_discarded_sp;	/* what a dead context saves */
static uint32_t nkp_boot;
static uint64_t nkp_alive_next;
static uint8_t nkp_dispatcher_stack[NKP_DISPATCHER_STACK]
	__attribute__((aligned(16)));

/* A broken rule of port.h: say so, then fault, which the host sees. */
static _Noreturn void nkp_bug(const char *what)
{
	syslog("rtos: port bug: %s\n", what);
	__builtin_trap();
}

/* vif on again; what came while it was off is taken now, like an
 * interrupt right after sti. */
static void nkp_vif_on(void)
{
	__atomic_store_n(&nkp_vcpu->vif, 1, __ATOMIC_SEQ_CST);
	if (__atomic_load_n(&nkp_vcpu->pending, __ATOMIC_SEQ_CST)) {
		nkp_vcpu->vif = 0;
		nkp_soft_upcall();	/* sets vif back to 1 */
	}
}

uint32_t nkp_mask(void)
{
	uint32_t was = nkp_vcpu->vif;

	__atomic_store_n(&nkp_vcpu->vif, 0, __ATOMIC_SEQ_CST);
	return was;
}

void nkp_unmask(uint32_t was)
{
	if (was)
		nkp_vif_on();
}

void port_lock(void)
{
	__atomic_store_n(&nkp_vcpu->vif, 0, __ATOMIC_SEQ_CST);
	if (nkp_locked)
		nkp_bug("port_lock() nested");
	nkp_locked = true;
}

void port_unlock(void)
{
	if (!nkp_locked)
		nkp_bug("port_unlock() without the lock");
	nkp_locked = false;
	if (nkp_in_task && nkp_nest == 0)
		nkp_vif_on();
}

int port_in_interrupt(void)
{
	return nkp_nest > 0;
}

/* The 16-byte aligned top; the frame is built later (nkp_first_frame()). */
void port_task_init(PORT_CTX *ctx, void *stk, size_t stksz)
{
	uintptr_t top = ((uintptr_t)stk + stksz) & ~(uintptr_t)15;

	*ctx = (void *)(top | NKP_CTX_FRESH);
}

/*
 * Below a 16-byte aligned top, so that entry starts as if called with an
 * aligned stack (the i386 ABI gcc assumes), with no return address.
 */
static void *nkp_first_frame(uintptr_t top, void (*entry)(void))
{
	struct nkp_frame *f = (struct nkp_frame *)top - 1;

	f->edi = f->esi = f->ebx = f->ebp = 0;
	f->eip = entry;
	f->ret = 0;
	return f;
}

static void nkp_resume(PORT_CTX *ctx)
{
	uintptr_t sp = (uintptr_t)*ctx;

	if (sp & NKP_CTX_FRESH)
		*ctx = nkp_first_frame(sp & ~(uintptr_t)NKP_CTX_FRESH,
				      kernel_task_entry);
	nkp_current = ctx;
	nkp_in_task = true;
	nkp_switch(&nkp_dispatcher_sp, *ctx);
	nkp_in_task = false;
}

/* port.h's loop, on the dispatcher's stack; the lock is always held. */
static _Noreturn void nkp_dispatcher(void)
{
	for (;;)
		nkp_resume(kernel_select_task());
}

void port_dispatch(void)
{
	nkp_switch(nkp_current, nkp_dispatcher_sp);
}

_Noreturn void port_exit_dispatch(void)
{
	nkp_switch(&nkp_discarded_sp, nkp_dispatcher_sp);
	nkp_bug("a dead task was resumed");
}

void port_start(void)
{
	uintptr_t top = (uintptr_t)nkp_dispatcher_stack + NKP_DISPATCHER_STACK;

	nkp_nest = 0;
	nkp_current = NULL;
	nkp_switch(&nkp_discarded_sp, nkp_first_frame(top, nkp_dispatcher));
	nkp_bug("the boot context was resumed");
}

/* upcall.S, at the exit of the outermost handler, back on the task's
 * stack: switch tasks if a handler made a more urgent one ready. */
void nkp_upcall_exit(void)
{
	if (!nkp_in_task)
		nkp_bug("an event was delivered outside a task");
	port_lock();
	if (kernel_dispatch_pending())
		port_dispatch();
	port_unlock();
}

/* "I am alive", from the idle time: the host sees when it last came. */
static void nkp_alive(void)
{
	uint64_t now = nkp_rdtsc();

	if (now < nkp_alive_next)
		return;
	nkp_alive_next = now + (uint64_t)nk_tsc_khz() * NKP_ALIVE_MS;
	nkp_gcall(NK_GCALL_ALIVE, 0, 0);
}

/*
 * Nothing ready: the lock is held, vif is 0.  The yield returns when an
 * event is pending (at once if one came already), and the handlers run
 * here, on the dispatcher's stack; kernel_select_task() then looks at
 * p_schedtsk again.
 */
void port_idle(void)
{
	nkp_locked = false;	/* handlers take it; vif stays 0 */
	nkp_alive();
	nkp_gcall(NK_GCALL_YIELD, 0, 0);
	nkp_events();
	nkp_locked = true;
}

uint32_t nk_boot_count(void)
{
	return nkp_boot;
}

/* kernel_start() only says that the configuration is wrong: say where. */
static void nkp_report_cfg(const struct kernel_cfg *cfg)
{
	struct kernel_cfg_error err = { "?", 0, "?" };
	ER ercd = kernel_cfg_check(cfg, &err);

	syslog("rtos: bad configuration: %s %d, %s: error %d\n", err.kind,
	       err.id, err.field, ercd);
}

_Noreturn void nkp_guest_main(struct nk_guest_info *gi)
{
	nkp_boot = gi->boot_count;
	nkp_vcpu = (struct nk_vcpu *)gi->vcpu;
	nkp_vcpu->vif = 0;
	nkp_gcall(NK_GCALL_UPCALL, (uint32_t)nkp_upcall_entry, 0);
	nkp_tick_init(gi->tsc_khz);
	syslog("rtos: uITRON kernel on the nanokernel, boot %u, TSC %u kHz\n",
	       gi->boot_count, gi->tsc_khz);
	kernel_start(&system_cfg);
	nkp_report_cfg(&system_cfg);
	for (;;)
		nkp_gcall(NK_GCALL_YIELD, 0, 0);
}
