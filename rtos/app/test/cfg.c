// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rtos/app/test/cfg.c - the test application's static configuration,
 * system_cfg (rtos/kernel/kernel_cfg.h): seven tasks, two semaphores, an
 * event flag, two data queues, a mailbox, a fixed-size pool, the 1 ms
 * cyclic handler (and a 10 ms one for measurements), an alarm, and the
 * interrupt handlers of COM2, of the host's commands and of the host's
 * death (the port's numbers, nk_port.h).
 */
#include "app.h"

#define STK_BYTES	4096	/* syslog's line, the nanokernel's frame */
#define COM2_IRQ	3	/* the board's (configs/default.conf) */

static STK_T stk_mon[KCFG_STK_WORDS(STK_BYTES)];
static STK_T stk_high[KCFG_STK_WORDS(STK_BYTES)];
static STK_T stk_mid[KCFG_STK_WORDS(STK_BYTES)];
static STK_T stk_main[KCFG_STK_WORDS(STK_BYTES)];
static STK_T stk_low[KCFG_STK_WORDS(STK_BYTES)];
static STK_T stk_svc[KCFG_STK_WORDS(2 * STK_BYTES)];
static STK_T stk_ras[KCFG_STK_WORDS(STK_BYTES)];

KCFG_TASKS(app_tasks, NUM_TSK,
	KCFG_TSK(TSK_MON, TA_ACT, 0, mon_task, 2, stk_mon),
	KCFG_TSK(TSK_HIGH, 0, 0, high_task, 3, stk_high),
	KCFG_TSK(TSK_MID, 0, 0, mid_task, 4, stk_mid),
	KCFG_TSK(TSK_MAIN, TA_ACT, 0, main_task, 5, stk_main),
	KCFG_TSK(TSK_LOW, 0, 0, low_task, 6, stk_low),
	KCFG_TSK(TSK_SVC, 0, 0, svc_task, 7, stk_svc),
	KCFG_TSK(TSK_RAS, TA_ACT, 0, ras_task, 1, stk_ras));

KCFG_SEMS(app_sems, NUM_SEM,
	KCFG_SEM(SEM_HAND, TA_TPRI, 0, 1),	/* hand-over between tasks */
	KCFG_SEM(SEM_CNT, TA_TFIFO, 0, 1));	/* timeouts and E_QOVR */

KCFG_FLGS(app_flgs, NUM_FLG, KCFG_FLG(FLG_EV, TA_WSGL, 0));

static VP_INT dtq_data_ring[DTQ_DATA_SIZE];
static VP_INT dtq_cmd_ring[8];		/* the host's commands */
KCFG_DTQS(app_dtqs, NUM_DTQ,
	KCFG_DTQ(DTQ_DATA, TA_TFIFO, dtq_data_ring),
	KCFG_DTQ(DTQ_CMD, TA_TFIFO, dtq_cmd_ring));

KCFG_MBXS(app_mbxs, NUM_MBX, KCFG_MBX(MBX_MSG, TA_TFIFO | TA_MFIFO, 1));

KCFG_MPF_AREA(mpf_area, MPF_BLK_COUNT, MPF_BLK_SIZE);
KCFG_MPFS(app_mpfs, NUM_MPF,
	KCFG_MPF(MPF_BLK, TA_TFIFO, MPF_BLK_COUNT, MPF_BLK_SIZE, mpf_area));

KCFG_CYCS(app_cycs, NUM_CYC,
	KCFG_CYC(CYC_TICK, TA_STA, 0, cyc_tick, 1, 0),
	KCFG_CYC(CYC_TICK10, 0, 0, cyc_tick10, 10, 0));	/* started by B2 */

KCFG_ALMS(app_alms, NUM_ALM, KCFG_ALM(ALM_WAKE, TA_HLNG, 0, alm_wake));

KCFG_INHS(app_inhs, 3,
	KCFG_INH(NK_INHNO_IRQ(COM2_IRQ), TA_HLNG, com2_isr),
	KCFG_INH(NK_INHNO_COMMAND, TA_HLNG, command_isr),
	KCFG_INH(NK_INHNO_HOST_DOWN, TA_HLNG, host_down_isr));

const struct kernel_cfg system_cfg = {
	KCFG_USE(tsk, app_tasks),
	KCFG_USE(sem, app_sems),
	KCFG_USE(flg, app_flgs),
	KCFG_USE(dtq, app_dtqs),
	KCFG_USE(mbx, app_mbxs),
	KCFG_USE(mpf, app_mpfs),
	KCFG_USE(cyc, app_cycs),
	KCFG_USE(alm, app_alms),
	KCFG_USE_INIB(inh, app_inhs),
};
