// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * userland/nkctl.c - load, inspect and unload the nanokernel.
 *
 *   nkctl check CONFIG
 *   nkctl load [--no-precheck] [--replace] [--image FILE] CONFIG
 *   nkctl attach [--image FILE] CONFIG | detach
 *   nkctl unload | status | stats | ping [VALUE] | selftest fault VECTOR | help
 *
 * Configuration problems are reported as "FILE:LINE: [section] field:
 * reason", also those only the running host reveals (its mem=, its RAM),
 * so a person knows which line to change.  The loader checks everything
 * again; --no-precheck skips nkctl's checks (all but the syntax) so tests
 * can reach the loader's.
 *
 * NKCTL_SYSROOT, if set, is put in front of the /proc and /sys paths the
 * host checks read, so that they can be tried on a machine that is not the
 * test bed's host.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <nk/libnk.h>
#include <nk/image.h>
#include <nk/layout.h>
#include <nk/ras.h>
#include "config_parse.h"
#include "nkctl.h"

#define NKCTL_MSG_LEN		512
#define NKCTL_IMAGE_MAX		(16 << 20)	/* the loader says how much less */
#define MIB			(1ull << 20)

struct nkctl_region {
	int section;
	int index;
	const struct nk_region *r;
};

__attribute__((format(printf, 1, 2)))
int nkctl_fail(const char *fmt, ...)
{
	va_list ap;

	fputs("nkctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

void nkctl_usage(FILE *f)
{
	fputs("usage: nkctl COMMAND [ARGS]\n"
	      "  check CONFIG                   check a configuration file\n"
	      "  load [--no-precheck] [--replace] [--image FILE] CONFIG\n"
	      "                                 check it against this host and load\n"
	      "                                 (--replace: start afresh over a detached one)\n"
	      "  attach [--image FILE] CONFIG   attach to a detached nanokernel, or refuse\n"
	      "  detach                         leave it and its guests running, detached\n"
	      "  unload                         shut the nanokernel down\n"
	      "  ras arm [--kernel F] [--initrd F | --no-initrd] [--append S]\n"
	      "                                 keep what boots the host again after\n"
	      "                                 its death (default: the running one's)\n"
	      "  status                         what is loaded and how it is doing\n"
	      "  ping [VALUE]                   one call through the passage\n"
	      "  selftest fault VECTOR          raise exception VECTOR inside it\n"
	      "  selftest idt-reload            put Linux's IDT back, as a resume would\n"
	      "  selftest spurious N            N spurious interrupts (vector 0xef)\n"
	      "  selftest delay OS COUNT US     arm OS's next COUNT deadlines US later\n"
	      "                                 (OS: host or a partition; the test hooks\n"
	      "                                 need nkloader.ko test_hooks=1)\n"
	      "  stats                          interrupts and exceptions per vector and OS\n"
	      "  os start NAME IMAGE            start a guest in partition NAME\n"
	      "  os run NAME [COMMAND]          run an idle guest until it yields\n"
	      "  os stop NAME | os restart NAME IMAGE | os list\n"
	      "  console NAME [-f]              a guest's console ring (-f: follow)\n"
	      "  mq create NAME DEPTH MSGMAX | mq destroy NAME\n"
	      "  mq send NAME TEXT [TIMEOUT_MS] | mq recv NAME [TIMEOUT_MS]\n"
	      "  event create NAME [BITS] | event destroy NAME\n"
	      "  event set|clear NAME BITS | event wait NAME BITS any|all [TIMEOUT_MS]\n"
	      "  shm create NAME SIZE [ro] | shm destroy NAME\n"
	      "  shm write NAME OFFSET TEXT | shm read NAME OFFSET LEN\n"
	      "  pnvm list | pnvm write KEY TEXT | pnvm show KEY | pnvm free KEY | pnvm free-index N\n"
	      "  svc list                       every queue, event, segment, PNVM region\n"
	      "  svc corrupt TABLE ID           test hook: scribble on a table entry\n"
	      "  help                           this text\n", f);
}

int nkctl_open(void)
{
	int fd = nk_open();

	if (fd < 0)
		nkctl_fail("%s: %s (is nkloader.ko inserted?)", NK_DEVICE_PATH,
			   strerror(-fd));
	return fd;
}

static void nkctl_range(char *buf, size_t len, uint64_t base, uint64_t size)
{
	unsigned long long b = base, s = size;

	if (s % MIB == 0)
		snprintf(buf, len, "0x%08llx-0x%08llx (%llu MiB)", b, b + s - 1,
			 s / MIB);
	else
		snprintf(buf, len, "0x%08llx-0x%08llx (%llu KiB)", b, b + s - 1,
			 s >> 10);
}

/* ---- host checks ---------------------------------------------------------- */

static int nkctl_regions(const struct nk_config *c, struct nkctl_region *rs)
{
	int n = 0;
	uint32_t i;

	rs[n++] = (struct nkctl_region){ NK_SEC_NANOKERNEL, -1, &c->nanokernel };
	rs[n++] = (struct nkctl_region){ NK_SEC_SHARED, -1, &c->shared };
	for (i = 0; i < c->npartitions && i < NK_MAX_PARTITIONS; i++)
		rs[n++] = (struct nkctl_region){ NK_SEC_PARTITION, (int)i,
						 &c->partitions[i].mem };
	return n;
}

static FILE *nkctl_fopen_host(const char *path)
{
	const char *root = getenv("NKCTL_SYSROOT");
	char full[512];

	snprintf(full, sizeof(full), "%s%s", root ? root : "", path);
	return fopen(full, "r");
}

/* Linux's memparse(): a number, then K, M, G or T. */
static int nkctl_memparse(const char *s, unsigned long long *v)
{
	char *end;

	errno = 0;
	*v = strtoull(s, &end, 0);
	if (errno || end == s)
		return -EINVAL;
	switch (*end) {
	case 'T': case 't':
		*v <<= 10;
		/* fall through */
	case 'G': case 'g':
		*v <<= 10;
		/* fall through */
	case 'M': case 'm':
		*v <<= 10;
		/* fall through */
	case 'K': case 'k':
		*v <<= 10;
	}
	return 0;
}

/* The value of the last "mem=" on the kernel command line, or NULL. */
static const char *nkctl_mem_param(char *cmdline)
{
	const char *val = NULL;
	char *tok;

	for (tok = strtok(cmdline, " \t\n"); tok; tok = strtok(NULL, " \t\n"))
		if (!strncmp(tok, "mem=", 4))
			val = tok + 4;
	return val;
}

/* The host must stay below host_ram, which is what its mem= says. */
static int nkctl_check_mem(const struct nkcfg *c, char *msg, size_t len)
{
	unsigned long long host = c->cfg.host_ram, mem;
	char cmdline[4096] = "";
	const char *val;
	FILE *f = nkctl_fopen_host("/proc/cmdline");

	if (!f || !fgets(cmdline, sizeof(cmdline), f)) {
		if (f)
			fclose(f);
		return nkcfg_error(c, NK_SEC_SYSTEM, -1, "host_ram",
				   msg, len, "cannot read /proc/cmdline");
	}
	fclose(f);
	val = nkctl_mem_param(cmdline);
	if (!val)
		return nkcfg_error(c, NK_SEC_SYSTEM, -1, "host_ram", msg, len,
				   "host was booted without mem= (it uses all "
				   "RAM; boot it with mem=%lluM)", host >> 20);
	if (nkctl_memparse(val, &mem) || mem != host)
		return nkcfg_error(c, NK_SEC_SYSTEM, -1, "host_ram", msg, len,
				   "%llu MiB, but the host was booted with mem=%s "
				   "(they must be equal)", host >> 20, val);
	return 0;
}

static int nkctl_overlaps_ram(const struct nkcfg *c, const struct nkctl_region *rs,
			      int n, unsigned long long lo,
			      unsigned long long hi, char *msg, size_t len)
{
	int i;

	for (i = 0; i < n; i++) {
		unsigned long long b = rs[i].r->base, e = b + rs[i].r->size - 1;

		if (b <= hi && lo <= e)
			return nkcfg_error(c, rs[i].section, rs[i].index, "base",
					   msg, len, "0x%08llx-0x%08llx overlaps "
					   "host RAM (System RAM 0x%08llx-0x%08llx "
					   "in /proc/iomem)", b, e, lo, hi);
	}
	return 0;
}

/* No region may touch what the host kernel lists as its RAM. */
static int nkctl_check_iomem(const struct nkcfg *c, char *msg, size_t len)
{
	struct nkctl_region rs[2 + NK_MAX_PARTITIONS];
	int n = nkctl_regions(&c->cfg, rs), err = 0;
	unsigned long long lo, hi;
	char line[256];
	FILE *f = nkctl_fopen_host("/proc/iomem");

	if (!f)
		return 0;	/* the loader checks this itself */
	while (!err && fgets(line, sizeof(line), f)) {
		if (!strstr(line, " : System RAM\n") ||
		    sscanf(line, " %llx-%llx", &lo, &hi) != 2 || !hi)
			continue;	/* hi == 0: addresses hidden (not root) */
		err = nkctl_overlaps_ram(c, rs, n, lo, hi, msg, len);
	}
	fclose(f);
	return err;
}

static int nkctl_read_word(const char *dir, const char *name, char *buf,
			   size_t len)
{
	char path[512];
	FILE *f;
	int ok;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = nkctl_fopen_host(path);
	if (!f)
		return -1;
	ok = fgets(buf, (int)len, f) != NULL;
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
	return ok ? 0 : -1;
}

/* The machine's RAM: the end of the highest firmware "System RAM" entry. */
static unsigned long long nkctl_machine_ram(void)
{
	const char *root = getenv("NKCTL_SYSROOT");
	unsigned long long top = 0;
	char dir[512], sub[300], start[32], end[32], type[64];
	struct dirent *d;
	DIR *dp;

	snprintf(dir, sizeof(dir), "%s/sys/firmware/memmap", root ? root : "");
	dp = opendir(dir);
	if (!dp)
		return 0;
	while ((d = readdir(dp))) {
		if (d->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof(sub), "/sys/firmware/memmap/%s", d->d_name);
		if (nkctl_read_word(sub, "type", type, sizeof(type)) ||
		    strcmp(type, "System RAM") ||
		    nkctl_read_word(sub, "start", start, sizeof(start)) ||
		    nkctl_read_word(sub, "end", end, sizeof(end)))
			continue;
		if (strtoull(end, NULL, 16) + 1 > top)
			top = strtoull(end, NULL, 16) + 1;
	}
	closedir(dp);
	return top;
}

static int nkctl_check_machine(const struct nkcfg *c, char *msg, size_t len)
{
	unsigned long long top = nkctl_machine_ram(), rounded;
	struct nkctl_region rs[2 + NK_MAX_PARTITIONS];
	int n = nkctl_regions(&c->cfg, rs), i;

	if (!top)
		return 0;	/* no firmware map: the loader probes */
	/* Firmware keeps the last few KB of RAM for its ACPI tables (QEMU:
	 * 128 KB), so machine_ram, a 4 MB multiple, may round that up. */
	rounded = (top + NK_REGION_ALIGN - 1) & ~(NK_REGION_ALIGN - 1ull);
	if (c->cfg.machine_ram > rounded)
		return nkcfg_error(c, NK_SEC_SYSTEM, -1, "machine_ram", msg, len,
				   "%llu MiB is beyond the machine's RAM (%llu "
				   "MiB)", (unsigned long long)c->cfg.machine_ram
				   >> 20, rounded >> 20);
	for (i = 0; i < n; i++) {
		unsigned long long b = rs[i].r->base, s = rs[i].r->size;

		if (b + s > top)
			return nkcfg_error(c, rs[i].section, rs[i].index,
					   b >= top ? "base" : "size", msg, len,
					   "0x%08llx-0x%08llx is beyond the "
					   "machine's RAM (it ends at 0x%08llx)",
					   b, b + s - 1, top - 1);
	}
	return 0;
}

static int nkctl_check_host(const struct nkcfg *c, char *msg, size_t len)
{
	int err = nkctl_check_mem(c, msg, len);

	if (!err)
		err = nkctl_check_machine(c, msg, len);
	if (!err)
		err = nkctl_check_iomem(c, msg, len);
	return err;
}

/* ---- commands --------------------------------------------------------- */

static int nkctl_check(int argc, char **argv)
{
	char msg[NKCTL_MSG_LEN];
	struct nkcfg c;

	if (argc != 2) {
		nkctl_usage(stderr);
		return 2;
	}
	if (nkcfg_load_file(&c, argv[1], msg, sizeof(msg)))
		return nkctl_fail("%s", msg);
	printf("%s: ok\n", argv[1]);
	return 0;
}

int nkctl_read_image(const char *path, void **buf, size_t *len)
{
	return nkctl_read_file(path, buf, len, NKCTL_IMAGE_MAX);
}

/* The whole file, at most max bytes, in a buffer of its own size. */
int nkctl_read_file(const char *path, void **buf, size_t *len, size_t max)
{
	struct stat st;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC), err = 0;

	*buf = NULL;
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st))
		err = -errno;
	else if ((size_t)st.st_size > max)
		err = -EFBIG;
	else if (!(*buf = malloc((size_t)st.st_size + 1)))
		err = -ENOMEM;
	else if ((n = read(fd, *buf, (size_t)st.st_size)) < 0)
		err = -errno;
	else
		*len = (size_t)n;
	close(fd);
	return err;
}

