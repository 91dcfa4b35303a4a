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
/* What the host holds of segments and PNVM regions, by index: the
 * references its calls took and have not given back (the loader's
 * descriptors hold them), so that they can be given back all at once
 * when the host side goes (a detach; a host that died). */
static struct nk_os_map nk_host_shm[NK_SHM_MAX], nk_host_pnvm[NK_PNVM_MAX];

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

/* The host's call op on handle id answered ret: what it holds now. */
static void nk_svc_host_count(uint32_t op, uint32_t id, int ret)
{
	struct nk_os_map *m;
	uint32_t h = ret >= 0 && (op == NK_SVC_SHM_CREATE || op == NK_SVC_SHM_OPEN ||
				  op == NK_SVC_PNVM_OPEN) ? (uint32_t)ret : id;
	int pnvm = op == NK_SVC_PNVM_OPEN || op == NK_SVC_PNVM_REF ||
		   op == NK_SVC_PNVM_CLOSE;

	if (ret < 0 || NK_SVC_INDEX(h) >= (pnvm ? NK_PNVM_MAX : NK_SHM_MAX))
		return;
	m = pnvm ? &nk_host_pnvm[NK_SVC_INDEX(h)] : &nk_host_shm[NK_SVC_INDEX(h)];
	switch (op) {
	case NK_SVC_SHM_CREATE:
	case NK_SVC_SHM_OPEN:
	case NK_SVC_PNVM_OPEN:
		if (!m->refs)
			m->handle = h;
		/* fall through */
	case NK_SVC_SHM_REF:
	case NK_SVC_PNVM_REF:
		m->refs++;
		break;
	case NK_SVC_SHM_CLOSE:
	case NK_SVC_PNVM_CLOSE:
		if (m->refs)
			m->refs--;
		break;
	}
}

int nk_svc_host(void)
{
	struct nk_svc_req *r = (struct nk_svc_req *)(NK_SHARED_VIRT_BASE +
						      NK_SVC_STAGE_OFF);
	uint32_t op = r->op, id = r->id;
	int ret;

	if (nk_svc_env.shared_size < NK_SVC_MIN_SHARED)
		return -NK_EOPNOTSUPP;
	if (r->data)
		return r->result = -NK_EINVAL;
	if (op == NK_SVC_TEST_CORRUPT &&
	    !(nk_boot_info()->flags & NK_BOOT_TEST_HOOKS))
		return r->result = -NK_EPERM;
	ret = nk_svc_call(&nk_svc_env, NK_OS_HOST, r,
			  (uint8_t *)(NK_SHARED_VIRT_BASE + NK_SVC_STAGE_DATA));
	nk_svc_host_count(op, id, ret);
	return ret;
}

/* A call on behalf of OS slot os that takes no data (closing,
 * releasing). */
static int nk_svc_for(unsigned int os, uint32_t op, uint32_t id)
{
	struct nk_svc_req r;

	memset(&r, 0, sizeof(r));
	r.op = op;
	r.id = id;
	return nk_svc_call(&nk_svc_env, os, &r, 0);
}

uint32_t nk_svc_host_release(void)
{
	uint32_t k, n = 0;

	for (k = 0; k < NK_SHM_MAX; k++)
		for (; nk_host_shm[k].refs; nk_host_shm[k].refs--, n++)
			nk_svc_for(NK_OS_HOST, NK_SVC_SHM_CLOSE, nk_host_shm[k].handle);
	for (k = 0; k < NK_PNVM_MAX; k++)
		for (; nk_host_pnvm[k].refs; nk_host_pnvm[k].refs--, n++)
			nk_svc_for(NK_OS_HOST, NK_SVC_PNVM_CLOSE, nk_host_pnvm[k].handle);
	return n;
}

/* Operations whose data is a buffer of len bytes. */
static int nk_svc_has_data(uint32_t op)
{
	return op == NK_SVC_MQ_SEND || op == NK_SVC_MQ_RECV;
}

/* Guest i took a reference to the object of handle h (m: its map):
 * mapped, with what the answer in r says, the first time. */
static void nk_svc_guest_took(unsigned int i, struct nk_os_map *m, uint32_t h,
			      struct nk_svc_req *r, uint32_t close_op)
{
	/* A segment another OS made read-only to others is, whether this
	 * guest opened it or "created" it again by name (out2 its mode, out3
	 * its creator's slot); a PNVM region is always writable. */
	int writable = r->op == NK_SVC_PNVM_OPEN || r->out[2] != NK_SHM_RO_OTHERS ||
		       r->out[3] == i + 1;

