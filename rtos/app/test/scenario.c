// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rtos/app/test/scenario.c - the ordered checks, run once at start by
 * main_task (priority 5) with three helpers: HIGH (3) and MID (4), which
 * preempt it as soon as they are readied, and LOW (6), which only runs
 * while it waits.  Each helper marks its steps with step(n), TOPPERS
 * checkpoint style; main checks that the count reached n just after the
 * call that should have made the helper run, so an order that is wrong
 * shows as a failed check.
 *
 * Timeouts run on real guest time: the 1 ms tick comes from the
 * nanokernel's timer, and check_ms() measures with the TSC.
 */
#include "app.h"

static int cp;			/* the last helper step taken */
static int cp_wrong;		/* a step out of order, or 0 */
static ER low_ercd;		/* what LOW's slp_tsk() returned */
static FLGPTN high_flgptn;	/* the pattern HIGH's wai_flg() released */
static VP_INT mid_data;		/* what MID's rcv_dtq() got */
static T_MSG *mid_msg;		/* what MID's rcv_mbx() got */
static volatile BOOL high_wakes;	/* HIGH's second life: check_preemption() */
static volatile uint64_t high_woke_tsc;	/* when its dly_tsk() ended */

static void step(int n)
{
	if (n != cp + 1 && !cp_wrong)
		cp_wrong = n;
	cp = n;
}

static void check_step(int n, const char *what)
{
	check_val(cp_wrong ? -cp_wrong : cp, n, what);
}

static STAT task_state(ID tskid, STAT *tskwait)
{
	T_RTSK r;

	if (ref_tsk(tskid, &r) != E_OK)
		return 0;
	if (tskwait)
		*tskwait = r.tskwait;
	return r.tskstat;
}

/* ---- the helpers ---- */

void high_task(VP_INT exinf)
{
	VP blk;

	(void)exinf;
	if (high_wakes) {
		dly_tsk(5);
		high_woke_tsc = nk_tsc();
		return;
	}
	step(1);
	if (wai_sem(SEM_HAND) == E_OK)
		step(2);
	if (slp_tsk() == E_OK)
		step(3);
	if (wai_flg(FLG_EV, 0x3, TWF_ANDW, &high_flgptn) == E_OK)
		step(4);
	slp_tsk();
	if (get_mpf(MPF_BLK, &blk) == E_OK)	/* none free yet: waits */
		step(7);
	rel_mpf(MPF_BLK, blk);
}

void mid_task(VP_INT exinf)
{
	(void)exinf;
	if (rcv_dtq(DTQ_DATA, &mid_data) == E_OK)
		step(5);
	if (rcv_mbx(MBX_MSG, &mid_msg) == E_OK)
		step(6);
}

void low_task(VP_INT exinf)
{
	(void)exinf;
	low_ercd = slp_tsk();
}

/* ---- the checks, in order ---- */

static void check_context(void)
{
	ID tid = 0;

	syslog("rtos-test: start, boot %u\n", nk_boot_count());
	check_er(get_tid(&tid), E_OK, "get_tid");
	check_val(tid, TSK_MAIN, "the main task runs first (TA_ACT)");
	check_val(sns_ctx(), FALSE, "sns_ctx: task context");
	check_er(isig_sem(SEM_HAND), E_CTX, "isig_sem from a task: E_CTX");
	check_er(sig_sem(NUM_SEM + 1), E_ID, "sig_sem of no semaphore: E_ID");
	check_er(twai_sem(SEM_CNT, -5), E_PAR, "twai_sem, bad timeout: E_PAR");
}

static void check_semaphores(void)
{
	STAT wait = 0;
	uint64_t t0;

	check_er(act_tsk(TSK_HIGH), E_OK, "act_tsk of a higher task");
	check_step(1, "it ran at once, up to its wai_sem");
	check_val(task_state(TSK_HIGH, &wait), TTS_WAI, "ref_tsk: it waits");
	check_val(wait, TTW_SEM, "ref_tsk: on a semaphore");
	check_er(sig_sem(SEM_HAND), E_OK, "sig_sem to release it");
	check_step(2, "wai_sem released by another task, which ran at once");
	check_er(pol_sem(SEM_CNT), E_TMOUT, "pol_sem of an empty semaphore: E_TMOUT");
	t0 = nk_tsc();
	check_er(twai_sem(SEM_CNT, 30), E_TMOUT, "twai_sem(30) times out: E_TMOUT");
	check_ms(t0, 30, 40, "twai_sem(30) waited 30 ms");
	check_er(sig_sem(SEM_CNT), E_OK, "sig_sem up to the maximum");
	check_er(sig_sem(SEM_CNT), E_QOVR, "sig_sem over the maximum: E_QOVR");
	check_er(pol_sem(SEM_CNT), E_OK, "pol_sem takes the count");
}

