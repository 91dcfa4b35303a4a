// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * userland/config_parse.c - read the text configuration into struct
 * nk_config, remembering where each value came from.
 *
 * The format (configs/default.conf is the example): '#' starts a comment
 * anywhere, "[system]", "[nanokernel]", "[shared]", "[partition NAME]" and
 * "[device NAME]" open sections, "key = value" sets a field.  Numbers are
 * decimal or 0x hex, with an optional K, M or G (binary) suffix.  The file
 * is read as bytes, not as a C string: it is printable ASCII and tabs, with
 * LF or CR LF line ends, and bytes above 0x7f only in comments.
 *
 * The parser only checks syntax and what it alone knows (which fields
 * exist, duplicates, device owners by name); everything about the values is
 * left to nk_config_check(), the code the loader runs too.  Except one
 * thing: the binary form must say what the text says.  A number wider than
 * its field is "too large", never cut to fit, and an IRQ, whose field also
 * holds NK_NO_IRQ ("none"), is checked here with nk_config_check_irq().
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "config_parse.h"

#define NKCFG_LINE_MAX		512
#define NKCFG_FILE_MAX		(1 << 20)
#define NKCFG_SIGNATURE		"nanokernel-config"

/* How a field's value is read. */
enum nkcfg_kind {
	NKF_U32,
	NKF_U64,
	NKF_SIGNATURE,
	NKF_OS_KIND,
	NKF_OVERRUN,
	NKF_ON_REBOOT,
	NKF_OWNER,
	NKF_IO,
	NKF_IRQ,
	NKF_IMAGE,
};

struct nkcfg_field {
	int section;		/* enum nk_config_section */
	const char *name;	/* as written in the file */
	int kind;		/* enum nkcfg_kind */
	size_t off;		/* in the section's structure */
	int pos;		/* index into nkcfg.field_line[slot] */
	int required;
};

#define PART(m)	offsetof(struct nk_partition, m)
#define DEV(m)	offsetof(struct nk_device, m)
#define SYS(m)	offsetof(struct nk_config, m)
#define REG(m)	offsetof(struct nk_region, m)

static const struct nkcfg_field nkcfg_fields[] = {
	{ NK_SEC_SYSTEM, "signature", NKF_SIGNATURE, SYS(magic), 0, 1 },
	{ NK_SEC_SYSTEM, "revision", NKF_U32, SYS(revision), 1, 1 },
	{ NK_SEC_SYSTEM, "machine_ram", NKF_U64, SYS(machine_ram), 2, 1 },
	{ NK_SEC_SYSTEM, "host_ram", NKF_U64, SYS(host_ram), 3, 1 },
	{ NK_SEC_NANOKERNEL, "base", NKF_U64, REG(base), 0, 1 },
	{ NK_SEC_NANOKERNEL, "size", NKF_U64, REG(size), 1, 1 },
	{ NK_SEC_NANOKERNEL, "image", NKF_IMAGE, 0, 2, 0 },
	{ NK_SEC_SHARED, "base", NKF_U64, REG(base), 0, 1 },
	{ NK_SEC_SHARED, "size", NKF_U64, REG(size), 1, 1 },
	{ NK_SEC_PARTITION, "kind", NKF_OS_KIND, PART(kind), 0, 1 },
	{ NK_SEC_PARTITION, "priority", NKF_U32, PART(priority), 1, 1 },
	{ NK_SEC_PARTITION, "base", NKF_U64, PART(mem.base), 2, 1 },
	{ NK_SEC_PARTITION, "size", NKF_U64, PART(mem.size), 3, 1 },
	{ NK_SEC_PARTITION, "budget_us", NKF_U32, PART(budget_us), 4, 0 },
	{ NK_SEC_PARTITION, "budget_period_us", NKF_U32, PART(budget_period_us), 5, 0 },
	{ NK_SEC_PARTITION, "on_overrun", NKF_OVERRUN, PART(on_overrun), 6, 0 },
	{ NK_SEC_DEVICE, "owner", NKF_OWNER, DEV(owner), 0, 1 },
	{ NK_SEC_DEVICE, "io", NKF_IO, DEV(io_base), 1, 0 },
	{ NK_SEC_DEVICE, "irq", NKF_IRQ, DEV(irq), 2, 0 },
	{ NK_SEC_RAS, "base", NKF_U64, SYS(ras.base), 0, 1 },
	{ NK_SEC_RAS, "size", NKF_U64, SYS(ras.size), 1, 1 },
	{ NK_SEC_RAS, "on_reboot", NKF_ON_REBOOT, SYS(ras_on_reboot), 2, 0 },
	{ NK_SEC_RAS, "heartbeat_ms", NKF_U32, SYS(ras_heartbeat_ms), 3, 0 },
};
#define NKCFG_NFIELDS	(sizeof(nkcfg_fields) / sizeof(nkcfg_fields[0]))

