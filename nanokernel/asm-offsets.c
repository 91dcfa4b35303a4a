// SPDX-License-Identifier: GPL-2.0
/*
 * nanokernel/asm-offsets.c - the offsets and sizes the assembly uses,
 * generated from the C structures at build time (the technique of Linux's
 * and Jailhouse's asm-offsets.c): the Makefile compiles this file to
 * assembly and turns each "->NAME VALUE" marker into a #define of
 * build/nk/asm-offsets.h.  Never linked.
 */
#include <nk/image.h>
#include "entry.h"

#define DEFINE(sym, val) \
	__asm__ volatile("\n.ascii \"->" #sym " %c0\"" : : "i"(val))
#define OFFSET(sym, type, member) DEFINE(sym, __builtin_offsetof(type, member))

void nk_asm_offsets(void);

#define HCF(sym, member)	OFFSET(HCF_##sym, struct nk_host_call_frame, member);
#define IRQF(sym, member)	OFFSET(IRQF_##sym, struct nk_host_irq_frame, member);
#define ENTF(sym, member)	OFFSET(ENTF_##sym, struct nk_enter_frame, member);

void nk_asm_offsets(void)
{
	/* passage.S: the host's call, field by field from the bottom up */
	HCF(LDTR, ldtr) HCF(TR, tr) HCF(CR4, cr4) HCF(GDTR, gdtr) HCF(IDTR, idtr)
	HCF(CS, cs) HCF(DS, ds) HCF(ES, es) HCF(FS, fs) HCF(GS, gs) HCF(SS, ss)
	HCF(EFLAGS, eflags) HCF(EDI, edi) HCF(ESI, esi) HCF(EBX, ebx) HCF(EBP, ebp)
	HCF(RET, ret) HCF(NK_CR3, nk_cr3) HCF(NK_ENTRY, nk_entry)
	HCF(CALL, call) HCF(ARG, arg)
	/* passage.S: an interrupt taken from the host */
	IRQF(LDTR, ldtr) IRQF(TR, tr) IRQF(CR4, cr4) IRQF(IDTR, idtr) IRQF(GDTR, gdtr)
	IRQF(GS, gs) IRQF(FS, fs) IRQF(ES, es) IRQF(DS, ds) IRQF(SS, ss)
	IRQF(EDI, edi) IRQF(EBP, ebp) IRQF(PGD, pgd) IRQF(VECTOR, vector)
	IRQF(EIP, eip) IRQF(CS, cs)
	OFFSET(DTR_LIMIT, struct nk_dtr_slot, limit);
	OFFSET(DTR_BASE, struct nk_dtr_slot, base);
	DEFINE(DTR_SLOT_SIZE, sizeof(struct nk_dtr_slot));
	OFFSET(BOOTINFO_HOST_ALIAS, struct nk_boot_info, host_alias);
	OFFSET(STATUS_STATE, struct nk_status, state);
	DEFINE(STATE_HOST_DOWN, NK_STATE_HOST_DOWN);

	/* entry.S: the switch into a guest, its context, an exception */
	ENTF(EDI, edi) ENTF(ESI, esi) ENTF(EBX, ebx) ENTF(EBP, ebp)
	ENTF(RET, ret) ENTF(CR3, cr3) ENTF(ESP, esp)
	OFFSET(GREGS_EDI, struct nk_guest_regs, edi);
	OFFSET(GREGS_VECTOR, struct nk_guest_regs, vector);
	OFFSET(GREGS_EIP, struct nk_guest_regs, eip);
	DEFINE(GREGS_SIZE, sizeof(struct nk_guest_regs));
	OFFSET(TRAPF_VECTOR, struct nk_trap_frame, vector);
	OFFSET(TRAPF_ERROR, struct nk_trap_frame, error);
	OFFSET(TRAPF_EIP, struct nk_trap_frame, eip);

	/* host_boot.S: the plan of the new host's boot */
	OFFSET(PLAN_COPIES, struct nk_host_boot_plan, copies);
	OFFSET(PLAN_COPY, struct nk_host_boot_plan, copy);
	OFFSET(PLAN_ENTRY, struct nk_host_boot_plan, entry);
	OFFSET(PLAN_ZERO_PAGE, struct nk_host_boot_plan, zero_page);
	DEFINE(COPY_SIZE, sizeof(struct nk_host_boot_copy));
	OFFSET(COPY_SRC, struct nk_host_boot_copy, src);
	OFFSET(COPY_DST, struct nk_host_boot_copy, dst);
	OFFSET(COPY_LEN, struct nk_host_boot_copy, len);
}
