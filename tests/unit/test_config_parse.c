// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * tests/unit/test_config_parse.c - the text configuration: the shipped
 * default parses to what it says, and every mistake is reported as
 * "FILE:LINE: [section] field: reason" on the line a person has to change.
 *
 * Most cases take BASE below (line numbers in the comments), change one
 * piece of text and expect an exact message prefix and words of the reason.
 */
#define _GNU_SOURCE	/* memmem() */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "config_parse.h"

#define MB	(1ull << 20)

static const char BASE[] =
	"# a test configuration\n"		/*  1 */
	"[system]\n"				/*  2 */
	"signature = nanokernel-config\n"	/*  3 */
	"revision = 1\n"			/*  4 */
	"machine_ram = 512M\n"			/*  5 */
	"host_ram = 256M  # the host's mem=\n"	/*  6 */
	"\n"					/*  7 */
	"[nanokernel]\n"			/*  8 */
	"base = 0x10000000\n"			/*  9 */
	"size = 4M\n"				/* 10 */
	"\n"					/* 11 */
	"[shared]\n"				/* 12 */
	"base = 0x10400000\n"			/* 13 */
	"size = 12M\n"				/* 14 */
	"\n"					/* 15 */
	"[partition rtos]\n"			/* 16 */
	"kind = rtos\n"				/* 17 */
	"priority = 1\n"			/* 18 */
	"base = 0x11000000\n"			/* 19 */
	"size = 16M\n"				/* 20 */
	"\n"					/* 21 */
	"[partition linux]\n"			/* 22 */
	"kind = linux\n"			/* 23 */
	"priority = 128\n"			/* 24 */
	"base = 0x12000000\n"			/* 25 */
	"size = 64M\n"				/* 26 */
	"\n"					/* 27 */
	"[device com2]\n"			/* 28 */
	"owner = rtos\n"			/* 29 */
	"io = 0x2f8-0x2ff\n"			/* 30 */
	"irq = 3\n";				/* 31 */

/* Appended to BASE: lines 32 .. 35. */
static const char COM1[] =
	"[device com1]\n"			/* 32 */
	"owner = host\n"			/* 33 */
	"io = 0x3f8-0x3ff\n"			/* 34 */
	"irq = 4\n";				/* 35 */

static struct nkcfg cfg;
static char msg[512];

/* BASE with the one occurrence of from replaced by to, then tail. */
static char *edit(const char *from, const char *to, const char *tail)
{
	size_t size = sizeof(BASE) + strlen(to) + strlen(tail);
	char *text = malloc(size), *at;

	assert_non_null(text);
	strcpy(text, BASE);
	if (from) {
		at = strstr(text, from);
		if (!at || strstr(at + 1, from))
			fail_msg("\"%s\" is not in BASE exactly once", from);
		memmove(at + strlen(to), at + strlen(from),
			strlen(at + strlen(from)) + 1);
		memcpy(at, to, strlen(to));
	}
	strcat(text, tail);
	return text;
}

/* Parse and check; 0 or the first error. */
static int parse(const char *text)
{
	int err = nkcfg_parse(&cfg, "t.conf", text, strlen(text), msg,
			      sizeof(msg));

	return err ? err : nkcfg_check(&cfg, msg, sizeof(msg));
}

static void expect_ok(const char *from, const char *to, const char *tail)
{
	char *text = edit(from, to, tail);

	if (parse(text))
		fail_msg("refused: %s", msg);
	free(text);
}

static void expect(const char *from, const char *to, const char *tail,
		   const char *prefix, const char *words)
{
	char *text = edit(from, to, tail);
	int err = parse(text);

	free(text);
	if (!err)
		fail_msg("accepted, but should say \"%s\"", words);
	assert_int_equal(err, -EINVAL);
	if (strncmp(msg, prefix, strlen(prefix)))
		fail_msg("message \"%s\" does not start \"%s\"", msg, prefix);
	if (!strstr(msg + strlen(prefix), words))
		fail_msg("message \"%s\" does not say \"%s\"", msg, words);
}

/*
 * The len bytes at bytes as a file, read, parsed and checked as nkctl does:
 * the expected prefix starts "t.conf", which stands for the file's name.
 */
