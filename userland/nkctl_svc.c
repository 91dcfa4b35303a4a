// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * userland/nkctl_svc.c - nkctl mq|event|shm|pnvm|svc: the cross-OS
 * services for scripts and people (Documentation/services.md).
 *
 *   nkctl mq create NAME DEPTH MSGMAX | destroy NAME
 *   nkctl mq send NAME TEXT [TIMEOUT_MS] | recv NAME [TIMEOUT_MS]
 *   nkctl event create NAME [BITS] | destroy NAME
 *   nkctl event set|clear NAME BITS | wait NAME BITS any|all [TIMEOUT_MS]
 *   nkctl shm create NAME SIZE [ro] | destroy NAME
 *   nkctl shm write NAME OFFSET TEXT | read NAME OFFSET LEN
 *   nkctl pnvm list | write KEY TEXT | show KEY | free KEY | free-index N
 *   nkctl svc list | svc corrupt TABLE ID
 * Each run opens the objects it names by name; the exit status is 0, 1 on
 * an error (said on stderr with its errno), 2 on bad usage.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <nk/crc32.h>
#include <nk/libnk.h>
#include "nkctl.h"

static int nkctl_svc_usage(void)
{
	nkctl_usage(stderr);
	return 2;
}

static int nkctl_timeout(int argc, char **argv, int at, int *ms)
{
	*ms = -1;
	if (argc <= at)
		return 0;
	*ms = atoi(argv[at]);
	return *ms < -1 ? -EINVAL : 0;
}

static int nkctl_mq(int fd, int argc, char **argv)
{
	uint32_t id, depth, max, need;
	static char buf[NK_MQ_MSG_MAX + 1];
	int ms, n, err;

	if (argc >= 5 && !strcmp(argv[1], "create")) {
		if (nkctl_number(argv[3], &depth) || nkctl_number(argv[4], &max))
			return nkctl_svc_usage();
		err = nk_mq_create(fd, argv[2], depth, max, 0, &id);
		if (err)
			return nkctl_fail("mq create %s: %s", argv[2], strerror(-err));
		printf("mq %s: id %u, depth %u, messages up to %u bytes\n", argv[2],
		       id, depth, max);
		return 0;
	}
	if (argc < 3)
		return nkctl_svc_usage();
	err = nk_mq_open(fd, argv[2], &id, &depth, &max);
	if (err)
		return nkctl_fail("mq %s: %s", argv[2], strerror(-err));
	if (!strcmp(argv[1], "destroy") && argc == 3) {
		err = nk_mq_destroy(fd, id);
		return err ? nkctl_fail("mq destroy %s: %s", argv[2], strerror(-err)) : 0;
	}
	if (!strcmp(argv[1], "send") && (argc == 4 || argc == 5)) {
		if (nkctl_timeout(argc, argv, 4, &ms))
			return nkctl_svc_usage();
		err = nk_mq_send(fd, id, argv[3], (uint32_t)strlen(argv[3]), ms);
		return err ? nkctl_fail("mq send %s: %s", argv[2], strerror(-err)) : 0;
	}
	if (!strcmp(argv[1], "recv") && (argc == 3 || argc == 4)) {
		if (nkctl_timeout(argc, argv, 3, &ms))
			return nkctl_svc_usage();
		n = nk_mq_recv(fd, id, buf, NK_MQ_MSG_MAX, ms, &need);
		if (n < 0)
			return nkctl_fail("mq recv %s: %s", argv[2], strerror(-n));
		buf[n] = '\0';
		printf("%s\n", buf);
		return 0;
	}
	return nkctl_svc_usage();
}

