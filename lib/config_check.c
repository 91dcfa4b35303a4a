// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * lib/config_check.c - check a binary system configuration.
 *
 * The same code runs in nkctl (to name the bad line of the file) and in the
 * loader (which cannot trust nkctl), so both refuse the same configurations
 * for the same reasons.  Only what can be known without the machine is
 * checked here; the host's own RAM is the loader's and nkctl's business.
 *
 * Addresses are 64-bit even on i386, so alignment is tested with masks: the
 * i386 kernel has no 64-bit division.
 */
#ifdef __KERNEL__
#include <linux/errno.h>
#include <linux/kernel.h>
#else
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#endif
#include <nk/config.h>
#include <nk/layout.h>

#define SZ_4K		0x1000ull
#define SZ_4M		0x400000ull
#define NK_RAM_MAX	0xc0000000ull	/* 3 GB: the nanokernel identity-maps */
#define NK_IO_END	0x10000u	/* ports are 0 .. 0xffff */
#define NK_IRQ_CASCADE	2u		/* the second PIC hangs on IRQ 2 */
#define NK_IRQ_MAX	15u

#define NK_NREGIONS	(3 + NK_MAX_PARTITIONS)

/* A region of the configuration, with what is needed to talk about it. */
struct nk_named_region {
	int section;
	int index;
	const struct nk_region *r;
};

static const char *const nk_section_names[] = {
	[NK_SEC_SYSTEM] = "system",
	[NK_SEC_NANOKERNEL] = "nanokernel",
	[NK_SEC_SHARED] = "shared",
	[NK_SEC_PARTITION] = "partition",
	[NK_SEC_DEVICE] = "device",
	[NK_SEC_RAS] = "ras",
};

const char *nk_config_section_name(int section)
{
	if (section < 0 || section > NK_SEC_RAS)
		return "?";
	return nk_section_names[section];
}

