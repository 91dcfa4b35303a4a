// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * shmem/pnvm.c - pseudo-nonvolatile memory: regions asked for by a key,
 * kept at the end of the shared region, which no load clears, so their
 * contents outlive a process, an OS and the nanokernel itself.
 *
 * Nothing here trusts what it finds: the directory has a magic, a
 * revision and a CRC-32; each entry has a CRC-32 of its own; a region is
 * handed out only if its entry checks and lies inside the area.  The
 * contents are the caller's to check: an update is bracketed by BEGIN
 * (the generation goes odd) and COMMIT (even again, with the contents'
 * CRC-32 as the caller computed it), so a region found with an odd
 * generation was torn by a crash in the middle of an update, and one
 * whose contents no longer give the committed CRC was scribbled on.
 * (The nanokernel never reads the contents, nor clears them: work of that
 * size with interrupts off would cost the real-time side its latency.  A
 * new region starts torn, generation 1; its opener clears it and commits.)
 *
 * A region's handle carries a generation kept in the services' directory
 * (dir->pnvm_gen), advanced when an entry is freed, so a handle of a freed
 * region never reaches the next one; each open and each mapping holds a
 * reference (dir->pnvm_refs), and a region in use cannot be freed (-EBUSY).
 */
#include <nk/crc32.h>
#include "svc_impl.h"

#define NK_PNVM_REGION_MAX	NK_U(0x00040000)	/* 256 KB a region */

static uint32_t nk_pnvm_base(const struct nk_svc_env *env)
{
	return env->shared_size - NK_PNVM_AREA;
}

static struct nk_pnvm_dir *nk_pnvm_dir(const struct nk_svc_env *env)
{
	return (struct nk_pnvm_dir *)(env->shared + nk_pnvm_base(env));
}

static uint32_t nk_pnvm_dir_crc(const struct nk_pnvm_dir *d)
{
	struct nk_pnvm_dir h;

	memcpy(&h, d, 32);
	h.dir_crc = 0;
	return nk_crc32(0, &h, 32);
}

static uint32_t nk_pnvm_entry_crc(const struct nk_pnvm_entry *e)
{
	struct nk_pnvm_entry c = *e;

	c.entry_crc = 0;
	return nk_crc32(0, &c, sizeof(c));
}

static void nk_pnvm_seal(struct nk_pnvm_entry *e)
{
	e->entry_crc = nk_pnvm_entry_crc(e);
}

/* An entry in use whose checksum holds and which lies inside the area. */
static int nk_pnvm_entry_ok(const struct nk_pnvm_entry *e)
{
	return e->key && e->entry_crc == nk_pnvm_entry_crc(e) &&
	       e->off >= NK_SVC_PAGE && e->off % NK_SVC_PAGE == 0 &&
	       e->size && e->size % NK_SVC_PAGE == 0 &&
	       e->size <= NK_PNVM_REGION_MAX && e->off <= NK_PNVM_AREA - e->size;
}

/*
 * At the nanokernel's start: keep a directory that checks, else lay down
 * an empty one.  Returns 1 if it was kept.
 */
int nk_svc_pnvm_attach(const struct nk_svc_env *env)
{
	struct nk_pnvm_dir *d;

	if (env->shared_size < NK_SVC_MIN_SHARED)
		return 0;
	d = nk_pnvm_dir(env);
	if (d->magic == NK_PNVM_MAGIC && d->revision == NK_PNVM_REVISION &&
	    d->area_size == NK_PNVM_AREA && d->dir_crc == nk_pnvm_dir_crc(d)) {
		d->boots++;
		d->dir_crc = nk_pnvm_dir_crc(d);
		return 1;
	}
	memset(d, 0, sizeof(*d));
	d->magic = NK_PNVM_MAGIC;
	d->revision = NK_PNVM_REVISION;
	d->area_size = NK_PNVM_AREA;
	d->dir_crc = nk_pnvm_dir_crc(d);
	return 0;
}

static int nk_pnvm_dir_ok(const struct nk_svc_env *env)
{
	const struct nk_pnvm_dir *d = nk_pnvm_dir(env);

	return d->magic == NK_PNVM_MAGIC && d->dir_crc == nk_pnvm_dir_crc(d);
}

