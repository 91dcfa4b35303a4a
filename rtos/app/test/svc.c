// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rtos/app/test/svc.c - the RTOS's side of the services' tests
 * (tests/integration/96-services.sh with tests/integration/svctest.c):
 * the svc task carries out what the monitor hands it (svc_command()),
 * each an RTOS task's use of the nanokernel's services:
 *
 *   echo     receive messages from queue "h2r", check each is the next of
 *            tests/common/msgpat.h, send it back on "r2h"; until "stop"
 *            (echo-raw: the same without the check, for make bench)
 *   pong     wait for bit 0x1 of event "ping" (clearing it), set bit 0x1
 *            of "pong"; bit 0x80 of "ping" ends it
 *   shm      make segment "rseg" (64 KB) and fill it, or check "hseg"
 *   pnvm     count this RTOS's starts in PNVM region 8
 *   checks   the error codes of the RTOS's API, as ordered checks
 *   gone     wait on queue "dq" (made by the host) until it is destroyed
 * Each reports a line "rtos-svc: ..." that the test reads.
 */
#include <nk/crc32.h>
#include <nk/svc.h>
#include "app.h"
#include "nk_svc.h"
#include "msgpat.h"

static uint8_t svc_buf[MSGPAT_MAX];
static volatile uint32_t svc_echoed, svc_bad, svc_pongs;
static volatile unsigned int svc_what;	/* the command svc_task carries out */

/* check: each message must be the next of msgpat.h (the tests); else
 * any message goes back as it came (make bench, B3). */
static void svc_echo(BOOL check_each)
{
	ID in = nk_opn_mq("h2r"), out = nk_opn_mq("r2h");
	uint32_t seq = 0, bad;
	ER_UINT len;

	if (in < 0 || out < 0) {
		syslog("rtos-svc: echo: no queues (%d, %d)\n", in, out);
		return;
	}
	svc_echoed = svc_bad = 0;
	syslog("rtos-svc: echo ready\n");
	for (;;) {
		len = nk_rcv_mq(in, svc_buf, sizeof(svc_buf));
		if (len == 4 && svc_buf[0] == 's' && svc_buf[1] == 't' &&
		    svc_buf[2] == 'o' && svc_buf[3] == 'p')
			break;
		if (len < 0) {
			syslog("rtos-svc: echo: receive failed: %d\n", len);
			svc_bad++;
			break;
		}
		bad = check_each ? msgpat_check(svc_buf, (uint32_t)len, seq) : 0;
		if (bad) {
			if (svc_bad++ < 5)
				syslog("rtos-svc: echo: message %u wrong at byte %u (%d bytes)\n",
				       seq, bad - 1, len);
		}
		if (nk_snd_mq(out, svc_buf, (UINT)len) != E_OK)
			svc_bad++;
		seq++;
		svc_echoed++;
	}
	syslog("rtos-svc: echoed %u, bad %u\n", svc_echoed, svc_bad);
}

static void svc_pong(void)
{
	ID ping = nk_opn_ev("ping"), pong = nk_opn_ev("pong");
	FLGPTN got;

	if (ping < 0 || pong < 0) {
		syslog("rtos-svc: pong: no events (%d, %d)\n", ping, pong);
		return;
	}
	svc_pongs = 0;
	for (;;) {
		if (nk_wai_ev(ping, 0x81, TWF_ORW, 0x01, &got) != E_OK)
			break;
		if (got & 0x80)
			break;
		svc_pongs++;
		nk_set_ev(pong, 0x1);
	}
	syslog("rtos-svc: pongs %u\n", svc_pongs);
}

static uint8_t svc_pat(uint32_t k)
{
	return (uint8_t)(k * 31u + 7u);
}

static void svc_shm_make(void)
{
	UINT k, size = 65536;
	uint8_t *p;
	ER_ID id = nk_cre_shm("rseg", size, 0, (VP *)&p);

	if (id < 0) {
		syslog("rtos-svc: rseg: %d\n", id);
		return;
	}
	for (k = 0; k < size; k++)
		p[k] = svc_pat(k);
	syslog("rtos-svc: rseg crc 0x%x\n", nk_crc32(0, p, size));
}

static void svc_shm_check(void)
{
	UINT size;
	uint8_t *p;
	ER_ID id = nk_opn_shm("hseg", (VP *)&p, &size);

	if (id < 0) {
		syslog("rtos-svc: hseg: %d\n", id);
		return;
	}
	syslog("rtos-svc: hseg %u bytes crc 0x%x\n", size, nk_crc32(0, p, size));
	nk_cls_shm(id);
}

/* Region 8 holds a count of this RTOS's starts that asked for it. */
static void svc_pnvm(void)
{
	T_NKPNVM pk;
	uint32_t *count;
	ER ercd = nk_opn_pnvm(8, 64, &pk);

	if (ercd) {
		syslog("rtos-svc: pnvm 8: %d\n", ercd);
		return;
	}
	count = (uint32_t *)pk.addr;
	nk_bgn_pnvm(&pk);
	(*count)++;
	nk_cmt_pnvm(&pk);
	syslog("rtos-svc: pnvm 8 count %u status %u intact %u\n", *count, pk.status,
	       (unsigned int)pk.intact);
}