static int nkctl_do_load(const struct nkcfg *c, const char *image_path,
			 uint32_t flags)
{
	char error[NK_ERROR_LEN];
	size_t len = 0;
	void *image;
	int fd, err, attached = 0;

	err = nkctl_read_image(image_path, &image, &len);
	if (err) {
		free(image);
		return nkctl_fail("%s: %s", image_path, strerror(-err));
	}
	fd = nkctl_open();
	if (fd >= 0) {
		err = nk_load_flags(fd, &c->cfg, image, len, flags, &attached,
				    error, sizeof(error));
		close(fd);
	}
	free(image);
	if (fd < 0)
		return 1;
	if (err)
		return nkctl_fail("the loader refused: %s%s(%s)", error,
				  error[0] ? " " : "", strerror(-err));
	printf(attached ? "nanokernel attached: its guests go on\n" :
	       "nanokernel loaded\n");
	return 0;
}

/* load and attach: attach takes no precheck (the host is the one the
 * nanokernel ran on) and will not start afresh. */
static int nkctl_load(int argc, char **argv)
{
	const char *image = NULL, *path = NULL;
	char msg[NKCTL_MSG_LEN];
	int attach = !strcmp(argv[0], "attach"), precheck = !attach, i;
	uint32_t flags = attach ? NK_LOAD_ATTACH : 0;
	struct nkcfg c;

	for (i = 1; i < argc; i++) {
		if (!attach && !strcmp(argv[i], "--no-precheck"))
			precheck = 0;
		else if (!attach && !strcmp(argv[i], "--replace"))
			flags |= NK_LOAD_REPLACE;
		else if (!strcmp(argv[i], "--image") && i + 1 < argc)
			image = argv[++i];
		else if (!strncmp(argv[i], "--image=", 8))
			image = argv[i] + 8;
		else if (argv[i][0] != '-' && !path)
			path = argv[i];
		else
			break;
	}
	if (i < argc || !path) {
		nkctl_usage(stderr);
		return 2;
	}
	/* Without the prechecks only the syntax is checked here, so that the
	 * loader's own checks see the configuration (the tests need that). */
	if (nkcfg_parse_file(&c, path, msg, sizeof(msg)) ||
	    (precheck && (nkcfg_check(&c, msg, sizeof(msg)) ||
			  nkctl_check_host(&c, msg, sizeof(msg)))))
		return nkctl_fail("%s", msg);
	return nkctl_do_load(&c, image ? image : c.image, flags);
}