/* Where the parser is. */
struct nkcfg_parser {
	struct nkcfg *c;
	char *msg;
	size_t msglen;
	int line;
	int section;		/* -1 before the first header */
	int index;		/* partition or device index, else -1 */
	int slot;
	char label[NKCFG_LINE_MAX + 3];	/* "[partition rtos]" */
};

static const struct nkcfg_field *nkcfg_find(int section, const char *name)
{
	size_t i;

	for (i = 0; i < NKCFG_NFIELDS; i++)
		if (nkcfg_fields[i].section == section &&
		    !strcmp(nkcfg_fields[i].name, name))
			return &nkcfg_fields[i];
	return NULL;
}

static int nkcfg_slot(int section, int index)
{
	switch (section) {
	case NK_SEC_PARTITION:
		return NKCFG_SLOT_PARTITION + index;
	case NK_SEC_DEVICE:
		return NKCFG_SLOT_DEVICE + index;
	case NK_SEC_RAS:
		return NKCFG_SLOT_RAS;
	default:
		return section;
	}
}

/* The structure a section's fields live in. */
static void *nkcfg_object(struct nkcfg *c, int section, int index)
{
	switch (section) {
	case NK_SEC_NANOKERNEL:
		return &c->cfg.nanokernel;
	case NK_SEC_SHARED:
		return &c->cfg.shared;
	case NK_SEC_PARTITION:
		return &c->cfg.partitions[index];
	case NK_SEC_DEVICE:
		return &c->cfg.devices[index];
	default:	/* [system], [ras]: fields of the configuration itself */
		return &c->cfg;
	}
}