static int nkctl_event(int fd, int argc, char **argv)
{
	uint32_t id, bits = 0, got, mode;
	int ms, err;

	if (argc < 3)
		return nkctl_svc_usage();
	if (!strcmp(argv[1], "create")) {
		if (argc == 4 && nkctl_number(argv[3], &bits))
			return nkctl_svc_usage();
		err = nk_ev_create(fd, argv[2], bits, 0, &id);
		if (err)
			return nkctl_fail("event create %s: %s", argv[2], strerror(-err));
		printf("event %s: id %u\n", argv[2], id);
		return 0;
	}
	err = nk_ev_open(fd, argv[2], &id);
	if (err)
		return nkctl_fail("event %s: %s", argv[2], strerror(-err));
	if (!strcmp(argv[1], "destroy") && argc == 3) {
		err = nk_ev_destroy(fd, id);
		return err ? nkctl_fail("event destroy %s: %s", argv[2], strerror(-err)) : 0;
	}
	if (argc < 4 || nkctl_number(argv[3], &bits))
		return nkctl_svc_usage();
	if (!strcmp(argv[1], "set") || !strcmp(argv[1], "clear")) {
		err = argv[1][0] == 's' ? nk_ev_set(fd, id, bits, &got) :
					  nk_ev_clear(fd, id, bits, &got);
		if (err)
			return nkctl_fail("event %s %s: %s", argv[1], argv[2], strerror(-err));
		printf("0x%08x\n", got);
		return 0;
	}
	if (!strcmp(argv[1], "wait") && (argc == 5 || argc == 6)) {
		if (strcmp(argv[4], "any") && strcmp(argv[4], "all"))
			return nkctl_svc_usage();
		mode = !strcmp(argv[4], "all") ? NK_EV_ALL : NK_EV_ANY;
		if (nkctl_timeout(argc, argv, 5, &ms))
			return nkctl_svc_usage();
		err = nk_ev_wait(fd, id, bits, mode, 0, ms, &got);
		if (err)
			return nkctl_fail("event wait %s: %s", argv[2], strerror(-err));
		printf("0x%08x\n", got);
		return 0;
	}
	return nkctl_svc_usage();
}

static int nkctl_shm(int fd, int argc, char **argv)
{
	uint32_t id, size, mode, off, len;
	uint8_t *p;
	int err;

	if (argc < 3)
		return nkctl_svc_usage();
	if (!strcmp(argv[1], "create") && (argc == 4 || argc == 5)) {
		if (nkctl_number(argv[3], &size) || (argc == 5 && strcmp(argv[4], "ro")))
			return nkctl_svc_usage();
		err = nk_shm_create(fd, argv[2], size, argc == 5 ? NK_SHM_RO_OTHERS :
				    NK_SHM_RW, 0, &id);
		if (err)
			return nkctl_fail("shm create %s: %s", argv[2], strerror(-err));
		printf("shm %s: id %u\n", argv[2], id);
		return 0;
	}
	err = nk_shm_open(fd, argv[2], &id, &size, &mode);
	if (err)
		return nkctl_fail("shm %s: %s", argv[2], strerror(-err));
	if (!strcmp(argv[1], "destroy") && argc == 3) {
		err = nk_shm_destroy(fd, id);
		return err ? nkctl_fail("shm destroy %s: %s", argv[2], strerror(-err)) : 0;
	}
	if (argc != 5 || nkctl_number(argv[3], &off))
		return nkctl_svc_usage();
	len = !strcmp(argv[1], "write") ? (uint32_t)strlen(argv[4]) : 0;
	if (!len && nkctl_number(argv[4], &len))
		return nkctl_svc_usage();
	if (off > size || len > size - off)
		return nkctl_fail("shm %s: %u bytes at %u do not fit its %u", argv[2],
				  len, off, size);
	p = nk_shm_map(fd, id, size, !strcmp(argv[1], "write"));
	if (!p)
		return nkctl_fail("shm %s: mmap: %s", argv[2], strerror(errno));
	if (!strcmp(argv[1], "write"))
		memcpy(p + off, argv[4], len);
	else
		fwrite(p + off, 1, len, stdout), putchar('\n');
	munmap(p, size);
	return 0;
}

static int nkctl_svc_list(int fd);

static const char *nkctl_pnvm_status(uint32_t s)
{
	return s == NK_PNVM_NEW ? "new" : s == NK_PNVM_KEPT ? "kept" :
	       s == NK_PNVM_TORN ? "torn" : "?";
}