/* detach and unload: one call, no argument; busy says what EBUSY means. */
static int nkctl_give_up(int argc, const char *what, int (*call)(int fd),
			 const char *busy, const char *done)
{
	int fd, err;

	if (argc != 1) {
		nkctl_usage(stderr);
		return 2;
	}
	fd = nkctl_open();
	if (fd < 0)
		return 1;
	err = call(fd);
	close(fd);
	if (err == -ENODEV)
		return nkctl_fail("%s: the nanokernel is not loaded (%s)", what,
				  strerror(-err));
	if (err == -EBUSY)
		return nkctl_fail("%s: %s (%s)", what, busy, strerror(-err));
	if (err)
		return nkctl_fail("%s: %s", what, strerror(-err));
	printf("%s\n", done);
	return 0;
}

static int nkctl_detach(int argc, char **argv)
{
	(void)argv;
	return nkctl_give_up(argc, "detach", nk_detach,
			     "a host process has a segment or PNVM region mapped, "
			     "or is opening one: unmap it first",
			     "nanokernel detached: it and its guests wait for "
			     "nkctl load or attach");
}

static int nkctl_unload(int argc, char **argv)
{
	(void)argv;
	return nkctl_give_up(argc, "unload", nk_unload,
			     "a guest is running: nkctl os stop it first",
			     "nanokernel unloaded");
}

