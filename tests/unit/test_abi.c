// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * tests/unit/test_abi.c - Documentation/abi.md's table of ioctls says what
 * include/nk/ioctl.h defines.  For every row: the number, the direction,
 * the structure, its size and the command word an i386 caller builds; and
 * every NK_IOC_* of the header has a row.  A caller built from the document
 * gets ENOTTY if any of them is wrong.
 *
 * The tests run on x86_64, the ABI is i386's.  Both use asm-generic's
 * encoding of a command word (checked below), and a structure's size is
 * the same in both: each one's NK_CHECK_SIZE() is compiled here and in the
 * i386 builds that include ioctl.h (libnk and nkctl, the module), so
 * sizeof() here is the i386 size.  The test checks that every argument has
 * such an assertion.
 */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <nk/ioctl.h>

/* The i386 command word (arch/x86 uses include/uapi/asm-generic/ioctl.h). */
#define I386_NRSHIFT	0
#define I386_TYPESHIFT	8
#define I386_SIZESHIFT	16
#define I386_SIZEBITS	14
#define I386_DIRSHIFT	30
#define I386_WRITE	1u
#define I386_READ	2u

/* The build machine's macros decode with the same layout. */
NK_STATIC_ASSERT(_IOC_NRSHIFT == I386_NRSHIFT && _IOC_TYPESHIFT == I386_TYPESHIFT &&
		 _IOC_SIZESHIFT == I386_SIZESHIFT && _IOC_SIZEBITS == I386_SIZEBITS &&
		 _IOC_DIRSHIFT == I386_DIRSHIFT && _IOC_WRITE == I386_WRITE &&
		 _IOC_READ == I386_READ, "x86_64 encodes ioctls as i386 does");

static uint32_t i386_word(uint32_t dir, uint32_t type, uint32_t nr,
			  uint32_t size)
{
	return dir << I386_DIRSHIFT | size << I386_SIZESHIFT |
	       type << I386_TYPESHIFT | nr << I386_NRSHIFT;
}

/* Every command of ioctl.h; the test checks that none is missing here. */
#define CMD(name)	{ #name, name }
static const struct nk_cmd {
	const char *name;
	unsigned long word;
} cmds[] = {
	CMD(NK_IOC_LOAD), CMD(NK_IOC_UNLOAD), CMD(NK_IOC_STATUS),
	CMD(NK_IOC_GET_CONFIG), CMD(NK_IOC_PING), CMD(NK_IOC_FAULT_TEST),
	CMD(NK_IOC_STATS), CMD(NK_IOC_TEST_IDT_RELOAD),
	CMD(NK_IOC_TEST_SPURIOUS), CMD(NK_IOC_TEST_DELAY), CMD(NK_IOC_DETACH), CMD(NK_IOC_RAS_ARM), CMD(NK_IOC_RAS_READ), CMD(NK_IOC_RAS_CLEAR), CMD(NK_IOC_OS_START), CMD(NK_IOC_OS_RUN),
	CMD(NK_IOC_OS_STOP), CMD(NK_IOC_OS_LIST), CMD(NK_IOC_CONSOLE),
	CMD(NK_IOC_MQ_CREATE), CMD(NK_IOC_MQ_OPEN), CMD(NK_IOC_MQ_DESTROY),
	CMD(NK_IOC_MQ_SEND), CMD(NK_IOC_MQ_RECV), CMD(NK_IOC_MQ_WATCH),
	CMD(NK_IOC_EV_CREATE), CMD(NK_IOC_EV_OPEN), CMD(NK_IOC_EV_DESTROY),
	CMD(NK_IOC_EV_SET), CMD(NK_IOC_EV_CLEAR), CMD(NK_IOC_EV_WAIT),
	CMD(NK_IOC_SHM_CREATE), CMD(NK_IOC_SHM_OPEN), CMD(NK_IOC_SHM_CLOSE),
	CMD(NK_IOC_SHM_DESTROY), CMD(NK_IOC_PNVM_OPEN), CMD(NK_IOC_PNVM_BEGIN),
	CMD(NK_IOC_PNVM_COMMIT), CMD(NK_IOC_PNVM_FREE), CMD(NK_IOC_PNVM_CLOSE),
	CMD(NK_IOC_SVC_LIST),
	CMD(NK_IOC_TEST_SVC_CORRUPT),
};
#define NCMDS	(sizeof(cmds) / sizeof(cmds[0]))

/* What the header's text says of a command. */
struct nk_def {
	char name[64];
	char dir[8];		/* _IO, _IOR, _IOW, _IOWR */
	unsigned int nr;
	char arg[64];		/* "struct nk_load_args", or "" */
};

#define MAX_LINES	2048
#define LINE_LEN	1024

static char lines[MAX_LINES][LINE_LEN];

/* A file of the tree: the tests run from its top, or NK_TOP names it. */
static const char *tree_path(const char *rel)
{
	static char path[512];
	const char *top = getenv("NK_TOP");

	snprintf(path, sizeof(path), "%s%s%s", top ? top : "", top ? "/" : "", rel);
	return path;
}

