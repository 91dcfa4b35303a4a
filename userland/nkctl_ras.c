// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * userland/nkctl_ras.c - nkctl ras (Documentation/ras.md).
 *
 *   nkctl ras arm [--kernel F] [--initrd F | --no-initrd] [--append S]
 *   nkctl ras list          the crash records kept, newest first
 *   nkctl ras show [N]      record N (the newest) whole, log included
 *   nkctl ras clear         every record cleared
 *
 * In the style of kexec -p: what the nanokernel boots the host with after
 * its death.  The defaults are the running kernel's, from where a system
 * keeps them: /boot/vmlinuz-RELEASE, /boot/initrd.img-RELEASE (if there)
 * and /proc/cmdline; the zero page is always the one the host was booted
 * with (/sys/kernel/boot_params/data: its e820 table, ACPI, screen).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/utsname.h>
#include <nk/libnk.h>
#include <nk/ras.h>
#include "nkctl.h"

#define NKCTL_RAS_FILE_MAX	(64u << 20)
#define NKCTL_BOOT_PARAMS	"/sys/kernel/boot_params/data"
#define NKCTL_CMDLINE_MAX	4096

/* /proc/cmdline (whose size says 0: read to the end), its newline cut. */
static int nkctl_ras_cmdline(char *buf, size_t len)
{
	int fd = open("/proc/cmdline", O_RDONLY | O_CLOEXEC);
	size_t n = 0;
	ssize_t got = 1;

	if (fd < 0)
		return -errno;
	while (n < len - 1 && (got = read(fd, buf + n, len - 1 - n)) > 0)
		n += (size_t)got;
	close(fd);
	if (got < 0)
		return -errno;
	buf[n] = 0;
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		buf[--n] = 0;
	return n ? 0 : -ENODATA;
}

struct nkctl_ras_files {
	const char *kernel, *initrd;
	char kernel_def[128], initrd_def[128];
	char cmdline[NKCTL_CMDLINE_MAX];
};

static int nkctl_ras_args(int argc, char **argv, struct nkctl_ras_files *f)
{
	struct utsname u;
	int i, no_initrd = 0, err;

	uname(&u);
	snprintf(f->kernel_def, sizeof(f->kernel_def), "/boot/vmlinuz-%s", u.release);
	snprintf(f->initrd_def, sizeof(f->initrd_def), "/boot/initrd.img-%s", u.release);
	f->kernel = f->kernel_def;
	f->initrd = access(f->initrd_def, F_OK) ? NULL : f->initrd_def;
	f->cmdline[0] = 0;
	for (i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--no-initrd")) {
			no_initrd = 1;
		} else if (i + 1 < argc && !strcmp(argv[i], "--kernel")) {
			f->kernel = argv[++i];
		} else if (i + 1 < argc && !strcmp(argv[i], "--initrd")) {
			f->initrd = argv[++i];
		} else if (i + 1 < argc && !strcmp(argv[i], "--append")) {
			if (strlen(argv[++i]) >= sizeof(f->cmdline))
				return nkctl_fail("ras arm: --append: longer than %u bytes",
						  NKCTL_CMDLINE_MAX - 1);
			strcpy(f->cmdline, argv[i]);
		} else {
			return nkctl_fail("ras arm: unexpected \"%s\"", argv[i]);
		}
	}
	if (no_initrd)
		f->initrd = NULL;
	if (!f->cmdline[0] && (err = nkctl_ras_cmdline(f->cmdline, sizeof(f->cmdline))))
		return nkctl_fail("/proc/cmdline: %s", strerror(-err));
	return 0;
}

static int nkctl_ras_arm(int argc, char **argv)
{
	struct nkctl_ras_files f;
	void *kernel = NULL, *initrd = NULL, *bp = NULL;
	size_t klen, ilen = 0, bplen;
	char error[NK_ERROR_LEN];
	int fd, err;

	if (nkctl_ras_args(argc, argv, &f))
		return 1;
	if ((err = nkctl_read_file(f.kernel, &kernel, &klen, NKCTL_RAS_FILE_MAX)))
		return nkctl_fail("ras arm: %s: %s", f.kernel, strerror(-err));
	if (f.initrd && (err = nkctl_read_file(f.initrd, &initrd, &ilen,
					       NKCTL_RAS_FILE_MAX))) {
		free(kernel);
		return nkctl_fail("ras arm: %s: %s", f.initrd, strerror(-err));
	}
	err = nkctl_read_file(NKCTL_BOOT_PARAMS, &bp, &bplen, 4096);
	if (!err && bplen != 4096)
		err = -EINVAL;
	if (err) {
		free(kernel);
		free(initrd);
		return nkctl_fail("ras arm: %s: %s", NKCTL_BOOT_PARAMS, strerror(-err));
	}
	fd = nkctl_open();
	err = fd < 0 ? 0 : nk_ras_arm(fd, kernel, klen, initrd, ilen, f.cmdline, bp,
				      error, sizeof(error));
	free(kernel);
	free(initrd);
	free(bp);
	if (fd < 0)
		return 1;
	close(fd);
	if (err)
		return nkctl_fail("ras arm: %s%s(%s)", error, error[0] ? " " : "",
				  err == -ENODEV && !error[0] ? "the nanokernel is not loaded" :
				  strerror(-err));
	printf("ras: armed: %s (%zu bytes), %s (%zu bytes), \"%s\"\n", f.kernel, klen,
	       f.initrd ? f.initrd : "no initrd", ilen, f.cmdline);
	return 0;
}

static const char *nkctl_ras_kind(uint32_t kind)
{
	return kind == NK_RAS_PANIC ? "panic" : kind == NK_RAS_OOPS ? "oops" :
	       kind == NK_RAS_REBOOT ? "reboot" : kind == NK_RAS_HEARTBEAT ? "heartbeat" :
	       "unknown";
}