static void check_sleep(void)
{
	uint64_t t0 = nk_tsc();

	check_er(tslp_tsk(50), E_TMOUT, "tslp_tsk(50) times out: E_TMOUT");
	check_ms(t0, 50, 60, "tslp_tsk(50) slept 50 ms of guest time");
	t0 = nk_tsc();
	check_er(dly_tsk(20), E_OK, "dly_tsk(20) ends: E_OK");
	check_ms(t0, 20, 30, "dly_tsk(20) delayed 20 ms");
	check_er(wup_tsk(TSK_HIGH), E_OK, "wup_tsk of a sleeping task");
	check_step(3, "it woke up and ran at once");
}

static void check_rel_wai(void)
{
	check_er(act_tsk(TSK_LOW), E_OK, "act_tsk of a lower task");
	check_er(act_tsk(TSK_LOW), E_OK, "act_tsk again: queued");
	check_er(act_tsk(TSK_LOW), E_QOVR, "a third time: E_QOVR");
	check_val(can_act(TSK_LOW), 1, "can_act: one queued activation");
	check_er(dly_tsk(5), E_OK, "dly_tsk lets the lower task run");
	check_val(task_state(TSK_LOW, NULL), TTS_WAI, "it sleeps");
	check_er(rel_wai(TSK_LOW), E_OK, "rel_wai of the sleeping task");
	check_er(dly_tsk(1), E_OK, "dly_tsk lets it run again");
	check_val(low_ercd, E_RLWAI, "its slp_tsk returned E_RLWAI");
	check_val(task_state(TSK_LOW, NULL), TTS_DMT, "it ended: dormant");
	check_er(rel_wai(TSK_LOW), E_OBJ, "rel_wai of a dormant task: E_OBJ");
	check_er(wup_tsk(TSK_LOW), E_OBJ, "wup_tsk of a dormant task: E_OBJ");
}

static void check_eventflag(void)
{
	STAT wait = 0;
	FLGPTN ptn = 0;
	uint64_t t0;

	check_er(set_flg(FLG_EV, 0x1), E_OK, "set_flg of half the AND pattern");
	check_val(task_state(TSK_HIGH, &wait), TTS_WAI, "the waiter still waits");
	check_val(wait, TTW_FLG, "on the event flag");
	check_er(set_flg(FLG_EV, 0x2), E_OK, "set_flg of the other half");
	check_step(4, "wai_flg released, the waiter ran at once");
	check_val(high_flgptn, 0x3, "it saw the pattern 0x3");
	t0 = nk_tsc();
	check_er(twai_flg(FLG_EV, 0x4, TWF_ORW, &ptn, 10), E_TMOUT,
		 "twai_flg(10) of a bit never set: E_TMOUT");
	check_ms(t0, 10, 20, "twai_flg(10) waited 10 ms");
	check_er(clr_flg(FLG_EV, 0), E_OK, "clr_flg");
	check_er(pol_flg(FLG_EV, 0x3, TWF_ORW, &ptn), E_TMOUT, "pol_flg after clr_flg: E_TMOUT");
}

