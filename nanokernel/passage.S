/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nanokernel/passage.S - the passages between the host and the
 * nanokernel: the host's calls (nk_passage_enter and back) and the
 * interrupts the nanokernel takes from the host (nk_irq_passage and
 * back), each with its two halves, the host's and the nanokernel's.
 *
 * The host halves are position independent: the host runs them at its
 * memremap() alias of the region, and the nanokernel's page directory
 * maps the same alias, so the instruction after each "mov %cr3" is mapped
 * on both sides (coLinux's passage page, research/i386-host-integration.md
 * section 5).  The nanokernel halves (nk_entry, nk_irq_entry and the ways
 * out) run at the link address, NK_VIRT_BASE, on the nanokernel's page
 * directory.  What each half keeps on the host's stack is a structure of
 * entry.h, and every push and pop is checked against it (frame.h).
 */
#include <nk/layout.h>
#include <nk/image.h>
#include "x86.h"
#include "entry.h"
#include "frame.h"
#include "asm-offsets.h"

#define HOST_STACK_SIZE		8192	/* Linux's THREAD_SIZE on i386 */

/*
 * NK_HOST_FRAME reg, tmp, bad - is \reg a frame pointer inside the host's
 * kernel stack that %esp is on (its 8 KB block, with room for the saved
 * EBP and return address)?  Else jump to \bad.  Clobbers \tmp.
 */
.macro NK_HOST_FRAME reg, tmp, bad
	movl	%esp, \tmp
	andl	$~(HOST_STACK_SIZE - 1), \tmp
	negl	\tmp
	addl	\reg, \tmp
	cmpl	$(HOST_STACK_SIZE - 8), \tmp
	ja	\bad
.endm

/*
 * NK_SAVE_TASK tr, ldtr - push the host's TR and LDTR (the frame's fields
 * at \tr and \ldtr): the nanokernel runs on a task of its own, whose TSS
 * holds the state a double fault saves (trap.c).  Clobbers %eax.
 */
.macro NK_SAVE_TASK tr, ldtr
	xorl	%eax, %eax
	str	%ax
	FPUSH	%eax, \tr
	sldt	%ax
	FPUSH	%eax, \ldtr
.endm

/*
 * NK_HOST_TASK gdt, tr, tr16, ldtr - back on the host's GDT (its base in \gdt):
 * reload its TR, whose descriptor is still marked busy from its own ltr,
 * so the busy bit is cleared first (as Linux's force_reload_TR() does;
 * the native i386 GDT is writable), then its LDTR.  Clobbers \gdt.
 */
.macro NK_HOST_TASK gdt, tr, tr16, ldtr
	andl	$0xfff8, \tr
	jz	1f
	addl	\tr, \gdt
	andb	$~X86_TSS_BUSY, 5(\gdt)
	ltr	\tr16
1:	lldt	\ldtr
.endm

/* NK_PUSH_SEG seg, off - push a segment register, zero-extended. */
.macro NK_PUSH_SEG seg, off
	movw	\seg, %ax
	FPUSH	%eax, \off
.endm

/* NK_POP_SEG seg, off - pop one back (through %ecx). */
.macro NK_POP_SEG seg, off
	FPOP	%ecx, \off
	movw	%cx, \seg
.endm

	.text
/*
 * int nk_passage_enter(uint32_t nk_cr3, uint32_t nk_entry,
 *			uint32_t call, uint32_t arg);
 *
 * cdecl, called by the loader at the host alias of this code.  Saves the
 * host's callee-saved registers, EFLAGS (then IF=0), segment registers,
 * GDTR, IDTR, CR4, TR and LDTR on the host stack (struct
 * nk_host_call_frame), clears CR4.PGE (flushing the host's global TLB
 * entries), loads nk_cr3 and jumps to nk_entry (a linked address) with:
 * %edi = host ESP, %ebx = host CR3, %esi = call, %edx = arg.
 * The nanokernel comes back through nk_passage_return with the result.
 */
	.globl nk_passage_enter