/* Fill *err and return -EINVAL, so that checks can "return nk_fail(...)". */
static int nk_fail(struct nk_config_error *err, int section, int index,
		   const char *field, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static int nk_fail(struct nk_config_error *err, int section, int index,
		   const char *field, const char *fmt, ...)
{
	va_list ap;

	err->section = section;
	err->index = index;
	err->field = field;
	va_start(ap, fmt);
	vsnprintf(err->reason, sizeof(err->reason), fmt, ap);
	va_end(ap);
	return -EINVAL;
}

static int nk_nonzero(const void *p, size_t n)
{
	const uint8_t *b = p;

	while (n--)
		if (*b++)
			return 1;
	return 0;
}

static unsigned long long nk_end(const struct nk_region *r)
{
	return (unsigned long long)(r->base + r->size - 1);
}

/* ---- [system] ---------------------------------------------------------- */

static int nk_check_header(const struct nk_config *c, struct nk_config_error *e)
{
	if (c->magic != NK_CONFIG_MAGIC)
		return nk_fail(e, NK_SEC_SYSTEM, -1, "signature",
			       "bad magic 0x%08x (not a nanokernel configuration)",
			       c->magic);
	if (c->revision != NK_CONFIG_REVISION)
		return nk_fail(e, NK_SEC_SYSTEM, -1, "revision",
			       "revision %u, this code speaks %u", c->revision,
			       NK_CONFIG_REVISION);
	if (c->size != sizeof(*c))
		return nk_fail(e, NK_SEC_SYSTEM, -1, "size",
			       "configuration of %u bytes, expected %u", c->size,
			       (unsigned int)sizeof(*c));
	if (c->flags || nk_nonzero(c->reserved, sizeof(c->reserved)))
		return nk_fail(e, NK_SEC_SYSTEM, -1, "reserved",
			       "flags and reserved fields must be zero");
	return 0;
}

static int nk_check_ram(const struct nk_config *c, struct nk_config_error *e)
{
	unsigned long long m = c->machine_ram, h = c->host_ram;

	if (!m || (m & (SZ_4M - 1)))
		return nk_fail(e, NK_SEC_SYSTEM, -1, "machine_ram",
			       "0x%llx is not a nonzero multiple of 4 MB", m);
	if (m > NK_RAM_MAX)
		return nk_fail(e, NK_SEC_SYSTEM, -1, "machine_ram",
			       "0x%llx is above 3 GB (the nanokernel identity-maps RAM)",
			       m);
	if (!h || (h & (SZ_4K - 1)))
		return nk_fail(e, NK_SEC_SYSTEM, -1, "host_ram",
			       "0x%llx is not a nonzero multiple of 4 KB", h);
	if (h > m)
		return nk_fail(e, NK_SEC_SYSTEM, -1, "host_ram",
			       "0x%llx is more than machine_ram (0x%llx)", h, m);
	return 0;
}

static int nk_check_counts(const struct nk_config *c, struct nk_config_error *e)
{
	if (c->npartitions > NK_MAX_PARTITIONS)
		return nk_fail(e, NK_SEC_PARTITION, -1, "name",
			       "%u partitions, at most %d are allowed",
			       c->npartitions, NK_MAX_PARTITIONS);
	if (c->ndevices > NK_MAX_DEVICES)
		return nk_fail(e, NK_SEC_DEVICE, -1, "name",
			       "%u devices, at most %d are allowed",
			       c->ndevices, NK_MAX_DEVICES);
	return 0;
}

/* Entries past the counts must be zero: garbage there is a caller's bug. */
static int nk_check_unused(const struct nk_config *c, struct nk_config_error *e)
{
	uint32_t i;

	for (i = c->npartitions; i < NK_MAX_PARTITIONS; i++)
		if (nk_nonzero(&c->partitions[i], sizeof(c->partitions[i])))
			return nk_fail(e, NK_SEC_PARTITION, (int)i, "reserved",
				       "unused partition entry %u is not zero", i);
	for (i = c->ndevices; i < NK_MAX_DEVICES; i++)
		if (nk_nonzero(&c->devices[i], sizeof(c->devices[i])))
			return nk_fail(e, NK_SEC_DEVICE, (int)i, "reserved",
				       "unused device entry %u is not zero", i);
	return 0;
}

/* ---- regions ------------------------------------------------------------ */

static int nk_check_nk_region(const struct nk_config *c,
			      struct nk_config_error *e)
{
	unsigned long long base = c->nanokernel.base, size = c->nanokernel.size;

	if (base & (NK_REGION_ALIGN - 1))
		return nk_fail(e, NK_SEC_NANOKERNEL, -1, "base",
			       "0x%llx is not 4 MB aligned", base);
	if ((size & (NK_REGION_ALIGN - 1)) || size < NK_REGION_MIN ||
	    size > NK_REGION_MAX)
		return nk_fail(e, NK_SEC_NANOKERNEL, -1, "size",
			       "0x%llx: must be a multiple of 4 MB from 0x%x to 0x%x",
			       size, NK_REGION_MIN, NK_REGION_MAX);
	return 0;
}

/*
 * The shared region, the RAS region and an RTOS partition are mapped with
 * 4 MB pages (the nanokernel's and the guests' page directories), anything
 * else with 4 KB pages.
 */
static int nk_check_page_region(const struct nk_config *c,
				const struct nk_named_region *n,
				struct nk_config_error *e)
{
	unsigned long long base = n->r->base, size = n->r->size;
	int big = n->section == NK_SEC_SHARED || n->section == NK_SEC_RAS ||
		  (n->section == NK_SEC_PARTITION &&
		   c->partitions[n->index].kind == NK_OS_RTOS);
	unsigned long long align = big ? NK_REGION_ALIGN : SZ_4K;
	const char *unit = big ? "4 MB" : "4 KB";

	if (!base || (base & (align - 1)))
		return nk_fail(e, n->section, n->index, "base",
			       "0x%llx is not a nonzero multiple of %s", base, unit);
	if (!size || (size & (align - 1)))
		return nk_fail(e, n->section, n->index, "size",
			       "0x%llx is not a nonzero multiple of %s", size, unit);
	return 0;
}

/* Inside the RAM the host leaves: [host_ram, machine_ram). */
static int nk_check_placement(const struct nk_config *c,
			      const struct nk_named_region *n,
			      struct nk_config_error *e)
{
	unsigned long long base = n->r->base, size = n->r->size;

	if (base + size < base)
		return nk_fail(e, n->section, n->index, "size",
			       "0x%llx at 0x%llx wraps around", size, base);
	if (base < c->host_ram)
		return nk_fail(e, n->section, n->index, "base",
			       "0x%08llx-0x%08llx overlaps host RAM (0x0-0x%08llx)",
			       base, nk_end(n->r),
			       (unsigned long long)c->host_ram - 1);
	if (base + size > c->machine_ram)
		return nk_fail(e, n->section, n->index,
			       base >= c->machine_ram ? "base" : "size",
			       "0x%08llx-0x%08llx is beyond the machine's RAM (%llu MiB)",
			       base, nk_end(n->r),
			       (unsigned long long)c->machine_ram >> 20);
	return 0;
}

static void nk_describe(const struct nk_config *c,
			const struct nk_named_region *n, char *buf, size_t len)
{
	if (n->section == NK_SEC_PARTITION)
		snprintf(buf, len, "partition %s", c->partitions[n->index].name);
	else if (n->section == NK_SEC_SHARED)
		snprintf(buf, len, "the shared region");
	else if (n->section == NK_SEC_RAS)
		snprintf(buf, len, "the RAS region");
	else
		snprintf(buf, len, "the nanokernel");
}

/* The later of two overlapping regions is the one reported. */
static int nk_check_overlaps(const struct nk_config *c,
			     const struct nk_named_region *rs, int n,
			     struct nk_config_error *e)
{
	char other[NK_NAME_LEN + 16];
	int i, j;

	for (i = 1; i < n; i++) {
		for (j = 0; j < i; j++) {
			const struct nk_region *a = rs[i].r, *b = rs[j].r;

			if (a->base >= b->base + b->size ||
			    b->base >= a->base + a->size)
				continue;
			nk_describe(c, &rs[j], other, sizeof(other));
			return nk_fail(e, rs[i].section, rs[i].index, "base",
				       "0x%08llx-0x%08llx overlaps %s (0x%08llx-0x%08llx)",
				       (unsigned long long)a->base, nk_end(a), other,
				       (unsigned long long)b->base, nk_end(b));
		}
	}
	return 0;
}

static int nk_check_regions(const struct nk_config *c, struct nk_config_error *e)
{
	struct nk_named_region rs[NK_NREGIONS];
	int i, n = 0, err;

	rs[n++] = (struct nk_named_region){ NK_SEC_NANOKERNEL, -1, &c->nanokernel };
	rs[n++] = (struct nk_named_region){ NK_SEC_SHARED, -1, &c->shared };
	for (i = 0; i < (int)c->npartitions; i++)
		rs[n++] = (struct nk_named_region){ NK_SEC_PARTITION, i,
						    &c->partitions[i].mem };
	if (c->ras.base || c->ras.size)	/* [ras] is optional */
		rs[n++] = (struct nk_named_region){ NK_SEC_RAS, -1, &c->ras };
	err = nk_check_nk_region(c, e);
	for (i = 1; i < n && !err; i++)
		err = nk_check_page_region(c, &rs[i], e);
	for (i = 0; i < n && !err; i++)
		err = nk_check_placement(c, &rs[i], e);
	if (!err)
		err = nk_check_overlaps(c, rs, n, e);
	return err;
}

/* [ras] on_reboot: a word of the text, 0 without the section;
 * heartbeat_ms: off, or in its range. */
static int nk_check_ras(const struct nk_config *c, struct nk_config_error *e)
{
	int present = c->ras.base || c->ras.size;

	if (present ? c->ras_on_reboot != NK_REBOOT_RESET &&
		      c->ras_on_reboot != NK_REBOOT_RESTART : c->ras_on_reboot != 0)
		return nk_fail(e, NK_SEC_RAS, -1, "on_reboot",
			       "%u: must be %s", c->ras_on_reboot, present ?
			       "1 (reset) or 2 (restart)" : "0 without a [ras] region");
	if (c->ras_heartbeat_ms && (!present || c->ras_heartbeat_ms < NK_HEARTBEAT_MIN_MS ||
				    c->ras_heartbeat_ms > NK_HEARTBEAT_MAX_MS))
		return nk_fail(e, NK_SEC_RAS, -1, "heartbeat_ms", "%u: must be %s",
			       c->ras_heartbeat_ms, present ? "0 (off) or 100 .. 60000" :
			       "0 without a [ras] region");
	return 0;
}

/* ---- names -------------------------------------------------------------- */

static int nk_check_name(const char *name, int section, int index,
			 struct nk_config_error *e)
{
	size_t len = strnlen(name, NK_NAME_LEN), i;

	if (!len)
		return nk_fail(e, section, index, "name", "the name is empty");
	if (section == NK_SEC_PARTITION && !strcmp(name, "host"))
		return nk_fail(e, section, index, "name",
			       "\"host\" is reserved: owner = host means the host");
	if (len == NK_NAME_LEN)
		return nk_fail(e, section, index, "name",
			       "the name is longer than %d characters",
			       NK_NAME_LEN - 1);
	for (i = 0; i < len; i++) {
		char ch = name[i];

		if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
		    ch == '_' || ch == '-')
			continue;
		return nk_fail(e, section, index, "name",
			       "\"%s\": only a-z, 0-9, _ and - are allowed", name);
	}
	return 0;
}

