// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rtos/port/nk/nk_svc.c - the nanokernel's cross-OS services for RTOS
 * tasks (nk_svc.h): NK_GCALL_SVC calls, and waits in the RTOS.
 *
 * A call that would have to wait is made with the lock held (vif 0), so
 * the doorbell that answers it cannot come before the task is queued: the
 * nanokernel records the wait and returns -EAGAIN, the task blocks on the
 * object's wait queue here, and the doorbell handler (nkp_svc_doorbell(),
 * from nkp_events()) releases every task queued on the objects that
 * changed.  They try again, for as long as their timeout allows.
 *
 * An object's ID is the nanokernel's handle (include/nk/svc.h): its table
 * index in the low 8 bits, the generation of the entry above, so that the
 * ID of a deleted object never names another (E_NOEXS, or E_DLT for a
 * task that was waiting on it).  The wait queues are by index.
 */
#include <nk/crc32.h>
#include <nk/svc.h>
#include "kernel_impl.h"
#include "wait.h"
#include "nk_hw.h"
#include "nk_port_impl.h"
#include "nk_svc.h"

static QUEUE nkp_mq_waitq[NK_MQ_MAX], nkp_ev_waitq[NK_EV_MAX];
static bool nkp_svc_ready;

static void nkp_svc_init(void)
{
	unsigned int i;

	for (i = 0; i < NK_MQ_MAX; i++)
		queue_init(&nkp_mq_waitq[i]);
	for (i = 0; i < NK_EV_MAX; i++)
		queue_init(&nkp_ev_waitq[i]);
	nkp_svc_ready = true;
}

/* The nanokernel's -errno, as µITRON says it. */
static ER nkp_svc_ercd(int ret)
{
	switch (-ret) {
	case NK_ENOENT:
	case NK_EIDRM:	/* deleted: its ID stays dead */
	case NK_EBADF:	/* a segment or region this OS has not opened */
		return E_NOEXS;
	case NK_EAGAIN:
		return E_TMOUT;
	case NK_EEXIST:
	case NK_EBUSY:	/* a region in use, a segment being created */
		return E_OBJ;
	case NK_ENOSPC:
		return E_NOID;
	case NK_EFAULT:
		return E_MACV;
	case NK_EPERM:
		return E_OACV;
	case NK_EINVAL:
	case NK_EMSGSIZE:
		return E_PAR;
	default:
		return E_SYS;	/* EIO, EBADMSG, ENOSYS: the tables */
	}
}

/* Could id be a handle of a table of max entries?  (Else E_ID.) */
static bool nkp_svc_id_ok(ID id, unsigned int max)
{
	return id > 0 && NK_SVC_INDEX((uint32_t)id) < max && NK_SVC_GEN((uint32_t)id);
}

static int nkp_svc(struct nk_svc_req *r)
{
	if (!nkp_svc_ready)
		nkp_svc_init();
	return nkp_gcall(NK_GCALL_SVC, (uint32_t)r, 0);
}

static void nkp_req_init(struct nk_svc_req *r, uint32_t op, uint32_t id)
{
	UINT i;

	for (i = 0; i < sizeof(*r); i++)
		((char *)r)[i] = 0;
	r->op = op;
	r->id = id;
	r->waiter = (uint32_t)(p_runtsk ? tcb_id(p_runtsk) : 0);
}

/* Copy a name, NUL-padded: E_PAR if it does not fit. */
static ER nkp_req_name(struct nk_svc_req *r, const char *name)
{
	UINT i;

	for (i = 0; i < NK_SVC_NAME_LEN && name && name[i]; i++)
		r->name[i] = name[i];
	return i == 0 || i == NK_SVC_NAME_LEN ? E_PAR : E_OK;
}

/*
 * A call that may wait on wq (from a task): tried with the lock held;
 * while it cannot be done, the task waits for the doorbell, then tries
 * again.  Returns E_OK with the nanokernel's result in *ret, or the
 * RTOS's own reason to stop: E_TMOUT, E_RLWAI (rel_wai), E_CTX, E_PAR,
 * E_DLT (the object was deleted while the task waited).
 */
