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

/* Pages [first, first + n) taken (used) or free: whole bytes at once, so
 * that a 4 MB segment costs some 130 stores, not 1024 bit operations. */
static void nk_heap_mark_run(struct nk_svc_dir *dir, uint32_t first, uint32_t n, int used)
{
	uint32_t end = first + n;

	for (; first < end && first % 8; first++)
		nk_heap_mark(dir, first, used);
	for (; first + 8 <= end; first += 8)
		dir->heap_map[first / 8] = used ? 0xffu : 0;
	for (; first < end; first++)
		nk_heap_mark(dir, first, used);
}

/*
 * The first run of n pages the map calls free, from page *p on, a whole
 * byte of the map at a time where it can: the run's first page, or -1.
 * The work with interrupts off is bounded by the map's 512 bytes.
 */
static int nk_heap_find(const struct nk_svc_dir *dir, uint32_t n, uint32_t p)
{
	uint32_t first = 0, run = 0, b;

	while (p < dir->heap_pages) {
		b = dir->heap_map[p / 8];
		if (p % 8 == 0 && p + 8 <= dir->heap_pages && (b == 0xffu || !b)) {
			if (!b && !run)
				first = p;
			run = b ? 0 : run + 8;
			p += 8;
		} else {
			if (nk_heap_bit(dir, p))
				run = 0;
			else if (!run++)
				first = p;
			p++;
		}
		if (run >= n)
			return (int)first;
	}
	return -1;
}

int nk_heap_alloc(struct nk_svc_dir *dir, uint32_t pages, uint32_t *off)
{
	uint32_t from, to, k, at;
	int first;

	if (!pages || pages > dir->heap_pages)
		return -NK_ENOSPC;
	for (first = nk_heap_find(dir, pages, 0); first >= 0;
	     first = nk_heap_find(dir, pages, (uint32_t)first)) {
		*off = dir->heap_off + (uint32_t)first * NK_SVC_PAGE;
		if (nk_heap_range_free(dir, *off, pages * NK_SVC_PAGE, &from, &to)) {
			nk_heap_mark_run(dir, (uint32_t)first, pages, 1);
			dir->heap_used += pages;
			return 0;
		}
		/* The map was wrong: mend it (at least one page of the run is
		 * in the way), and look again from the run's start. */
		for (k = (uint32_t)first; k < (uint32_t)first + pages; k++) {
			at = dir->heap_off + k * NK_SVC_PAGE;
			if (at >= from && at < to)
				nk_heap_mark(dir, k, 1);
		}
		dir->corrupt++;
	}
	return -NK_ENOSPC;
}

void nk_heap_free(struct nk_svc_dir *dir, uint32_t off, uint32_t pages)
{
	uint32_t first;

	if (!nk_svc_in_heap(dir, off, pages * NK_SVC_PAGE))
		return;
	first = (off - dir->heap_off) / NK_SVC_PAGE;
	nk_heap_mark_run(dir, first, pages, 0);
	dir->heap_used = dir->heap_used >= pages ? dir->heap_used - pages : 0;
}
