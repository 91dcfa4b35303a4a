// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rtos/kernel/kernel_cfg.h - the static configuration of an application:
 * which tasks, semaphores, event flags, data queues, mailboxes, memory
 * pools, cyclic and alarm handlers exist, and which interrupt handlers.
 *
 * One table per object kind: read-only init blocks indexed by ID - 1,
 * and as many control blocks in RAM, sized by the table.  For example:
 *
 *	enum { TASK_MAIN = 1, TASK_LOG, NUM_TASKS = TASK_LOG };
 *	static STK_T stk_main[KCFG_STK_WORDS(8192)];
 *	...
 *	KCFG_TASKS(app_tasks, NUM_TASKS,
 *		KCFG_TSK(TASK_MAIN, TA_ACT, 0, main_task, 5, stk_main),
 *		KCFG_TSK(TASK_LOG, 0, 0, log_task, 9, stk_log));
 *	KCFG_SEMS(app_sems, 1, KCFG_SEM(SEM_UART, TA_TPRI, 1, 1));
 *	KCFG_INHS(app_inhs, 1, KCFG_INH(NK_INHNO_IRQ(4), TA_HLNG, uart_isr));
 *
 *	const struct kernel_cfg system_cfg = {
 *		KCFG_USE(tsk, app_tasks),
 *		KCFG_USE(sem, app_sems),
 *		KCFG_USE_INIB(inh, app_inhs),
 *	};
 *
 * and the port calls kernel_start(&system_cfg).
 *
 * What a constant can show wrong fails the build: an ID below 1, a table
 * whose highest ID is not the count given, a priority out of range, a
 * stack or memory pool area too small, a period of 0.  kernel_start()
 * checks the rest (kernel_cfg_check()): reserved attribute bits are
 * E_RSATR, missing entries and bad values E_PAR, named in the error.
 *
 * Interrupt handlers are a list, not a table by ID: an entry names the
 * port's interrupt number it serves (port.h), which must be one the port
 * has and appear once; the error names the number.
 */
#ifndef RTOS_KERNEL_CFG_H
#define RTOS_KERNEL_CFG_H

#include "kernel_impl.h"
#include "task.h"
#include "semaphore.h"
#include "eventflag.h"
#include "dataqueue.h"
#include "mailbox.h"
#include "mempfix.h"
#include "cyclic.h"
#include "alarm.h"
#include "interrupt.h"

struct kernel_cfg {
	const TINIB *tskinib;
	TCB *tskcb;
	UINT tsknum;
	const SEMINIB *seminib;
	SEMCB *semcb;
	UINT semnum;
	const FLGINIB *flginib;
	FLGCB *flgcb;
	UINT flgnum;
	const DTQINIB *dtqinib;
	DTQCB *dtqcb;
	UINT dtqnum;
	const MBXINIB *mbxinib;
	MBXCB *mbxcb;
	UINT mbxnum;
	const MPFINIB *mpfinib;
	MPFCB *mpfcb;
	UINT mpfnum;
	const CYCINIB *cycinib;
	CYCCB *cyccb;
	UINT cycnum;
	const ALMINIB *alminib;
	ALMCB *almcb;
	UINT almnum;
	const INHINIB *inhinib;	/* in any order; no control blocks */
	UINT inhnum;
};

/* What kernel_cfg_check() found wrong, for the message. */
struct kernel_cfg_error {
	const char *kind;	/* "task", "semaphore", ..., "interrupt" */
	ID id;			/* for "interrupt", the interrupt number */
	const char *field;	/* the init block field, e.g. "tskatr" */
};

/*
 * The system configuration (µITRON's "system configuration file"): every
 * application defines it, and a port that boots the kernel starts it
 * with it.  (The unit tests start theirs by name instead.)
 */
extern const struct kernel_cfg system_cfg;

ER kernel_cfg_check(const struct kernel_cfg *cfg,
		    struct kernel_cfg_error *err);
/*
 * Check cfg, reset every object from it and start scheduling.  Returns
 * only on a configuration error, or in the host port when the system
 * first has nothing to run.
 */
ER kernel_start(const struct kernel_cfg *cfg);

/* Task stacks: STK_T name[KCFG_STK_WORDS(bytes)]. */
typedef intptr_t STK_T;	/* the port aligns the stack as it needs */
#define KCFG_STK_WORDS(bytes)	(((bytes) + sizeof(STK_T) - 1) / sizeof(STK_T))
#define KCFG_STK_MIN		256u

/* 0 in an integer constant expression, or a build error saying msg. */
#define KCFG_ASSERT(cond, msg) \
	(0 * (int)sizeof(struct { _Static_assert(cond, msg); int kcfg_x; }))
#define KCFG_IDX(id) ((id) - 1 + KCFG_ASSERT((id) >= 1, "object IDs start at 1"))