/* Both names are known to end within NK_NAME_LEN. */
static int nk_same_name(const char *a, const char *b)
{
	size_t len = strnlen(a, NK_NAME_LEN);

	return len == strnlen(b, NK_NAME_LEN) && !memcmp(a, b, len);
}

/* names: the first name of each entry, stride bytes apart. */
static int nk_check_names(const char *names, size_t stride, uint32_t n,
			  int section, struct nk_config_error *e)
{
	uint32_t i, j;
	int err;

	for (i = 0; i < n; i++) {
		const char *name = names + i * stride;

		err = nk_check_name(name, section, (int)i, e);
		if (err)
			return err;
		for (j = 0; j < i; j++)
			if (nk_same_name(name, names + j * stride))
				return nk_fail(e, section, (int)i, "name",
					       "\"%s\" is already the name of %s %u",
					       name, nk_config_section_name(section), j);
	}
	return 0;
}

/* ---- partitions and devices ---------------------------------------------- */

/* A CPU budget that leaves the host some of every period. */
static int nk_check_budget(const struct nk_partition *p, int i,
			   struct nk_config_error *e)
{
	if (p->budget_period_us < NK_PERIOD_MIN_US || p->budget_period_us > NK_PERIOD_MAX_US)
		return nk_fail(e, NK_SEC_PARTITION, i, "budget_period_us",
			       "%u: must be %u .. %u (1 ms .. 10 s)", p->budget_period_us,
			       NK_PERIOD_MIN_US, NK_PERIOD_MAX_US);
	if (p->budget_us < NK_BUDGET_MIN_US || p->budget_us > p->budget_period_us)
		return nk_fail(e, NK_SEC_PARTITION, i, "budget_us",
			       "%u: must be %u .. budget_period_us (%u)", p->budget_us,
			       NK_BUDGET_MIN_US, p->budget_period_us);
	if (p->on_overrun != NK_OVERRUN_THROTTLE && p->on_overrun != NK_OVERRUN_FAIL)
		return nk_fail(e, NK_SEC_PARTITION, i, "on_overrun",
			       "%u: must be throttle (%d) or fail (%d)", p->on_overrun,
			       NK_OVERRUN_THROTTLE, NK_OVERRUN_FAIL);
	return 0;
}

