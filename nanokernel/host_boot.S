/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nanokernel/host_boot.S - the last steps of booting a dead host again
 * (host_boot.c): from the nanokernel's page directory to paging off, the
 * copies of the plan, and the 32-bit boot protocol's entry
 * (Documentation/x86/boot.rst, "32-bit boot protocol"): a flat GDT with
 * __BOOT_CS 0x10 and __BOOT_DS 0x18, paging off, interrupts off, %esi the
 * zero page, %ebx %ebp %edi zero.
 *
 * The nanokernel's region is mapped at its physical address too
 * (loader/boot.c), so the code goes on at its identity alias once CS is
 * the boot GDT's and paging can be turned off under it.  The boot GDT is
 * built on the nanokernel's stack, which the attach record's CRC leaves
 * out (include/nk/attach.h): nothing else of the region is written here.
 * The plan's sources lie in the RAS region, its destinations in the host's
 * RAM; neither is the region this code runs from.
 */
#include <nk/layout.h>
#include "x86.h"
#include "asm-offsets.h"

#define BOOT_CS		0x10
#define BOOT_DS		0x18
#define CR0_PG		0x80000000

	.text
/* void nk_host_boot(uint32_t plan_phys, uint32_t delta) */
	.globl nk_host_boot
nk_host_boot:
	cli
	movl	4(%esp), %ebx		/* the plan, physical */
	movl	8(%esp), %ebp		/* link address -> physical */
	andl	$~7, %esp
	subl	$40, %esp		/* 2 bytes pad, GDTR (6), 4 descriptors */
	movl	$0, 8(%esp)
	movl	$0, 12(%esp)
	movl	$0, 16(%esp)
	movl	$0, 20(%esp)
	movl	$0x0000ffff, 24(%esp)	/* 0x10: code, flat, 32-bit, accessed */
	movl	$0x00cf9b00, 28(%esp)
	movl	$0x0000ffff, 32(%esp)	/* 0x18: data, flat, accessed */
	movl	$0x00cf9300, 36(%esp)
	movw	$31, 2(%esp)
	leal	8(%esp, %ebp), %eax
	movl	%eax, 4(%esp)
	lgdt	2(%esp)
	leal	1f(%ebp), %eax
	pushl	$BOOT_CS
	pushl	%eax
	lret				/* to the identity alias, CS 0x10 */
1:	movl	$BOOT_DS, %eax
	movw	%ax, %ds
	movw	%ax, %es
	movw	%ax, %fs
	movw	%ax, %gs
	movw	%ax, %ss
	addl	%ebp, %esp		/* the stack at its identity alias */
	movl	%cr0, %eax
	andl	$~CR0_PG, %eax
	movl	%eax, %cr0		/* paging off: addresses are physical */
	jmp	2f
2:	xorl	%eax, %eax
	movl	%eax, %cr3
	movl	%eax, %cr4
	cld
	movl	PLAN_COPIES(%ebx), %ebp
	leal	PLAN_COPY(%ebx), %edx
3:	testl	%ebp, %ebp
	jz	4f
	movl	COPY_SRC(%edx), %esi
	movl	COPY_DST(%edx), %edi
	movl	COPY_LEN(%edx), %ecx
	shrl	$2, %ecx
	rep movsl
	movl	COPY_LEN(%edx), %ecx
	andl	$3, %ecx
	rep movsb
	addl	$COPY_SIZE, %edx
	decl	%ebp
	jmp	3b
4:	movl	PLAN_ENTRY(%ebx), %eax
	movl	PLAN_ZERO_PAGE(%ebx), %esi
	xorl	%ebx, %ebx
	xorl	%ebp, %ebp
	xorl	%edi, %edi
	jmp	*%eax
	.section .note.GNU-stack, "", @progbits