nk_passage_enter:
	FRAME_AT HCF_RET
	FPUSH	%ebp, HCF_EBP
	FPUSH	%ebx, HCF_EBX
	FPUSH	%esi, HCF_ESI
	FPUSH	%edi, HCF_EDI
	FPUSHF	HCF_EFLAGS
	cli
	xorl	%eax, %eax
	NK_PUSH_SEG %ss, HCF_SS
	NK_PUSH_SEG %gs, HCF_GS
	NK_PUSH_SEG %fs, HCF_FS
	NK_PUSH_SEG %es, HCF_ES
	NK_PUSH_SEG %ds, HCF_DS
	NK_PUSH_SEG %cs, HCF_CS
	FSUB	DTR_SLOT_SIZE, HCF_IDTR
	sidt	DTR_LIMIT(%esp)
	FSUB	DTR_SLOT_SIZE, HCF_GDTR
	sgdt	DTR_LIMIT(%esp)
	movl	%cr4, %eax
	FPUSH	%eax, HCF_CR4
	NK_SAVE_TASK HCF_TR, HCF_LDTR
	FRAME_IS 0

	movl	HCF_NK_CR3(%esp), %ecx
	movl	HCF_NK_ENTRY(%esp), %eax
	movl	HCF_CALL(%esp), %esi
	movl	HCF_ARG(%esp), %edx
	movl	%cr3, %ebx
	movl	%esp, %edi

	movl	%cr4, %ebp
	andl	$~X86_CR4_PGE, %ebp
	movl	%ebp, %cr4		/* flush global host mappings too */
	movl	%ecx, %cr3		/* nanokernel space; this page is aliased */
	jmp	*%eax

/*
 * nk_passage_return - the way back, entered at the host alias by
 * nk_return_to_host with %eax = result, %edi = host ESP, %ebx = host CR3.
 * Restores everything nk_passage_enter saved, in reverse, and returns to the
 * loader.  IF stays 0 until popfl.  %esi and %edx are scratch here: the
 * host's own values come back from its stack at the end.
 */
	.globl nk_passage_return
nk_passage_return:
	movl	%ebx, %cr3		/* host space; this page is its memremap */
	movl	%edi, %esp		/* the host stack */
	FRAME_AT 0
	FPOP	%edx, HCF_LDTR
	FPOP	%esi, HCF_TR
	FPOP	%ecx, HCF_CR4
	movl	%ecx, %cr4		/* PGE back on */
	lgdt	DTR_LIMIT(%esp)
	movl	DTR_BASE(%esp), %ecx
	NK_HOST_TASK %ecx, %esi, %si, %dx
	FADD	DTR_SLOT_SIZE, HCF_GDTR
	lidt	DTR_LIMIT(%esp)
	FADD	DTR_SLOT_SIZE, HCF_IDTR
	FPOP	%ecx, HCF_CS
	call	1f
1:	popl	%edx
	addl	$(2f - 1b), %edx
	pushl	%ecx
	pushl	%edx
	lret				/* reload CS from the host GDT */
2:	NK_POP_SEG %ds, HCF_DS
	NK_POP_SEG %es, HCF_ES
	NK_POP_SEG %fs, HCF_FS
	NK_POP_SEG %gs, HCF_GS
	NK_POP_SEG %ss, HCF_SS
	FPOPF	HCF_EFLAGS
	FPOP	%edi, HCF_EDI
	FPOP	%esi, HCF_ESI
	FPOP	%ebx, HCF_EBX
	FPOP	%ebp, HCF_EBP
	FRAME_IS HCF_RET
	ret

/*
 * nk_irq_passage - an interrupt the nanokernel must handle itself (its
 * timer, a guest's device) arrived while the host ran.  Entered by a stub
 * at the host alias, IF=0, which pushed over the CPU's frame the vector
 * and then the physical address of the nanokernel's page directory
 * (host_idt.c).  Saves the host's registers, segments, GDTR, IDTR, CR4, TR
 * and LDTR on the host stack (struct nk_host_irq_frame), switches to the
 * nanokernel's page directory and goes to nk_irq_entry with %edi = host
 * ESP, %ebx = host CR3, %esi = vector, %edx = the host's EIP, %ebp and
 * %eax = its caller and that one's caller, or 0.
 * nk_irq_return undoes it all and irets to the host, exactly where it was.
 */
	.globl nk_irq_passage
