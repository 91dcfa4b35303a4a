// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rtos/kernel/mempfix.h - fixed-size memory pools.  Blocks are handed out
 * first from the never-used end of the area, then from a free list
 * threaded through the released blocks themselves.  rel_mpf() refuses
 * (E_PAR) what is not the start of a block handed out before, but cannot
 * tell a block released twice: that is the application's bug to avoid.
 */
#ifndef RTOS_MEMPFIX_H
#define RTOS_MEMPFIX_H

#include "kernel_impl.h"

/* Blocks are rounded up to whole pointers, which also aligns them. */
#define MPF_ROUND(sz) \
	(((sz) + sizeof(void *) - 1) / sizeof(void *) * sizeof(void *))

typedef struct fixed_memorypool_initialization_block {
	ATR mpfatr;		/* TA_TPRI */
	UINT blkcnt;
	UINT blksz;		/* as asked; MPF_ROUND()ed in the area */
	void *mpf;		/* blkcnt * MPF_ROUND(blksz) bytes */
} MPFINIB;

struct mpf_free {
	struct mpf_free *next;
};

typedef struct fixed_memorypool_control_block {
	QUEUE wait_queue;
	const MPFINIB *p_mpfinib;
	UINT fblkcnt;		/* free blocks */
	UINT unused;		/* blocks never handed out start here */
	struct mpf_free *freelist;
} MPFCB;

void mempfix_initialize(void);

#endif /* RTOS_MEMPFIX_H */