static void expect_file(const char *bytes, size_t len, const char *prefix,
			const char *words)
{
	char path[] = "/tmp/test_config_parse.XXXXXX", want[512];
	int fd = mkstemp(path), err;
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;

	assert_non_null(f);
	assert_int_equal(fwrite(bytes, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	err = nkcfg_load_file(&cfg, path, msg, sizeof(msg));
	unlink(path);
	if (!prefix) {
		if (err)
			fail_msg("refused: %s", msg);
		return;
	}
	if (!err)
		fail_msg("accepted, but should say \"%s\"", words);
	assert_int_equal(err, -EINVAL);
	snprintf(want, sizeof(want), "%s%s", path, prefix + strlen("t.conf"));
	if (strncmp(msg, want, strlen(want)))
		fail_msg("message \"%s\" does not start \"%s\"", msg, want);
	if (!strstr(msg + strlen(want), words))
		fail_msg("message \"%s\" does not say \"%s\"", msg, words);
}

/* BASE with from replaced by the n bytes at to (which may hold NULs). */
static void expect_bytes(const char *from, const char *to, size_t n,
			 const char *prefix, const char *words)
{
	char buf[sizeof(BASE) + 64];
	const char *at = strstr(BASE, from);
	size_t head;

	if (!at || strstr(at + 1, from))
		fail_msg("\"%s\" is not in BASE exactly once", from);
	head = (size_t)(at - BASE);
	assert_true(sizeof(BASE) - strlen(from) + n <= sizeof(buf));
	memcpy(buf, BASE, head);
	memcpy(buf + head, to, n);
	strcpy(buf + head + n, at + strlen(from));
	expect_file(buf, head + n + strlen(at + strlen(from)), prefix, words);
}

/* A string literal and its length, NULs inside included. */
#define BYTES(s)	s, sizeof(s) - 1

#define CONTROL	"a control character (only tabs, and a CR before the newline)"
#define HIGH	"outside a comment (bytes above 0x7f only in comments)"

/* ---- good files -------------------------------------------------------- */

static void test_default_conf(void **state)
{
	const char *top = getenv("NK_TOP");
	char path[512];
	const struct nk_config *c = &cfg.cfg;

	(void)state;
	snprintf(path, sizeof(path), "%s%sconfigs/default.conf",
		 top ? top : "", top ? "/" : "");
	if (nkcfg_load_file(&cfg, path, msg, sizeof(msg)))
		fail_msg("%s", msg);
	assert_int_equal(c->magic, NK_CONFIG_MAGIC);
	assert_int_equal(c->revision, 1);
	assert_int_equal(c->size, sizeof(*c));
	assert_true(c->machine_ram == 512 * MB);
	assert_true(c->host_ram == 256 * MB);
	assert_true(c->nanokernel.base == 0x10000000 && c->nanokernel.size == 4 * MB);
	assert_true(c->shared.base == 0x10400000 && c->shared.size == 12 * MB);
	assert_int_equal(c->npartitions, 2);
	assert_string_equal(c->partitions[0].name, "rtos");
	assert_int_equal(c->partitions[0].kind, NK_OS_RTOS);
	assert_int_equal(c->partitions[0].priority, 1);
	assert_true(c->partitions[0].mem.base == 0x11000000);
	assert_true(c->partitions[0].mem.size == 16 * MB);
	assert_string_equal(c->partitions[1].name, "linux");
	assert_int_equal(c->partitions[1].kind, NK_OS_LINUX);
	assert_int_equal(c->partitions[1].priority, 128);
	assert_true(c->partitions[1].mem.size == 64 * MB);
	/* no budget fields: the defaults, 950 ms a second, throttled */
	assert_int_equal(c->partitions[0].budget_us, NK_BUDGET_DEFAULT_US);
	assert_int_equal(c->partitions[0].budget_period_us, NK_PERIOD_DEFAULT_US);
	assert_int_equal(c->partitions[1].on_overrun, NK_OVERRUN_THROTTLE);
	assert_int_equal(c->ndevices, 1);
	assert_string_equal(c->devices[0].name, "com2");
	assert_int_equal(c->devices[0].owner, 1);
	assert_int_equal(c->devices[0].io_base, 0x2f8);
	assert_int_equal(c->devices[0].io_len, 8);
	assert_int_equal(c->devices[0].irq, 3);
	assert_string_equal(cfg.image, "/lib/firmware/nanokernel.bin");
	assert_string_equal(cfg.path, path);
}

static void test_base_parses(void **state)
{
	(void)state;
	expect_ok(NULL, "", "");
	assert_string_equal(cfg.image, NKCFG_DEFAULT_IMAGE);
	assert_int_equal(nkcfg_line(&cfg, NK_SEC_SYSTEM, -1, "host_ram"), 6);
	assert_int_equal(nkcfg_line(&cfg, NK_SEC_PARTITION, 1, "base"), 25);
	assert_int_equal(nkcfg_line(&cfg, NK_SEC_PARTITION, 1, "name"), 22);
	assert_int_equal(nkcfg_line(&cfg, NK_SEC_DEVICE, 0, "irq"), 31);
	expect_ok(NULL, "", COM1);
	assert_int_equal(cfg.cfg.ndevices, 2);
	assert_int_equal(cfg.cfg.devices[1].owner, NK_OWNER_HOST);
}

static void test_number_forms(void **state)
{
	(void)state;
	expect_ok("size = 12M", "size = 12288K", "");
	assert_true(cfg.cfg.shared.size == 12 * MB);
	expect_ok("size = 12M", "size = 0xC00000", "");
	assert_true(cfg.cfg.shared.size == 12 * MB);
	expect_ok("size = 12M", "size = 12582912", "");
	assert_true(cfg.cfg.shared.size == 12 * MB);
	expect_ok("machine_ram = 512M", "machine_ram = 1G", "");
	assert_true(cfg.cfg.machine_ram == 1024 * MB);
	expect_ok("size = 12M", "size = 12m", "");
	assert_true(cfg.cfg.shared.size == 12 * MB);
	expect("size = 12M", "size = 0x104000_0", "", "t.conf:14: [shared] size: ",
	       "bad number");
}

static void test_layout_freedom(void **state)
{
	(void)state;
	/* Comments anywhere, tabs, no spaces around '=', no final newline. */
	expect_ok("priority = 128\n", "\tpriority=128\t# same as the host\n", "");
	expect_ok("irq = 3\n", "irq = 3", "");
	expect_ok("[shared]\n", "  [ shared ]   # the shared region\n", "");
	/* A device before the partition that owns it. */
	expect_ok("[device com2]\nowner = rtos\nio = 0x2f8-0x2ff\nirq = 3\n", "",
		  "[device com2]\nowner = late\nirq = 3\n[partition late]\n"
		  "kind = rtos\npriority = 5\nbase = 0x16000000\nsize = 4M\n");
	assert_int_equal(cfg.cfg.devices[0].owner, 3);
}

static void test_image_field(void **state)
{
	(void)state;
	expect_ok("size = 4M\n", "size = 4M\nimage = /tmp/nk.bin\n", "");
	assert_string_equal(cfg.image, "/tmp/nk.bin");
}

static void test_missing_file(void **state)
{
	(void)state;
	assert_int_equal(nkcfg_load_file(&cfg, "/nonexistent/x.conf", msg,
					 sizeof(msg)), -ENOENT);
	assert_string_equal(msg, "/nonexistent/x.conf: No such file or directory");
}

/* ---- syntax ------------------------------------------------------------- */

/*
 * A NUL is not the end of the file: a file that is good up to a NUL, with
 * a mistake after it, was read up to the NUL and accepted.
 */
static void test_nul_byte(void **state)
{
	(void)state;
	expect_bytes("[device com2]\nowner = rtos\nio = 0x2f8-0x2ff\nirq = 3\n",
		     BYTES("\0[device com2]\nowner = rtos\nio = 0x2f8-0x2ff\n"
			   "irq = three\n"),
		     "t.conf:28: [partition linux] line: ",
		     "byte 0x00 at column 1: " CONTROL);
	expect_bytes("base = 0x12000000", BYTES("base = 0x12\0" "000000"),
		     "t.conf:25: [partition linux] line: ",
		     "byte 0x00 at column 12: " CONTROL);
	expect_bytes("the host's mem=", BYTES("the host's\0 mem="),
		     "t.conf:6: [system] line: ", "byte 0x00 at column 30: ");
	expect_bytes("irq = 3\n", BYTES("irq = 3\n\0"),
		     "t.conf:32: [device com2] line: ", "byte 0x00 at column 1: ");
}

static void test_control_bytes(void **state)
{
	(void)state;
	expect_bytes("size = 4M", BYTES("size = 4M\x1b"),
		     "t.conf:10: [nanokernel] line: ",
		     "byte 0x1b at column 10: " CONTROL);
	expect_bytes("kind = rtos", BYTES("kind = rt\x7fos"),
		     "t.conf:17: [partition rtos] line: ", "byte 0x7f at column 10: ");
	expect_bytes("size = 12M", BYTES("size = 12M\f"),
		     "t.conf:14: [shared] line: ", "byte 0x0c at column 11: ");
	/* A CR ends a line only right before its LF. */
	expect_bytes("size = 16M", BYTES("size = 16M\r\r"),
		     "t.conf:20: [partition rtos] line: ",
		     "byte 0x0d at column 11: " CONTROL);
	expect_bytes("priority = 1\n", BYTES("priority = 1\r # one\n"),
		     "t.conf:18: [partition rtos] line: ", "byte 0x0d at column 13: ");
	/* Tabs anywhere, CR LF line ends, and a CR at the very end. */
	expect_bytes("size = 4M\n", BYTES("size\t=\t4M\t\r\n"), NULL, NULL);
	expect_bytes("irq = 3\n", BYTES("irq = 3\r"), NULL, NULL);
}

static void test_crlf_file(void **state)
{
	char crlf[2 * sizeof(BASE)];
	size_t i, n = 0;

	(void)state;
	for (i = 0; BASE[i]; i++) {
		if (BASE[i] == '\n')
			crlf[n++] = '\r';
		crlf[n++] = BASE[i];
	}
	expect_file(crlf, n, NULL, NULL);
	assert_int_equal(cfg.cfg.devices[0].irq, 3);
	assert_int_equal(cfg.last_line, 31);
}

/* Bytes above 0x7f: a comment may have them (UTF-8, say), nothing else. */
static void test_high_bytes(void **state)
{
	(void)state;
	expect_bytes("# a test configuration",
		     BYTES("# \xc2\xb5ITRON, Gr\xc3\xb6\xc3\x9f" "e \xe9"),
		     NULL, NULL);
	expect_bytes("kind = rtos", BYTES("kind = rtos\xc2\xa0"),
		     "t.conf:17: [partition rtos] line: ",
		     "byte 0xc2 at column 12 " HIGH);
	expect_bytes("[partition linux]", BYTES("[partition l\xc3\xafnux]"),
		     "t.conf:22: [partition rtos] line: ", "byte 0xc3 at column 13 ");
	expect_bytes("owner = rtos", BYTES("owner = \xff"),
		     "t.conf:29: [device com2] line: ", "byte 0xff at column 9 " HIGH);
}

static void test_unknown_field(void **state)
{
	(void)state;
	expect("kind = rtos\n", "kind = rtos\ncolour = blue\n", "",
	       "t.conf:18: [partition rtos] colour: ", "unknown field");
	expect("revision = 1\n", "revision = 1\nbogus = 7\n", "",
	       "t.conf:5: [system] bogus: ", "unknown field");
	/* image belongs to [nanokernel] only. */
	expect("size = 12M\n", "size = 12M\nimage = x\n", "",
	       "t.conf:15: [shared] image: ", "unknown field");
}

static void test_unknown_section(void **state)
{
	(void)state;
	expect("[shared]", "[sharde]", "", "t.conf:12: [sharde] section: ",
	       "unknown section");
	expect("[shared]", "[shared", "", "t.conf:12: [shared section: ",
	       "a header is");
	expect("[shared]", "[shared x]", "", "t.conf:12: [shared x] section: ",
	       "takes no name");
	expect("[device com2]", "[device]", "", "t.conf:28: [device] name: ",
	       "needs a name");
}

static void test_duplicate_section(void **state)
{
	(void)state;
	expect("[partition linux]", "[partition rtos]", "",
	       "t.conf:22: [partition rtos] section: ",
	       "duplicate section (first on line 16)");
	expect(NULL, "", "[system]\n", "t.conf:32: [system] section: ",
	       "duplicate section (first on line 2)");
}

static void test_duplicate_field(void **state)
{
	(void)state;
	expect("revision = 1\n", "revision = 1\nrevision = 1\n", "",
	       "t.conf:5: [system] revision: ", "duplicate field (first on line 4)");
}

static void test_missing_equals(void **state)
{
	(void)state;
	expect("revision = 1", "revision 1", "", "t.conf:4: [system] revision: ",
	       "missing '='");
	expect("size = 64M", "size =", "", "t.conf:26: [partition linux] size: ",
	       "missing value");
}

static void test_outside_section(void **state)
{
	(void)state;
	expect("# a test configuration", "foo = 1", "",
	       "t.conf:1: [none] foo: ", "outside any section");
}

static void test_bad_number(void **state)
{
	(void)state;
	expect("irq = 3", "irq = three", "", "t.conf:31: [device com2] irq: ",
	       "bad number \"three\"");
	expect("size = 16M", "size = 16Q", "", "t.conf:20: [partition rtos] size: ",
	       "bad number");
	expect("size = 16M", "size = 16MB", "", "t.conf:20: [partition rtos] size: ",
	       "bad number");
	expect("base = 0x11000000", "base = 0x", "",
	       "t.conf:19: [partition rtos] base: ", "bad number");
	expect("base = 0x11000000", "base = -1", "",
	       "t.conf:19: [partition rtos] base: ", "bad number");
	expect("base = 0x11000000", "base = 99999999999999999999999", "",
	       "t.conf:19: [partition rtos] base: ", "too large");
	expect("base = 0x11000000", "base = 0x10000000000000000", "",
	       "t.conf:19: [partition rtos] base: ", "too large");
	expect("size = 16M", "size = 17179869184G", "",
	       "t.conf:20: [partition rtos] size: ", "too large");
	expect("revision = 1", "revision = 0x100000000", "",
	       "t.conf:4: [system] revision: ", "too large");
}

static void test_missing(void **state)
{
	(void)state;
	expect("priority = 1\n", "", "", "t.conf:16: [partition rtos] priority: ",
	       "missing field");
	expect("host_ram = 256M  # the host's mem=\n", "", "",
	       "t.conf:2: [system] host_ram: ", "missing field");
	expect("[device com2]\nowner = rtos\n", "[device com2]\n", "",
	       "t.conf:28: [device com2] owner: ", "missing field");
	expect("[shared]\nbase = 0x10400000\nsize = 12M\n", "", "",
	       "t.conf:28: [shared] section: ", "missing section");
	/* A device needs ports or an IRQ: the header is the line to fix. */
	expect("io = 0x2f8-0x2ff\nirq = 3\n", "", "",
	       "t.conf:28: [device com2] io: ", "io ports or an irq");
}

/* [ras]: optional, unnamed, its two fields required once it is there. */
static void test_ras_section(void **state)
{
	(void)state;
	expect_ok(NULL, "", "");
	assert_true(cfg.cfg.ras.base == 0 && cfg.cfg.ras.size == 0);
	assert_int_equal(cfg.cfg.ras_on_reboot, 0);
	expect_ok(NULL, "", "[ras]\nbase = 0x16000000\nsize = 32M\n");
	assert_true(cfg.cfg.ras.base == 0x16000000 && cfg.cfg.ras.size == 32 * MB);
	assert_int_equal(cfg.cfg.ras_on_reboot, NK_REBOOT_RESET);	/* the default */
	expect_ok(NULL, "", "[ras]\nbase = 0x16000000\nsize = 32M\non_reboot = restart\n");
	assert_int_equal(cfg.cfg.ras_on_reboot, NK_REBOOT_RESTART);
	assert_int_equal(cfg.cfg.ras_heartbeat_ms, 0);	/* not watched */
	expect_ok(NULL, "", "[ras]\nbase = 0x16000000\nsize = 32M\nheartbeat_ms = 5000\n");
	assert_int_equal(cfg.cfg.ras_heartbeat_ms, 5000);
	expect(NULL, "", "[ras]\nbase = 0x16000000\nsize = 32M\non_reboot = again\n",
	       "t.conf:35: [ras] on_reboot: ", "\"again\": must be reset or restart");
	assert_int_equal(nkcfg_line(&cfg, NK_SEC_RAS, -1, "size"), 34);
	expect(NULL, "", "[ras]\nbase = 0x16000000\n",
	       "t.conf:32: [ras] size: ", "missing field");
	expect(NULL, "", "[ras kept]\n", "t.conf:32: [ras kept] section: ",
	       "[ras] takes no name");
	expect(NULL, "", "[ras]\nbase = 0x16000000\nsize = 32M\n[ras]\n",
	       "t.conf:35: [ras] section: ", "duplicate section (first on line 32)");
	expect(NULL, "", "[ras]\nbase = 0x16100000\nsize = 32M\n",
	       "t.conf:33: [ras] base: ", "multiple of 4 MB");
}

static void test_bad_words(void **state)
{
	(void)state;
	expect("signature = nanokernel-config", "signature = jailhouse", "",
	       "t.conf:3: [system] signature: ", "not a nanokernel configuration");
	expect("kind = rtos", "kind = vxworks", "", "t.conf:17: [partition rtos] kind: ",
	       "must be rtos or linux");
	expect("kind = rtos", "kind = rtos\non_overrun = never", "",
	       "t.conf:18: [partition rtos] on_overrun: ", "\"never\": must be throttle or fail");
	expect("kind = rtos", "kind = rtos\nbudget_us = 10\nbudget_period_us = 2000", "",
	       "t.conf:18: [partition rtos] budget_us: ", "10: must be 100 .. budget_period_us (2000)");
	expect("kind = rtos", "kind = rtos\nbudget_period_us = 4294967296", "",
	       "t.conf:18: [partition rtos] budget_period_us: ", "too large");
	expect_ok("kind = rtos", "kind = rtos\nbudget_us = 2000\nbudget_period_us = 2000\n"
		  "on_overrun = fail", "");
	expect("owner = rtos", "owner = vxworks", "",
	       "t.conf:29: [device com2] owner: ", "no partition named \"vxworks\"");
	expect("io = 0x2f8-0x2ff", "io = 0x2ff-0x2f8", "",
	       "t.conf:30: [device com2] io: ", "bad port range");
	expect("io = 0x2f8-0x2ff", "io = 0xfff8-0x10007", "",
	       "t.conf:30: [device com2] io: ", "0xffff");
	expect("io = 0x2f8-0x2ff", "io = 0-0xffff", "",
	       "t.conf:30: [device com2] io: ", "fewer than 65536 ports");
	expect("io = 0x2f8-0x2ff", "io = 0x2f8-", "",
	       "t.conf:30: [device com2] io: ", "bad port range");
}

/* ---- values: nk_config_check() reported on the right line --------------- */

static void test_overlapping_partitions(void **state)
{
	(void)state;
	expect("base = 0x12000000", "base = 0x11800000", "",
	       "t.conf:25: [partition linux] base: ",
	       "overlaps partition rtos (0x11000000-0x11ffffff)");
	expect("base = 0x10400000", "base = 0x10000000", "",
	       "t.conf:13: [shared] base: ", "overlaps the nanokernel");
}

static void test_host_ram_regions(void **state)
{
	(void)state;
	expect("base = 0x11000000", "base = 0x0f000000", "",
	       "t.conf:19: [partition rtos] base: ", "overlaps host RAM");
	expect("base = 0x10000000", "base = 0x0c000000", "",
	       "t.conf:9: [nanokernel] base: ", "overlaps host RAM");
}

static void test_beyond_machine_ram(void **state)
{
	(void)state;
	expect("base = 0x12000000", "base = 0x1e000000", "",
	       "t.conf:26: [partition linux] size: ", "beyond the machine's RAM");
	expect("base = 0x12000000", "base = 0x30000000", "",
	       "t.conf:25: [partition linux] base: ", "beyond the machine's RAM");
}

static void test_alignment(void **state)
{
	(void)state;
	expect("base = 0x10000000", "base = 0x10100000", "",
	       "t.conf:9: [nanokernel] base: ", "not 4 MB aligned");
	expect("size = 4M", "size = 6M", "", "t.conf:10: [nanokernel] size: ",
	       "multiple of 4 MB");
	expect("size = 4M", "size = 32M", "", "t.conf:10: [nanokernel] size: ",
	       "multiple of 4 MB");
	/* The shared region and RTOS partitions: 4 MB pages; Linux: 4 KB. */
	expect("size = 12M", "size = 0x00c00800", "", "t.conf:14: [shared] size: ",
	       "multiple of 4 MB");
	expect("base = 0x11000000", "base = 0x11000200", "",
	       "t.conf:19: [partition rtos] base: ", "multiple of 4 MB");
	expect("base = 0x11000000", "base = 0x11100000", "",
	       "t.conf:19: [partition rtos] base: ", "multiple of 4 MB");
	expect("base = 0x12000000", "base = 0x12000200", "",
	       "t.conf:25: [partition linux] base: ", "multiple of 4 KB");
}

static void test_system_values(void **state)
{
	(void)state;
	expect("revision = 1", "revision = 2", "", "t.conf:4: [system] revision: ",
	       "revision 2");
	expect("host_ram = 256M", "host_ram = 1G", "",
	       "t.conf:6: [system] host_ram: ", "more than machine_ram");
	expect("machine_ram = 512M", "machine_ram = 4G", "",
	       "t.conf:5: [system] machine_ram: ", "above 3 GB");
	expect("machine_ram = 512M", "machine_ram = 510M", "",
	       "t.conf:5: [system] machine_ram: ", "multiple of 4 MB");
}

static void test_partition_values(void **state)
{
	(void)state;
	expect("priority = 1\n", "priority = 0\n", "",
	       "t.conf:18: [partition rtos] priority: ", "1 (highest) .. 255");
	expect("priority = 128", "priority = 256", "",
	       "t.conf:24: [partition linux] priority: ", "256");
}

static void test_irqs(void **state)
{
	(void)state;
	expect("irq = 3", "irq = 2", "", "t.conf:31: [device com2] irq: ",
	       "cascade");
	expect("irq = 3", "irq = 16", "", "t.conf:31: [device com2] irq: ",
	       "1 .. 15");
	expect("irq = 3", "irq = 0", "", "t.conf:31: [device com2] irq: ",
	       "1 .. 15");
	expect("irq = 3", "irq = 4", COM1, "t.conf:35: [device com1] irq: ",
	       "IRQ 4 is already used by device com2");
	expect_ok("irq = 3", "irq = none", "");
	assert_int_equal(cfg.cfg.devices[0].irq, NK_NO_IRQ);
	/* Leaving the field out says none too. */
	expect_ok("irq = 3\n", "", "");
	assert_int_equal(cfg.cfg.devices[0].irq, NK_NO_IRQ);
	expect("irq = 3", "irq = NONE", "", "t.conf:31: [device com2] irq: ",
	       "bad number \"NONE\"");
}

/* NK_NO_IRQ, the binary form of none, is not a number the text can give. */
static void test_irq_sentinel(void **state)
{
	(void)state;
	expect("irq = 3", "irq = 4294967295", "", "t.conf:31: [device com2] irq: ",
	       "IRQ 4294967295: must be 1 .. 15 (0 is the timer)");
	expect("irq = 3", "irq = 0xffffffff", "", "t.conf:31: [device com2] irq: ",
	       "IRQ 4294967295: must be 1 .. 15 (0 is the timer)");
	expect("irq = 3", "irq = 4294967294", "", "t.conf:31: [device com2] irq: ",
	       "IRQ 4294967294: must be 1 .. 15");
	/* Nor anything wider, which the 32-bit field would cut down to 3. */
	expect("irq = 3", "irq = 0x100000003", "", "t.conf:31: [device com2] irq: ",
	       "IRQ 4294967299: must be 1 .. 15");
	expect("irq = 3", "irq = 4G", "", "t.conf:31: [device com2] irq: ",
	       "IRQ 4294967296: must be 1 .. 15");
	expect("irq = 3", "irq = 99999999999999999999", "",
	       "t.conf:31: [device com2] irq: ", "99999999999999999999 is too large");
}

/*
 * Fields narrower than the numbers the syntax reads (which are 64 bits): a
 * number the field cannot hold is refused, never cut down to one it can.
 * 2^32 + 1 would be revision 1 or priority 1 in 32 bits.
 */
static void test_32bit_fields(void **state)
{
	(void)state;
	expect("revision = 1", "revision = 4294967297", "",
	       "t.conf:4: [system] revision: ", "4294967297 is too large");
	expect("priority = 1\n", "priority = 4294967297\n", "",
	       "t.conf:18: [partition rtos] priority: ", "4294967297 is too large");
	expect("priority = 128", "priority = 0x100000080", "",
	       "t.conf:24: [partition linux] priority: ", "0x100000080 is too large");
	expect("priority = 128", "priority = 4G", "",
	       "t.conf:24: [partition linux] priority: ", "4G is too large");
	expect_ok("priority = 128", "priority = 255", "");
	assert_int_equal(cfg.cfg.partitions[1].priority, 255);
}

/* Ports are 16 bits, and io_len 0 means no ports: 65 536 ports cannot be
 * said, and 0x102f8 is not 0x2f8. */
static void test_16bit_ports(void **state)
{
	(void)state;
	expect("io = 0x2f8-0x2ff", "io = 0x102f8-0x102ff", "",
	       "t.conf:30: [device com2] io: ", "bad port range \"0x102f8-0x102ff\": "
	       "need FIRST <= LAST <= 0xffff and fewer than 65536 ports");
	expect("io = 0x2f8-0x2ff", "io = 0x102f8", "",
	       "t.conf:30: [device com2] io: ", "<= 0xffff");
	expect("io = 0x2f8-0x2ff", "io = 64K", "", "t.conf:30: [device com2] io: ",
	       "<= 0xffff");
	expect("io = 0x2f8-0x2ff", "io = 0x2f8-0x100002ff", "",
	       "t.conf:30: [device com2] io: ", "<= 0xffff");
	expect("io = 0x2f8-0x2ff", "io = 0x0-0xffff", "",
	       "t.conf:30: [device com2] io: ", "fewer than 65536 ports");
	expect("io = 0x2f8-0x2ff", "io = 0x2f8-0x10000000000000000", "",
	       "t.conf:30: [device com2] io: ", "bad port range");
	expect_ok("io = 0x2f8-0x2ff", "io = 1-0xffff", "");
	assert_int_equal(cfg.cfg.devices[0].io_base, 1);
	assert_int_equal(cfg.cfg.devices[0].io_len, 0xffff);
	expect_ok("io = 0x2f8-0x2ff", "io = 0xffff", "");
	assert_int_equal(cfg.cfg.devices[0].io_base, 0xffff);
	assert_int_equal(cfg.cfg.devices[0].io_len, 1);
}

/* Bases and sizes are 64 bits: past that, with or without a suffix, a
 * number is too large; 2^64 is not 0. */
static void test_64bit_fields(void **state)
{
	(void)state;
	expect("size = 16M", "size = 18446744073709551616", "",
	       "t.conf:20: [partition rtos] size: ", "18446744073709551616 is too large");
	expect("size = 16M", "size = 0x10000000000400000", "",
	       "t.conf:20: [partition rtos] size: ", "too large");
	expect("base = 0x12000000", "base = 0x4000000000000000K", "",
	       "t.conf:25: [partition linux] base: ", "too large");
	expect("machine_ram = 512M", "machine_ram = 18014398509481984K", "",
	       "t.conf:5: [system] machine_ram: ", "too large");
	/* The largest number is read as it is, and judged as a value. */
	expect("size = 16M", "size = 18446744073709551615", "",
	       "t.conf:20: [partition rtos] size: ",
	       "0xffffffffffffffff is not a nonzero multiple of 4 MB");
}

/* Each fits, but base + size passes 2^64: not a region ending near 0. */
static void test_wrapping_regions(void **state)
{
	(void)state;
	expect("base = 0x10000000", "base = 0xffffffffffc00000", "",
	       "t.conf:10: [nanokernel] size: ",
	       "0x400000 at 0xffffffffffc00000 wraps around");
	expect("base = 0x10400000", "base = 0xffffffffff800000", "",
	       "t.conf:14: [shared] size: ", "0xc00000 at 0xffffffffff800000 wraps around");
	expect("base = 0x12000000", "base = 0xfffffffffffff000", "",
	       "t.conf:26: [partition linux] size: ",
	       "0x4000000 at 0xfffffffffffff000 wraps around");
}

static void test_io_overlap(void **state)
{
	(void)state;
	expect("io = 0x2f8-0x2ff", "io = 0x3f0-0x3f8", COM1,
	       "t.conf:34: [device com1] io: ", "overlap device com2 (0x3f0-0x3f8)");
}

static void test_names(void **state)
{
	(void)state;
	expect("[partition linux]", "[partition Linux]", "",
	       "t.conf:22: [partition Linux] name: ", "only a-z, 0-9, _ and -");
	expect("[device com2]", "[device com/2]", "",
	       "t.conf:28: [device com/2] name: ", "only a-z");
	expect("[partition linux]", "[partition averyveryverylongname]", "",
	       "t.conf:22: [partition averyveryverylongname] name: ",
	       "longer than 15");
	expect("[device com2]", "[device com1]", COM1,
	       "t.conf:32: [device com1] section: ", "duplicate section");
}

static void test_too_many(void **state)
{
	static const char more[] =
		"[partition p3]\nkind = rtos\npriority = 3\nbase = 0x16000000\nsize = 4M\n"
		"[partition p4]\nkind = rtos\npriority = 4\nbase = 0x16400000\nsize = 4M\n"
		"[partition p5]\nkind = rtos\npriority = 5\nbase = 0x16800000\nsize = 4M\n";
	char devices[1024] = "";
	int i;

	(void)state;
	expect(NULL, "", more, "t.conf:42: [partition p5] name: ",
	       "too many partitions (at most 4)");
	for (i = 0; i < 8; i++)
		snprintf(devices + strlen(devices), sizeof(devices) - strlen(devices),
			 "[device d%d]\nowner = host\nirq = %d\n", i, i + 4);
	expect(NULL, "", devices, "t.conf:53: [device d7] name: ",
	       "too many devices (at most 8)");
}

/* ---- the messages configuration.md shows ------------------------------ */

/* A file of the tree, whole: the tests run from its top, or NK_TOP names it. */
static char *tree_file(const char *rel, size_t *len)
{
	const char *top = getenv("NK_TOP");
	char path[512], *text;
	FILE *f;

	snprintf(path, sizeof(path), "%s%s%s", top ? top : "", top ? "/" : "", rel);
	f = fopen(path, "r");
	if (!f)
		fail_msg("%s: %s", path, strerror(errno));
	text = malloc(1 << 20);
	assert_non_null(text);
	*len = fread(text, 1, (1 << 20) - 1, f);
	assert_true(feof(f));
	text[*len] = '\0';
	fclose(f);
	return text;
}

/* In the n bytes at *text, the one occurrence of from becomes to_len bytes. */
static void replace(char **text, size_t *n, const char *from, const char *to,
		    size_t to_len)
{
	size_t flen = strlen(from);
	char *at = memmem(*text, *n, from, flen), *out;

	if (!at || memmem(at + 1, *n - (size_t)(at - *text) - 1, from, flen))
		fail_msg("\"%s\" is not in default.conf exactly once", from);
	out = malloc(*n - flen + to_len + 1);
	assert_non_null(out);
	memcpy(out, *text, (size_t)(at - *text));
	memcpy(out + (at - *text), to, to_len);
	memcpy(out + (at - *text) + to_len, at + flen, *n - (size_t)(at - *text) - flen);
	*n = *n - flen + to_len;
	out[*n] = '\0';
	free(*text);
	*text = out;
}

/* configs/default.conf with one or two changes and lines added at its end. */
struct doc_variant {
	const char *from, *to;
	size_t to_len;			/* 0: strlen(to) */
	const char *from2, *to2;
	const char *tail;
	const char *message;		/* exactly what the code says */
};

#define COM1_TAIL	"[device com1]\nowner = host\nio = 0x3f8-0x3ff\nirq = 4\n"

static const struct doc_variant doc_variants[] = {
	{ .from = "\n[device com2]", .to = "\n\0[device com2]", .to_len = 15,
	  .from2 = "irq = 3", .to2 = "irq = three", .message =
	  "default.conf:46: [partition linux] line: byte 0x00 at column 1: a control character (only tabs, and a CR before the newline)" },
	{ .from = "kind = rtos", .to = "kind = rtos\xc2\xa0", .message =
	  "default.conf:32: [partition rtos] line: byte 0xc2 at column 12 outside a comment (bytes above 0x7f only in comments)" },
	{ .from = "machine_ram = 512M", .to = "machine_ram = 512 M", .message =
	  "default.conf:19: [system] machine_ram: bad number \"512 M\" (decimal or 0x hex, optional K, M or G)" },
	{ .from = "revision = 1", .to = "revision = 2", .message =
	  "default.conf:18: [system] revision: revision 2, this code speaks 1" },
	{ .from = "signature = nanokernel-config", .to = "signature = foo", .message =
	  "default.conf:17: [system] signature: \"foo\": not a nanokernel configuration (want nanokernel-config)" },
	{ .from = "machine_ram = 512M", .to = "machine_ram = 4G", .message =
	  "default.conf:19: [system] machine_ram: 0x100000000 is above 3 GB (the nanokernel identity-maps RAM)" },
	{ .from = "host_ram = 256M", .to = "host_ram = 600M", .message =
	  "default.conf:20: [system] host_ram: 0x25800000 is more than machine_ram (0x20000000)" },
	{ .from = "base = 0x10000000", .to = "base = 0x10100000", .message =
	  "default.conf:23: [nanokernel] base: 0x10100000 is not 4 MB aligned" },
	{ .from = "size = 4M", .to = "size = 6M", .message =
	  "default.conf:24: [nanokernel] size: 0x600000: must be a multiple of 4 MB from 0x400000 to 0x1000000" },
	{ .from = "size = 12M", .to = "size = 0x1001", .message =
	  "default.conf:29: [shared] size: 0x1001 is not a nonzero multiple of 4 MB" },
	{ .from = "size = 4M", .to = "size = 8M", .message =
	  "default.conf:28: [shared] base: 0x10400000-0x10ffffff overlaps the nanokernel (0x10000000-0x107fffff)" },
	{ .from = "base = 0x12000000", .to = "base = 0x11800000", .message =
	  "default.conf:41: [partition linux] base: 0x11800000-0x157fffff overlaps partition rtos (0x11000000-0x11ffffff)" },
	{ .from = "base = 0x12000000", .to = "base = 0x1e000000", .message =
	  "default.conf:42: [partition linux] size: 0x1e000000-0x21ffffff is beyond the machine's RAM (512 MiB)" },
	{ .from = "kind = rtos", .to = "kind = vxworks", .message =
	  "default.conf:32: [partition rtos] kind: \"vxworks\": must be rtos or linux" },
	{ .from = "priority = 1\t", .to = "priority = 0\t", .message =
	  "default.conf:33: [partition rtos] priority: 0: must be 1 (highest) .. 255 (lowest)" },
	{ .from = "priority = 1\t", .to = "priority = 4294967297\t", .message =
	  "default.conf:33: [partition rtos] priority: 4294967297 is too large" },
	{ .from = "[partition rtos]", .to = "[partition RTOS]", .from2 = "owner = rtos",
	  .to2 = "owner = RTOS", .message =
	  "default.conf:31: [partition RTOS] name: \"RTOS\": only a-z, 0-9, _ and - are allowed" },
	{ .from = "priority = 128", .to = "", .message =
	  "default.conf:38: [partition linux] priority: missing field" },
	{ .from = "[partition linux]", .to = "[partition rtos]", .message =
	  "default.conf:38: [partition rtos] section: duplicate section (first on line 31)" },
	{ .from = "owner = rtos", .to = "owner = nobody", .message =
	  "default.conf:47: [device com2] owner: no partition named \"nobody\" (host or a partition's name)" },
	{ .from = "io = 0x2f8-0x2ff", .to = "io = 0x2ff-0x2f8", .message =
	  "default.conf:48: [device com2] io: bad port range \"0x2ff-0x2f8\": need FIRST <= LAST <= 0xffff and fewer than 65536 ports" },
	{ .from = "irq = 3", .to = "irq = 0", .message =
	  "default.conf:49: [device com2] irq: IRQ 0: must be 1 .. 15 (0 is the timer)" },
	{ .from = "irq = 3", .to = "irq = 4294967295", .message =
	  "default.conf:49: [device com2] irq: IRQ 4294967295: must be 1 .. 15 (0 is the timer)" },
	{ .from = "irq = 3", .to = "irq = 4", .tail = COM1_TAIL, .message =
	  "default.conf:63: [device com1] irq: IRQ 4 is already used by device com2" },
	{ .from = "size = 12M\n", .to = "size = 12M\nsize = 12M\n", .message =
	  "default.conf:30: [shared] size: duplicate field (first on line 29)" },
	{ .from = "io = 0x2f8-0x2ff", .to = "io 0x2f8-0x2ff", .message =
	  "default.conf:48: [device com2] io: missing '=' (key = value)" },
	{ .from = "\n[system]", .to = "\nfoo = 1\n[system]", .message =
	  "default.conf:16: [none] foo: field outside any section" },
	{ .from = "[system]", .to = "[sistem]", .message =
	  "default.conf:16: [sistem] section: unknown section" },
	{ .from = "[shared]", .to = "[shared x]", .message =
	  "default.conf:27: [shared x] section: [shared] takes no name" },
	{ .from = "[shared]\nbase = 0x10400000\t\t# owned by neither OS: survives "
	  "either's restart\nsize = 12M\n\n", .to = "", .message =
	  "default.conf:55: [shared] section: missing section" },
};

/* The page's examples, up to those of the host checks (nkctl's, not here). */
static int doc_examples(char *doc, const char *lines[], int max)
{
	char *line, *save;
	int n = 0;

	for (line = strtok_r(doc, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (!strncmp(line, "The host checks of", 18))
			break;
		if (!strncmp(line, "    default.conf:", 17)) {
			assert_true(n < max);
			lines[n++] = line + 4;
		}
	}
	return n;
}

/* The variant's text, malloc()ed; *n: its length. */
static char *variant_text(const struct doc_variant *v, const char *base,
			  size_t len, size_t *n)
{
	size_t tail = v->tail ? strlen(v->tail) : 0;
	char *text = malloc(len + 1);

	assert_non_null(text);
	memcpy(text, base, len + 1);
	*n = len;
	replace(&text, n, v->from, v->to, v->to_len ? v->to_len : strlen(v->to));
	if (v->from2)
		replace(&text, n, v->from2, v->to2, strlen(v->to2));
	text = realloc(text, *n + tail + 1);
	assert_non_null(text);
	memcpy(text + *n, v->tail ? v->tail : "", tail + 1);
	*n += tail;
	return text;
}

static void test_documented_messages(void **state)
{
	const size_t nv = sizeof(doc_variants) / sizeof(doc_variants[0]);
	const char *examples[64];
	size_t len, n, i;
	char *base = tree_file("configs/default.conf", &len), *doc, *text;
	int nex, k, err, wrong = 0;

	(void)state;
	doc = tree_file("Documentation/configuration.md", &n);
	nex = doc_examples(doc, examples, 64);
	for (i = 0; i < nv; i++) {
		text = variant_text(&doc_variants[i], base, len, &n);
		err = nkcfg_parse(&cfg, "default.conf", text, n, msg, sizeof(msg));
		if (!err)
			err = nkcfg_check(&cfg, msg, sizeof(msg));
		free(text);
		if (!err || strcmp(msg, doc_variants[i].message))
			wrong += fprintf(stderr, "variant %zu says \"%s\", not \"%s\"\n",
					 i, err ? msg : "ok", doc_variants[i].message) > 0;
		for (k = 0; k < nex && strcmp(examples[k], doc_variants[i].message); k++)
			;
		if (k == nex)
			wrong += fprintf(stderr, "configuration.md does not show "
					 "\"%s\"\n", doc_variants[i].message) > 0;
	}
	for (k = 0; k < nex; k++) {
		for (i = 0; i < nv && strcmp(examples[k], doc_variants[i].message); i++)
			;
		if (i == nv)
			wrong += fprintf(stderr, "configuration.md shows \"%s\", which "
					 "no variant here produces\n", examples[k]) > 0;
	}
	free(doc);
	free(base);
	if (wrong)
		fail_msg("%d wrong (above)", wrong);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_conf),
		cmocka_unit_test(test_base_parses),
		cmocka_unit_test(test_number_forms),
		cmocka_unit_test(test_layout_freedom),
		cmocka_unit_test(test_image_field),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_nul_byte),
		cmocka_unit_test(test_control_bytes),
		cmocka_unit_test(test_crlf_file),
		cmocka_unit_test(test_high_bytes),
		cmocka_unit_test(test_unknown_field),
		cmocka_unit_test(test_unknown_section),
		cmocka_unit_test(test_duplicate_section),
		cmocka_unit_test(test_duplicate_field),
		cmocka_unit_test(test_missing_equals),
		cmocka_unit_test(test_outside_section),
		cmocka_unit_test(test_bad_number),
		cmocka_unit_test(test_missing),
		cmocka_unit_test(test_ras_section),
		cmocka_unit_test(test_bad_words),
		cmocka_unit_test(test_overlapping_partitions),
		cmocka_unit_test(test_host_ram_regions),
		cmocka_unit_test(test_beyond_machine_ram),
		cmocka_unit_test(test_alignment),
		cmocka_unit_test(test_system_values),
		cmocka_unit_test(test_partition_values),
		cmocka_unit_test(test_irqs),
		cmocka_unit_test(test_irq_sentinel),
		cmocka_unit_test(test_32bit_fields),
		cmocka_unit_test(test_16bit_ports),
		cmocka_unit_test(test_64bit_fields),
		cmocka_unit_test(test_wrapping_regions),
		cmocka_unit_test(test_io_overlap),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_too_many),
		cmocka_unit_test(test_documented_messages),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
