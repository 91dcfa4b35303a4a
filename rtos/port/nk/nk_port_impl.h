// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rtos/port/nk/nk_port_impl.h - what the files of the nanokernel port
 * share: the context switch (switch.S), the tick (tick.c), the events
 * (events.c), the guest's entry (port_nk.c).
 *
 * Names: nkp_* are the port's own, port_* the kernel's contract
 * (rtos/kernel/port.h), nk_* only what an application calls (nk_port.h,
 * nk_svc.h): the nanokernel's names (nanokernel/) are nk_* too, and a
 * name means one function in the whole tree (scripts/lint.sh).
 */
#ifndef RTOS_NK_PORT_IMPL_H
#define RTOS_NK_PORT_IMPL_H

#include <nk/guest.h>
#include "nk_port.h"

/* switch.S: its contract is in its header comment. */
void nkp_switch(void **save_sp, void *new_sp);

/* tick.c: the 1 ms tick, counted from the TSC. */
void nkp_tick_init(uint32_t tsc_khz);
/* isig_tim() once for every tick due by now; non-task context. */
void nkp_tick_catch_up(void);
/* Ask the nanokernel for a timer event when the next tick is due. */
void nkp_tick_arm(void);

/* port_nk.c: the entry head.S names in the image header. */
_Noreturn void nkp_guest_main(struct nk_guest_info *gi);
/* port_nk.c: the guest's virtual CPU, and handlers running (0: none). */
extern struct nk_vcpu *nkp_vcpu;
extern int nkp_nest;
/* events.c: take the pending events, in non-task context (vif 0). */
void nkp_events(void);
/* port_nk.c: at the outermost handler's exit, switch tasks if needed. */
void nkp_upcall_exit(void);
/* Mask events (vif 0) and return what vif was; put it back (taking what
 * came meanwhile if it was 1). */
uint32_t nkp_mask(void);
void nkp_unmask(uint32_t was);

/* nk_svc.c: release the tasks waiting on the queues and event variables
 * the doorbell names; non-task context. */
void nkp_svc_doorbell(uint32_t mq, uint32_t ev);

/* upcall.S: the event entry; its contract is in its header comment. */
void nkp_upcall_entry(void);

/* Enter nkp_upcall_entry as an interrupt would (vif already cleared):
 * EFLAGS, CS and the return address make its iret frame. */
static inline void nkp_soft_upcall(void)
{
	__asm__ volatile("pushfl; pushl %%cs; call nkp_upcall_entry"
			 : : : "memory", "cc");
}

#endif /* RTOS_NK_PORT_IMPL_H */