	if (!m->refs) {
		if (nk_map_shared(i, r->out[0], r->out[1], writable)) {
			nk_svc_for(i + 1, close_op, h);	/* undone */
			r->result = -NK_ENOSPC;
			return;
		}
		m->handle = h;
		m->off = r->out[0];
		m->size = r->out[1];
	}
	m->refs++;
}

/* Guest i dropped a reference: unmapped with the last. */
static void nk_svc_guest_dropped(unsigned int i, struct nk_os_map *m)
{
	if (m->refs && !--m->refs)
		nk_map_unshare(i, m->off, m->size);
}

/* The map of what handle h names in guest i, or NULL (none). */
static struct nk_os_map *nk_svc_guest_obj(unsigned int i, uint32_t op, uint32_t h)
{
	struct nk_os *o = &nk_os[i];
	uint32_t k = NK_SVC_INDEX(h);

	switch (op) {
	case NK_SVC_SHM_CREATE ... NK_SVC_SHM_DESTROY:
	case NK_SVC_SHM_PUBLISH:
		return k < NK_SHM_MAX ? &o->shm[k] : 0;
	case NK_SVC_PNVM_OPEN ... NK_SVC_PNVM_COMMIT:
	case NK_SVC_PNVM_CLOSE:
	case NK_SVC_PNVM_REF:
		return k < NK_PNVM_MAX ? &o->pnvm[k] : 0;
	default:
		return 0;
	}
}

/* A call by handle on a segment or region: only one this guest holds. */
static int nk_svc_guest_holds(unsigned int i, const struct nk_svc_req *r)
{
	struct nk_os_map *m;

	if (r->op == NK_SVC_SHM_CREATE || r->op == NK_SVC_SHM_OPEN ||
	    r->op == NK_SVC_PNVM_OPEN || r->op == NK_SVC_PNVM_FREE)
		return 1;
	m = nk_svc_guest_obj(i, r->op, r->id);
	return !m || (m->refs && m->handle == r->id);
}

/* What guest i's address space must show after its call. */
static void nk_svc_guest_map(unsigned int i, struct nk_svc_req *r)
{
	uint32_t h = r->result >= 0 ? (uint32_t)r->result : 0;
	struct nk_os_map *m;

	if (r->result < 0)
		return;
	switch (r->op) {
	case NK_SVC_SHM_CREATE:
	case NK_SVC_SHM_OPEN:
		m = nk_svc_guest_obj(i, r->op, h);
		if (m)
			nk_svc_guest_took(i, m, h, r, NK_SVC_SHM_CLOSE);
		break;
	case NK_SVC_PNVM_OPEN:
		m = nk_svc_guest_obj(i, r->op, h);
		if (m)
			nk_svc_guest_took(i, m, h, r, NK_SVC_PNVM_CLOSE);
		break;
	case NK_SVC_SHM_REF:
	case NK_SVC_PNVM_REF:
		nk_svc_guest_obj(i, r->op, r->id)->refs++;
		break;
	case NK_SVC_SHM_CLOSE:
	case NK_SVC_PNVM_CLOSE:
		nk_svc_guest_dropped(i, nk_svc_guest_obj(i, r->op, r->id));
		break;
	}
}

/* Guest i's request at req and its data at req.data must both be inside
 * its partition (the window shows it). */
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
	if (r.op == NK_SVC_TEST_CORRUPT || !nk_svc_guest_holds(i, &r)) {
		memset(r.out, 0, sizeof(r.out));
		r.result = r.op == NK_SVC_TEST_CORRUPT ? -NK_EPERM : -NK_EBADF;
	} else {
		nk_svc_call(&nk_svc_env, i + 1, &r, data);
		nk_svc_guest_map(i, &r);
	}
	*g = r;
	return r.result;
}

/* Every reference guest i holds in table maps of n entries, given back. */
static void nk_svc_guest_drop_all(unsigned int i, struct nk_os_map *maps,
				  unsigned int n, uint32_t close_op)
{
	unsigned int k;

	for (k = 0; k < n; k++) {
		if (!maps[k].refs)
			continue;
		for (; maps[k].refs; maps[k].refs--)
			nk_svc_for(i + 1, close_op, maps[k].handle);
		nk_map_unshare(i, maps[k].off, maps[k].size);
	}
}

void nk_svc_guest_release(unsigned int i)
{
	nk_svc_guest_drop_all(i, nk_os[i].shm, NK_SHM_MAX, NK_SVC_SHM_CLOSE);
	nk_svc_guest_drop_all(i, nk_os[i].pnvm, NK_PNVM_MAX, NK_SVC_PNVM_CLOSE);
	if (nk_svc_env.shared_size >= NK_SVC_MIN_SHARED)
		nk_svc_for(i + 1, NK_SVC_CANCEL, 0);
}
