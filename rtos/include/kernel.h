// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rtos/include/kernel.h - the kernel's service calls: a µITRON 4.0
 * subset (tasks, semaphores, event flags, data queues, mailboxes,
 * fixed-size memory pools, time, cyclic and alarm handlers).
 *
 * Calls without the i prefix are for tasks; the i calls are for interrupt
 * and time event handlers.  Either one made from the wrong context
 * returns E_CTX.  sta_cyc, stp_cyc, sta_alm and stp_alm work from both.
 * Objects are created statically (kernel_cfg.h), so there are no cre_ or
 * del_ calls.  Time is counted in 1 ms ticks.
 */
#ifndef KERNEL_H
#define KERNEL_H

#include "itron.h"

/* Attributes of tasks, event flags and cyclic handlers. */
#define TA_ACT		0x02u	/* task: activated at kernel start */
#define TA_WSGL		0x00u	/* event flag: one waiting task at most */
#define TA_WMUL		0x02u	/* event flag: several waiting tasks */
#define TA_CLR		0x04u	/* event flag: cleared when a wait ends */
#define TA_STA		0x02u	/* cyclic handler: started at kernel start */
#define TA_PHS		0x04u	/* cyclic handler: keep the phase when stopped */

/* Event flag wait modes. */
#define TWF_ANDW	0x00u	/* all bits of the pattern */
#define TWF_ORW		0x01u	/* any bit of the pattern */

#define TSK_SELF	0	/* the calling task */
#define TSK_NONE	0	/* no task */
#define TPRI_SELF	0	/* the calling task's priority */
#define TPRI_INI	0	/* the task's initial priority */

/* Task states, T_RTSK.tskstat. */
#define TTS_RUN		0x01u
#define TTS_RDY		0x02u
#define TTS_WAI		0x04u
#define TTS_DMT		0x10u

/* Why a task waits, T_RTSK.tskwait. */
#define TTW_SLP		0x0001u
#define TTW_DLY		0x0002u
#define TTW_SEM		0x0004u
#define TTW_FLG		0x0008u
#define TTW_SDTQ	0x0010u
#define TTW_RDTQ	0x0020u
#define TTW_MBX		0x0040u
#define TTW_MPF		0x2000u
#define TTW_PORT	0x8000u	/* on an object of the port's (a nanokernel service) */

/* Cyclic and alarm handler states. */
#define TCYC_STP	0x00u
#define TCYC_STA	0x01u
#define TALM_STP	0x00u
#define TALM_STA	0x01u

/* Limits of this implementation. */
#define TMIN_TPRI	1
#define TMAX_TPRI	16
#define TMIN_MPRI	1
#define TMAX_MPRI	16
#define TMAX_ACTCNT	1	/* queued activations per task */
#define TMAX_WUPCNT	3	/* queued wakeups per task */
#define TMAX_MAXSEM	0xffffu
/* Keeps every pending time event within half the tick counter's range. */
#define TMAX_RELTIM	0x3fffffffu

typedef UINT FLGPTN;
typedef void (*TASK)(VP_INT exinf);
typedef void (*CYCHDR)(VP_INT exinf);
typedef void (*ALMHDR)(VP_INT exinf);

/* Mailbox message headers: put one at the start of each message. */
typedef struct t_msg {
	struct t_msg *pk_next;	/* owned by the kernel while queued */
} T_MSG;

typedef struct t_msg_pri {
	T_MSG msgque;
	PRI msgpri;		/* TMIN_MPRI..maxmpri, 1 first */
} T_MSG_PRI;

typedef struct t_rtsk {
	STAT tskstat;		/* TTS_* */
	PRI tskpri;		/* current priority */
	PRI tskbpri;		/* base priority (no mutexes: the same) */
	STAT tskwait;		/* TTW_* while TTS_WAI */
	ID wobjid;		/* the object waited for, while TTS_WAI */
	TMO lefttmo;		/* ms left before the timeout, or TMO_FEVR */
	UINT actcnt;		/* queued activations */
	UINT wupcnt;		/* queued wakeups */
} T_RTSK;

typedef struct t_rsem {
	ID wtskid;		/* first waiting task, or TSK_NONE */
	UINT semcnt;
} T_RSEM;

typedef struct t_rflg {
	ID wtskid;
	FLGPTN flgptn;
} T_RFLG;

typedef struct t_rdtq {
	ID stskid;		/* first task waiting to send */
	ID rtskid;		/* first task waiting to receive */
	UINT sdtqcnt;		/* data in the queue */
} T_RDTQ;