static void check_dataqueue(void)
{
	VP_INT d = 0;
	uint64_t t0;

	check_er(act_tsk(TSK_MID), E_OK, "act_tsk of the receiver");
	check_er(snd_dtq(DTQ_DATA, 42), E_OK, "snd_dtq to a waiting receiver");
	check_step(5, "handed over, the receiver ran at once");
	check_val(mid_data, 42, "it received 42");
	check_er(psnd_dtq(DTQ_DATA, 1), E_OK, "psnd_dtq 1");
	check_er(psnd_dtq(DTQ_DATA, 2), E_OK, "psnd_dtq 2: full");
	check_er(psnd_dtq(DTQ_DATA, 3), E_TMOUT, "psnd_dtq to a full queue: E_TMOUT");
	t0 = nk_tsc();
	check_er(tsnd_dtq(DTQ_DATA, 3, 10), E_TMOUT, "tsnd_dtq(10) to a full queue: E_TMOUT");
	check_ms(t0, 10, 20, "tsnd_dtq(10) waited 10 ms");
	check_er(fsnd_dtq(DTQ_DATA, 3), E_OK, "fsnd_dtq pushes the oldest out");
	check_er(prcv_dtq(DTQ_DATA, &d), E_OK, "prcv_dtq");
	check_val(d, 2, "the oldest left is 2");
	check_er(prcv_dtq(DTQ_DATA, &d), E_OK, "prcv_dtq");
	check_val(d, 3, "then 3");
	check_er(prcv_dtq(DTQ_DATA, &d), E_TMOUT, "prcv_dtq of an empty queue: E_TMOUT");
}

/* A block of the pool carries the message: the receiver gives it back. */
static void check_mailbox(void)
{
	T_MSG *msg = NULL;
	VP blk = NULL;
	T_RMPF r;

	check_er(pget_mpf(MPF_BLK, &blk), E_OK, "pget_mpf a block for a message");
	check_er(snd_mbx(MBX_MSG, blk), E_OK, "snd_mbx to a waiting receiver");
	check_step(6, "the receiver ran at once");
	check(mid_msg == blk, "it received that very message");
	check_er(rel_mpf(MPF_BLK, blk), E_OK, "rel_mpf the message's block");
	check_er(ref_mpf(MPF_BLK, &r), E_OK, "ref_mpf");
	check_val(r.fblkcnt, MPF_BLK_COUNT, "every block is free again");
	check_er(trcv_mbx(MBX_MSG, &msg, 10), E_TMOUT,
		 "trcv_mbx(10) of an empty mailbox: E_TMOUT");
	check_val(task_state(TSK_MID, NULL), TTS_DMT, "the receiver ended");
}

static void check_mempool(void)
{
	VP blk[MPF_BLK_COUNT], extra = NULL;
	STAT wait = 0;
	int i;

	for (i = 0; i < MPF_BLK_COUNT; i++)
		check_er(pget_mpf(MPF_BLK, &blk[i]), E_OK, "pget_mpf");
	check_er(pget_mpf(MPF_BLK, &extra), E_TMOUT, "pget_mpf of an empty pool: E_TMOUT");
	check_er(tget_mpf(MPF_BLK, &extra, 10), E_TMOUT,
		 "tget_mpf(10) of an empty pool: E_TMOUT");
	check_er(wup_tsk(TSK_HIGH), E_OK, "wup_tsk: the higher task asks for a block");
	check_val(task_state(TSK_HIGH, &wait), TTS_WAI, "it waits for one");
	check_val(wait, TTW_MPF, "on the memory pool");
	check_er(rel_mpf(MPF_BLK, blk[0]), E_OK, "rel_mpf a block");
	check_step(7, "the block went to the waiter, which ran at once");
	check_val(task_state(TSK_HIGH, NULL), TTS_DMT, "it gave it back and ended");
	for (i = 1; i < MPF_BLK_COUNT; i++)
		check_er(rel_mpf(MPF_BLK, blk[i]), E_OK, "rel_mpf");
	check_er(rel_mpf(MPF_BLK, (VP)&extra), E_PAR, "rel_mpf of a foreign block: E_PAR");
}

static void check_cyclic(void)
{
	SYSTIM t0 = 0, t1 = 0;
	uint32_t c0;
	T_RCYC r;

	check_er(ref_cyc(CYC_TICK, &r), E_OK, "ref_cyc");
	check_val(r.cycstat, TCYC_STA, "the 1 ms cyclic handler runs (TA_STA)");
	check_er(get_tim(&t0), E_OK, "get_tim");
	c0 = cyc_calls();
	check_er(dly_tsk(100), E_OK, "dly_tsk(100)");
	check_er(get_tim(&t1), E_OK, "get_tim");
	check(t1 - t0 >= 100 && t1 - t0 <= 102, "get_tim: 100 ticks later");
	check(cyc_calls() - c0 >= 100 && cyc_calls() - c0 <= 102,
	      "the cyclic handler ran once a tick meanwhile");
	check_er(stp_cyc(CYC_TICK), E_OK, "stp_cyc");
	c0 = cyc_calls();
	check_er(dly_tsk(10), E_OK, "dly_tsk(10)");
	check_val(cyc_calls() - c0, 0, "a stopped cyclic handler does not run");
	check_er(sta_cyc(CYC_TICK), E_OK, "sta_cyc");
	check_er(dly_tsk(10), E_OK, "dly_tsk(10)");
	check(cyc_calls() - c0 >= 9, "it runs again after sta_cyc");
}