static int nkcfg_fail(struct nkcfg_parser *p, int line, const char *field,
		      const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int nkcfg_fail(struct nkcfg_parser *p, int line, const char *field,
		      const char *fmt, ...)
{
	char reason[NKCFG_LINE_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	snprintf(p->msg, p->msglen, "%s:%d: %s %s: %s", p->c->path, line,
		 p->label, field, reason);
	return -EINVAL;
}

/* ---- values ------------------------------------------------------------- */

static int nkcfg_digit(char ch, int base)
{
	int d;

	if (ch >= '0' && ch <= '9')
		d = ch - '0';
	else if (ch >= 'a' && ch <= 'f')
		d = ch - 'a' + 10;
	else if (ch >= 'A' && ch <= 'F')
		d = ch - 'A' + 10;
	else
		return -1;
	return d < base ? d : -1;
}

static int nkcfg_shift(char suffix)
{
	switch (suffix) {
	case 'K': case 'k':
		return 10;
	case 'M': case 'm':
		return 20;
	case 'G': case 'g':
		return 30;
	default:
		return -1;
	}
}

/* Decimal or 0x hex, then K, M or G: 1024-based, as memory is counted. */
static int nkcfg_number(const char *s, uint64_t *out)
{
	int base = 10, shift = 0, d;
	uint64_t v = 0;
	const char *q;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	for (q = s; (d = nkcfg_digit(*q, base)) >= 0; q++) {
		if (v > (UINT64_MAX - (uint64_t)d) / (uint64_t)base)
			return -ERANGE;
		v = v * (uint64_t)base + (uint64_t)d;
	}
	if (q == s)
		return -EINVAL;
	if (*q) {
		shift = nkcfg_shift(*q++);
		if (shift < 0 || *q)
			return -EINVAL;
		if (v > (UINT64_MAX >> shift))
			return -ERANGE;
	}
	*out = v << shift;
	return 0;
}

static int nkcfg_number_field(struct nkcfg_parser *p, const char *field,
			      const char *val, uint64_t max, uint64_t *out)
{
	int err = nkcfg_number(val, out);

	if (err == -EINVAL)
		return nkcfg_fail(p, p->line, field, "bad number \"%s\" (decimal "
				  "or 0x hex, optional K, M or G)", val);
	if (err || *out > max)
		return nkcfg_fail(p, p->line, field, "%s is too large", val);
	return 0;
}

/* io = FIRST-LAST, or a single port. */
static int nkcfg_io(struct nkcfg_parser *p, struct nk_device *d,
		    const char *val)
{
	char first[NKCFG_LINE_MAX];
	const char *dash = strchr(val, '-');
	uint64_t lo, hi;
	size_t n = dash ? (size_t)(dash - val) : strlen(val);

	memcpy(first, val, n);
	first[n] = '\0';
	if (nkcfg_number(first, &lo) || (dash && nkcfg_number(dash + 1, &hi)))
		return nkcfg_fail(p, p->line, "io", "bad port range \"%s\" "
				  "(FIRST-LAST)", val);
	if (!dash)
		hi = lo;
	if (lo > hi || hi > 0xffff || hi - lo + 1 > 0xffff)
		return nkcfg_fail(p, p->line, "io", "bad port range \"%s\": "
				  "need FIRST <= LAST <= 0xffff and fewer than 65536 ports", val);
	d->io_base = (uint16_t)lo;
	d->io_len = (uint16_t)(hi - lo + 1);
	return 0;
}

/*
 * irq = none, or an ISA IRQ.  The binary field holds NK_NO_IRQ for none, so
 * a number is checked here in full, with the rule nk_config_check() applies:
 * 4294967295 is a bad IRQ, not a way to say none.
 */
static int nkcfg_irq(struct nkcfg_parser *p, struct nk_device *d,
		     const char *val)
{
	struct nk_config_error e;
	uint64_t v;
	int err;

	if (!strcmp(val, "none")) {
		d->irq = NK_NO_IRQ;
		return 0;
	}
	err = nkcfg_number_field(p, "irq", val, UINT64_MAX, &v);
	if (err)
		return err;
	if (nk_config_check_irq(v, p->index, &e))
		return nkcfg_fail(p, p->line, "irq", "%s", e.reason);
	d->irq = (uint32_t)v;
	return 0;
}

static int nkcfg_string(struct nkcfg_parser *p, const char *field,
			const char *val, char *dst, size_t size)
{
	if (strlen(val) >= size)
		return nkcfg_fail(p, p->line, field, "\"%s\" is longer than %zu "
				  "characters", val, size - 1);
	strcpy(dst, val);
	return 0;
}

static int nkcfg_words(struct nkcfg_parser *p, const struct nkcfg_field *f,
		       void *obj, const char *val)
{
	uint32_t *u32 = (uint32_t *)((char *)obj + f->off);

	switch (f->kind) {
	case NKF_SIGNATURE:
		if (strcmp(val, NKCFG_SIGNATURE))
			return nkcfg_fail(p, p->line, f->name, "\"%s\": not a "
					  "nanokernel configuration (want "
					  NKCFG_SIGNATURE ")", val);
		*u32 = NK_CONFIG_MAGIC;
		return 0;
	case NKF_OS_KIND:
		if (!strcmp(val, "rtos"))
			*u32 = NK_OS_RTOS;
		else if (!strcmp(val, "linux"))
			*u32 = NK_OS_LINUX;
		else
			return nkcfg_fail(p, p->line, f->name, "\"%s\": must "
					  "be rtos or linux", val);
		return 0;
	case NKF_OVERRUN:
		if (!strcmp(val, "throttle"))
			*u32 = NK_OVERRUN_THROTTLE;
		else if (!strcmp(val, "fail"))
			*u32 = NK_OVERRUN_FAIL;
		else
			return nkcfg_fail(p, p->line, f->name, "\"%s\": must "
					  "be throttle or fail", val);
		return 0;
	case NKF_ON_REBOOT:
		if (!strcmp(val, "reset"))
			*u32 = NK_REBOOT_RESET;
		else if (!strcmp(val, "restart"))
			*u32 = NK_REBOOT_RESTART;
		else
			return nkcfg_fail(p, p->line, f->name, "\"%s\": must "
					  "be reset or restart", val);
		return 0;
	case NKF_OWNER:
		return nkcfg_string(p, f->name, val, p->c->owner[p->index],
				    NK_NAME_LEN);
	default:
		return nkcfg_string(p, f->name, val, p->c->image,
				    sizeof(p->c->image));
	}
}

static int nkcfg_value(struct nkcfg_parser *p, const struct nkcfg_field *f,
		       const char *val)
{
	void *obj = nkcfg_object(p->c, p->section, p->index);
	uint64_t v;
	int err;

	switch (f->kind) {
	case NKF_IO:
		return nkcfg_io(p, obj, val);
	case NKF_IRQ:
		return nkcfg_irq(p, obj, val);
	case NKF_U32:
		err = nkcfg_number_field(p, f->name, val, UINT32_MAX, &v);
		if (!err)
			*(uint32_t *)((char *)obj + f->off) = (uint32_t)v;
		return err;
	case NKF_U64:
		err = nkcfg_number_field(p, f->name, val, UINT64_MAX, &v);
		if (!err)
			*(uint64_t *)((char *)obj + f->off) = v;
		return err;
	default:
		return nkcfg_words(p, f, obj, val);
	}
}

/* ---- lines -------------------------------------------------------------- */

static char *nkcfg_trim(char *s)
{
	char *end;

	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
		*--end = '\0';
	return s;
}

static int nkcfg_field_line(struct nkcfg_parser *p, char *line)
{
	char *eq = strchr(line, '='), *key, *val;
	const struct nkcfg_field *f;
	int *seen;

	if (!eq) {
		key = strtok(line, " \t");
		return nkcfg_fail(p, p->line, key, "missing '=' (key = value)");
	}
	*eq = '\0';
	key = nkcfg_trim(line);
	val = nkcfg_trim(eq + 1);
	if (!*key)
		return nkcfg_fail(p, p->line, "?", "missing field name before '='");
	if (p->section < 0)
		return nkcfg_fail(p, p->line, key, "field outside any section");
	f = nkcfg_find(p->section, key);
	if (!f)
		return nkcfg_fail(p, p->line, key, "unknown field");
	seen = &p->c->field_line[p->slot][f->pos];
	if (*seen)
		return nkcfg_fail(p, p->line, key, "duplicate field (first on "
				  "line %d)", *seen);
	*seen = p->line;
	if (!*val)
		return nkcfg_fail(p, p->line, key, "missing value");
	return nkcfg_value(p, f, val);
}

static int nkcfg_section_word(const char *word)
{
	static const char *const words[] = {
		"system", "nanokernel", "shared", "partition", "device", "ras",
	};
	int i;

	for (i = 0; i < (int)(sizeof(words) / sizeof(words[0])); i++)
		if (!strcmp(word, words[i]))
			return i;
	return -1;
}

/* A partition or device: the next free entry, named. */
static int nkcfg_new_entry(struct nkcfg_parser *p, const char *name)
{
	struct nk_config *cfg = &p->c->cfg;
	int part = p->section == NK_SEC_PARTITION;
	uint32_t *count = part ? &cfg->npartitions : &cfg->ndevices;
	uint32_t max = part ? NK_MAX_PARTITIONS : NK_MAX_DEVICES;
	char *dst;

	if (!*name)
		return nkcfg_fail(p, p->line, "name", "a %s needs a name",
				  part ? "partition" : "device");
	if (*count >= max)
		return nkcfg_fail(p, p->line, "name", "too many %ss (at most %u)",
				  part ? "partition" : "device", max);
	p->index = (int)(*count)++;
	if (part) {
		dst = cfg->partitions[p->index].name;
		cfg->partitions[p->index].budget_us = NK_BUDGET_DEFAULT_US;
		cfg->partitions[p->index].budget_period_us = NK_PERIOD_DEFAULT_US;
		cfg->partitions[p->index].on_overrun = NK_OVERRUN_THROTTLE;
	} else {
		dst = cfg->devices[p->index].name;
		cfg->devices[p->index].irq = NK_NO_IRQ;
	}
	return nkcfg_string(p, "name", name, dst, NK_NAME_LEN);
}

/* The slot of an earlier section with this header, or -1. */
static int nkcfg_earlier(const struct nkcfg *c, int section, const char *name)
{
	int i;

	if (section == NK_SEC_PARTITION) {
		for (i = 0; i < (int)c->cfg.npartitions; i++)
			if (!strcmp(c->cfg.partitions[i].name, name))
				return nkcfg_slot(section, i);
		return -1;
	}
	if (section == NK_SEC_DEVICE) {
		for (i = 0; i < (int)c->cfg.ndevices; i++)
			if (!strcmp(c->cfg.devices[i].name, name))
				return nkcfg_slot(section, i);
		return -1;
	}
	return c->header_line[nkcfg_slot(section, -1)] ? nkcfg_slot(section, -1) : -1;
}

/* [partition NAME] and [device NAME] are named; the others are not. */
static int nkcfg_named(int section)
{
	return section == NK_SEC_PARTITION || section == NK_SEC_DEVICE;
}

static int nkcfg_header(struct nkcfg_parser *p, char *line)
{
	char *end = strchr(line, ']'), *word, *name;
	int earlier, err = 0;

	snprintf(p->label, sizeof(p->label), "%s", line);
	if (!end || end[1])
		return nkcfg_fail(p, p->line, "section", "a header is [NAME] "
				  "or [partition|device NAME]");
	*end = '\0';
	snprintf(p->label, sizeof(p->label), "[%s]", nkcfg_trim(line + 1));
	word = strtok(line + 1, " \t");
	name = strtok(NULL, "");
	name = nkcfg_trim(name ? name : "");
	p->section = word ? nkcfg_section_word(word) : -1;
	p->index = -1;
	if (p->section < 0)
		return nkcfg_fail(p, p->line, "section", "unknown section");
	if (!nkcfg_named(p->section) && *name)
		return nkcfg_fail(p, p->line, "section", "[%s] takes no name",
				  word);
	earlier = nkcfg_earlier(p->c, p->section, name);
	if (earlier >= 0)
		return nkcfg_fail(p, p->line, "section", "duplicate section "
				  "(first on line %d)", p->c->header_line[earlier]);
	if (nkcfg_named(p->section))
		err = nkcfg_new_entry(p, name);
	if (err)
		return err;
	p->slot = nkcfg_slot(p->section, p->index);
	p->c->header_line[p->slot] = p->line;
	return 0;
}

/*
 * The bytes a line may hold: printable ASCII and tabs; a CR only as its last
 * byte (CR LF line ends); bytes above 0x7f only in a comment, which is not
 * read (so it may be UTF-8).  Anything else - a NUL above all, which would
 * end the text for every string function - means the file is not what its
 * author sees: refuse it rather than read part of it.
 */
static int nkcfg_bytes(struct nkcfg_parser *p, const char *s, size_t len)
{
	int comment = 0;
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];

		comment |= ch == '#';
		if ((ch >= 0x20 && ch < 0x7f) || ch == '\t' ||
		    (ch == '\r' && i + 1 == len) || (ch >= 0x80 && comment))
			continue;
		if (ch >= 0x80)
			return nkcfg_fail(p, p->line, "line", "byte 0x%02x at "
					  "column %zu outside a comment (bytes "
					  "above 0x7f only in comments)", ch, i + 1);
		return nkcfg_fail(p, p->line, "line", "byte 0x%02x at column %zu: "
				  "a control character (only tabs, and a CR "
				  "before the newline)", ch, i + 1);
	}
	return 0;
}