/* The lines of a file of the tree, into lines[]. */
static int read_lines(const char *rel)
{
	const char *path = tree_path(rel);
	FILE *f = fopen(path, "r");
	int n = 0;

	if (!f)
		fail_msg("%s: %s", path, strerror(errno));
	for (; n < MAX_LINES && fgets(lines[n], LINE_LEN, f); n++) {
		if (!strchr(lines[n], '\n') && !feof(f))
			fail_msg("%s:%d: longer than %d characters", path, n + 1,
				 LINE_LEN - 2);
		lines[n][strcspn(lines[n], "\n")] = '\0';
	}
	if (!feof(f))
		fail_msg("%s: more than %d lines", path, MAX_LINES);
	fclose(f);
	return n;
}

static const struct nk_cmd *find_cmd(const char *name)
{
	size_t i;

	for (i = 0; i < NCMDS; i++)
		if (!strcmp(cmds[i].name, name))
			return &cmds[i];
	return NULL;
}

/* "#define NK_IOC_X _IOWR(NK_IOCTL_TYPE, 0x01, struct nk_x_args)" */
static int parse_define(const char *line, struct nk_def *d)
{
	char args[256] = "";
	int n;

	memset(d, 0, sizeof(*d));
	if (sscanf(line, "#define %63[A-Z0-9_]%n", d->name, &n) != 1 ||
	    strncmp(d->name, "NK_IOC_", 7) || line[n] == '(')
		return 0;
	if (sscanf(line + n, " %7[_IOWR](NK_IOCTL_TYPE, %x%255[^)])", d->dir, &d->nr,
		   args) < 2)
		fail_msg("ioctl.h: cannot read \"%s\"", line);
	if (args[0] == ',' && sscanf(args, ", %63[a-z0-9_ ]", d->arg) != 1)
		fail_msg("ioctl.h: cannot read the argument of \"%s\"", line);
	return 1;
}

static int read_defines(struct nk_def *defs, int max)
{
	int n = read_lines("include/nk/ioctl.h"), i, count = 0;

	for (i = 0; i < n; i++) {
		if (count == max)
			fail_msg("ioctl.h has more than %d commands", max);
		count += parse_define(lines[i], &defs[count]);
	}
	return count;
}

static const char *dir_name(unsigned long word)
{
	static const char *const names[] = { "_IO", "_IOW", "_IOR", "_IOWR" };

	return names[_IOC_DIR(word) & 3];
}

/* ---- the header ---------------------------------------------------------- */

/* ioctl.h's commands are the ones this test knows, as the text says. */
static void test_header(void **state)
{
	struct nk_def defs[64];
	const struct nk_cmd *c;
	int n = read_defines(defs, 64), i;

	size_t k;

	(void)state;
	for (k = 0; k < NCMDS; k++) {
		for (i = 0; i < n && strcmp(defs[i].name, cmds[k].name); i++)
			;
		if (i == n)
			fail_msg("%s is not a command of ioctl.h", cmds[k].name);
	}
	for (i = 0; i < n; i++) {
		c = find_cmd(defs[i].name);
		if (!c)
			fail_msg("%s is in ioctl.h but not in test_abi.c", defs[i].name);
		assert_string_equal(dir_name(c->word), defs[i].dir);
		assert_int_equal(_IOC_NR(c->word), defs[i].nr);
		assert_int_equal(_IOC_TYPE(c->word), NK_IOCTL_TYPE);
		assert_int_equal(!defs[i].arg[0], !_IOC_SIZE(c->word));
	}
}

/* A number is one command's. */
static void test_unique(void **state)
{
	size_t i, j;

	(void)state;
	for (i = 0; i < NCMDS; i++)
		for (j = 0; j < i; j++)
			if (_IOC_NR(cmds[i].word) == _IOC_NR(cmds[j].word))
				fail_msg("%s and %s are both number 0x%02x", cmds[i].name,
					 cmds[j].name, (unsigned int)_IOC_NR(cmds[i].word));
}

/* "NK_CHECK_SIZE(struct nk_x_args," in a header of include/nk/. */
static int size_asserted(const char *arg)
{
	char want[128], rel[300];
	struct dirent *e;
	DIR *dir = opendir(tree_path("include/nk"));
	int found = 0, n, i;

	if (!dir)
		fail_msg("%s: %s", tree_path("include/nk"), strerror(errno));
	snprintf(want, sizeof(want), "NK_CHECK_SIZE(%s,", arg);
	while (!found && (e = readdir(dir))) {
		if (!strstr(e->d_name, ".h") || e->d_name[0] == '.')
			continue;
		snprintf(rel, sizeof(rel), "include/nk/%s", e->d_name);
		n = read_lines(rel);
		for (i = 0; i < n && !found; i++)
			found = !strncmp(lines[i], want, strlen(want));
	}
	closedir(dir);
	return found;
}