static int nk_check_partition(const struct nk_partition *p, int i,
			      struct nk_config_error *e)
{
	if (p->kind != NK_OS_RTOS && p->kind != NK_OS_LINUX)
		return nk_fail(e, NK_SEC_PARTITION, i, "kind",
			       "kind %u: must be rtos (%d) or linux (%d)", p->kind,
			       NK_OS_RTOS, NK_OS_LINUX);
	if (p->priority < NK_PRIO_HIGHEST || p->priority > NK_PRIO_LOWEST)
		return nk_fail(e, NK_SEC_PARTITION, i, "priority",
			       "%u: must be %u (highest) .. %u (lowest)",
			       p->priority, NK_PRIO_HIGHEST, NK_PRIO_LOWEST);
	/* The host cannot yield its idle time: an OS below it would never
	 * run, so an RTOS must be above it. */
	if (p->kind == NK_OS_RTOS && p->priority >= NK_PRIO_HOST)
		return nk_fail(e, NK_SEC_PARTITION, i, "priority",
			       "%u: an rtos partition runs above the host, whose "
			       "priority is %u: must be %u .. %u", p->priority,
			       NK_PRIO_HOST, NK_PRIO_HIGHEST, NK_PRIO_HOST - 1);
	if (p->reserved)
		return nk_fail(e, NK_SEC_PARTITION, i, "reserved",
			       "reserved fields must be zero");
	return nk_check_budget(p, i, e);
}