static const char *nkctl_state(uint32_t state)
{
	static const char *const names[] = {
		[NK_STATE_EMPTY] = "empty",
		[NK_STATE_READY] = "ready",
		[NK_STATE_STOPPED] = "stopped",
		[NK_STATE_FAILED] = "failed",
		[NK_STATE_DETACHED] = "detached",
		[NK_STATE_HOST_DOWN] = "host down: the guests run alone",
	};

	return state < sizeof(names) / sizeof(names[0]) ? names[state] : "unknown";
}

static void nkctl_print_status(const struct nk_status_args *st)
{
	char range[80];

	nkctl_range(range, sizeof(range), st->region_base, st->region_size);
	printf("nanokernel: loaded\n");
	printf("  version:      %u.%u.%u\n", NK_VERSION_MAJOR(st->version),
	       NK_VERSION_MINOR(st->version), NK_VERSION_PATCH(st->version));
	printf("  abi revision: %u\n", st->abi_revision);
	printf("  region:       %s\n", range);
	printf("  image:        %u bytes, text+data+bss %u bytes\n",
	       st->image_size, st->mem_size);
	printf("  state:        %s\n", nkctl_state(st->state));
	printf("  host alias:   0x%08x\n", st->host_alias);
	printf("  calls:        %u (init %u)\n", st->calls, st->boot_count);
	printf("  attached:     %u times again after a detach", st->attach_count);
	if (st->attach_count)
		printf(" (the last detach lasted %u ms)", st->detached_ms);
	printf("\n");
	printf("  host:         boot %u, %u deaths taken\n", st->host_boot,
	       st->host_downs);
	if (st->fault_count)
		printf("  faults:       %u [last: vector %u at eip 0x%08x]\n",
		       st->fault_count, st->fault_vector, st->fault_eip);
	else
		printf("  faults:       0\n");
}