static void check_alarm(void)
{
	uint64_t t0 = nk_tsc();
	T_RALM r;

	check_er(sta_alm(ALM_WAKE, 20), E_OK, "sta_alm(20)");
	check_er(ref_alm(ALM_WAKE, &r), E_OK, "ref_alm");
	check_val(r.almstat, TALM_STA, "the alarm is started");
	check_er(slp_tsk(), E_OK, "slp_tsk until the alarm handler's iwup_tsk");
	check_ms(t0, 20, 30, "the alarm came 20 ms after sta_alm");
	check_val(alm_in_handler, TRUE, "the alarm handler ran in non-task context");
	check(alm_tsc - t0 >= (uint64_t)20 * nk_tsc_khz(), "it ran no sooner than 20 ms");
	check_er(ref_alm(ALM_WAKE, &r), E_OK, "ref_alm");
	check_val(r.almstat, TALM_STP, "a one-shot alarm stops");
}

static void check_priority(void)
{
	PRI pri = 0;

	check_er(chg_pri(TSK_SELF, 2), E_OK, "chg_pri of itself to 2");
	check_er(get_pri(TSK_SELF, &pri), E_OK, "get_pri");
	check_val(pri, 2, "its priority is 2");
	check_er(chg_pri(TSK_SELF, TPRI_INI), E_OK, "chg_pri back to the initial one");
	check_er(get_pri(TSK_SELF, &pri), E_OK, "get_pri");
	check_val(pri, 5, "its priority is 5 again");
	check_er(chg_pri(TSK_SELF, TMAX_TPRI + 1), E_PAR, "chg_pri out of range: E_PAR");
	check_er(chg_pri(TSK_LOW, 3), E_OBJ, "chg_pri of a dormant task: E_OBJ");
	check_er(rot_rdq(TPRI_SELF), E_OK, "rot_rdq alone at its priority");
}

/* Compute for ms milliseconds of TSC time, never blocking. */
static void compute(uint32_t ms)
{
	uint64_t end = nk_tsc() + (uint64_t)ms * nk_tsc_khz();

	while (nk_tsc() < end)
		;
}

/*
 * Events reach the RTOS while a task runs (the nanokernel's virtual
 * interrupts): a task that computes does not stop time, and a task of
 * higher priority readied by a timeout preempts it at that tick.
 */
static void check_preemption(void)
{
	uint64_t t0, woke;
	uint32_t c0;

	check_val(task_state(TSK_HIGH, NULL), TTS_DMT, "HIGH is dormant again");
	high_wakes = TRUE;
	high_woke_tsc = 0;
	c0 = cyc_calls();
	t0 = nk_tsc();
	check_er(act_tsk(TSK_HIGH), E_OK, "act_tsk(HIGH), which sleeps 5 ms");
	compute(30);
	woke = high_woke_tsc;
	check(cyc_calls() - c0 >= 29 && cyc_calls() - c0 <= 31,
	      "30 ms of computing: the cyclic handler ran every tick meanwhile");
	check(woke > t0, "HIGH ran while main computed: it was preempted");
	check(woke - t0 >= (uint64_t)5 * nk_tsc_khz() &&
	      woke - t0 < (uint64_t)8 * nk_tsc_khz(),
	      "HIGH's dly_tsk(5) ended 5 to 8 ms after it began");
	check_val(task_state(TSK_HIGH, NULL), TTS_DMT, "HIGH ended before main went on");
	high_wakes = FALSE;
}

void main_task(VP_INT exinf)
{
	(void)exinf;
	check_context();
	check_semaphores();
	check_sleep();
	check_rel_wai();
	check_eventflag();
	check_dataqueue();
	check_mailbox();
	check_mempool();
	check_cyclic();
	check_alarm();
	check_priority();
	check_preemption();
	check_summary();
}
