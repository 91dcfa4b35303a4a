/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nanokernel/head.S - the image header, the passage between the host and the
 * nanokernel, and the nanokernel's exception entries.
 *
 * The passage code (nk_passage_enter, nk_passage_return) is position
 * independent: the host runs it at its memremap() alias of the region, and
 * the nanokernel's page directory maps the same alias, so the instruction
 * after each "mov %cr3" is mapped on both sides (coLinux's passage page,
 * research/i386-host-integration.md section 5).  Everything else runs at the
 * link address, NK_VIRT_BASE, on the nanokernel's page directory.
 */
#include <nk/layout.h>
#include <nk/image.h>
#include <nk/version.h>
#include <nk/guest.h>
#include <nk/errno.h>

#define NK_IDT_VECTORS		256	/* nk.h */
#define NK_GUEST_EXIT_FAULT	2
#define NK_TRAP_GUEST		1

#define X86_CR4_PGE	0x80
#define TSS_BUSY	0x02	/* in byte 5 of a TSS descriptor */
/* Where nk_irq_passage finds what the stub pushed: over LDTR, TR, CR4,
 * IDTR, GDTR, 5 segments and pushal, the page directory, then the vector. */
#define IRQ_FRAME_PGD		(4 + 4 + 4 + 8 + 8 + 5 * 4 + 32)
#define IRQ_FRAME_EBP		(IRQ_FRAME_PGD - 32 + 8)	/* in pushal's block */
#define IRQ_FRAME_CS		(IRQ_FRAME_PGD + 12)
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
 * NK_SAVE_TASK - push the host's TR and LDTR (below its CR4): the
 * nanokernel runs on a task of its own, whose TSS holds the state a double
 * fault saves (trap.c).
 */
.macro NK_SAVE_TASK
	xorl	%eax, %eax
	str	%ax
	pushl	%eax
	sldt	%ax
	pushl	%eax
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
	andb	$~TSS_BUSY, 5(\gdt)
	ltr	\tr16
1:	lldt	\ldtr
.endm

/* ------------------------------------------------------------------ */
	.section .header, "a"
	.globl nk_header
nk_header:
	.long NK_IMAGE_MAGIC
	.long NK_ABI_REVISION
	.long 64				/* header_size */
	.long NK_VERSION(NK_VERSION_MAJ, NK_VERSION_MIN, NK_VERSION_PAT)
	.long NK_VIRT_BASE			/* link_base */
	.long 0					/* file_size: scripts/nkimage */
	.long __nk_end - NK_VIRT_BASE		/* mem_size */
	.long nk_passage_enter - NK_VIRT_BASE	/* entry_host */
	.long nk_entry - NK_VIRT_BASE		/* entry_nk */
	.long nk_status - NK_VIRT_BASE		/* status_offset */
	.long 0					/* checksum: scripts/nkimage */
	.fill 5, 4, 0				/* reserved */

	.text
/*
 * int nk_passage_enter(uint32_t nk_cr3, uint32_t nk_entry,
 *			uint32_t call, uint32_t arg);
 *
 * cdecl, called by the loader at the host alias of this code.  Saves the
 * host's callee-saved registers, EFLAGS (then IF=0), segment registers,
 * GDTR, IDTR, CR4, TR and LDTR on the host stack, clears CR4.PGE (flushing the host's
 * global TLB entries), loads nk_cr3 and jumps to nk_entry (a linked address)
 * with:  %edi = host ESP, %ebx = host CR3, %esi = call, %edx = arg.
 * The nanokernel comes back through nk_passage_return with the result.
 */
	.globl nk_passage_enter
nk_passage_enter:
	pushl	%ebp
	movl	%esp, %ebp
	pushl	%ebx
	pushl	%esi
	pushl	%edi
	pushfl
	cli
	xorl	%eax, %eax
	movw	%ss, %ax
	pushl	%eax
	movw	%gs, %ax
	pushl	%eax
	movw	%fs, %ax
	pushl	%eax
	movw	%es, %ax
	pushl	%eax
	movw	%ds, %ax
	pushl	%eax
	movw	%cs, %ax
	pushl	%eax
	subl	$8, %esp
	sidt	2(%esp)			/* limit at 2(%esp), base at 4(%esp) */
	subl	$8, %esp
	sgdt	2(%esp)
	movl	%cr4, %eax
	pushl	%eax
	NK_SAVE_TASK

	movl	8(%ebp), %ecx		/* nk_cr3 */
	movl	12(%ebp), %eax		/* nk_entry */
	movl	16(%ebp), %esi		/* call */
	movl	20(%ebp), %edx		/* arg */
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
	popl	%edx			/* LDTR */
	popl	%esi			/* TR */
	popl	%ecx
	movl	%ecx, %cr4		/* PGE back on */
	lgdt	2(%esp)
	movl	4(%esp), %ecx
	NK_HOST_TASK %ecx, %esi, %si, %dx
	addl	$8, %esp
	lidt	2(%esp)
	addl	$8, %esp
	popl	%ecx			/* host CS */
	call	1f