/*
 * sizeof() here is the i386 size only if the size is asserted in the
 * headers, which the i386 builds compile too.  And a size must fit the
 * command word's 14 bits, or the word would say another size.
 */
static void test_sizes_asserted(void **state)
{
	struct nk_def defs[64];
	int n = read_defines(defs, 64), i;

	(void)state;
	for (i = 0; i < n; i++) {
		if (!defs[i].arg[0])
			continue;
		if (!size_asserted(defs[i].arg))
			fail_msg("%s: %s has no NK_CHECK_SIZE() in include/nk/: its "
				 "i386 size is not known", defs[i].name, defs[i].arg);
		assert_true(_IOC_SIZE(find_cmd(defs[i].name)->word) <
			    (1u << I386_SIZEBITS));
	}
}

/* ---- the document ------------------------------------------------------- */

/* "| `NK_IOC_LOAD` | 0x01 | `_IOWR` | `struct nk_load_args` | 200 | `0xc0c8b901` |"
 * into its cells, backquotes and spaces stripped. */
static int split_row(char *line, char cells[][64], int max)
{
	char *cell, *save, *s, *end;
	int n = 0;

	for (cell = strtok_r(line, "|", &save); cell && n < max;
	     cell = strtok_r(NULL, "|", &save)) {
		for (s = cell; *s == ' ' || *s == '`'; s++)
			;
		end = s + strlen(s);
		while (end > s && (end[-1] == ' ' || end[-1] == '`'))
			*--end = '\0';
		snprintf(cells[n++], 64, "%s", s);
	}
	return n;
}

static int row_problems;

static void row_problem(const char *name, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void row_problem(const char *name, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "abi.md, %s: ", name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	row_problems++;
}

/* One row against the header: every cell, each wrong one reported. */
static void check_row(char cells[][64], const struct nk_def *d)
{
	const struct nk_cmd *c = find_cmd(d->name);
	uint32_t size, dir, word;
	char want[64];

	if (!c) {	/* test_header says so too */
		row_problem(d->name, "not in test_abi.c's list of commands");
		return;
	}
	size = _IOC_SIZE(c->word);
	dir = _IOC_DIR(c->word);
	word = i386_word(dir, NK_IOCTL_TYPE, d->nr, size);
	snprintf(want, sizeof(want), "0x%02x", d->nr);
	if (strcmp(cells[1], want))
		row_problem(d->name, "nr is %s, ioctl.h says %s", cells[1], want);
	if (strcmp(cells[2], d->dir))
		row_problem(d->name, "direction is %s, ioctl.h says %s", cells[2], d->dir);
	if (strcmp(cells[3], d->arg[0] ? d->arg : "none"))
		row_problem(d->name, "argument is \"%s\", ioctl.h says \"%s\"", cells[3],
			    d->arg[0] ? d->arg : "none");
	snprintf(want, sizeof(want), "%u", size);
	if (strcmp(cells[4], size ? want : ""))
		row_problem(d->name, "size is \"%s\", the i386 size is \"%s\"", cells[4],
			    size ? want : "");
	snprintf(want, sizeof(want), "0x%08x", word);
	if (strcmp(cells[5], want))
		row_problem(d->name, "value is %s, the i386 command word is %s",
			    cells[5], want);
	if (word != (uint32_t)c->word)
		row_problem(d->name, "the i386 word 0x%08x is not the macro's 0x%08lx",
			    word, c->word);
}

/* The table of the section "Commands": its rows, by command. */
static void test_document(void **state)
{
	static const char header[] =
		"| command | nr | direction | argument | size | value |";
	struct nk_def defs[64];
	char cells[8][64], seen[64] = { 0 };
	int ndefs = read_defines(defs, 64), n = read_lines("Documentation/abi.md");
	int i, k, at = -1, rows = 0;

	(void)state;
	row_problems = 0;
	for (i = 0; i < n && at < 0; i++)
		if (!strcmp(lines[i], header))
			at = i + 2;	/* past the "| --- |" line */
	if (at < 0)
		fail_msg("abi.md has no line \"%s\"", header);
	for (i = at; i < n && lines[i][0] == '|'; i++, rows++) {
		if (split_row(lines[i], cells, 8) != 6) {
			row_problem(cells[0], "not 6 cells");
			continue;
		}
		for (k = 0; k < ndefs && strcmp(defs[k].name, cells[0]); k++)
			;
		if (k == ndefs) {
			row_problem(cells[0], "no such command in ioctl.h");
			continue;
		}
		if (seen[k]++)
			row_problem(cells[0], "a second row");
		check_row(cells, &defs[k]);
	}
	for (k = 0; k < ndefs; k++)
		if (!seen[k])
			row_problem(defs[k].name, "no row for this command of ioctl.h");
	if (row_problems)
		fail_msg("abi.md's table of %d rows: %d wrong (above)", rows,
			 row_problems);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header),
		cmocka_unit_test(test_unique),
		cmocka_unit_test(test_sizes_asserted),
		cmocka_unit_test(test_document),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