/* A table of init blocks with its control blocks; count = highest ID. */
#define KCFG_TABLE(name, inib_t, cb_t, count, ...) \
	static const inib_t name##_inib[] = { __VA_ARGS__ }; \
	static cb_t name##_cb[ARRAY_SIZE(name##_inib)]; \
	_Static_assert(ARRAY_SIZE(name##_inib) == (count), \
		       #name ": the highest ID is not " #count)

/* In the struct kernel_cfg initialiser: KCFG_USE(sem, app_sems); for a
 * table without control blocks (interrupt handlers), KCFG_USE_INIB. */
#define KCFG_USE_INIB(kind, name) \
	.kind##inib = name##_inib, .kind##num = ARRAY_SIZE(name##_inib)
#define KCFG_USE(kind, name) \
	KCFG_USE_INIB(kind, name), .kind##cb = name##_cb

#define KCFG_TASKS(name, count, ...) \
	KCFG_TABLE(name, TINIB, TCB, count, __VA_ARGS__)
#define KCFG_TSK(tskid, tskatr, exinf, task, itskpri, stk) \
	[KCFG_IDX(tskid)] = { (tskatr), (VP_INT)(exinf), (task), \
		(itskpri) + KCFG_ASSERT((itskpri) >= TMIN_TPRI && \
					(itskpri) <= TMAX_TPRI, \
					"task priority out of range"), \
		sizeof(stk) + KCFG_ASSERT(sizeof(stk) >= KCFG_STK_MIN, \
					  "task stack too small"), (stk) }

#define KCFG_SEMS(name, count, ...) \
	KCFG_TABLE(name, SEMINIB, SEMCB, count, __VA_ARGS__)
#define KCFG_SEM(semid, sematr, isemcnt, maxsem) \
	[KCFG_IDX(semid)] = { (sematr), (isemcnt), \
		(maxsem) + KCFG_ASSERT((maxsem) >= 1 && (maxsem) <= TMAX_MAXSEM \
				       && (isemcnt) <= (maxsem), \
				       "semaphore counts out of range") }

#define KCFG_FLGS(name, count, ...) \
	KCFG_TABLE(name, FLGINIB, FLGCB, count, __VA_ARGS__)
#define KCFG_FLG(flgid, flgatr, iflgptn) \
	[KCFG_IDX(flgid)] = { (flgatr), (iflgptn) }

/* A data queue's ring: VP_INT name[capacity]; KCFG_DTQ0 for none. */
#define KCFG_DTQS(name, count, ...) \
	KCFG_TABLE(name, DTQINIB, DTQCB, count, __VA_ARGS__)
#define KCFG_DTQ(dtqid, dtqatr, ring) \
	[KCFG_IDX(dtqid)] = { (dtqatr), ARRAY_SIZE(ring), (ring) }
#define KCFG_DTQ0(dtqid, dtqatr) \
	[KCFG_IDX(dtqid)] = { (dtqatr), 0, NULL }

#define KCFG_MBXS(name, count, ...) \
	KCFG_TABLE(name, MBXINIB, MBXCB, count, __VA_ARGS__)
#define KCFG_MBX(mbxid, mbxatr, maxmpri) \
	[KCFG_IDX(mbxid)] = { (mbxatr), (maxmpri) }

/* A pool's area: KCFG_MPF_AREA(name, blkcnt, blksz). */
#define KCFG_MPF_AREA(name, blkcnt, blksz) \
	static void *name[(blkcnt) * (MPF_ROUND(blksz) / sizeof(void *))]
#define KCFG_MPFS(name, count, ...) \
	KCFG_TABLE(name, MPFINIB, MPFCB, count, __VA_ARGS__)
#define KCFG_MPF(mpfid, mpfatr, blkcnt, blksz, area) \
	[KCFG_IDX(mpfid)] = { (mpfatr), (blkcnt), (blksz) + \
		KCFG_ASSERT(sizeof(area) >= (blkcnt) * MPF_ROUND(blksz), \
			    "memory pool area too small"), (area) }

#define KCFG_CYCS(name, count, ...) \
	KCFG_TABLE(name, CYCINIB, CYCCB, count, __VA_ARGS__)
#define KCFG_CYC(cycid, cycatr, exinf, cychdr, cyctim, cycphs) \
	[KCFG_IDX(cycid)] = { (cycatr), (VP_INT)(exinf), (cychdr), \
		(cyctim) + KCFG_ASSERT((cyctim) >= 1 && \
				       (cyctim) <= TMAX_RELTIM, \
				       "cyclic period out of range"), \
		(cycphs) }

#define KCFG_ALMS(name, count, ...) \
	KCFG_TABLE(name, ALMINIB, ALMCB, count, __VA_ARGS__)
#define KCFG_ALM(almid, almatr, exinf, almhdr) \
	[KCFG_IDX(almid)] = { (almatr), (VP_INT)(exinf), (almhdr) }

/* Interrupt handlers: count entries in any order, each for a number of
 * the port's (port.h; NK_INHNO_* in rtos/port/nk/nk_port.h). */
#define KCFG_INHS(name, count, ...) \
	static const INHINIB name##_inib[] = { __VA_ARGS__ }; \
	_Static_assert(ARRAY_SIZE(name##_inib) == (count), \
		       #name ": not " #count " entries")
#define KCFG_INH(inhno, inhatr, inthdr) \
	{ (inhno), (inhatr), (inthdr) }

#endif /* RTOS_KERNEL_CFG_H */
