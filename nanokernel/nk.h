/* SPDX-License-Identifier: GPL-2.0 */
/* nanokernel/nk.h - the nanokernel's private declarations. */
#ifndef NANOKERNEL_NK_H
#define NANOKERNEL_NK_H

#include <nk/layout.h>
#include <nk/image.h>

/* The frame nk_trap_common hands to nk_trap(): see head.S. */
struct nk_trap_frame {
	uint32_t vector;
	uint32_t error;
	uint32_t eip;
	uint32_t cs;
	uint32_t eflags;
};

extern struct nk_status nk_status;
extern uint32_t nk_host_eip;	/* head.S: the host's EIP at the last interrupt */
extern uint32_t nk_host_callers[2];	/* head.S: and who called it, if known */

/* head.S */
extern const uint32_t nk_trap_table[32];
#define NK_IDT_VECTORS	256	/* 0..31 exceptions, 0x82 guest calls, the
				 * rest: interrupts while a guest runs */
#define NK_VINT_STUB_SIZE 16
extern uint64_t nk_idt[NK_IDT_VECTORS];
extern uint8_t nk_vint_stubs[];
extern uint32_t nk_sched_esp;	/* the nanokernel's stack under a guest */
extern uint32_t nk_exit_reason;	/* why the guest is left: NK_GUEST_EXIT_* */
void nk_df_entry(void);
void nk_df_guest_exit(void);
void nk_df_host_exit(void);

/* main.c */
int nk_call(uint32_t call, uint32_t arg);

/* idt.c */
void nk_irq_passage(void);
void nk_irq_return(void);
int nk_host_attach(void);
int nk_host_detach(void);

/* timer.c */
int nk_timer_attach(void);
int nk_timer_host(uint32_t delta_ns);
int nk_timer_detach(void);
int nk_timer_guest(unsigned int slot, uint32_t delta_ns);
int nk_timer_guest_at(unsigned int slot, uint64_t at);
int nk_timer_slice(uint32_t delta_ns);
uint32_t nk_timer_expire(int host_interrupted);
void nk_timer_host_fired(void);
void nk_timer_flush(int to_guest);
int nk_timer_is_own_vector(uint32_t v);
int nk_timer_is_host_vector(uint32_t v);
void nk_lapic_eoi(void);
int nk_lapic_level(uint32_t v);
void nk_lapic_self_ipi(uint32_t v);
/* The deadline slot of the nanokernel's own time slices. */
#define NK_SLICE_SLOT	(NK_OS_SLOTS - 1)

/* os.c and head.S: guests */
#define NK_GUEST_EXIT_YIELD	1	/* it is idle */
#define NK_GUEST_EXIT_FAULT	2	/* it failed */
#define NK_GUEST_EXIT_PREEMPT	3	/* another guest goes first */

/* A guest's context, as head.S leaves it on the guest's stack. */
struct nk_guest_regs {
	uint32_t edi, esi, ebp, esp, ebx, edx, ecx, eax;
	uint32_t vector;	/* what entered the nanokernel */
	uint32_t eip, cs, eflags;
};

int nk_guest_enter(uint32_t cr3, uint32_t esp);
uint32_t nk_guest_call(struct nk_guest_regs *r);
uint32_t nk_guest_interrupt(struct nk_guest_regs *r);
int nk_guest_fault(uint32_t vector, uint32_t error, uint32_t eip);
int nk_guest_current(void);
int nk_os_start(uint32_t i);
int nk_os_run(uint32_t i);
int nk_os_stop(uint32_t i);
void nk_host_interrupt(uint32_t vector);
void nk_host_replay(void);
void nk_host_raise(uint32_t vector);
void nk_os_doorbell(unsigned int i, int mq, uint32_t bit);
void nk_os_run_ready(void);

/* svc.c: the cross-OS services */
void nk_svc_init(void);
int nk_svc_host(void);
int nk_svc_guest(unsigned int i, uint32_t req,
		 int (*range_ok)(unsigned int i, uint32_t addr, uint32_t len));
void nk_irq_count(uint32_t v, unsigned int slot);

/* trap.c */
#define NK_TRAP_GUEST	1	/* nk_trap(): the fault was a guest's */
void nk_gcall_entry(void);
void nk_trap_init(void);
int nk_trap(struct nk_trap_frame *f);
void nk_double_fault(void);
int nk_fault_test(uint32_t vector);

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static inline const struct nk_boot_info *nk_boot_info(void)
{
	return (const struct nk_boot_info *)(NK_VIRT_BASE + NK_OFF_BOOTINFO);
}

#endif /* NANOKERNEL_NK_H */