/* Any number: the parser checks the text's with this too (config.h). */
int nk_config_check_irq(uint64_t irq, int index, struct nk_config_error *err)
{
	if (irq == NK_IRQ_CASCADE)
		return nk_fail(err, NK_SEC_DEVICE, index, "irq",
			       "IRQ 2 is the cascade of the second PIC");
	if (irq < 1 || irq > NK_IRQ_MAX)
		return nk_fail(err, NK_SEC_DEVICE, index, "irq",
			       "IRQ %llu: must be 1 .. 15 (0 is the timer)",
			       (unsigned long long)irq);
	return 0;
}

static int nk_check_irq(uint32_t irq, int i, struct nk_config_error *e)
{
	if (irq == NK_NO_IRQ)
		return 0;
	return nk_config_check_irq(irq, i, e);
}

static int nk_check_device(const struct nk_config *c, int i,
			   struct nk_config_error *e)
{
	const struct nk_device *d = &c->devices[i];
	int err;

	if (d->owner > c->npartitions)
		return nk_fail(e, NK_SEC_DEVICE, i, "owner",
			       "owner %u, but there are %u partitions", d->owner,
			       c->npartitions);
	err = nk_check_irq(d->irq, i, e);
	if (err)
		return err;
	if (d->io_len && (uint32_t)d->io_base + d->io_len > NK_IO_END)
		return nk_fail(e, NK_SEC_DEVICE, i, "io",
			       "ports 0x%x+%u go past 0xffff", d->io_base,
			       d->io_len);
	if (!d->io_len && d->irq == NK_NO_IRQ)
		return nk_fail(e, NK_SEC_DEVICE, i, "io",
			       "a device needs io ports or an irq");
	if (nk_nonzero(d->reserved, sizeof(d->reserved)))
		return nk_fail(e, NK_SEC_DEVICE, i, "reserved",
			       "reserved fields must be zero");
	return 0;
}

/* Two devices must not share an IRQ or a port: the loader routes both. */
static int nk_check_device_pair(const struct nk_config *c, int i, int j,
				struct nk_config_error *e)
{
	const struct nk_device *a = &c->devices[i], *b = &c->devices[j];
	uint32_t a_end = (uint32_t)a->io_base + a->io_len;
	uint32_t b_end = (uint32_t)b->io_base + b->io_len;

	if (a->irq != NK_NO_IRQ && a->irq == b->irq)
		return nk_fail(e, NK_SEC_DEVICE, i, "irq",
			       "IRQ %u is already used by device %s", a->irq,
			       b->name);
	if (a->io_len && b->io_len && a->io_base < b_end && b->io_base < a_end)
		return nk_fail(e, NK_SEC_DEVICE, i, "io",
			       "ports 0x%x-0x%x overlap device %s (0x%x-0x%x)",
			       a->io_base, a_end - 1, b->name, b->io_base,
			       b_end - 1);
	return 0;
}

static int nk_check_devices(const struct nk_config *c, struct nk_config_error *e)
{
	int i, j, err;

	err = nk_check_names(c->devices[0].name, sizeof(c->devices[0]),
			     c->ndevices, NK_SEC_DEVICE, e);
	for (i = 0; i < (int)c->ndevices && !err; i++)
		err = nk_check_device(c, i, e);
	for (i = 1; i < (int)c->ndevices && !err; i++)
		for (j = 0; j < i && !err; j++)
			err = nk_check_device_pair(c, i, j, e);
	return err;
}

static int nk_check_partitions(const struct nk_config *c,
			       struct nk_config_error *e)
{
	int i, err;

	err = nk_check_names(c->partitions[0].name, sizeof(c->partitions[0]),
			     c->npartitions, NK_SEC_PARTITION, e);
	for (i = 0; i < (int)c->npartitions && !err; i++)
		err = nk_check_partition(&c->partitions[i], i, e);
	return err;
}

int nk_config_check(const struct nk_config *c, struct nk_config_error *err)
{
	int ret;

	err->section = NK_SEC_SYSTEM;
	err->index = -1;
	err->field = "";
	err->reason[0] = '\0';

	ret = nk_check_header(c, err);
	if (!ret)
		ret = nk_check_ram(c, err);
	if (!ret)
		ret = nk_check_counts(c, err);
	if (!ret)
		ret = nk_check_unused(c, err);
	if (!ret)
		ret = nk_check_partitions(c, err);
	if (!ret)
		ret = nk_check_regions(c, err);
	if (!ret)
		ret = nk_check_devices(c, err);
	if (!ret)
		ret = nk_check_ras(c, err);
	return ret;
}