static ER nkp_svc_wait(struct nk_svc_req *r, QUEUE *wq, TMO tmout, int *ret)
{
	WINFO w = { .tskwait = TTW_PORT, .wobjid = (ID)r->id };
	uint32_t start = current_tick;
	int32_t left;
	bool waited;
	ER ercd;

	if (!sense_task_context())
		return E_CTX;
	if (!tmo_valid(tmout))
		return E_PAR;
	if (tmout != TMO_POL)
		r->flags |= NK_SVCF_WAIT;
	for (waited = false;; waited = true) {
		port_lock();
		*ret = nkp_svc(r);
		if (*ret != -NK_EAGAIN || tmout == TMO_POL) {
			port_unlock();
			return waited && *ret == -NK_EIDRM ? E_DLT : E_OK;
		}
		left = tmout == TMO_FEVR ? TMO_FEVR :
		       tmout - (int32_t)(current_tick - start);
		if (tmout != TMO_FEVR && left < 0) {
			port_unlock();
			return E_TMOUT;
		}
		ercd = wait_block(&w, wq, false, left);
		port_unlock();
		if (ercd != E_OK)
			return ercd;
	}
}

/* In nkp_events(), non-task context: the doorbell's objects changed. */
void nkp_svc_doorbell(uint32_t mq, uint32_t ev)
{
	TCB *t;

	if (!nkp_svc_ready)
		return;
	port_lock();
	for (; mq; mq &= mq - 1)
		while ((t = wait_queue_head(&nkp_mq_waitq[__builtin_ctz(mq)])))
			wait_release(t, E_OK);
	for (; ev; ev &= ev - 1)
		while ((t = wait_queue_head(&nkp_ev_waitq[__builtin_ctz(ev)])))
			wait_release(t, E_OK);
	port_unlock();
}

static void nkp_zero(VP addr, UINT size)
{
	uint32_t *p = addr;
	UINT i;

	for (i = 0; i < size / 4; i++)
		p[i] = 0;
}

/* ---- message queues ---- */

static ER_ID nkp_obj(uint32_t op, const char *name, uint32_t a0, uint32_t a1,
		    struct nk_svc_req *r)
{
	ER ercd;
	int ret;

	if (!sense_task_context())
		return E_CTX;
	nkp_req_init(r, op, 0);
	ercd = nkp_req_name(r, name);
	if (ercd)
		return ercd;
	r->arg[0] = a0;
	r->arg[1] = a1;
	ret = nkp_svc(r);
	return ret < 0 ? nkp_svc_ercd(ret) : ret;
}

static ER nkp_by_id(uint32_t op, ID id, unsigned int max, uint32_t a0)
{
	struct nk_svc_req r;
	int ret;

	if (!nkp_svc_id_ok(id, max))
		return E_ID;
	if (!sense_task_context())
		return E_CTX;
	nkp_req_init(&r, op, (uint32_t)id);
	r.arg[0] = a0;
	ret = nkp_svc(&r);
	return ret < 0 ? nkp_svc_ercd(ret) : E_OK;
}

ER_ID nk_cre_mq(const char *name, UINT depth, UINT msgsz)
{
	struct nk_svc_req r;

	return nkp_obj(NK_SVC_MQ_CREATE, name, depth, msgsz, &r);
}

ER_ID nk_opn_mq(const char *name)
{
	struct nk_svc_req r;

	return nkp_obj(NK_SVC_MQ_OPEN, name, 0, 0, &r);
}

ER nk_del_mq(ID mqid)
{
	return nkp_by_id(NK_SVC_MQ_DESTROY, mqid, NK_MQ_MAX, 0);
}

ER nk_tsnd_mq(ID mqid, const void *msg, UINT len, TMO tmout)
{
	struct nk_svc_req r;
	ER ercd;
	int ret;

	if (!nkp_svc_id_ok(mqid, NK_MQ_MAX))
		return E_ID;
	nkp_req_init(&r, NK_SVC_MQ_SEND, (uint32_t)mqid);
	r.len = len;
	r.data = (uint32_t)msg;
	ercd = nkp_svc_wait(&r, &nkp_mq_waitq[NK_SVC_INDEX((uint32_t)mqid)], tmout, &ret);
	if (ercd)
		return ercd;
	return ret < 0 ? nkp_svc_ercd(ret) : E_OK;
}