/*
 * A free run of pages in the area, clear of every entry that checks: the
 * entries are checked once, sorted by offset, and the first gap that
 * holds size is taken (NK_PNVM_MAX entries: a small, bounded work).
 */
static int nk_pnvm_place(const struct nk_pnvm_dir *d, uint32_t size, uint32_t *off)
{
	uint32_t from[NK_PNVM_MAX], to[NK_PNVM_MAX], at = NK_SVC_PAGE, n = 0, i, k;

	for (i = 0; i < NK_PNVM_MAX; i++) {
		if (!d->e[i].key || !nk_pnvm_entry_ok(&d->e[i]))
			continue;
		for (k = n++; k > 0 && from[k - 1] > d->e[i].off; k--) {
			from[k] = from[k - 1];
			to[k] = to[k - 1];
		}
		from[k] = d->e[i].off;
		to[k] = d->e[i].off + d->e[i].size;
	}
	for (i = 0; i <= n; i++) {
		uint32_t end = i < n ? from[i] : NK_PNVM_AREA;

		if (end >= at && end - at >= size) {
			*off = at;
			return 0;
		}
		if (i < n && to[i] > at)
			at = to[i];
	}
	return -NK_ENOSPC;
}

/* One more reference, bounded, and what the opener needs. */
static int nk_pnvm_answer(struct nk_svc_call *c, int i, uint32_t status)
{
	const struct nk_pnvm_entry *e = &nk_pnvm_dir(c->env)->e[i];

	if (c->dir->pnvm_refs[i] >= NK_SVC_REFS_MAX)
		return -NK_ENOSPC;
	c->dir->pnvm_refs[i]++;
	c->req->out[0] = nk_pnvm_base(c->env) + e->off;
	c->req->out[1] = e->size;
	c->req->out[2] = status ? status :
			 (e->generation & 1 ? NK_PNVM_TORN : NK_PNVM_KEPT);
	c->req->out[3] = e->generation;
	c->req->out[4] = e->data_crc;
	return (int)NK_SVC_HANDLE(c->dir->pnvm_gen[i] & NK_SVC_GEN_MAX, (uint32_t)i);
}

/* A new region in free entry i: torn until its opener commits it. */
static int nk_pnvm_new(struct nk_svc_call *c, int i, uint32_t size)
{
	struct nk_pnvm_entry *e = &nk_pnvm_dir(c->env)->e[i];
	uint32_t off;
	int err = nk_pnvm_place(nk_pnvm_dir(c->env), size, &off);

	if (err)
		return err;
	memset(e, 0, sizeof(*e));
	e->key = c->req->arg[0];
	e->off = off;
	e->size = size;
	e->generation = 1;
	e->owner = c->os;
	e->creator = c->req->waiter;
	nk_pnvm_seal(e);
	return nk_pnvm_answer(c, i, NK_PNVM_NEW);
}

static int nk_pnvm_op_open(struct nk_svc_call *c)
{
	struct nk_pnvm_dir *d = nk_pnvm_dir(c->env);
	struct nk_svc_req *r = c->req;
	uint32_t key = r->arg[0], size = nk_svc_pages(r->len) * NK_SVC_PAGE;
	struct nk_pnvm_entry *e;
	int i, free_i = -1;

	if (!key || r->len > NK_PNVM_REGION_MAX)
		return -NK_EINVAL;
	for (i = 0; i < NK_PNVM_MAX; i++) {
		e = &d->e[i];
		if (e->key == key)
			return nk_pnvm_entry_ok(e) ? nk_pnvm_answer(c, i, 0) :
						    -NK_EBADMSG;
		if (!e->key && !e->entry_crc && free_i < 0)
			free_i = i;
	}
	if (!size)
		return -NK_ENOENT;	/* open only, never allocate */
	if (free_i < 0)
		return -NK_ENOSPC;
	return nk_pnvm_new(c, free_i, size);
}

/* The entry of the call's handle: -ENOENT, -EIDRM (freed), -EBADMSG. */
static struct nk_pnvm_entry *nk_pnvm_get(struct nk_svc_call *c, int *err)
{
	uint32_t h = c->req->id, i = NK_SVC_INDEX(h);
	struct nk_pnvm_entry *e;

