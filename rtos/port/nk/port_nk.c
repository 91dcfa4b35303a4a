// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rtos/port/nk/port_nk.c - the kernel's port to the nanokernel (port.h):
 * the lock, task contexts, the dispatcher, events and the idle yield.
 *
 * Events come the nanokernel's way (include/nk/guest.h): pending bits in
 * the guest's struct nk_vcpu, delivered at once at the event entry
 * (upcall.S) whenever the virtual interrupt flag vif is 1, as a hardware
 * interrupt would be.  The lock is vif: port_lock() clears it, and
 * port_unlock() sets it again in task context (not in a handler, not in
 * the dispatcher), looking at what came meanwhile.  So a task of higher
 * priority that a tick or an interrupt makes ready preempts the running
 * task at once, at the exit of the outermost handler (nk_upcall_exit()).
 *
 * Handlers run in non-task context (nk_nest > 0) with vif 0: on the
 * interrupt stack when they interrupted a task, on the dispatcher's stack
 * when the events came while it idled (port_idle(): the yield returns
 * when something is pending, and nk_events() takes it there).
 *
 * Contexts are saved stack pointers (nk_switch(), switch.S).  A task's
 * PORT_CTX slot holds its saved %esp; a task not yet run holds its stack
 * top with NK_CTX_FRESH set instead, and its first frame is built when it
 * is resumed (port_task_init() must not write to the stack: ext_tsk()
 * calls it for the task still running on that stack).
 */
#include "kernel_cfg.h"
#include "nk_hw.h"
#include "nk_port_impl.h"

#define NK_CTX_FRESH		1u	/* stack pointers are 4-aligned */
#define NK_DISPATCHER_STACK	8192	/* kernel_select_task(), handlers */
#define NK_ALIVE_MS		100	/* heartbeat at most this often */
#define COM2_IRQ		3

/* A context's first frame, as nk_switch() pops it (switch.S). */
struct nk_frame {
	uint32_t edi, esi, ebx, ebp;
	void (*eip)(void);	/* where nk_switch() returns to */
	uint32_t ret;		/* that function's return address: none */
};
_Static_assert(sizeof(struct nk_frame) == 24, "nk_frame: 4 pops, 2 words");

struct nk_vcpu *nk_vcpu_ptr;	/* upcall.S uses it too */
int nk_nest;			/* handlers running: upcall.S too */
static bool nk_locked;
static bool nk_in_task;		/* a task, not the dispatcher, is on the CPU */
static PORT_CTX *nk_current;	/* the slot of the task switched to last */
static void *nk_dispatcher_sp;	/* saved while a task runs */
static void *nk_discarded_sp;	/* what a dead context saves */
static uint32_t nk_boot;
static uint64_t nk_alive_next;
static uint8_t nk_dispatcher_stack[NK_DISPATCHER_STACK]
	__attribute__((aligned(16)));

/* A broken rule of port.h: say so, then fault, which the host sees. */
static _Noreturn void nk_port_bug(const char *what)
{
	syslog("rtos: port bug: %s\n", what);
	__builtin_trap();
}

/* vif on again; what came while it was off is taken now, like an
 * interrupt right after sti. */
static void nk_vif_on(void)
{
	__atomic_store_n(&nk_vcpu_ptr->vif, 1, __ATOMIC_SEQ_CST);
	if (__atomic_load_n(&nk_vcpu_ptr->pending, __ATOMIC_SEQ_CST)) {
		nk_vcpu_ptr->vif = 0;
		nk_soft_upcall();	/* sets vif back to 1 */
	}
}

uint32_t nk_mask(void)
{
	uint32_t was = nk_vcpu_ptr->vif;

	__atomic_store_n(&nk_vcpu_ptr->vif, 0, __ATOMIC_SEQ_CST);
	return was;
}

void nk_unmask(uint32_t was)
{
	if (was)
		nk_vif_on();
}

void port_lock(void)
{
	__atomic_store_n(&nk_vcpu_ptr->vif, 0, __ATOMIC_SEQ_CST);
	if (nk_locked)
		nk_port_bug("port_lock() nested");
	nk_locked = true;
}

void port_unlock(void)
{
	if (!nk_locked)
		nk_port_bug("port_unlock() without the lock");
	nk_locked = false;
	if (nk_in_task && nk_nest == 0)
		nk_vif_on();
}

int port_in_interrupt(void)
{
	return nk_nest > 0;
}

/* The 16-byte aligned top; the frame is built later (nk_first_frame()). */
void port_task_init(PORT_CTX *ctx, void *stk, size_t stksz)
{
	uintptr_t top = ((uintptr_t)stk + stksz) & ~(uintptr_t)15;

	*ctx = (void *)(top | NK_CTX_FRESH);
}

/*
 * Below a 16-byte aligned top, so that entry starts as if called with an
 * aligned stack (the i386 ABI gcc assumes), with no return address.
 */
static void *nk_first_frame(uintptr_t top, void (*entry)(void))
{
	struct nk_frame *f = (struct nk_frame *)top - 1;

	f->edi = f->esi = f->ebx = f->ebp = 0;
	f->eip = entry;
	f->ret = 0;
	return f;
}

