// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * shmem/shm.c - shared memory segments: named, whole pages of the heap,
 * zeroed when created, reference counted.
 *
 * Every open and every mapping holds a reference; destroy takes the name
 * away at once (no new opens), and the pages go back to the heap when the
 * last reference is dropped, so a mapping never outlives its memory.
 * A guest sees the whole shared region, so a segment is just an offset for
 * it; the host maps it through the loader (mmap on /dev/nanokernel), which
 * asks for a reference per mapping.
 */
#include "svc_impl.h"

static int nk_shm_ok(const struct nk_svc_dir *dir, const void *entry)
{
	const struct nk_shm_slot *s = entry;

	return (s->state == NK_SVC_USED || s->state == NK_SVC_DOOMED) &&
	       s->size && s->size % NK_SVC_PAGE == 0 && s->size <= NK_SHM_SIZE_MAX &&
	       nk_svc_in_heap(dir, s->off, s->size) && s->mode <= NK_SHM_RO_OTHERS;
}

static struct nk_svc_table nk_shm_table(struct nk_svc_dir *dir)
{
	return NK_SVC_TABLE(dir, shm, nk_shm_ok);
}

static int nk_shm_answer(struct nk_svc_call *c, int i)
{
	struct nk_shm_slot *s = &c->dir->shm[i];

	s->refs++;
	c->req->out[0] = s->off;
	c->req->out[1] = s->size;
	c->req->out[2] = s->mode;
	c->req->out[3] = s->owner;
	return i;
}

static int nk_shm_op_create(struct nk_svc_call *c)
{
	struct nk_svc_req *r = c->req;
	uint32_t pages = nk_svc_pages(r->len), off;
	struct nk_svc_table t = nk_shm_table(c->dir);
	struct nk_shm_slot *s;
	int i = nk_svc_find(&t, r->name, 1), err;

	if (!nk_svc_name_ok(r->name) || !r->len || r->len > NK_SHM_SIZE_MAX ||
	    r->arg[0] > NK_SHM_RO_OTHERS)
		return -NK_EINVAL;
	if (i >= 0) {
		if ((r->flags & NK_SVCF_EXCL) ||
		    c->dir->shm[i].size != pages * NK_SVC_PAGE)
			return -NK_EEXIST;
		return nk_shm_answer(c, i);
	}
	i = nk_svc_free_entry(&t);
	if (i < 0)
		return i;
	err = nk_heap_alloc(c->dir, pages, &off);
	if (err)
		return err;
	memset(c->env->shared + off, 0, pages * NK_SVC_PAGE);
	s = nk_svc_fill(c, &t, i);
	s->mode = r->arg[0];
	s->off = off;
	s->size = pages * NK_SVC_PAGE;
	s->state = NK_SVC_USED;
	return nk_shm_answer(c, i);
}

/* Drop one reference; the last one of a destroyed segment frees it. */
static void nk_shm_put(struct nk_svc_dir *dir, struct nk_shm_slot *s)
{
	if (s->refs)
		s->refs--;
	if (s->state == NK_SVC_DOOMED && !s->refs) {
		nk_heap_free(dir, s->off, s->size / NK_SVC_PAGE);
		memset(s, 0, sizeof(*s));
	}
}

int nk_shm_call(struct nk_svc_call *c)
{
	struct nk_svc_req *r = c->req;
	struct nk_svc_table t = nk_shm_table(c->dir);
	struct nk_shm_slot *s;
	int i, err;

	if (r->op == NK_SVC_SHM_CREATE)
		return nk_shm_op_create(c);
	if (r->op == NK_SVC_SHM_OPEN) {
		i = nk_svc_open(c, &t, 1);
		return i < 0 ? i : nk_shm_answer(c, i);
	}
	s = nk_svc_get(c, &t, &err);
	if (!s) {
		if (err == -NK_EIO && r->op == NK_SVC_SHM_DESTROY) {
			memset(&c->dir->shm[r->id], 0, sizeof(*s));	/* its pages stay taken */
			return 0;
		}
		return err;
	}
	switch (r->op) {
	case NK_SVC_SHM_REF:
		s->refs++;
		return 0;
	case NK_SVC_SHM_CLOSE:
		nk_shm_put(c->dir, s);
		return 0;
	default:	/* NK_SVC_SHM_DESTROY */
		if (s->state == NK_SVC_DOOMED)
			return -NK_ENOENT;
		s->state = NK_SVC_DOOMED;
		s->refs++;	/* so that the put below frees it only if unused */
		nk_shm_put(c->dir, s);
		return 0;
	}
}