static int nkctl_pnvm(int fd, int argc, char **argv)
{
	struct nk_pnvm p;
	uint32_t key, len;
	int err;

	if (argc == 2 && !strcmp(argv[1], "list"))
		return nkctl_svc_list(fd);
	if (argc < 3 || nkctl_number(argv[2], &key))
		return nkctl_svc_usage();
	if (!strcmp(argv[1], "free") && argc == 3)
		err = nk_pnvm_free(fd, key, 0);
	else if (!strcmp(argv[1], "free-index") && argc == 3)
		err = nk_pnvm_free(fd, 0, key + 1);
	else
		err = 1;
	if (err <= 0)
		return err ? nkctl_fail("pnvm free %s: %s", argv[2], strerror(-err)) : 0;
	if (!strcmp(argv[1], "write") && argc == 4) {
		len = (uint32_t)strlen(argv[3]) + 1;
		err = nk_pnvm_open(fd, key, len, &p);
		if (err && err != -EBADMSG)
			return nkctl_fail("pnvm %u: %s", key, strerror(-err));
		if (!p.addr || len > p.size)
			return nkctl_fail("pnvm %u: no room for %u bytes", key, len);
		err = nk_pnvm_begin(fd, &p);
		if (err)
			return nkctl_fail("pnvm %u: begin: %s", key, strerror(-err));
		memcpy(p.addr, argv[3], len);
		err = nk_pnvm_commit(fd, &p);
		if (err)
			return nkctl_fail("pnvm %u: commit: %s", key, strerror(-err));
		printf("pnvm %u: %u bytes, generation %u\n", key, len, p.generation);
		return 0;
	}
	if (!strcmp(argv[1], "show") && argc == 3) {
		err = nk_pnvm_open(fd, key, 0, &p);
		if (err == -EBADMSG)
			return nkctl_fail("pnvm %u: corrupt: its %s fails its checksum",
					  key, p.addr ? "contents" : "entry");
		if (err)
			return nkctl_fail("pnvm %u: %s", key, strerror(-err));
		printf("pnvm %u: %s, %u bytes, generation %u\n", key,
		       nkctl_pnvm_status(p.status), p.size, p.generation);
		printf("%.*s\n", (int)strnlen((char *)p.addr, p.size), (char *)p.addr);
		return p.status == NK_PNVM_TORN;
	}
	return nkctl_svc_usage();
}

static const char *nkctl_os_name(uint32_t os)
{
	return os == NK_OS_HOST ? "host" : "guest";
}

static void nkctl_list_mq(const struct nk_svc_dir *d, const struct nk_svc_list_args *a)
{
	unsigned int i;

	printf("%-4s %-16s %-5s %6s %6s %6s %10s %10s %8s %8s\n", "mq", "name",
	       "owner", "depth", "max", "queued", "sent", "received", "readers",
	       "writers");
	for (i = 0; i < NK_MQ_MAX; i++) {
		const struct nk_mq_slot *q = &d->mq[i];

		if (q->state == NK_SVC_FREE)
			continue;
		printf("%-4u %-16.16s %-5s %6u %6u %6u %10llu %10llu 0x%06x 0x%06x",
		       i, q->name, nkctl_os_name(q->owner), q->depth, q->msg_max,
		       q->count, (unsigned long long)q->sent,
		       (unsigned long long)q->received, q->readers, q->writers);
		printf(" host-sleepers %u", a->mq_sleepers[i]);
		if (q->readers & ~1u)
			printf(" rtos-reader-task %u", q->reader_id[1]);
		if (q->writers & ~1u)
			printf(" rtos-writer-task %u", q->writer_id[1]);
		printf("%s\n", q->state == NK_SVC_USED ? "" : " (state?)");
	}
}

static void nkctl_list_rest(const struct nk_svc_dir *d, const struct nk_pnvm_dir *p)
{
	unsigned int i;

	for (i = 0; i < NK_EV_MAX; i++) {
		const struct nk_ev_slot *e = &d->ev[i];

		if (e->state == NK_SVC_FREE)
			continue;
		printf("event %-2u %-16.16s owner %-5s bits 0x%08x sets %llu "
		       "waiters 0x%02x%s", i, e->name, nkctl_os_name(e->owner),
		       e->bits, (unsigned long long)e->sets, e->waiters,
		       e->state == NK_SVC_USED ? "" : " (state?)");
		if (e->waiters & 1u)
			printf(" host-pid %u for 0x%x", e->wait_id[0], e->wait_bits[0]);
		if (e->waiters & 2u)
			printf(" rtos-task %u for 0x%x", e->wait_id[1], e->wait_bits[1]);
		printf("\n");
	}
	for (i = 0; i < NK_SHM_MAX; i++) {
		const struct nk_shm_slot *s = &d->shm[i];

		if (s->state != NK_SVC_FREE)
			printf("shm %-4u %-16.16s owner %-5s offset 0x%06x size %u refs %u%s%s\n",
			       i, s->name, nkctl_os_name(s->owner), s->off, s->size,
			       s->refs, s->mode ? " ro-others" : "",
			       s->state == NK_SVC_DOOMED ? " destroyed" : "");
	}
	for (i = 0; i < NK_PNVM_MAX; i++) {
		const struct nk_pnvm_entry *e = &p->e[i];

		if (e->key || e->entry_crc)
			printf("pnvm %-3u key %-10u size %-6u generation %u%s\n", i,
			       e->key, e->size, e->generation,
			       e->generation & 1 ? " (update not committed)" : "");
	}
}