static const char *nkctl_owner(const struct nk_config *c, uint32_t owner)
{
	if (owner == NK_OWNER_HOST || owner > c->npartitions ||
	    owner > NK_MAX_PARTITIONS)
		return "host";
	return c->partitions[owner - 1].name;
}

static void nkctl_print_device(const struct nk_config *c,
			       const struct nk_device *d)
{
	char io[32] = "-", irq[16] = "-";

	if (d->io_len)
		snprintf(io, sizeof(io), "0x%x-0x%x", d->io_base,
			 d->io_base + d->io_len - 1);
	if (d->irq != NK_NO_IRQ)
		snprintf(irq, sizeof(irq), "%u", d->irq);
	printf("  %-*.*s owner %-*.*s io %-13s irq %s\n", 6, NK_NAME_LEN,
	       d->name, 6, NK_NAME_LEN, nkctl_owner(c, d->owner), io, irq);
}

static void nkctl_print_config(const struct nk_config *c)
{
	char range[80];
	uint32_t i;

	printf("partitions:\n");
	for (i = 0; i < c->npartitions && i < NK_MAX_PARTITIONS; i++) {
		const struct nk_partition *p = &c->partitions[i];

		nkctl_range(range, sizeof(range), p->mem.base, p->mem.size);
		printf("  %-6.*s kind %-5s priority %-3u %s\n", NK_NAME_LEN,
		       p->name, p->kind == NK_OS_RTOS ? "rtos" :
		       p->kind == NK_OS_LINUX ? "linux" : "?", p->priority, range);
	}
	printf("devices:\n");
	for (i = 0; i < c->ndevices && i < NK_MAX_DEVICES; i++)
		nkctl_print_device(c, &c->devices[i]);
	nkctl_range(range, sizeof(range), c->shared.base, c->shared.size);
	printf("shared:       %s\n", range);
}

