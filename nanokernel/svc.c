// SPDX-License-Identifier: GPL-2.0
/*
 * nanokernel/svc.c - the cross-OS services (ipc/, shmem/) on the
 * nanokernel: their environment, the host's and the guests' calls, and
 * the doorbells that wake an OS's waiters.
 *
 * A call runs whole with interrupts off, so the tables are never seen half
 * changed by either OS.  The host's request and data are in its staging
 * area of the shared region (the loader copies them there, one call at a
 * time); a guest's are in its partition and are checked to be.  A
 * doorbell for the host sets bits in its struct nk_doorbell and raises the
 * loader's doorbell vector when the host runs again; one for a guest sets
 * bits in its struct nk_vcpu and posts NK_GEVENT_DOORBELL.
 */
#include "nk.h"
#include "irq.h"
#include "os.h"
#include "services.h"
#include "svc_impl.h"

static struct nk_svc_env nk_svc_env;

static void nk_svc_ring(void *cookie, unsigned int os, unsigned int kind,
			unsigned int id)
{
	struct nk_doorbell *db = (struct nk_doorbell *)(NK_VIRT_BASE + NK_OFF_DOORBELL);
	uint32_t bit = 1u << (id & 31);

	(void)cookie;
	if (os == NK_OS_HOST) {
		__atomic_or_fetch(kind == NK_DOORBELL_MQ ? &db->mq : &db->ev, bit,
				  __ATOMIC_SEQ_CST);
		db->rung++;
		nk_host_raise(nk_boot_info()->doorbell_vector);
	} else if (os <= NK_MAX_PARTITIONS) {
		nk_vcpu_doorbell(os - 1, kind == NK_DOORBELL_MQ, bit);
	}
}

void nk_svc_init(void)
{
	nk_svc_env.shared = (uint8_t *)NK_SHARED_VIRT_BASE;
	nk_svc_env.shared_size = (uint32_t)nk_boot_info()->config.shared.size;
	nk_svc_env.ring = nk_svc_ring;
	nk_svc_reset(&nk_svc_env);
	nk_status.pnvm_kept = (uint32_t)nk_svc_pnvm_attach(&nk_svc_env);
}

int nk_svc_host(void)
{
	struct nk_svc_req *r = (struct nk_svc_req *)(NK_SHARED_VIRT_BASE +
						      NK_SVC_STAGE_OFF);

	if (nk_svc_env.shared_size < NK_SVC_MIN_SHARED)
		return -NK_EOPNOTSUPP;
	if (r->data)
		return r->result = -NK_EINVAL;
	return nk_svc_call(&nk_svc_env, NK_OS_HOST, r,
			   (uint8_t *)(NK_SHARED_VIRT_BASE + NK_SVC_STAGE_DATA));
}

/* Operations whose data is a buffer of len bytes. */
static int nk_svc_has_data(uint32_t op)
{
	return op == NK_SVC_MQ_SEND || op == NK_SVC_MQ_RECV;
}

/* Guest i's request at req and its data at req.data must both be inside
 * its partition (CR3 is the guest's). */
int nk_svc_guest(unsigned int i, uint32_t req)
{
	struct nk_svc_req r, *g = (struct nk_svc_req *)req;
	uint8_t *data = 0;

	if (nk_svc_env.shared_size < NK_SVC_MIN_SHARED)
		return -NK_EOPNOTSUPP;
	if (!nk_range_ok(i, req, sizeof(r)))
		return -NK_EFAULT;
	r = *g;
	if (nk_svc_has_data(r.op)) {
		if (r.len > NK_SVC_DATA_MAX || !nk_range_ok(i, r.data, r.len ? r.len : 1))
			return g->result = -NK_EFAULT;
		data = (uint8_t *)r.data;
	}
	nk_svc_call(&nk_svc_env, i + 1, &r, data);
	*g = r;
	return r.result;
}
