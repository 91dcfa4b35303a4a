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

static int nk_shm_ok(const struct nk_svc_dir *dir, const struct nk_shm_slot *s)
{
	return (s->state == NK_SVC_USED || s->state == NK_SVC_DOOMED) &&
	       s->size && s->size % NK_SVC_PAGE == 0 && s->size <= NK_SHM_SIZE_MAX &&
	       nk_svc_in_heap(dir, s->off, s->size) && s->mode <= NK_SHM_RO_OTHERS;
}

static struct nk_shm_slot *nk_shm_get(struct nk_svc_call *c, int *err)
{
	struct nk_shm_slot *s;

	*err = -NK_ENOENT;
	if (c->req->id >= NK_SHM_MAX)
		return NULL;
	s = &c->dir->shm[c->req->id];
	if (s->state == NK_SVC_FREE)
		return NULL;
	if (!nk_shm_ok(c->dir, s)) {
		*err = -NK_EIO;
		c->dir->corrupt++;
		return NULL;
	}
	return s;
}

static int nk_shm_find(const struct nk_svc_dir *dir, const char *name)
{
	unsigned int i;

	for (i = 0; i < NK_SHM_MAX; i++)
		if (dir->shm[i].state == NK_SVC_USED &&
		    !memcmp(dir->shm[i].name, name, NK_SVC_NAME_LEN))
			return (int)i;
	return -1;
}

static int nk_shm_answer(struct nk_svc_call *c, int i)
{
	struct nk_shm_slot *s = &c->dir->shm[i];

	s->refs++;
	c->req->out[0] = s->off;
	c->req->out[1] = s->size;
	c->req->out[2] = s->mode;
	return i;
}

static int nk_shm_create(struct nk_svc_call *c)
{
	struct nk_svc_req *r = c->req;
	uint32_t pages = nk_svc_pages(r->len), off;
	struct nk_shm_slot *s;
	int i = nk_shm_find(c->dir, r->name), err;

	if (!nk_svc_name_ok(r->name) || !r->len || r->len > NK_SHM_SIZE_MAX ||
	    r->arg[0] > NK_SHM_RO_OTHERS)
		return -NK_EINVAL;
	if (i >= 0) {
		if ((r->flags & NK_SVCF_EXCL) ||
		    c->dir->shm[i].size != pages * NK_SVC_PAGE)
			return -NK_EEXIST;
		return nk_shm_answer(c, i);
	}
	for (i = 0; i < NK_SHM_MAX && c->dir->shm[i].state != NK_SVC_FREE; i++)
		;
	if (i == NK_SHM_MAX)
		return -NK_ENOSPC;
	err = nk_heap_alloc(c->dir, pages, &off);
	if (err)
		return err;
	memset(c->env->shared + off, 0, pages * NK_SVC_PAGE);
	s = &c->dir->shm[i];
	memset(s, 0, sizeof(*s));
	memcpy(s->name, r->name, NK_SVC_NAME_LEN);
	s->owner = c->os;
	s->creator = r->waiter;
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
	struct nk_shm_slot *s;
	int i, err;

	if (r->op == NK_SVC_SHM_CREATE)
		return nk_shm_create(c);
	if (r->op == NK_SVC_SHM_OPEN) {
		if (!nk_svc_name_ok(r->name))
			return -NK_EINVAL;
		i = nk_shm_find(c->dir, r->name);
		if (i < 0)
			return -NK_ENOENT;
		r->id = (uint32_t)i;
		return nk_shm_get(c, &err) ? nk_shm_answer(c, i) : err;
	}
	s = nk_shm_get(c, &err);
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