static int nkctl_status(int argc, char **argv)
{
	struct nk_status_args st;
	struct nk_config cfg;
	struct nk_ras_record rec;	/* its fixed part only */
	int fd, err, crash = -ENOENT;

	(void)argv;
	if (argc != 1) {
		nkctl_usage(stderr);
		return 2;
	}
	fd = nkctl_open();
	if (fd < 0)
		return 1;
	err = nk_status(fd, &st);
	if (!err && st.loaded)
		err = nk_get_config(fd, &cfg);
	if (!err && st.loaded)
		crash = nk_ras_read(fd, 0, &rec, NK_RAS_FIXED, NULL, NULL);
	close(fd);
	if (err)
		return nkctl_fail("status: %s", strerror(-err));
	if (!st.loaded) {
		printf(st.detached ? "nanokernel: detached (it and its guests "
		       "wait for nkctl load or attach)\n" : "nanokernel: not loaded\n");
		return 0;
	}
	nkctl_print_status(&st);
	if (!crash)
		printf("  last crash:   record %u, host boot %u: %s%s%s\n", rec.seq,
		       rec.host_boot, rec.oops, rec.oops[0] ? ": " : "", rec.reason);
	else
		printf("  last crash:   %s\n", crash == -EBADMSG ?
		       "corrupt record (nkctl ras list)" : "none kept");
	nkctl_print_config(&cfg);
	return 0;
}

int nkctl_number(const char *s, uint32_t *v)
{
	unsigned long long n;
	char *end;

	errno = 0;
	n = strtoull(s, &end, 0);
	if (errno || end == s || *end || n > UINT32_MAX || s[0] == '-')
		return -EINVAL;
	*v = (uint32_t)n;
	return 0;
}

static int nkctl_ping(int argc, char **argv)
{
	uint32_t value = 1, result;
	int fd, err;

	if (argc > 2 || (argc == 2 && nkctl_number(argv[1], &value))) {
		nkctl_usage(stderr);
		return 2;
	}
	fd = nkctl_open();
	if (fd < 0)
		return 1;
	err = nk_ping(fd, value, &result);
	close(fd);
	if (err == -ENODEV)
		return nkctl_fail("ping: the nanokernel is not loaded");
	if (err)
		return nkctl_fail("ping: %s", strerror(-err));
	printf("ping %u -> %u\n", value, result);
	return 0;
}