	*err = -NK_ENOENT;
	if (i >= NK_PNVM_MAX || !NK_SVC_GEN(h) || NK_SVC_GEN(h) > NK_SVC_GEN_MAX)
		return 0;
	e = &nk_pnvm_dir(c->env)->e[i];
	*err = -NK_EIDRM;
	if (c->dir->pnvm_gen[i] != NK_SVC_GEN(h) || !e->key)
		return 0;
	*err = -NK_EBADMSG;
	return nk_pnvm_entry_ok(e) ? e : 0;
}

static int nk_pnvm_op_update(struct nk_svc_call *c)
{
	struct nk_svc_req *r = c->req;
	struct nk_pnvm_entry *e;
	int err;

	e = nk_pnvm_get(c, &err);
	if (!e)
		return err;
	if (r->op == NK_SVC_PNVM_BEGIN) {
		e->generation |= 1;
	} else {
		e->generation = (e->generation | 1) + 1;
		e->data_crc = r->arg[0];
	}
	nk_pnvm_seal(e);
	r->out[3] = e->generation;
	return 0;
}

/* PNVM_REF (a mapping) and PNVM_CLOSE; a corrupt entry's references can
 * still be given back, so that it can be freed. */
static int nk_pnvm_op_ref(struct nk_svc_call *c)
{
	uint32_t i = NK_SVC_INDEX(c->req->id);
	int err, whole = nk_pnvm_get(c, &err) != 0;

	if (!whole && err != -NK_EBADMSG)
		return err;
	if (c->req->op == NK_SVC_PNVM_CLOSE) {
		if (!c->dir->pnvm_refs[i])
			return -NK_EINVAL;
		c->dir->pnvm_refs[i]--;
		return 0;
	}
	if (!whole)
		return err;
	if (c->dir->pnvm_refs[i] >= NK_SVC_REFS_MAX)
		return -NK_ENOSPC;
	c->dir->pnvm_refs[i]++;
	return 0;
}

/* Entry i goes: its handles die with it. */
static int nk_pnvm_drop(struct nk_svc_call *c, uint32_t i)
{
	uint32_t gen = c->dir->pnvm_gen[i] & NK_SVC_GEN_MAX;

	if (c->dir->pnvm_refs[i])
		return -NK_EBUSY;	/* opened or mapped: close it first */
	memset(&nk_pnvm_dir(c->env)->e[i], 0, sizeof(struct nk_pnvm_entry));
	c->dir->pnvm_gen[i] = gen < NK_SVC_GEN_MAX ? gen + 1 : 1;
	return 0;
}

/* By key; a scribbled entry whose key is lost goes by its index (arg1 =
 * index + 1). */
static int nk_pnvm_op_free(struct nk_svc_call *c)
{
	struct nk_pnvm_dir *d = nk_pnvm_dir(c->env);
	uint32_t key = c->req->arg[0], by_index = c->req->arg[1];
	uint32_t i;

	if (by_index) {
		if (by_index > NK_PNVM_MAX)
			return -NK_EINVAL;
		return nk_pnvm_drop(c, by_index - 1);
	}
	for (i = 0; i < NK_PNVM_MAX; i++)
		if (key && d->e[i].key == key)
			return nk_pnvm_drop(c, i);
	return -NK_ENOENT;
}

int nk_pnvm_call(struct nk_svc_call *c)
{
	if (!nk_pnvm_dir_ok(c->env))
		return -NK_EIO;
	switch (c->req->op) {
	case NK_SVC_PNVM_OPEN:
		return nk_pnvm_op_open(c);
	case NK_SVC_PNVM_BEGIN:
	case NK_SVC_PNVM_COMMIT:
		return nk_pnvm_op_update(c);
	case NK_SVC_PNVM_FREE:
		return nk_pnvm_op_free(c);
	case NK_SVC_PNVM_CLOSE:
	case NK_SVC_PNVM_REF:
		return nk_pnvm_op_ref(c);
	case NK_SVC_TEST_CORRUPT:	/* a bit flipped in entry id */
		if (c->req->id >= NK_PNVM_MAX)
			return -NK_EINVAL;
		nk_pnvm_dir(c->env)->e[c->req->id].size ^= NK_SVC_PAGE;
		return 0;
	default:
		return -NK_ENOSYS;
	}
}