static int nkcfg_line_text(struct nkcfg_parser *p, const char *start,
			   size_t len)
{
	char buf[NKCFG_LINE_MAX], *hash, *line;
	int err = nkcfg_bytes(p, start, len);

	if (err)
		return err;
	if (len >= sizeof(buf))
		return nkcfg_fail(p, p->line, "line", "longer than %d characters",
				  NKCFG_LINE_MAX - 1);
	memcpy(buf, start, len);
	buf[len] = '\0';
	hash = strchr(buf, '#');
	if (hash)
		*hash = '\0';
	line = nkcfg_trim(buf);
	if (!*line)
		return 0;
	if (*line == '[')
		return nkcfg_header(p, line);
	return nkcfg_field_line(p, line);
}

/* ---- after the last line ------------------------------------------------ */

static int nkcfg_required(struct nkcfg_parser *p, int section, int index)
{
	int slot = nkcfg_slot(section, index);
	const struct nkcfg_field *f;
	size_t i;

	if (!p->c->header_line[slot]) {
		snprintf(p->label, sizeof(p->label), "[%s]",
			 nk_config_section_name(section));
		return nkcfg_fail(p, p->line, "section", "missing section");
	}
	for (i = 0; i < NKCFG_NFIELDS; i++) {
		f = &nkcfg_fields[i];
		if (f->section != section || !f->required ||
		    p->c->field_line[slot][f->pos])
			continue;
		return nkcfg_error(p->c, section, index, f->name, p->msg,
				   p->msglen, "missing field");
	}
	return 0;
}

