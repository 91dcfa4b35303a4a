// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * shmem/heap.c - the shared region's heap: whole pages for queue rings and
 * segments, one bit each in the directory's map.
 *
 * The map sits in shared memory and may have been scribbled on, so it is
 * only a hint: a run of pages it calls free is also checked against every
 * ring and segment in use before it is handed out, and pages the check
 * finds taken are marked so again.
 */
#include "svc_impl.h"

static int nk_heap_bit(const struct nk_svc_dir *dir, uint32_t page)
{
	return (dir->heap_map[page / 8] >> (page % 8)) & 1;
}

static void nk_heap_mark(struct nk_svc_dir *dir, uint32_t page, int used)
{
	if (used)
		dir->heap_map[page / 8] |= (uint8_t)(1u << (page % 8));
	else
		dir->heap_map[page / 8] &= (uint8_t)~(1u << (page % 8));
}

static int nk_overlaps(uint32_t a, uint32_t alen, uint32_t b, uint32_t blen)
{
	return a < b + blen && b < a + alen;
}

/* Is [off, off + len) free of every ring and segment in use?  If not,
 * [*from, *to) is the one in the way. */
static int nk_heap_range_free(const struct nk_svc_dir *dir, uint32_t off,
			      uint32_t len, uint32_t *from, uint32_t *to)
{
	unsigned int i;

	for (i = 0; i < NK_MQ_MAX; i++) {
		const struct nk_mq_slot *q = &dir->mq[i];

		if (q->state != NK_SVC_FREE && q->pages <= dir->heap_pages &&
		    nk_overlaps(off, len, q->off, q->pages * NK_SVC_PAGE)) {
			*from = q->off;
			*to = q->off + q->pages * NK_SVC_PAGE;
			return 0;
		}
	}
	for (i = 0; i < NK_SHM_MAX; i++) {
		const struct nk_shm_slot *s = &dir->shm[i];

		if (s->state != NK_SVC_FREE && s->size <= dir->heap_pages * NK_SVC_PAGE &&
		    nk_overlaps(off, len, s->off, s->size)) {
			*from = s->off;
			*to = s->off + s->size;
			return 0;
		}
	}
	return 1;
}

int nk_heap_alloc(struct nk_svc_dir *dir, uint32_t pages, uint32_t *off)
{
	uint32_t first = 0, run = 0, p, from, to, k, at;

	if (!pages || pages > dir->heap_pages)
		return -NK_ENOSPC;
	for (p = 0; p < dir->heap_pages; p++) {
		if (nk_heap_bit(dir, p)) {
			run = 0;
			continue;
		}
		if (!run++)
			first = p;
		if (run < pages)
			continue;
		*off = dir->heap_off + first * NK_SVC_PAGE;
		if (!nk_heap_range_free(dir, *off, pages * NK_SVC_PAGE, &from, &to)) {
			/* The map was wrong: mend it, look again after it. */
			for (k = first; k <= p; k++) {
				at = dir->heap_off + k * NK_SVC_PAGE;
				if (at >= from && at < to)
					nk_heap_mark(dir, k, 1);
			}
			dir->corrupt++;
			run = 0;
			p = first;	/* the loop's p++ moves on by one */
			continue;
		}
		for (k = first; k <= p; k++)
			nk_heap_mark(dir, k, 1);
		dir->heap_used += pages;
		return 0;
	}
	return -NK_ENOSPC;
}

void nk_heap_free(struct nk_svc_dir *dir, uint32_t off, uint32_t pages)
{
	uint32_t first, k;

	if (!nk_svc_in_heap(dir, off, pages * NK_SVC_PAGE))
		return;
	first = (off - dir->heap_off) / NK_SVC_PAGE;
	for (k = first; k < first + pages; k++)
		nk_heap_mark(dir, k, 0);
	dir->heap_used = dir->heap_used >= pages ? dir->heap_used - pages : 0;
}