/* References the tables hold: segments' (*doomed: destroyed, not yet
 * freed) and PNVM regions'. */
static uint32_t nkctl_refs(const struct nk_svc_dir *d, uint32_t *doomed)
{
	uint32_t refs = 0, i;

	*doomed = 0;
	for (i = 0; i < NK_SHM_MAX; i++) {
		if (d->shm[i].state != NK_SVC_FREE)
			refs += d->shm[i].refs;
		*doomed += d->shm[i].state == NK_SVC_DOOMED;
	}
	for (i = 0; i < NK_PNVM_MAX; i++)
		refs += d->pnvm_refs[i];
	return refs;
}

/* Pages the queues and segments in the table say they hold. */
static uint32_t nkctl_heap_accounted(const struct nk_svc_dir *d)
{
	uint32_t pages = 0, i;

	for (i = 0; i < NK_MQ_MAX; i++)
		if (d->mq[i].state != NK_SVC_FREE)
			pages += d->mq[i].pages;
	for (i = 0; i < NK_SHM_MAX; i++)
		if (d->shm[i].state != NK_SVC_FREE)
			pages += d->shm[i].size / NK_SVC_PAGE;
	return pages;
}

static int nkctl_svc_list(int fd)
{
	static struct nk_svc_dir d;
	static struct nk_pnvm_dir p;
	struct nk_svc_list_args a;
	uint32_t refs, doomed;
	int err = nk_svc_list(fd, &d, &p, &a);

	if (err)
		return nkctl_fail("svc list: %s", strerror(-err));
	printf("services: heap %u of %u pages used, %u entries found scribbled, "
	       "%u host doorbells, PNVM area seen by %u nanokernels\n",
	       d.heap_used, d.heap_pages, d.corrupt, a.doorbells, p.boots + 1);
	printf("heap: %u pages unaccounted for by the queues and segments\n",
	       d.heap_used - nkctl_heap_accounted(&d));
	refs = nkctl_refs(&d, &doomed);
	printf("references: %u in the tables, %u of them the host's (%u opens, "
	       "%u mappings); %u segments destroyed but held\n", refs,
	       a.refs + a.maps, a.refs, a.maps, doomed);
	printf("loader: %u descriptors, %u allocations, %u handles held\n",
	       a.files, a.allocs, a.handles);
	nkctl_list_mq(&d, &a);
	nkctl_list_rest(&d, &p);
	return 0;
}

int nkctl_svc(int argc, char **argv)
{
	uint32_t table, id;
	int fd = nkctl_open(), ret, err;

	if (fd < 0)
		return 1;
	if (!strcmp(argv[0], "mq"))
		ret = nkctl_mq(fd, argc, argv);
	else if (!strcmp(argv[0], "event"))
		ret = nkctl_event(fd, argc, argv);
	else if (!strcmp(argv[0], "shm"))
		ret = nkctl_shm(fd, argc, argv);
	else if (!strcmp(argv[0], "pnvm"))
		ret = nkctl_pnvm(fd, argc, argv);
	else if (argc == 2 && !strcmp(argv[1], "list"))
		ret = nkctl_svc_list(fd);
	else if (argc == 4 && !strcmp(argv[1], "corrupt") &&
		 !nkctl_number(argv[2], &table) && !nkctl_number(argv[3], &id))
		ret = (err = nk_svc_test_corrupt(fd, table, id)) ?
		      nkctl_fail("svc corrupt: %s", strerror(-err)) : 0;
	else
		ret = nkctl_svc_usage();
	close(fd);
	return ret;
}