/* One line: SEQ, the host boot, kind, uptime, reason. */
static void nkctl_ras_line(const struct nk_ras_record *r)
{
	printf("%-4u boot %-3u %-6s up %8.3f s  %s%s%s\n", r->seq, r->host_boot,
	       nkctl_ras_kind(r->kind), (double)r->uptime_ns / 1e9,
	       r->oops[0] ? r->oops : "", r->oops[0] ? ": " : "", r->reason);
}

static int nkctl_ras_list(int fd)
{
	struct nk_ras_record *r = malloc(sizeof(*r));
	uint32_t newest, cleared, seq;
	int err, shown = 0;

	if (!r)
		return nkctl_fail("ras list: out of memory");
	err = nk_ras_read(fd, 0, NULL, 0, &newest, &cleared);
	if (err && err != -ENOENT && !(err == -EBADMSG && newest)) {
		free(r);
		return nkctl_fail("ras list: %s", err == -EBADMSG ?
				  "the RAS area's head is corrupt" : strerror(-err));
	}
	for (seq = newest; seq > cleared && newest - seq < NK_RAS_SLOTS; seq--, shown++) {
		err = nk_ras_read(fd, seq, r, sizeof(*r), NULL, NULL);
		if (!err)
			nkctl_ras_line(r);
		else
			printf("%-4u %s\n", seq, err == -EBADMSG ? "corrupt: not shown" :
			       strerror(-err));
	}
	if (!shown)
		printf("ras: no crash record (%u taken, %u cleared)\n", newest, cleared);
	free(r);
	return 0;
}

/* The whole record: what it says, the registers, the stack, the log. */
static void nkctl_ras_print(const struct nk_ras_record *r)
{
	const struct nk_ras_regs *g = &r->regs;
	uint32_t k;

	printf("record %u: host boot %u, %s, up %.3f s, release %s, taint 0x%x\n",
	       r->seq, r->host_boot, nkctl_ras_kind(r->kind), (double)r->uptime_ns / 1e9,
	       r->release, r->taint);
	printf("reason: %s\n", r->reason);
	if (r->oops[0])
		printf("oops: %s (trap %u, error 0x%x)\n", r->oops, g->trap, g->error);
	printf("registers (%s):\n", g->source == NK_RAS_REGS_DIE ? "the oops's" :
	       g->source == NK_RAS_REGS_PANIC ? "the panicking CPU's" :
	       g->source == NK_RAS_REGS_IRQ ? "what the panicking interrupt interrupted" :
	       g->source == NK_RAS_REGS_HEARTBEAT ? "where the host was, its heartbeat missed" :
	       "none");
	printf("  eax %08x ebx %08x ecx %08x edx %08x\n", g->eax, g->ebx, g->ecx, g->edx);
	printf("  esi %08x edi %08x ebp %08x esp %08x\n", g->esi, g->edi, g->ebp, g->esp);
	printf("  eip %08x eflags %08x cs %04x ss %04x ds %04x es %04x fs %04x gs %04x\n",
	       g->eip, g->eflags, g->cs, g->ss, g->ds, g->es, g->fs, g->gs);
	printf("  cr0 %08x cr2 %08x cr3 %08x cr4 %08x\n", g->cr0, g->cr2, g->cr3, g->cr4);
	printf("stack (%u words):", g->stack_words);
	for (k = 0; k < g->stack_words && k < NK_RAS_STACK_WORDS; k++)
		printf("%s%08x", k % 8 ? " " : "\n  ", g->stack[k]);
	printf("\nlog (%u bytes):\n", r->log_len);
	fwrite(r->log, 1, r->log_len, stdout);
	if (r->log_len && r->log[r->log_len - 1] != '\n')
		printf("\n");
}

static int nkctl_ras_show(int fd, int argc, char **argv)
{
	struct nk_ras_record *r = malloc(sizeof(*r));
	uint32_t seq = 0;
	int err;

	if (!r)
		return nkctl_fail("ras show: out of memory");
	if (argc > 2 && nkctl_number(argv[2], &seq)) {
		free(r);
		return nkctl_fail("ras show: \"%s\" is not a record number", argv[2]);
	}
	err = nk_ras_read(fd, seq, r, sizeof(*r), NULL, NULL);
	if (!err)
		nkctl_ras_print(r);
	free(r);
	if (err == -EBADMSG)
		return nkctl_fail("ras show: record %u is corrupt: not shown", seq);
	if (err == -ENOENT)
		return nkctl_fail("ras show: no record %u kept", seq);
	return err ? nkctl_fail("ras show: %s", strerror(-err)) : 0;
}

int nkctl_ras(int argc, char **argv)
{
	int fd, rc, n;

	if (argc >= 2 && !strcmp(argv[1], "arm"))
		return nkctl_ras_arm(argc, argv);
	if (argc < 2 || (strcmp(argv[1], "list") && strcmp(argv[1], "show") &&
			 strcmp(argv[1], "clear"))) {
		nkctl_fail("ras: say arm, list, show [N] or clear");
		return 2;
	}
	fd = nkctl_open();
	if (fd < 0)
		return 1;
	if (!strcmp(argv[1], "list")) {
		rc = nkctl_ras_list(fd);
	} else if (!strcmp(argv[1], "show")) {
		rc = nkctl_ras_show(fd, argc, argv);
	} else {
		n = nk_ras_clear(fd);
		rc = n < 0 ? nkctl_fail("ras clear: %s", strerror(-n)) : 0;
		if (n >= 0)
			printf("ras: %d records cleared\n", n);
	}
	close(fd);
	return rc;
}
