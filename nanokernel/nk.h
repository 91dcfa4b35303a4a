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

/* head.S */
extern const uint32_t nk_trap_table[32];
#define NK_IDT_VECTORS	0x83	/* 0..31 exceptions, 0x82 guest calls */
extern uint64_t nk_idt[NK_IDT_VECTORS];

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
uint32_t nk_timer_expire(void);
int nk_timer_is_own_vector(uint32_t v);
void nk_lapic_eoi(void);

/* os.c and head.S: guests */
#define NK_GUEST_RESUME		0
#define NK_GUEST_EXIT_YIELD	1
#define NK_GUEST_EXIT_FAULT	2
struct nk_guest_regs;
int nk_guest_enter(uint32_t cr3, uint32_t esp);
int nk_guest_call(struct nk_guest_regs *r);
int nk_guest_fault(const struct nk_trap_frame *f);
int nk_os_start(uint32_t i);
int nk_os_run(uint32_t i);
int nk_os_stop(uint32_t i);
void nk_host_interrupt(uint32_t vector);

/* trap.c */
#define NK_TRAP_GUEST	1	/* nk_trap(): the fault was a guest's */
void nk_gcall_entry(void);
void nk_trap_init(void);
int nk_trap(struct nk_trap_frame *f);
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