typedef struct t_rmbx {
	ID wtskid;
	T_MSG *pk_msg;		/* the message rcv_mbx would return, or NULL */
} T_RMBX;

typedef struct t_rmpf {
	ID wtskid;
	UINT fblkcnt;		/* free blocks */
} T_RMPF;

typedef struct t_rcyc {
	STAT cycstat;		/* TCYC_* */
	RELTIM lefttim;		/* ms left before the next call */
} T_RCYC;

typedef struct t_ralm {
	STAT almstat;		/* TALM_* */
	RELTIM lefttim;
} T_RALM;

/* Task management */
ER act_tsk(ID tskid);
ER iact_tsk(ID tskid);
ER_UINT can_act(ID tskid);
ER ext_tsk(void);	/* returns only from a handler: E_CTX */
ER ter_tsk(ID tskid);
ER chg_pri(ID tskid, PRI tskpri);
ER get_pri(ID tskid, PRI *p_tskpri);
ER ref_tsk(ID tskid, T_RTSK *pk_rtsk);

/* Task-dependent synchronization */
ER slp_tsk(void);
ER tslp_tsk(TMO tmout);
ER wup_tsk(ID tskid);
ER iwup_tsk(ID tskid);
ER_UINT can_wup(ID tskid);
ER rel_wai(ID tskid);
ER irel_wai(ID tskid);
ER dly_tsk(RELTIM dlytim);

/* Semaphores */
ER sig_sem(ID semid);
ER isig_sem(ID semid);
ER wai_sem(ID semid);
ER pol_sem(ID semid);
ER twai_sem(ID semid, TMO tmout);
ER ref_sem(ID semid, T_RSEM *pk_rsem);

/* Event flags */
ER set_flg(ID flgid, FLGPTN setptn);
ER iset_flg(ID flgid, FLGPTN setptn);
ER clr_flg(ID flgid, FLGPTN clrptn);
ER wai_flg(ID flgid, FLGPTN waiptn, MODE wfmode, FLGPTN *p_flgptn);
ER pol_flg(ID flgid, FLGPTN waiptn, MODE wfmode, FLGPTN *p_flgptn);
ER twai_flg(ID flgid, FLGPTN waiptn, MODE wfmode, FLGPTN *p_flgptn,
	    TMO tmout);
ER ref_flg(ID flgid, T_RFLG *pk_rflg);

/* Data queues */
ER snd_dtq(ID dtqid, VP_INT data);
ER psnd_dtq(ID dtqid, VP_INT data);
ER ipsnd_dtq(ID dtqid, VP_INT data);
ER tsnd_dtq(ID dtqid, VP_INT data, TMO tmout);
ER fsnd_dtq(ID dtqid, VP_INT data);
ER ifsnd_dtq(ID dtqid, VP_INT data);
ER rcv_dtq(ID dtqid, VP_INT *p_data);
ER prcv_dtq(ID dtqid, VP_INT *p_data);
ER trcv_dtq(ID dtqid, VP_INT *p_data, TMO tmout);
ER ref_dtq(ID dtqid, T_RDTQ *pk_rdtq);

/* Mailboxes */
ER snd_mbx(ID mbxid, T_MSG *pk_msg);
ER rcv_mbx(ID mbxid, T_MSG **ppk_msg);
ER prcv_mbx(ID mbxid, T_MSG **ppk_msg);
ER trcv_mbx(ID mbxid, T_MSG **ppk_msg, TMO tmout);
ER ref_mbx(ID mbxid, T_RMBX *pk_rmbx);

/* Fixed-size memory pools */
ER get_mpf(ID mpfid, VP *p_blk);
ER pget_mpf(ID mpfid, VP *p_blk);
ER tget_mpf(ID mpfid, VP *p_blk, TMO tmout);
ER rel_mpf(ID mpfid, VP blk);
ER ref_mpf(ID mpfid, T_RMPF *pk_rmpf);

/* Time management */
ER isig_tim(void);	/* the port's 1 ms tick, from its timer interrupt */
ER get_tim(SYSTIM *p_systim);
ER sta_cyc(ID cycid);
ER stp_cyc(ID cycid);
ER ref_cyc(ID cycid, T_RCYC *pk_rcyc);
ER sta_alm(ID almid, RELTIM almtim);
ER stp_alm(ID almid);
ER ref_alm(ID almid, T_RALM *pk_ralm);

/* System state */
ER rot_rdq(PRI tskpri);
ER irot_rdq(PRI tskpri);
ER get_tid(ID *p_tskid);
ER iget_tid(ID *p_tskid);
BOOL sns_ctx(void);	/* TRUE in a handler */

#endif /* KERNEL_H */