1:	popl	%edx
	addl	$(2f - 1b), %edx
	pushl	%ecx
	pushl	%edx
	lret				/* reload CS from the host GDT */
2:	popl	%ecx
	movw	%cx, %ds
	popl	%ecx
	movw	%cx, %es
	popl	%ecx
	movw	%cx, %fs
	popl	%ecx
	movw	%cx, %gs
	popl	%ecx
	movw	%cx, %ss
	popfl
	popl	%edi
	popl	%esi
	popl	%ebx
	popl	%ebp
	ret

/*
 * nk_irq_passage - an interrupt the nanokernel must handle itself (its
 * timer, a guest's device) arrived while the host ran.  Entered by a stub
 * at the host alias, IF=0, which pushed over the CPU's frame the vector
 * and then the physical address of the nanokernel's page directory.
 * Saves the host's registers, segments, GDTR, IDTR, CR4, TR and LDTR on
 * the host stack, switches to the nanokernel's page directory and goes to
 * nk_irq_entry with %edi = host ESP, %ebx = host CR3, %esi = vector,
 * %edx = the host's EIP.
 * nk_irq_return undoes it all and irets to the host, exactly where it was.
 */
	.globl nk_irq_passage
nk_irq_passage:
	pushal
	xorl	%eax, %eax
	movw	%ss, %ax
	pushl	%eax
	movw	%ds, %ax
	pushl	%eax
	movw	%es, %ax
	pushl	%eax
	movw	%fs, %ax
	pushl	%eax
	movw	%gs, %ax
	pushl	%eax
	subl	$8, %esp
	sgdt	2(%esp)
	subl	$8, %esp
	sidt	2(%esp)
	movl	%cr4, %eax
	pushl	%eax
	NK_SAVE_TASK
	movl	%esp, %edi
	movl	%cr3, %ebx
	/* Where the host was called from, two frames up, if it was in the
	 * kernel with a frame pointer on this stack (Linux 686 keeps frame
	 * pointers): nkctl stats names the caller of a long cli section. */
	xorl	%ebp, %ebp
	testl	$3, IRQ_FRAME_CS(%esp)
	jnz	2f
	movl	IRQ_FRAME_EBP(%esp), %eax
	NK_HOST_FRAME %eax, %ecx, 2f
	movl	4(%eax), %ebp		/* the caller */
	movl	(%eax), %eax
	NK_HOST_FRAME %eax, %ecx, 2f
	movl	4(%eax), %eax		/* its caller */
	jmp	3f
2:	xorl	%eax, %eax
3:	movl	IRQ_FRAME_PGD + 4(%esp), %esi
	movl	IRQ_FRAME_PGD + 8(%esp), %edx	/* the host's EIP */
	movl	%cr4, %ecx
	andl	$~X86_CR4_PGE, %ecx
	movl	%ecx, %cr4
	movl	IRQ_FRAME_PGD(%esp), %ecx
	movl	%ecx, %cr3
	movl	$nk_irq_entry, %ecx
	jmp	*%ecx

	.globl nk_irq_return
nk_irq_return:
	movl	%ebx, %cr3
	movl	%edi, %esp
	popl	%edx			/* LDTR; scratch until popal */
	popl	%esi			/* TR */
	popl	%ecx
	movl	%ecx, %cr4
	lidt	2(%esp)
	addl	$8, %esp
	lgdt	2(%esp)
	movl	4(%esp), %ecx
	NK_HOST_TASK %ecx, %esi, %si, %dx
	addl	$8, %esp
	popl	%ecx
	movw	%cx, %gs
	popl	%ecx
	movw	%cx, %fs
	popl	%ecx
	movw	%cx, %es
	popl	%ecx
	movw	%cx, %ds
	popl	%ecx
	movw	%cx, %ss
	popal
	addl	$8, %esp		/* the page directory and the vector */
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
 * NK_TAKE_TASK - after nk_trap_init() (which writes the TSS descriptors):
 * the nanokernel's IDT and its own task in TR, so that a double fault
 * here or in a guest switches to the double-fault task instead of writing
 * the state into the host's TSS, which is not mapped here.
 */
