// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rtos/app/test/app.h - the RTOS guest's test application: its objects
 * (cfg.c), the ordered checks run once at start (scenario.c, with the
 * tally in check.c) and what keeps running afterwards for the host's
 * measurements (monitor.c).
 */
#ifndef RTOS_APP_TEST_H
#define RTOS_APP_TEST_H

#include "kernel.h"
#include "nk_port.h"

/* Tasks, by id (their priorities in the comments). */
enum {
	TSK_MON = 1,	/* 2: the host's commands (monitor.c), TA_ACT */
	TSK_HIGH,	/* 3: helper of the checks */
	TSK_MID,	/* 4: helper of the checks */
	TSK_MAIN,	/* 5: runs the checks, TA_ACT */
	TSK_LOW,	/* 6: helper of the checks */
	TSK_SVC,	/* 7: the services' tests (svc.c) */
	TSK_RAS,	/* 1: the host's death (ras.c), TA_ACT */
	NUM_TSK = TSK_RAS
};
enum { SEM_HAND = 1, SEM_CNT, NUM_SEM = SEM_CNT };
enum { FLG_EV = 1, NUM_FLG = FLG_EV };
enum { DTQ_DATA = 1, DTQ_CMD, NUM_DTQ = DTQ_CMD };
enum { MBX_MSG = 1, NUM_MBX = MBX_MSG };
enum { MPF_BLK = 1, NUM_MPF = MPF_BLK };
enum { CYC_TICK = 1, CYC_TICK10, NUM_CYC = CYC_TICK10 };
enum { ALM_WAKE = 1, NUM_ALM = ALM_WAKE };

#define DTQ_DATA_SIZE	2	/* small: to see it full */
#define MPF_BLK_COUNT	4
#define MPF_BLK_SIZE	32

/* Host commands: nkctl os run rtos CMD. */
enum {
	CMD_MEASURE_START = 5,	/* measure the 1 ms and 10 ms cyclic handlers */
	CMD_MEASURE_STOP = 6,	/* stop; report periods, activations, lateness */
	CMD_REPORT_IRQ = 7,	/* report COM2 interrupts */
	CMD_REPORT_TESTS = 8,	/* the summary line again */
	CMD_FAULT_DIVIDE = 9,	/* faults in the monitor task, on purpose */
	CMD_FAULT_PAGE = 10,
	CMD_FAULT_OPCODE = 11,
	CMD_FAULT_STACK = 12,
	CMD_HIST_NEXT = 13,	/* the next lines of the histograms */
	CMD_SVC_ECHO = 14,	/* svc.c: echo queue h2r to r2h */
	CMD_SVC_PONG = 15,	/* svc.c: answer event ping with pong */
	CMD_SVC_SHM_MAKE = 16,	/* svc.c: make and fill segment rseg */
	CMD_SVC_SHM_CHECK = 17,	/* svc.c: checksum segment hseg */
	CMD_SVC_PNVM = 18,	/* svc.c: count starts in PNVM region 8 */
	CMD_SVC_CHECKS = 19,	/* svc.c: the API's error codes */
	CMD_SVC_ECHO_RAW = 20,	/* svc.c: echo h2r to r2h, unchecked (B3) */
	CMD_WILD_FIRST = 21,	/* a wild write from a task, on purpose:
				 * monitor.c's table says where */
	CMD_WILD_LAST = 27,
	CMD_SVC_WAIT_GONE = 28,	/* svc.c: wait on queue dq until it goes */
	CMD_SVC_RO_WRITE = 29,	/* svc.c: "create" the host's read-only
				 * segment roseg and write it: must fault */
};

/* scenario.c: the task bodies. */
void main_task(VP_INT exinf);
void high_task(VP_INT exinf);
void mid_task(VP_INT exinf);
void low_task(VP_INT exinf);

/* monitor.c */
void mon_task(VP_INT exinf);
void cyc_tick(VP_INT exinf);
void cyc_tick10(VP_INT exinf);
void alm_wake(VP_INT exinf);
/* Interrupt handlers: COM2's, the host's command (nk_host_command()). */
void com2_isr(void);
void command_isr(void);
/* Cyclic handler calls since the start (all of them). */
uint32_t cyc_calls(void);
/* What the alarm handler saw: its context, and when it ran. */
extern volatile BOOL alm_in_handler;
extern volatile uint64_t alm_tsc;

/* ras.c: the RAS task, and the host's death's handler */
void ras_task(VP_INT exinf);
void host_down_isr(void);

/* svc.c */
void svc_task(VP_INT exinf);
void svc_command(unsigned int cmd);

/* check.c: one line per check, "rtos-test: ok - WHAT" or "not ok". */
void check(BOOL cond, const char *what);
void check_er(ER got, ER want, const char *what);
void check_val(long got, long want, const char *what);
/* At least min_ms and less than max_ms since t0 (TSC), in guest time. */
void check_ms(uint64_t t0, uint32_t min_ms, uint32_t max_ms,
	      const char *what);
/* "rtos-test: N passed, N failed" */
void check_summary(void);

#endif /* RTOS_APP_TEST_H */