/* What a vector is, as far as user space can tell (Linux 6.1, i386). */
static const char *nkctl_vector_name(unsigned int v)
{
	static const char *const exc[32] = {
		"#DE divide error", "#DB debug", "NMI", "#BP breakpoint",
		"#OF overflow", "#BR bound range", "#UD invalid opcode",
		"#NM device not available", "#DF double fault", NULL,
		"#TS invalid TSS", "#NP segment not present", "#SS stack fault",
		"#GP general protection", "#PF page fault", NULL,
		"#MF x87 error", "#AC alignment check", "#MC machine check",
		"#XM SIMD error",
	};

	if (v < 32)
		return exc[v] ? exc[v] : "reserved exception";
	switch (v) {
	case 0x80: return "int 0x80 system call";
	case 0xec: return "local APIC timer";
	case 0xef: return "spurious (unused system vector)";
	case 0xf6: return "IRQ work";
	case 0xfd: return "reschedule IPI";
	case 0xfe: return "APIC error";
	case 0xff: return "spurious interrupt";
	default: return v < 0xec ? "device interrupt (see /proc/interrupts)" :
		 "system vector";
	}
}

/*
 * Linux's own view of an IRQ, from /proc/interrupts: its count on CPU 0
 * and the rest of its line (chip, pin, name), so nkctl stats can show the
 * two side by side.  Returns 0 if found.
 */
static int nkctl_linux_irq(unsigned int irq, unsigned long long *count,
			   char *desc, size_t len)
{
	char line[512], *p;
	FILE *f = fopen("/proc/interrupts", "r");
	int found = -1;

	if (!f)
		return -1;
	while (found && fgets(line, sizeof(line), f)) {
		unsigned int n;
		int used;

		if (sscanf(line, " %u: %llu %n", &n, count, &used) < 2 || n != irq)
			continue;
		p = line + used;
		p[strcspn(p, "\n")] = '\0';
		snprintf(desc, len, "%s", p);
		found = 0;
	}
	fclose(f);
	return found;
}

static void nkctl_print_vector(unsigned int v, uint16_t irq, unsigned int tick,
			       unsigned int own)
{
	unsigned long long count;
	char desc[200];

	if (v == own)
		printf("  the nanokernel's own timer: guests' deadlines, time slices\n");
	else if (v == tick)
		printf("  host tick: the nanokernel's LAPIC timer (IRQ %u)\n", irq);
	else if (irq != NK_NO_LINUX_IRQ &&
		 !nkctl_linux_irq(irq, &count, desc, sizeof(desc)))
		printf("  IRQ %u, Linux counted %llu: %s\n", irq, count, desc);
	else
		printf("  %s\n", nkctl_vector_name(v));
}

/* "function+0xoff" for a kernel address, from /proc/kallsyms (as root). */
static void nkctl_symbol(uint32_t addr, char *buf, size_t len)
{
	char line[256], name[128], best[128] = "";
	unsigned long a, best_a = 0;
	char type;
	FILE *f = fopen("/proc/kallsyms", "r");

	snprintf(buf, len, "0x%08x", addr);
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%lx %c %127s", &a, &type, name) != 3)
			continue;
		if (a <= addr && a > best_a && (type == 't' || type == 'T')) {
			best_a = a;
			snprintf(best, sizeof(best), "%s", name);
		}
	}
	fclose(f);
	if (best_a && addr - best_a < 0x100000)
		snprintf(buf, len, "0x%08x %s+0x%lx", addr, best, addr - best_a);
}