nk_irq_passage:
	FRAME_AT IRQF_PGD
	FPUSHAL	IRQF_EDI
	xorl	%eax, %eax
	NK_PUSH_SEG %ss, IRQF_SS
	NK_PUSH_SEG %ds, IRQF_DS
	NK_PUSH_SEG %es, IRQF_ES
	NK_PUSH_SEG %fs, IRQF_FS
	NK_PUSH_SEG %gs, IRQF_GS
	FSUB	DTR_SLOT_SIZE, IRQF_GDTR
	sgdt	DTR_LIMIT(%esp)
	FSUB	DTR_SLOT_SIZE, IRQF_IDTR
	sidt	DTR_LIMIT(%esp)
	movl	%cr4, %eax
	FPUSH	%eax, IRQF_CR4
	NK_SAVE_TASK IRQF_TR, IRQF_LDTR
	FRAME_IS 0
	movl	%esp, %edi
	movl	%cr3, %ebx
	/* Where the host was called from, two frames up, if it was in the
	 * kernel with a frame pointer on this stack (Linux 686 keeps frame
	 * pointers): nkctl stats names the caller of a long cli section. */
	xorl	%ebp, %ebp
	testl	$3, IRQF_CS(%esp)
	jnz	2f
	movl	IRQF_EBP(%esp), %eax
	NK_HOST_FRAME %eax, %ecx, 2f
	movl	4(%eax), %ebp		/* the caller */
	movl	(%eax), %eax
	NK_HOST_FRAME %eax, %ecx, 2f
	movl	4(%eax), %eax		/* its caller */
	jmp	3f
2:	xorl	%eax, %eax
3:	movl	IRQF_VECTOR(%esp), %esi
	movl	IRQF_EIP(%esp), %edx
	movl	%cr4, %ecx
	andl	$~X86_CR4_PGE, %ecx
	movl	%ecx, %cr4
	movl	IRQF_PGD(%esp), %ecx
	movl	%ecx, %cr3
	movl	$nk_irq_entry, %ecx
	jmp	*%ecx

	.globl nk_irq_return
nk_irq_return:
	movl	%ebx, %cr3
	movl	%edi, %esp
	FRAME_AT 0
	FPOP	%edx, IRQF_LDTR		/* scratch until popal */
	FPOP	%esi, IRQF_TR
	FPOP	%ecx, IRQF_CR4
	movl	%ecx, %cr4
	lidt	DTR_LIMIT(%esp)
	FADD	DTR_SLOT_SIZE, IRQF_IDTR
	lgdt	DTR_LIMIT(%esp)
	movl	DTR_BASE(%esp), %ecx
	NK_HOST_TASK %ecx, %esi, %si, %dx
	FADD	DTR_SLOT_SIZE, IRQF_GDTR
	NK_POP_SEG %gs, IRQF_GS
	NK_POP_SEG %fs, IRQF_FS
	NK_POP_SEG %es, IRQF_ES
	NK_POP_SEG %ds, IRQF_DS
	NK_POP_SEG %ss, IRQF_SS
	FPOPAL	IRQF_EDI
	FADD	8, IRQF_PGD		/* the page directory and the vector */
	FRAME_IS IRQF_EIP
	iret

/* ------------------------------------------------------------------ */
/*
 * NK_TAKE_CPU - the first steps on the nanokernel's side of both passages:
 * its GDT, code and data segments, and where the host's ESP (%edi) and
 * CR3 (%ebx) are kept for the way back.  The stack and IDT follow.
 */
.macro NK_TAKE_CPU
	lgdt	nk_gdt_desc
	ljmp	$NK_CS, $1f
1:	movl	$NK_DS, %eax
	movw	%ax, %ds
	movw	%ax, %es
	movw	%ax, %ss
	movw	%ax, %fs
	movw	%ax, %gs
	movl	%edi, nk_host_esp
	movl	%ebx, nk_host_cr3
.endm

