// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rtos/port/nk/port_nk.c - the kernel's port to the nanokernel (port.h):
 * the lock, task contexts, the dispatcher and the idle yield.
 *
 * The guest runs with interrupts off between its yields, so nothing is
 * ever asynchronous inside it: the lock is a flag that only checks the
 * kernel's discipline, and the events a yield returns are handled in
 * port_idle(), on the dispatcher's stack, in non-task context.
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

/* A context's first frame, as nk_switch() pops it (switch.S). */
struct nk_frame {
	uint32_t edi, esi, ebx, ebp;
	void (*eip)(void);	/* where nk_switch() returns to */
	uint32_t ret;		/* that function's return address: none */
};
_Static_assert(sizeof(struct nk_frame) == 24, "nk_frame: 4 pops, 2 words");

static bool nk_locked;
static int nk_nest;
static PORT_CTX *nk_current;	/* the slot of the task switched to last */
static void *nk_dispatcher_sp;	/* saved while a task runs */
static void *nk_discarded_sp;	/* what a dead context saves */
static uint32_t nk_boot;
static uint8_t nk_dispatcher_stack[NK_DISPATCHER_STACK]
	__attribute__((aligned(16)));

/* A broken rule of port.h: say so, then fault, which the host sees. */
static _Noreturn void nk_port_bug(const char *what)
{
	syslog("rtos: port bug: %s\n", what);
	__builtin_trap();
}

void port_lock(void)
{
	if (nk_locked)
		nk_port_bug("port_lock() nested");
	nk_locked = true;
}

void port_unlock(void)
{
	if (!nk_locked)
		nk_port_bug("port_unlock() without the lock");
	nk_locked = false;
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
	nk_switch(&nk_dispatcher_sp, *ctx);
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
 * What the yield returned, as interrupt handlers would see it.  No
 * dispatch at the exit: events only come in here, where no task is
 * running (p_runtsk is NULL), and kernel_select_task() takes the new
 * p_schedtsk as soon as port_idle() returns.
 */
static void nk_events(uint32_t ret)
{
	unsigned int cmd = NK_GEVENT_COMMAND(ret);

	nk_nest++;
	nk_tick_catch_up();
	if (ret & NK_GEVENT_IRQ)
		app_com2_isr();
	if (cmd != 0)
		app_command(cmd);
	nk_nest--;
}

void port_idle(void)
{
	uint32_t ret;

	port_unlock();
	nk_tick_arm();
	ret = (uint32_t)nk_gcall(NK_GCALL_YIELD, 0, 0);
	nk_events(ret);
	port_lock();
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
	nk_tick_init(gi->tsc_khz);
	syslog("rtos: uITRON kernel on the nanokernel, boot %u, TSC %u kHz\n",
	       gi->boot_count, gi->tsc_khz);
	kernel_start(&app_kernel_cfg);
	nk_report_cfg(&app_kernel_cfg);
	for (;;)
		nk_gcall(NK_GCALL_YIELD, 0, 0);
}