static void nk_resume(PORT_CTX *ctx)
{
	uintptr_t sp = (uintptr_t)*ctx;

	if (sp & NK_CTX_FRESH)
		*ctx = nk_first_frame(sp & ~(uintptr_t)NK_CTX_FRESH,
				      kernel_task_entry);
	nk_current = ctx;
	nk_in_task = true;
	nk_switch(&nk_dispatcher_sp, *ctx);
	nk_in_task = false;
}

/* port.h's loop, on the dispatcher's stack; the lock is always held. */
static _Noreturn void nk_dispatcher(void)
{
	for (;;)
		nk_resume(kernel_select_task());
}

void port_dispatch(void)
{
	nk_switch(nk_current, nk_dispatcher_sp);
}

_Noreturn void port_exit_dispatch(void)
{
	nk_switch(&nk_discarded_sp, nk_dispatcher_sp);
	nk_port_bug("a dead task was resumed");
}

void port_start(void)
{
	uintptr_t top = (uintptr_t)(nk_dispatcher_stack + NK_DISPATCHER_STACK);

	nk_nest = 0;
	nk_current = NULL;
	nk_switch(&nk_discarded_sp, nk_first_frame(top, nk_dispatcher));
	nk_port_bug("the boot context was resumed");
}

/*
 * Take the pending events, in non-task context, until none is left: the
 * ticks the TSC says are due (then the timer for the next), COM2's
 * interrupt, the host's command, the services' doorbell.  vif is 0.
 */
void nk_events(void)
{
	uint32_t ev, irqs;

	nk_nest++;
	while ((ev = __atomic_exchange_n(&nk_vcpu_ptr->pending, 0,
					 __ATOMIC_SEQ_CST))) {
		if (ev & NK_GEVENT_TIMER) {
			nk_tick_catch_up();
			nk_tick_arm();
		}
		irqs = __atomic_exchange_n(&nk_vcpu_ptr->irqs, 0, __ATOMIC_SEQ_CST);
		if (irqs & (1u << COM2_IRQ))
			app_com2_isr();
		if (ev & NK_GEVENT_COMMAND)
			app_command(nk_vcpu_ptr->command);
		if (ev & NK_GEVENT_DOORBELL)
			nk_svc_doorbell(__atomic_exchange_n(&nk_vcpu_ptr->mq_bells, 0,
							    __ATOMIC_SEQ_CST),
					__atomic_exchange_n(&nk_vcpu_ptr->ev_bells, 0,
							    __ATOMIC_SEQ_CST));
	}
	nk_nest--;
}

/* upcall.S, at the exit of the outermost handler, back on the task's
 * stack: switch tasks if a handler made a more urgent one ready. */
void nk_upcall_exit(void)
{
	if (!nk_in_task)
		nk_port_bug("an event was delivered outside a task");
	port_lock();
	if (kernel_dispatch_pending())
		port_dispatch();
	port_unlock();
}

/* "I am alive", from the idle time: the host sees when it last came. */
static void nk_alive(void)
{
	uint64_t now = nk_rdtsc();

	if (now < nk_alive_next)
		return;
	nk_alive_next = now + (uint64_t)nk_tsc_khz() * NK_ALIVE_MS;
	nk_gcall(NK_GCALL_ALIVE, 0, 0);
}

/*
 * Nothing ready: the lock is held, vif is 0.  The yield returns when an
 * event is pending (at once if one came already), and the handlers run
 * here, on the dispatcher's stack; kernel_select_task() then looks at
 * p_schedtsk again.
 */
void port_idle(void)
{
	nk_locked = false;	/* handlers take it; vif stays 0 */
	nk_alive();
	nk_gcall(NK_GCALL_YIELD, 0, 0);
	nk_events();
	nk_locked = true;
}

uint32_t nk_boot_count(void)
{
	return nk_boot;
}

/* kernel_start() only says that the configuration is wrong: say where. */
static void nk_report_cfg(const struct kernel_cfg *cfg)
{
	struct kernel_cfg_error err = { "?", 0, "?" };
	ER ercd = kernel_cfg_check(cfg, &err);

	syslog("rtos: bad configuration: %s %d, %s: error %d\n", err.kind,
	       err.id, err.field, ercd);
}

_Noreturn void nk_guest_main(struct nk_guest_info *gi)
{
	nk_boot = gi->boot_count;
	nk_vcpu_ptr = (struct nk_vcpu *)gi->vcpu;
	nk_vcpu_ptr->vif = 0;
	nk_gcall(NK_GCALL_UPCALL, (uint32_t)nk_upcall_entry, 0);
	nk_tick_init(gi->tsc_khz);
	syslog("rtos: uITRON kernel on the nanokernel, boot %u, TSC %u kHz\n",
	       gi->boot_count, gi->tsc_khz);
	kernel_start(&app_kernel_cfg);
	nk_report_cfg(&app_kernel_cfg);
	for (;;)
		nk_gcall(NK_GCALL_YIELD, 0, 0);
}