/* Owners are names: partitions may come after their devices. */
static int nkcfg_owner(struct nkcfg *c, int i, char *msg, size_t msglen)
{
	const char *owner = c->owner[i];
	uint32_t k;

	if (!strcmp(owner, "host")) {
		c->cfg.devices[i].owner = NK_OWNER_HOST;
		return 0;
	}
	for (k = 0; k < c->cfg.npartitions; k++) {
		if (!strcmp(owner, c->cfg.partitions[k].name)) {
			c->cfg.devices[i].owner = k + 1;
			return 0;
		}
	}
	return nkcfg_error(c, NK_SEC_DEVICE, i, "owner", msg, msglen,
			   "no partition named \"%s\" (host or a partition's "
			   "name)", owner);
}

static int nkcfg_finish(struct nkcfg_parser *p)
{
	struct nkcfg *c = p->c;
	int i, err = 0;

	p->line = c->last_line;
	for (i = NK_SEC_SYSTEM; i <= NK_SEC_SHARED && !err; i++)
		err = nkcfg_required(p, i, -1);
	for (i = 0; i < (int)c->cfg.npartitions && !err; i++)
		err = nkcfg_required(p, NK_SEC_PARTITION, i);
	for (i = 0; i < (int)c->cfg.ndevices && !err; i++)
		err = nkcfg_required(p, NK_SEC_DEVICE, i);
	if (!err && c->header_line[NKCFG_SLOT_RAS]) {	/* optional */
		err = nkcfg_required(p, NK_SEC_RAS, -1);
		if (!c->cfg.ras_on_reboot)
			c->cfg.ras_on_reboot = NK_REBOOT_RESET;
	}
	for (i = 0; i < (int)c->cfg.ndevices && !err; i++)
		err = nkcfg_owner(c, i, p->msg, p->msglen);
	if (!err && !c->image[0])
		strcpy(c->image, NKCFG_DEFAULT_IMAGE);
	return err;
}