.macro NK_TAKE_TASK
	lidt	nk_idt_desc
	andb	$~TSS_BUSY, (NK_VIRT_BASE + NK_OFF_GDT + NK_TSS_SEL + 5)
	movl	$NK_TSS_SEL, %eax
	ltr	%ax
.endm

/*
 * nk_entry - the nanokernel side of the passage, at its link address.
 * In: %edi = host ESP, %ebx = host CR3, %esi = call, %edx = arg.
 * Loads the nanokernel's GDT, segments, stack and IDT, then
 * int nk_call(uint32_t call, uint32_t arg).
 */
	.globl nk_entry
nk_entry:
	NK_TAKE_CPU
	movl	$(NK_VIRT_BASE + NK_OFF_STACK + NK_STACK_SIZE), %esp
	pushl	%edx
	pushl	%esi
	call	nk_trap_init		/* builds the IDT once; preserves nothing */
	NK_TAKE_TASK
	call	nk_call
	addl	$8, %esp
	/* fall through */

/*
 * nk_return_to_host - leave for the host with %eax = result.  Also the end
 * of every exception taken inside the nanokernel (nk_trap_common).
 */
	.globl nk_return_to_host
nk_return_to_host:
	cmpl	$0, nk_in_irq
	jne	nk_irq_exit
	pushl	%eax
	call	nk_host_replay		/* what came for the host meanwhile */
	popl	%eax
	movl	nk_host_esp, %edi
	movl	nk_host_cr3, %ebx
	movl	(NK_VIRT_BASE + NK_OFF_BOOTINFO + NK_BOOTINFO_HOST_ALIAS), %ecx
	addl	$(nk_passage_return - NK_VIRT_BASE), %ecx
	jmp	*%ecx

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
	call	nk_trap_init
	NK_TAKE_TASK
	call	nk_host_interrupt
	addl	$4, %esp
nk_irq_exit:
	call	nk_host_replay
	movl	$0, nk_in_irq
	movl	nk_host_esp, %edi
	movl	nk_host_cr3, %ebx
	movl	(NK_VIRT_BASE + NK_OFF_BOOTINFO + NK_BOOTINFO_HOST_ALIAS), %ecx
	addl	$(nk_irq_return - NK_VIRT_BASE), %ecx
	jmp	*%ecx

/* ------------------------------------------------------------------ */
/*
 * Exception entries: one stub per vector 0..31 pushes a zero error code
 * where the CPU pushes none, then the vector, so nk_trap() sees one frame
 * shape:  vector, error, eip, cs, eflags.
 */
.macro TRAP vec
	.p2align 3
nk_trap_\vec:
	.if !((\vec == 8) || ((\vec >= 10) && (\vec <= 14)) || (\vec == 17) || (\vec == 21))
	pushl	$0
	.endif
	pushl	$\vec
	jmp	nk_trap_common
.endm

	.p2align 4
nk_trap_stubs:
	.irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	TRAP \v
	.endr

nk_trap_common:
	pushl	%esp			/* struct nk_trap_frame * */
	call	nk_trap			/* returns the result for the host */
	cmpl	$NK_TRAP_GUEST, %eax
	jne	nk_return_to_host
	movl	$NK_GUEST_EXIT_FAULT, %eax	/* a guest's: it is stopped */
	jmp	nk_guest_exit

/* ------------------------------------------------------------------ */
/*
 * int nk_guest_enter(uint32_t cr3, uint32_t esp);
 *
 * Switch to a guest: keep the nanokernel's callee-saved registers and ESP
 * (nk_sched_esp), load the guest's page directory and stack, and resume
 * the context saved there (struct nk_guest_regs: pushal block, vector,
 * then an iret frame).  Returns, through nk_guest_exit, why the guest
 * stopped running: NK_GUEST_EXIT_*.  CR3 is still the guest's on return
 * (it maps the nanokernel too).
 */
	.globl nk_guest_enter