ER nk_snd_mq(ID mqid, const void *msg, UINT len)
{
	return nk_tsnd_mq(mqid, msg, len, TMO_FEVR);
}

ER nk_psnd_mq(ID mqid, const void *msg, UINT len)
{
	return nk_tsnd_mq(mqid, msg, len, TMO_POL);
}

ER_UINT nk_trcv_mq(ID mqid, void *buf, UINT size, TMO tmout)
{
	struct nk_svc_req r;
	ER ercd;
	int ret;

	if (!nkp_svc_id_ok(mqid, NK_MQ_MAX))
		return E_ID;
	nkp_req_init(&r, NK_SVC_MQ_RECV, (uint32_t)mqid);
	r.len = size;
	r.data = (uint32_t)buf;
	ercd = nkp_svc_wait(&r, &nkp_mq_waitq[NK_SVC_INDEX((uint32_t)mqid)], tmout, &ret);
	if (ercd)
		return ercd;
	return ret < 0 ? nkp_svc_ercd(ret) : ret;
}

ER_UINT nk_rcv_mq(ID mqid, void *buf, UINT size)
{
	return nk_trcv_mq(mqid, buf, size, TMO_FEVR);
}

ER_UINT nk_prcv_mq(ID mqid, void *buf, UINT size)
{
	return nk_trcv_mq(mqid, buf, size, TMO_POL);
}

/* ---- event variables ---- */

ER_ID nk_cre_ev(const char *name, FLGPTN iflgptn)
{
	struct nk_svc_req r;

	return nkp_obj(NK_SVC_EV_CREATE, name, iflgptn, 0, &r);
}

ER_ID nk_opn_ev(const char *name)
{
	struct nk_svc_req r;

	return nkp_obj(NK_SVC_EV_OPEN, name, 0, 0, &r);
}

ER nk_del_ev(ID evid)
{
	return nkp_by_id(NK_SVC_EV_DESTROY, evid, NK_EV_MAX, 0);
}

ER nk_set_ev(ID evid, FLGPTN setptn)
{
	return nkp_by_id(NK_SVC_EV_SET, evid, NK_EV_MAX, setptn);
}

ER nk_clr_ev(ID evid, FLGPTN clrptn)
{
	return nkp_by_id(NK_SVC_EV_CLEAR, evid, NK_EV_MAX, clrptn);
}

ER nk_twai_ev(ID evid, FLGPTN waiptn, MODE wfmode, FLGPTN clrptn,
	      FLGPTN *p_flgptn, TMO tmout)
{
	struct nk_svc_req r;
	ER ercd;
	int ret;

	if (!nkp_svc_id_ok(evid, NK_EV_MAX))
		return E_ID;
	if (!waiptn || (wfmode != TWF_ANDW && wfmode != TWF_ORW))
		return E_PAR;
	nkp_req_init(&r, NK_SVC_EV_WAIT, (uint32_t)evid);
	r.arg[0] = waiptn;
	r.arg[1] = wfmode == TWF_ANDW ? NK_EV_ALL : NK_EV_ANY;
	r.arg[2] = clrptn;
	ercd = nkp_svc_wait(&r, &nkp_ev_waitq[NK_SVC_INDEX((uint32_t)evid)], tmout, &ret);
	if (ercd)
		return ercd;
	if (ret < 0)
		return nkp_svc_ercd(ret);
	if (p_flgptn)
		*p_flgptn = r.out[0];
	return E_OK;
}

ER nk_wai_ev(ID evid, FLGPTN waiptn, MODE wfmode, FLGPTN clrptn, FLGPTN *p_flgptn)
{
	return nk_twai_ev(evid, waiptn, wfmode, clrptn, p_flgptn, TMO_FEVR);
}

ER nk_pol_ev(ID evid, FLGPTN waiptn, MODE wfmode, FLGPTN clrptn, FLGPTN *p_flgptn)
{
	return nk_twai_ev(evid, waiptn, wfmode, clrptn, p_flgptn, TMO_POL);
}