int nkcfg_parse(struct nkcfg *out, const char *path, const char *text,
		size_t len, char *msg, size_t msglen)
{
	struct nkcfg_parser p = {
		.c = out, .msg = msg, .msglen = msglen, .section = -1,
		.index = -1, .label = "[none]",
	};
	const char *nl;
	size_t pos, n;
	int err;

	memset(out, 0, sizeof(*out));
	snprintf(out->path, sizeof(out->path), "%s", path);
	out->cfg.size = sizeof(out->cfg);
	if (msglen)
		msg[0] = '\0';
	/* Lines by length, never by NUL: a NUL is a byte like any other here,
	 * and nkcfg_bytes() refuses it. */
	for (pos = 0; pos < len; pos += n + 1) {
		nl = memchr(text + pos, '\n', len - pos);
		n = nl ? (size_t)(nl - (text + pos)) : len - pos;
		p.line = ++out->last_line;
		err = nkcfg_line_text(&p, text + pos, n);
		if (err)
			return err;
	}
	if (!out->last_line)
		out->last_line = 1;
	return nkcfg_finish(&p);
}

/* ---- after parsing: line numbers for everyone else ---------------------- */

int nkcfg_line(const struct nkcfg *c, int section, int index,
	       const char *field)
{
	const struct nkcfg_field *f = nkcfg_find(section, field);
	int max = section == NK_SEC_PARTITION ? NK_MAX_PARTITIONS :
		  section == NK_SEC_DEVICE ? NK_MAX_DEVICES : 1;
	int slot;

	if (section < NK_SEC_SYSTEM || section > NK_SEC_RAS)
		return c->last_line;
	if (nkcfg_named(section) && (index < 0 || index >= max))
		return c->last_line;
	slot = nkcfg_slot(section, index);
	if (f && c->field_line[slot][f->pos])
		return c->field_line[slot][f->pos];
	if (c->header_line[slot])
		return c->header_line[slot];
	return c->last_line;
}