nk_guest_enter:
	pushl	%ebp
	pushl	%ebx
	pushl	%esi
	pushl	%edi
	movl	%esp, nk_sched_esp
	movl	20(%esp), %eax
	movl	24(%esp), %ecx
	movl	%eax, %cr3
	movl	%ecx, %esp
	popal
	addl	$4, %esp		/* the vector */
	iret

/* nk_guest_exit - back to nk_guest_enter's caller with %eax = reason. */
nk_guest_exit:
	movl	nk_sched_esp, %esp
	popl	%edi
	popl	%esi
	popl	%ebx
	popl	%ebp
	ret

/*
 * nk_gcall_entry - int $0x82 from a guest, on the guest's stack; and
 * nk_vint_common - an interrupt while a guest ran (a stub below pushed
 * the vector).  Both leave the guest's registers on its stack as a
 * struct nk_guest_regs, which is its context if it does not resume now,
 * and run the C side on the nanokernel's stack:
 *	uint32_t nk_guest_call(struct nk_guest_regs *);
 *	uint32_t nk_guest_interrupt(struct nk_guest_regs *);
 * Each returns the context to resume (the same, or one with an event
 * delivered in front of it), or 0 to leave the guest with the reason in
 * nk_exit_reason.
 */
	.globl nk_gcall_entry
nk_gcall_entry:
	pushl	$NK_GUEST_CALL_VECTOR
	pushal
	movl	%esp, %ebx
	movl	nk_sched_esp, %esp
	pushl	%ebx
	call	nk_guest_call
nk_guest_resume:
	addl	$4, %esp
	testl	%eax, %eax
	jz	1f
	movl	%eax, %esp
	popal
	addl	$4, %esp
	iret
1:	movl	nk_exit_reason, %eax
	jmp	nk_guest_exit

nk_vint_common:
	pushal
	movl	%esp, %ebx
	movl	nk_sched_esp, %esp
	pushl	%ebx
	call	nk_guest_interrupt
	jmp	nk_guest_resume

/* The stubs of vectors 32..255 on the nanokernel's IDT: what reaches a
 * running guest.  16 bytes each: nk_vint_stubs + (v - 32) * 16. */
	.p2align 4
	.globl nk_vint_stubs
nk_vint_stubs:
	vec = 32
	.rept 224
	.p2align 4
	pushl	$vec
	jmp	nk_vint_common
	vec = vec + 1
	.endr

/*
 * nk_df_entry - the double-fault task (its TSS and stack: trap.c).  A
 * double fault, in a guest (its stack ran off its memory, say) or in the
 * nanokernel, switches here through the task gate of vector 8 with the
 * state of the faulting task saved in the nanokernel's TSS.
 * void nk_double_fault(void) records it and points that TSS at the way
 * out (the guest is stopped, or the host's call fails); iret goes back
 * to it.  The next double fault enters after the iret.
 */
	.globl nk_df_entry
nk_df_entry:
	addl	$4, %esp		/* the error code (0) */
	call	nk_double_fault
	iret
	jmp	nk_df_entry

/* Where nk_double_fault() sends the faulting task. */
	.globl nk_df_guest_exit, nk_df_host_exit
nk_df_guest_exit:
	movl	$NK_GUEST_EXIT_FAULT, %eax
	jmp	nk_guest_exit
nk_df_host_exit:
	movl	$-NK_EFAULT, %eax
	jmp	nk_return_to_host

	.section .rodata
	.globl nk_trap_table
	.p2align 2
nk_trap_table:
	.irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	.long nk_trap_\v
	.endr

	.data
	.p2align 2
	.globl nk_gdt_desc
	.word 0
nk_gdt_desc:
	.word NK_GDT_ENTRIES * 8 - 1
	.long NK_VIRT_BASE + NK_OFF_GDT
	.word 0
nk_idt_desc:
	.word NK_IDT_VECTORS * 8 - 1
	.long nk_idt
	.bss
	.p2align 3
	.globl nk_idt
nk_idt:
	.fill NK_IDT_VECTORS * 8, 1, 0
	.p2align 2
nk_host_esp:
	.long 0
nk_host_cr3:
	.long 0
	.globl nk_sched_esp
nk_sched_esp:
	.long 0
	.globl nk_exit_reason
nk_exit_reason:
	.long 0
nk_in_irq:
	.long 0
	.globl nk_host_eip, nk_host_callers
nk_host_eip:
	.long 0
nk_host_callers:
	.long 0, 0
	.section .note.GNU-stack, "", @progbits