static int nkctl_stats(int argc, char **argv)
{
	static struct nk_irq_counts counts;
	static uint16_t irqs[256];
	struct nk_stats_args a;
	struct nk_config cfg;
	unsigned long long total[NK_OS_SLOTS] = { 0 };
	unsigned int v, os, nos;
	int fd, err;

	(void)argv;
	if (argc != 1) {
		nkctl_usage(stderr);
		return 2;
	}
	fd = nkctl_open();
	if (fd < 0)
		return 1;
	err = nk_stats(fd, &counts, irqs, &a);
	if (!err)
		err = nk_get_config(fd, &cfg);
	close(fd);
	if (err == -ENODEV)
		return nkctl_fail("stats: the nanokernel is not loaded");
	if (err)
		return nkctl_fail("stats: %s", strerror(-err));
	nos = 1 + (cfg.npartitions < NK_OS_SLOTS - 1 ? cfg.npartitions : NK_OS_SLOTS - 1);
	printf("host IDT: %s, %u vectors through the nanokernel's stubs; "
	       "Linux reloaded its IDT %u times\n",
	       a.host_idt ? "the nanokernel's" : "Linux's", a.host_vectors,
	       a.idt_lost);
	printf("host tick: vector 0x%02x, LAPIC timer %u kHz, %llu timer "
	       "requests, %llu TSC ticks each\n", a.tick_vector, a.lapic_khz,
	       (unsigned long long)a.merge_calls,
	       a.merge_calls ? (unsigned long long)(a.merge_tsc / a.merge_calls) : 0ULL);
	if (a.guest_late_max) {
		char sym[200];
		int i;

		if (a.guest_late_eip) {
			nkctl_symbol(a.guest_late_eip, sym, sizeof(sym));
			printf("guest timer: worst lateness %u ns; the host had just "
			       "turned interrupts on at %s\n", a.guest_late_max, sym);
			for (i = 0; i < 2 && a.guest_late_callers[i]; i++) {
				nkctl_symbol(a.guest_late_callers[i], sym, sizeof(sym));
				printf("  called from %s\n", sym);
			}
		} else {
			printf("guest timer: worst lateness %u ns, while a guest "
			       "ran\n", a.guest_late_max);
		}
	}
	printf("vector %12s", "host");
	for (os = 1; os < nos; os++)
		printf(" %12.12s", cfg.partitions[os - 1].name);
	printf("  what\n");
	for (v = 0; v < 256; v++) {
		unsigned long long any = 0;

		for (os = 0; os < nos; os++)
			any |= counts.count[v][os];
		if (!any)
			continue;
		printf("  0x%02x", v);
		for (os = 0; os < nos; os++) {
			printf(" %12llu", (unsigned long long)counts.count[v][os]);
			total[os] += counts.count[v][os];
		}
		nkctl_print_vector(v, irqs[v], a.tick_vector, a.nk_vector);
	}
	printf("total ");
	for (os = 0; os < nos; os++)
		printf(" %12llu", total[os]);
	printf("\n");
	return 0;
}

static int nkctl_help(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	nkctl_usage(stdout);
	return 0;
}

static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
} nkctl_commands[] = {
	{ "check", nkctl_check },
	{ "load", nkctl_load },
	{ "attach", nkctl_load },
	{ "detach", nkctl_detach },
	{ "unload", nkctl_unload },
	{ "status", nkctl_status },
	{ "ping", nkctl_ping },
	{ "selftest", nkctl_selftest },
	{ "ras", nkctl_ras },
	{ "stats", nkctl_stats },
	{ "os", nkctl_os },
	{ "console", nkctl_console },
	{ "mq", nkctl_svc },
	{ "event", nkctl_svc },
	{ "shm", nkctl_svc },
	{ "pnvm", nkctl_svc },
	{ "svc", nkctl_svc },
	{ "help", nkctl_help },
	{ "--help", nkctl_help },
};

int main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		nkctl_usage(stderr);
		return 2;
	}
	for (i = 0; i < sizeof(nkctl_commands) / sizeof(nkctl_commands[0]); i++)
		if (!strcmp(argv[1], nkctl_commands[i].name))
			return nkctl_commands[i].run(argc - 1, argv + 1);
	nkctl_fail("unknown command \"%s\"", argv[1]);
	nkctl_usage(stderr);
	return 2;
}