static void nkcfg_label(const struct nkcfg *c, int section, int index,
			char *buf, size_t len)
{
	const char *name = NULL;

	if (section == NK_SEC_PARTITION && index >= 0 &&
	    index < NK_MAX_PARTITIONS)
		name = c->cfg.partitions[index].name;
	else if (section == NK_SEC_DEVICE && index >= 0 &&
		 index < NK_MAX_DEVICES)
		name = c->cfg.devices[index].name;
	if (name)
		snprintf(buf, len, "[%s %.*s]", nk_config_section_name(section),
			 NK_NAME_LEN, name);
	else
		snprintf(buf, len, "[%s]", nk_config_section_name(section));
}

int nkcfg_error(const struct nkcfg *c, int section, int index,
		const char *field, char *msg, size_t msglen,
		const char *fmt, ...)
{
	char label[NK_NAME_LEN + 16], reason[NKCFG_LINE_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	nkcfg_label(c, section, index, label, sizeof(label));
	snprintf(msg, msglen, "%s:%d: %s %s: %s", c->path,
		 nkcfg_line(c, section, index, field), label, field, reason);
	return -EINVAL;
}

int nkcfg_check(const struct nkcfg *c, char *msg, size_t msglen)
{
	struct nk_config_error e;

	if (!nk_config_check(&c->cfg, &e))
		return 0;
	return nkcfg_error(c, e.section, e.index, e.field, msg, msglen, "%s",
			   e.reason);
}

/* The whole file, as bytes: *len counts them all, NULs included. */
static int nkcfg_read(const char *path, char **text, size_t *len, char *msg,
		      size_t msglen)
{
	FILE *f = fopen(path, "r");
	size_t n;
	int err = 0;

	*text = NULL;
	*len = 0;
	if (!f) {
		err = -errno;
		snprintf(msg, msglen, "%s: %s", path, strerror(errno));
		return err;
	}
	*text = malloc(NKCFG_FILE_MAX + 1);
	if (!*text) {
		err = -ENOMEM;
		snprintf(msg, msglen, "%s: %s", path, strerror(ENOMEM));
	} else {
		n = fread(*text, 1, NKCFG_FILE_MAX + 1, f);
		*len = n > NKCFG_FILE_MAX ? NKCFG_FILE_MAX : n;
		if (ferror(f) || n > NKCFG_FILE_MAX) {
			err = ferror(f) ? -EIO : -EFBIG;
			snprintf(msg, msglen, "%s: %s", path, strerror(-err));
		}
	}
	fclose(f);
	return err;
}

int nkcfg_parse_file(struct nkcfg *out, const char *path, char *msg,
		     size_t msglen)
{
	char *text;
	size_t len;
	int err;

	err = nkcfg_read(path, &text, &len, msg, msglen);
	if (err)
		return err;
	err = nkcfg_parse(out, path, text, len, msg, msglen);
	free(text);
	return err;
}

int nkcfg_load_file(struct nkcfg *out, const char *path, char *msg,
		    size_t msglen)
{
	int err = nkcfg_parse_file(out, path, msg, msglen);

	return err ? err : nkcfg_check(out, msg, msglen);
}