/* ---- shared memory ---- */

ER_ID nk_cre_shm(const char *name, UINT size, ATR shmatr, VP *p_addr)
{
	struct nk_svc_req r;
	ER_ID id;
	ER ercd;

	if (shmatr & ~(ATR)NK_SHM_ATR_RO_OTHERS)
		return E_RSATR;
	if (!sense_task_context())
		return E_CTX;
	nkp_req_init(&r, NK_SVC_SHM_CREATE, 0);
	if (nkp_req_name(&r, name))
		return E_PAR;
	r.len = size;
	r.arg[0] = shmatr ? NK_SHM_RO_OTHERS : NK_SHM_RW;
	id = nkp_svc(&r);
	if (id < 0)
		return nkp_svc_ercd(id);
	*p_addr = (VP)(NK_SHARED_VIRT_BASE + r.out[0]);
	if (r.out[4]) {	/* made by this call: found by no one until cleared */
		nkp_zero(*p_addr, r.out[1]);
		ercd = nkp_by_id(NK_SVC_SHM_PUBLISH, id, NK_SHM_MAX, 0);
		if (ercd) {
			nkp_by_id(NK_SVC_SHM_DESTROY, id, NK_SHM_MAX, 0);
			nkp_by_id(NK_SVC_SHM_CLOSE, id, NK_SHM_MAX, 0);
			return ercd;
		}
	}
	return id;
}

ER_ID nk_opn_shm(const char *name, VP *p_addr, UINT *p_size)
{
	struct nk_svc_req r;
	ER_ID id = nkp_obj(NK_SVC_SHM_OPEN, name, 0, 0, &r);

	if (id < 0)
		return id;
	*p_addr = (VP)(NK_SHARED_VIRT_BASE + r.out[0]);
	if (p_size)
		*p_size = r.out[1];
	return id;
}

ER nk_cls_shm(ID shmid)
{
	return nkp_by_id(NK_SVC_SHM_CLOSE, shmid, NK_SHM_MAX, 0);
}

ER nk_del_shm(ID shmid)
{
	return nkp_by_id(NK_SVC_SHM_DESTROY, shmid, NK_SHM_MAX, 0);
}

/* ---- pseudo-nonvolatile memory ---- */

ER nk_opn_pnvm(UINT key, UINT size, T_NKPNVM *pk)
{
	struct nk_svc_req r;
	int ret;

	if (!sense_task_context())
		return E_CTX;
	nkp_req_init(&r, NK_SVC_PNVM_OPEN, 0);
	r.arg[0] = key;
	r.len = size;
	ret = nkp_svc(&r);
	if (ret < 0)
		return nkp_svc_ercd(ret);
	pk->pnvmid = ret;
	pk->addr = (VP)(NK_SHARED_VIRT_BASE + r.out[0]);
	pk->size = r.out[1];
	pk->status = r.out[2];
	pk->generation = r.out[3];
	pk->intact = r.out[2] == NK_PNVM_KEPT &&
		     nk_crc32(0, pk->addr, pk->size) == r.out[4];
	if (pk->status == NK_PNVM_NEW) {	/* torn until cleared and committed */
		nkp_zero(pk->addr, pk->size);
		ret = nk_cmt_pnvm(pk);
		if (ret) {
			nk_cls_pnvm(pk);
			return ret;
		}
	}
	return E_OK;
}

ER nk_bgn_pnvm(T_NKPNVM *pk)
{
	return nkp_by_id(NK_SVC_PNVM_BEGIN, pk->pnvmid, NK_PNVM_MAX, 0);
}

ER nk_cmt_pnvm(T_NKPNVM *pk)
{
	ER ercd = nkp_by_id(NK_SVC_PNVM_COMMIT, pk->pnvmid, NK_PNVM_MAX,
			   nk_crc32(0, pk->addr, pk->size));

	if (!ercd)
		pk->generation = (pk->generation | 1) + 1;
	return ercd;
}

ER nk_cls_pnvm(T_NKPNVM *pk)
{
	return nkp_by_id(NK_SVC_PNVM_CLOSE, pk->pnvmid, NK_PNVM_MAX, 0);
}
