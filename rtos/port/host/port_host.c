// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rtos/port/host/port_host.c - the kernel's port for unit tests on the
 * build machine, on ucontext.
 *
 * Three kinds of context: the driver (the test, where the process
 * started), the dispatcher (its own stack: the loop of port.h, whose
 * port_idle() swaps back to the driver) and one per task.  A task's
 * ucontext lives at the bottom of its own stack, so the kernel's PORT_CTX
 * slot is just a pointer to it, as a saved stack pointer would be.
 * The lock is a flag: "interrupts" only come from host_interrupt(),
 * never while it is held.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <ucontext.h>
#include "kernel_impl.h"
#include "host.h"

#define HOST_STK_MIN	(16 * 1024)	/* glibc calls in tasks need room */

struct host_ctx {
	ucontext_t uc;
	bool fresh;		/* start at kernel_task_entry() next time */
	char *stk;		/* the stack proper, above this struct */
	size_t stksz;
};

static ucontext_t driver_uc;
static ucontext_t dispatcher_uc;
static char dispatcher_stack[64 * 1024] __attribute__((aligned(16)));
static struct host_ctx *host_current;	/* the task switched to last */
static bool host_lock;
static int host_nest;
static bool host_on_driver = true;
static FP host_inh[HOST_INHNO_COUNT];	/* the handlers, by number */
static unsigned int host_inh_dropped;

void port_lock(void)
{
	assert(!host_lock);
	host_lock = true;
}

void port_unlock(void)
{
	assert(host_lock);
	host_lock = false;
}

int host_locked(void)
{
	return host_lock;
}

int port_in_interrupt(void)
{
	return host_nest > 0;
}

void port_task_init(PORT_CTX *ctx, void *stk, size_t stksz)
{
	uintptr_t base = ((uintptr_t)stk + 15) & ~(uintptr_t)15;
	struct host_ctx *hc = (struct host_ctx *)base;

	assert(stksz >= sizeof(*hc) + 16 + HOST_STK_MIN);
	hc->fresh = true;
	hc->stk = (char *)(hc + 1);
	hc->stksz = (size_t)((char *)stk + stksz - hc->stk);
	*ctx = hc;
}

static void host_resume(struct host_ctx *hc)
{
	if (hc->fresh) {
		getcontext(&hc->uc);
		hc->uc.uc_stack.ss_sp = hc->stk;
		hc->uc.uc_stack.ss_size = hc->stksz;
		hc->uc.uc_link = NULL;
		makecontext(&hc->uc, kernel_task_entry, 0);
		hc->fresh = false;
	}
	host_current = hc;
	swapcontext(&dispatcher_uc, &hc->uc);
}

/* The dispatcher loop; the lock is held whenever it runs. */
static void host_dispatcher(void)
{
	for (;;)
		host_resume(*kernel_select_task());
}

void port_dispatch(void)
{
	swapcontext(&host_current->uc, &dispatcher_uc);
}

_Noreturn void port_exit_dispatch(void)
{
	setcontext(&dispatcher_uc);
	abort();
}

/* Nothing to run: the driver gets control until host_run() comes back. */
void port_idle(void)
{
	port_unlock();
	host_on_driver = true;
	swapcontext(&dispatcher_uc, &driver_uc);
	host_on_driver = false;
	port_lock();
}

static void host_run(void)
{
	host_on_driver = false;
	swapcontext(&driver_uc, &dispatcher_uc);
}

void port_start(void)
{
	host_nest = 0;
	host_current = NULL;
	getcontext(&dispatcher_uc);
	dispatcher_uc.uc_stack.ss_sp = dispatcher_stack;
	dispatcher_uc.uc_stack.ss_size = sizeof(dispatcher_stack);
	dispatcher_uc.uc_link = NULL;
	makecontext(&dispatcher_uc, host_dispatcher, 0);
	host_run();
}

void host_interrupt(void (*isr)(void))
{
	assert(!host_lock);
	host_nest++;
	isr();
	host_nest--;
	if (host_nest > 0)
		return;
	if (host_on_driver) {
		host_run();
		return;
	}
	port_lock();
	if (kernel_dispatch_pending())
		port_dispatch();
	port_unlock();
}

static void host_tick_isr(void)
{
	isig_tim();
}

void host_tick(unsigned int n)
{
	while (n--)
		host_interrupt(host_tick_isr);
}

UINT port_inhno_count(void)
{
	return HOST_INHNO_COUNT;
}

void port_define_inh(INHNO inhno, FP inthdr)
{
	assert(host_lock && inhno < HOST_INHNO_COUNT);
	host_inh[inhno] = inthdr;
}

void host_raise(INHNO inhno)
{
	assert(inhno < HOST_INHNO_COUNT);
	if (host_inh[inhno] == NULL)
		host_inh_dropped++;
	else
		host_interrupt(host_inh[inhno]);
}

unsigned int host_dropped(void)
{
	return host_inh_dropped;
}