/*
 * NK_TAKE_TASK - after nk_desc_init() (which writes the TSS descriptors):
 * the nanokernel's IDT and its own task in TR, so that a double fault
 * here or in a guest switches to the double-fault task instead of writing
 * the state into the host's TSS, which is not mapped here.
 */
.macro NK_TAKE_TASK
	lidt	nk_idt_desc
	andb	$~X86_TSS_BUSY, (NK_VIRT_BASE + NK_OFF_GDT + NK_TSS_SEL + 5)
	movl	$NK_TSS_SEL, %eax
	ltr	%ax
.endm

/* NK_LEAVE way - to the host half \way at the host alias, with %edi, %ebx
 * = the host's ESP and CR3 kept by NK_TAKE_CPU. */
.macro NK_LEAVE way
	movl	nk_host_esp, %edi
	movl	nk_host_cr3, %ebx
	movl	(NK_VIRT_BASE + NK_OFF_BOOTINFO + BOOTINFO_HOST_ALIAS), %ecx
	addl	$(\way - NK_VIRT_BASE), %ecx
	jmp	*%ecx
.endm

/*
 * nk_entry - the nanokernel side of the passage, at its link address.
 * In: %edi = host ESP, %ebx = host CR3, %esi = call, %edx = arg.
 * Loads the nanokernel's GDT, segments, stack and IDT, then
 * int nk_host_call(uint32_t call, uint32_t arg).
 */
	.globl nk_entry
nk_entry:
	NK_TAKE_CPU
	movl	$(NK_VIRT_BASE + NK_OFF_STACK + NK_STACK_SIZE), %esp
	pushl	%edx
	pushl	%esi
	call	nk_desc_init		/* builds the IDT once; preserves nothing */
	NK_TAKE_TASK
	call	nk_host_call
	addl	$8, %esp
	/* fall through */

/*
 * nk_return_to_host - leave for the host with %eax = result.  Also the end
 * of every exception taken inside the nanokernel (entry.S, nk_trap_common),
 * which goes back to the guests instead once the host is dead.
 */
	.globl nk_return_to_host
nk_return_to_host:
	cmpl	$STATE_HOST_DOWN, (nk_status + STATUS_STATE)
	je	nk_alone_again		/* no host to return to (entry.S) */
	cmpl	$0, nk_in_irq
	jne	nk_irq_exit
	pushl	%eax
	call	nk_host_replay		/* what came for the host meanwhile */
	popl	%eax
	NK_LEAVE nk_passage_return

/*
 * nk_irq_entry - the nanokernel side of nk_irq_passage, at its link
 * address: its GDT, segments, stack and IDT, then
 * void nk_host_interrupt(uint32_t vector), then back to the host.
 */
nk_irq_entry:
	movl	%eax, %ecx		/* NK_TAKE_CPU needs %eax */
	NK_TAKE_CPU
	movl	$1, nk_in_irq
	movl	%edx, nk_host_eip
	movl	%ebp, nk_host_callers
	movl	%ecx, nk_host_callers + 4
	movl	$(NK_VIRT_BASE + NK_OFF_STACK + NK_STACK_SIZE), %esp
	pushl	%esi
	call	nk_desc_init
	NK_TAKE_TASK
	call	nk_host_interrupt
	addl	$4, %esp
nk_irq_exit:
	call	nk_host_replay
	movl	$0, nk_in_irq
	NK_LEAVE nk_irq_return

	.data
	.p2align 2
	.globl nk_gdt_desc
	.word 0
nk_gdt_desc:
	.word NK_GDT_ENTRIES * 8 - 1
	.long NK_VIRT_BASE + NK_OFF_GDT
	.word 0
nk_idt_desc:
	.word X86_IDT_VECTORS * 8 - 1
	.long nk_idt

	.bss
	.p2align 2
nk_host_esp:
	.long 0
nk_host_cr3:
	.long 0
	.globl nk_in_irq
nk_in_irq:
	.long 0
	.globl nk_host_eip, nk_host_callers
nk_host_eip:
	.long 0
nk_host_callers:
	.long 0, 0
	.section .note.GNU-stack, "", @progbits