/* IDs are handles: the deleted queue old's stays dead when its entry is
 * taken again; IDs no create gives are E_ID; empty messages E_PAR. */
static void svc_checks_stale(ID old)
{
	char small[4];
	ID q = nk_cre_mq("rq", 2, 16);

	check(q >= 0 && q != old, "nk_cre_mq(rq) again: a new ID");
	check_val(NK_SVC_INDEX((uint32_t)q), NK_SVC_INDEX((uint32_t)old),
		  "in the entry the deleted rq had");
	check_er(nk_psnd_mq(old, "x", 1), E_NOEXS, "the deleted rq's ID still: E_NOEXS");
	check_er(nk_del_mq(old), E_NOEXS, "nor can it delete the new one: E_NOEXS");
	check_er(nk_psnd_mq(q, "", 0), E_PAR, "an empty message: E_PAR");
	check_er(nk_psnd_mq(q, "x", 1), E_OK, "the new ID works: send");
	check_er(nk_prcv_mq(q, small, sizeof(small)), 1, "and receive");
	check_er(nk_prcv_mq((ID)NK_SVC_INDEX((uint32_t)q), small, 1), E_ID,
		 "its index without a generation: E_ID");
	check_er(nk_prcv_mq(-1, small, 1), E_ID, "ID -1: E_ID");
	check_er(nk_del_mq(q), E_OK, "nk_del_mq");
}

/* Segments of whole pages; a new PNVM region comes zeroed and committed;
 * a closed region's ID is no longer this OS's. */
static void svc_checks_memory(void)
{
	T_NKPNVM pk;
	uint32_t *p;
	VP addr;
	ID s;

	check_er(nk_cre_shm("rs", 1000, 0, &addr), E_PAR, "a segment of 1000 bytes: E_PAR");
	s = nk_cre_shm("rs", 8192, 0, &addr);
	check(s > 0, "a segment of 8 KB");
	p = addr;
	check(s > 0 && !p[0] && !p[2047], "zeroed");
	check_er(nk_del_shm(s), E_OK, "nk_del_shm");
	check_er(nk_cls_shm(s), E_OK, "nk_cls_shm: it goes");
	check_er(nk_cls_shm(s), E_NOEXS, "closed: E_NOEXS");
	check_er(nk_opn_pnvm(9, 100, &pk), E_OK, "nk_opn_pnvm(9) new");
	check_val((long)pk.status, NK_PNVM_NEW, "new");
	check_val((long)pk.generation, 2, "committed once: generation 2");
	check_val((long)pk.size, 4096, "a whole page");
	p = pk.addr;
	check(!p[0] && !p[1023], "zeroed");
	check_er(nk_cls_pnvm(&pk), E_OK, "nk_cls_pnvm");
	check_er(nk_bgn_pnvm(&pk), E_NOEXS, "closed: E_NOEXS");
	check_er(nk_opn_pnvm(9, 0, &pk), E_OK, "nk_opn_pnvm(9) again");
	check(pk.status == NK_PNVM_KEPT && pk.intact, "kept and intact");
	check_er(nk_cls_pnvm(&pk), E_OK, "nk_cls_pnvm");
}

/* Wait on "dq" until the host destroys it: E_DLT. */
static void svc_wait_gone(void)
{
	char buf[16];
	ID q = nk_opn_mq("dq");

	if (q < 0) {
		syslog("rtos-svc: dq: %d\n", q);
		return;
	}
	syslog("rtos-svc: dq waiting\n");
	syslog("rtos-svc: dq wait ended %d\n", nk_trcv_mq(q, buf, sizeof(buf), 10000));
}

