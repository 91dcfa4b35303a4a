/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nanokernel/frame.h - assembler macros that build and take apart the
 * frames of entry.h with every push and pop checked against the C
 * structure, at assembly time.  The assembler tracks, in the symbol
 * nk_fo, the offset in the frame's structure at which %esp points; each
 * FPUSH names the field it writes, each FPOP the field it reads, and a
 * push order that disagrees with the structure is a build error.
 *
 *	FRAME_AT  off		%esp points at the field at offset off now
 *	FPUSH     src, off	pushl src, which must land at off
 *	FPUSHAL   off		pushal, whose EDI must land at off
 *	FPUSHF    off		pushfl
 *	FSUB      n, off	subl $n, %esp: n bytes whose first is at off
 *	FPOP      dst, off	popl dst, read from off
 *	FPOPAL    off		popal, reading EDI at off
 *	FPOPF     off		popfl
 *	FADD      n, off	addl $n, %esp: skip n bytes starting at off
 *	FRAME_IS  off		assert that %esp points at off
 */
#ifndef NANOKERNEL_FRAME_H
#define NANOKERNEL_FRAME_H

#ifdef __ASSEMBLER__

.macro FRAME_IS off
	.if nk_fo - (\off)
	.error "the frame's layout differs from its C structure (entry.h)"
	.endif
.endm

.macro FRAME_AT off
	.set nk_fo, \off
.endm

.macro FPUSH src, off
	.set nk_fo, nk_fo - 4
	FRAME_IS \off
	pushl	\src
.endm

.macro FPUSHAL off
	.set nk_fo, nk_fo - 32
	FRAME_IS \off
	pushal
.endm

.macro FPUSHF off
	.set nk_fo, nk_fo - 4
	FRAME_IS \off
	pushfl
.endm

.macro FSUB n, off
	.set nk_fo, nk_fo - (\n)
	FRAME_IS \off
	subl	$(\n), %esp
.endm

.macro FPOP dst, off
	FRAME_IS \off
	popl	\dst
	.set nk_fo, nk_fo + 4
.endm

.macro FPOPAL off
	FRAME_IS \off
	popal
	.set nk_fo, nk_fo + 32
.endm

.macro FPOPF off
	FRAME_IS \off
	popfl
	.set nk_fo, nk_fo + 4
.endm

.macro FADD n, off
	FRAME_IS \off
	addl	$(\n), %esp
	.set nk_fo, nk_fo + (\n)
.endm

#endif /* __ASSEMBLER__ */
#endif /* NANOKERNEL_FRAME_H */
