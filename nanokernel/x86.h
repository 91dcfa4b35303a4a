/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nanokernel/x86.h - the i386 CPU as the nanokernel uses it: every bit of
 * a control register, a descriptor or EFLAGS it needs, defined once, and
 * the inline-assembly wrappers around the instructions C cannot write
 * (as xv6's x86.h).  The constants are usable from assembly too.
 */
#ifndef NANOKERNEL_X86_H
#define NANOKERNEL_X86_H

#include <nk/types.h>

/* EFLAGS */
#define X86_EFLAGS_RESERVED	0x002u	/* bit 1: always set */
#define X86_EFLAGS_IF		0x200u
#define X86_EFLAGS_ARITH	0xcd5u	/* CF PF AF ZF SF DF OF: a guest's own */

#define X86_CR4_PGE		0x80	/* global pages */

/* Gate and segment descriptors (the high dword's type byte). */
#define X86_GATE_INTR32		0x8e00u	/* present, DPL 0, 32-bit interrupt gate */
#define X86_GATE_TASK		0x8500u	/* present, DPL 0, task gate */
#define X86_DESC_TSS32		0x89u	/* present, DPL 0, available 32-bit TSS */
#define X86_TSS_BUSY		0x02	/* in byte 5 of a TSS descriptor */

#define X86_IDT_VECTORS		256
#define X86_EXCEPTIONS		32	/* vectors 0..31 */
#define X86_DF_VECTOR		8	/* double fault */
#define X86_GP_VECTOR		13	/* general protection */
/* Exceptions that push an error code: 8, 10-14, 17, 21. */
#define X86_HAS_ERROR(v) \
	((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || (v) == 21)

#define X86_FXSAVE_SIZE		512
#define X86_MXCSR_DEFAULT	0x1f80u	/* all SSE exceptions masked */

#ifndef __ASSEMBLER__

/* A 32-bit task-state segment, as the CPU reads and writes it. */
struct x86_tss {
	uint16_t link, r0;
	uint32_t esp0;
	uint16_t ss0, r1;
	uint32_t esp1;
	uint16_t ss1, r2;
	uint32_t esp2;
	uint16_t ss2, r3;
	uint32_t cr3, eip, eflags, eax, ecx, edx, ebx, esp, ebp, esi, edi;
	uint16_t es, r4, cs, r5, ss, r6, ds, r7, fs, r8, gs, r9, ldt, r10;
	uint16_t trap, iomap;
};
NK_CHECK_SIZE(struct x86_tss, 104);

/* The FPU/SSE state fxsave writes: 512 bytes, 16-byte aligned. */
struct x86_fxsave {
	uint8_t bytes[X86_FXSAVE_SIZE];
} __attribute__((aligned(16)));

/* Port I/O (host_boot.c: the PICs, PCI configuration space). */
static inline void x86_outb(uint8_t v, uint16_t port)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline void x86_outl(uint32_t v, uint16_t port)
{
	__asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint32_t x86_inl(uint16_t port)
{
	uint32_t v;

	__asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

/* x86_read_REG() and x86_write_REG() for the control and debug registers
 * the nanokernel touches: cr0, cr2 (read), cr3 (write), dr7. */
#define X86_REG_READ(reg) \
	static inline uint32_t x86_read_##reg(void) \
	{ \
		uint32_t v; \
		__asm__ volatile("movl %%" #reg ", %0" : "=r"(v)); \
		return v; \
	}
#define X86_REG_WRITE(reg) \
	static inline void x86_write_##reg(uint32_t v) \
	{ \
		__asm__ volatile("movl %0, %%" #reg : : "r"(v) : "memory"); \
	}
X86_REG_READ(cr0)
X86_REG_WRITE(cr0)
X86_REG_READ(cr2)
X86_REG_WRITE(cr3)
X86_REG_READ(dr7)
X86_REG_WRITE(dr7)

static inline void x86_fxsave(struct x86_fxsave *f)
{
	__asm__ volatile("fxsave %0" : "=m"(*f));
}

static inline void x86_fxrstor(const struct x86_fxsave *f)
{
	__asm__ volatile("fxrstor %0" : : "m"(*f));
}

/* A clean FPU and SSE unit: what fninit and the default MXCSR give. */
static inline void x86_fpu_reset(void)
{
	uint32_t mxcsr = X86_MXCSR_DEFAULT;

	__asm__ volatile("fninit; ldmxcsr %0" : : "m"(mxcsr));
}

/* A 32-bit interrupt gate to handler in segment cs. */
static inline uint64_t x86_intr_gate(uint16_t cs, uint32_t handler)
{
	uint64_t lo = (handler & 0xffffu) | ((uint32_t)cs << 16);
	uint64_t hi = (handler & 0xffff0000u) | X86_GATE_INTR32;

	return lo | (hi << 32);
}

/* A task gate to the TSS selected by tss. */
static inline uint64_t x86_task_gate(uint16_t tss)
{
	return ((uint64_t)tss << 16) | ((uint64_t)X86_GATE_TASK << 32);
}

/* The GDT descriptor of a TSS. */
static inline uint64_t x86_tss_desc(const struct x86_tss *t)
{
	uint32_t base = (uint32_t)(uintptr_t)t, limit = sizeof(*t) - 1;
	uint64_t lo = (limit & 0xffffu) | ((base & 0xffffu) << 16);
	uint64_t hi = ((base >> 16) & 0xffu) | (X86_DESC_TSS32 << 8) |
		      (base & 0xff000000u);

	return lo | (hi << 32);
}

#endif /* !__ASSEMBLER__ */
#endif /* NANOKERNEL_X86_H */