/* The API's error codes, as checks "rtos-test: ok - ..." like the others. */
static void svc_checks(void)
{
	static const char big[20] = "twenty bytes long..";
	char small[4];
	uint64_t t0;
	FLGPTN got;
	ID q, e;

	check_er(nk_opn_mq("nosuch"), E_NOEXS, "nk_opn_mq of a missing queue: E_NOEXS");
	check_er(nk_cre_mq("Bad Name", 2, 16), E_PAR, "nk_cre_mq with a bad name: E_PAR");
	check_er(nk_cre_mq("rq", 0, 16), E_PAR, "nk_cre_mq of depth 0: E_PAR");
	q = nk_cre_mq("rq", 2, 16);
	check(q >= 0, "nk_cre_mq(rq, 2, 16)");
	check_er(nk_cre_mq("rq", 3, 16), E_OBJ, "the name of another shape: E_OBJ");
	check_er(nk_prcv_mq(q, small, sizeof(small)), E_TMOUT, "nk_prcv_mq of an empty queue: E_TMOUT");
	t0 = nk_tsc();
	check_er(nk_trcv_mq(q, small, sizeof(small), 20), E_TMOUT, "nk_trcv_mq(20) of an empty queue: E_TMOUT");
	check_ms(t0, 20, 30, "it waited 20 ms");
	check_er(nk_psnd_mq(q, "a", 1), E_OK, "nk_psnd_mq");
	check_er(nk_psnd_mq(q, "bcdef", 5), E_OK, "nk_psnd_mq again");
	check_er(nk_psnd_mq(q, "g", 1), E_TMOUT, "nk_psnd_mq to a full queue: E_TMOUT");
	check_er(nk_tsnd_mq(q, "g", 1, 10), E_TMOUT, "nk_tsnd_mq(10) to a full queue: E_TMOUT");
	check_er(nk_psnd_mq(q, big, sizeof(big)), E_PAR, "a message over its size: E_PAR");
	check_er(nk_prcv_mq(q, small, sizeof(small)), 1, "nk_prcv_mq: the first, 1 byte");
	check_er(nk_prcv_mq(q, small, sizeof(small)), E_PAR, "the next is too big for the buffer: E_PAR");
	check_er(nk_rcv_mq(q, svc_buf, sizeof(svc_buf)), 5, "and stays queued: 5 bytes");
	check_er(nk_prcv_mq(NK_MQ_MAX, small, 1), E_ID, "a queue id out of range: E_ID");
	check_er(nk_prcv_mq(q, (void *)0x1000, 16), E_MACV, "a receive buffer outside the partition: E_MACV");
	check_er(nk_psnd_mq(q, (void *)0x1000, 4), E_MACV, "a buffer outside the partition: E_MACV");
	check_er(nk_del_mq(q), E_OK, "nk_del_mq");
	check_er(nk_prcv_mq(q, small, 1), E_NOEXS, "a deleted queue: E_NOEXS");
	svc_checks_stale(q);
	e = nk_cre_ev("rev", 0x1);
	check(e >= 0, "nk_cre_ev(rev, 0x1)");
	check_er(nk_pol_ev(e, 0x3, TWF_ANDW, 0, &got), E_TMOUT, "nk_pol_ev all of 0x3: E_TMOUT");
	check_er(nk_pol_ev(e, 0x3, TWF_ORW, 0, &got), E_OK, "nk_pol_ev any of 0x3");
	check_val((long)got, 0x1, "it saw 0x1");
	check_er(nk_set_ev(e, 0x2), E_OK, "nk_set_ev 0x2");
	check_er(nk_wai_ev(e, 0x3, TWF_ANDW, 0x3, &got), E_OK, "nk_wai_ev all of 0x3, clearing them");
	t0 = nk_tsc();
	check_er(nk_twai_ev(e, 0x1, TWF_ORW, 0, &got, 20), E_TMOUT, "cleared: nk_twai_ev(20): E_TMOUT");
	check_ms(t0, 20, 30, "it waited 20 ms");
	check_er(nk_wai_ev(e, 0, TWF_ORW, 0, &got), E_PAR, "a wait for no bits: E_PAR");
	check_er(nk_del_ev(e), E_OK, "nk_del_ev");
	check_er(nk_set_ev(e, 0x1), E_NOEXS, "a deleted event: E_NOEXS");
	svc_checks_memory();
	check_summary();
}

/* The host made "roseg" read-only to others: a create of the same name
 * and size opens it, mapped read-only all the same, so the write faults
 * (the RTOS fails with vector 14 at the segment's address). */
static void svc_ro_write(void)
{
	VP addr;
	ID s = nk_cre_shm("roseg", 4096, 0, &addr);

	syslog("rtos-svc: roseg %d at 0x%x, writing\n", s, (unsigned int)addr);
	if (s > 0)
		*(volatile uint32_t *)addr = 0x5a5a5a5a;
	syslog("rtos-svc: roseg written\n");
}

void svc_task(VP_INT exinf)
{
	(void)exinf;
	switch ((unsigned int)svc_what) {
	case CMD_SVC_ECHO:
	case CMD_SVC_ECHO_RAW:
		svc_echo(svc_what == CMD_SVC_ECHO);
		break;
	case CMD_SVC_PONG:
		svc_pong();
		break;
	case CMD_SVC_SHM_MAKE:
		svc_shm_make();
		break;
	case CMD_SVC_SHM_CHECK:
		svc_shm_check();
		break;
	case CMD_SVC_PNVM:
		svc_pnvm();
		break;
	case CMD_SVC_CHECKS:
		svc_checks();
		break;
	case CMD_SVC_WAIT_GONE:
		svc_wait_gone();
		break;
	case CMD_SVC_RO_WRITE:
		svc_ro_write();
		break;
	}
}

/* From the monitor: start the svc task on cmd, unless it runs already. */
void svc_command(unsigned int cmd)
{
	T_RTSK r;

	if (ref_tsk(TSK_SVC, &r) == E_OK && r.tskstat != TTS_DMT) {
		syslog("rtos-svc: busy, command %u refused\n", cmd);
		return;
	}
	svc_what = cmd;
	act_tsk(TSK_SVC);
}
