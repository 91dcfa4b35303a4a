// SPDX-License-Identifier: GPL-2.0
/*
 * loader/ras.c - the host's death, from the host's side
 * (Documentation/ras.md).
 *
 * When Linux panics while a nanokernel is loaded, the loader's panic
 * notifier, the last one on the chain, copies what the dying kernel knows
 * into a crash record (include/nk/ras.h) in the staging area of the shared
 * region and makes its last call, NK_CALL_HOST_DOWN: from there the
 * nanokernel keeps the record and runs the guests alone.  The call does
 * not return, so nothing after the notifiers runs (kmsg_dump, the panic
 * timeout's reboot): the log is copied here, with the kmsg iterator.
 *
 * By then panic() has turned interrupts off and stopped the other CPUs,
 * switching the local APIC off on the way (the nanokernel turns it on
 * again).  This code only copies: no lock, no allocation, no sleeping, and
 * every read of the dying kernel's memory that could fault goes through
 * copy_from_kernel_nofault().
 *
 * An oops comes first through the die notifier, which only keeps the
 * registers of the failing context and the oops's words for the record;
 * with oops=panic (Documentation/boot-parameters.md) the panic follows.
 * Without it, a dying task is killed, the host goes on, and the kept
 * registers are used by nothing.  A reboot with [ras] on_reboot =
 * restart takes the same path, from the reboot notifier.
 *
 * While it lives, the host arms its restart (nkctl ras arm,
 * NK_IOC_RAS_ARM): its kernel, initrd, command line and the zero page of
 * the new boot are kept in the RAS region ([ras] in the configuration),
 * from which the nanokernel boots it again (nanokernel/host_boot.c).
 */
#include <linux/kernel.h>
#include <linux/kdebug.h>
#include <linux/kmsg_dump.h>
#include <linux/io.h>
#include <linux/notifier.h>
#include <linux/panic_notifier.h>
#include <linux/reboot.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>
#include <linux/workqueue.h>
#include <linux/utsname.h>
#include <asm/irq_regs.h>
#include <asm/kexec.h>
#include <asm/special_insns.h>
#include <nk/crc32.h>
#include <nk/ioctl.h>
#include <nk/ras.h>
#include <nk/svc.h>
#include "loader.h"

static struct nkl_loader *nkl_ras_ld;
/* The first oops's, until the panic (or for nothing, if none follows). */
static struct nk_ras_regs nkl_oops_regs;
static char nkl_oops_words[64];
static bool nkl_oopsed;

static void nkl_ras_regs(struct nk_ras_regs *r, const struct pt_regs *p)
{
	r->eax = p->ax;
	r->ebx = p->bx;
	r->ecx = p->cx;
	r->edx = p->dx;
	r->esi = p->si;
	r->edi = p->di;
	r->ebp = p->bp;
	r->esp = p->sp;
	r->eip = p->ip;
	r->eflags = p->flags;
	r->cs = p->cs & 0xffff;
	r->ss = p->ss & 0xffff;
	r->ds = p->ds & 0xffff;
	r->es = p->es & 0xffff;
	r->fs = p->fs & 0xffff;
	r->gs = p->gs & 0xffff;
	r->cr0 = read_cr0();
	r->cr2 = read_cr2();
	r->cr3 = __read_cr3();
	r->cr4 = __read_cr4();
	if (!copy_from_kernel_nofault(r->stack, (void *)p->sp, sizeof(r->stack)))
		r->stack_words = NK_RAS_STACK_WORDS;
}

static int nkl_ras_die(struct notifier_block *nb, unsigned long val, void *data)
{
	struct die_args *args = data;

	if (val != DIE_OOPS || nkl_oopsed || !args->regs)
		return NOTIFY_DONE;
	memset(&nkl_oops_regs, 0, sizeof(nkl_oops_regs));
	nkl_ras_regs(&nkl_oops_regs, args->regs);
	nkl_oops_regs.trap = args->trapnr;
	nkl_oops_regs.error = args->err;
	nkl_oops_regs.source = NK_RAS_REGS_DIE;
	strscpy(nkl_oops_words, args->str ? args->str : "", sizeof(nkl_oops_words));
	nkl_oopsed = true;
	return NOTIFY_DONE;
}

/* The record, in the staging area; returns its kind. */
static u32 nkl_ras_fill(struct nk_ras_record *rec, const char *msg)
{
	struct kmsg_dump_iter iter;
	struct pt_regs now;
	size_t len = 0, n;
	unsigned int t;

	memset(rec, 0, NK_RAS_FIXED);
	strscpy(rec->reason, msg ? msg : "", sizeof(rec->reason));
	n = strlen(rec->reason);
	while (n && rec->reason[n - 1] == '\n')
		rec->reason[--n] = 0;
	strscpy(rec->release, init_utsname()->release, sizeof(rec->release));
	rec->uptime_ns = ktime_get_boot_fast_ns();
	for (t = 0; t < TAINT_FLAGS_COUNT && t < 32; t++)
		if (test_taint(t))
			rec->taint |= 1u << t;
	kmsg_dump_rewind(&iter);
	if (kmsg_dump_get_buffer(&iter, false, rec->log, NK_RAS_LOG_MAX, &len))
		rec->log_len = len;
	if (nkl_oopsed) {
		rec->regs = nkl_oops_regs;
		strscpy(rec->oops, nkl_oops_words, sizeof(rec->oops));
		return NK_RAS_OOPS;
	}
	/* A panic in an interrupt handler (the soft-lockup watchdog's, say):
	 * what it interrupted is the failing context. */
	if (in_hardirq() && get_irq_regs()) {
		nkl_ras_regs(&rec->regs, get_irq_regs());
		rec->regs.source = NK_RAS_REGS_IRQ;
		return NK_RAS_PANIC;
	}
	crash_setup_regs(&now, NULL);
	nkl_ras_regs(&rec->regs, &now);
	rec->regs.source = NK_RAS_REGS_PANIC;
	return NK_RAS_PANIC;
}

static int nkl_ras_panic(struct notifier_block *nb, unsigned long val, void *msg)
{
	struct nkl_loader *ld = READ_ONCE(nkl_ras_ld);
	u32 kind;
	int err;

	/* With no guest to keep running, Linux's panic goes on as always. */
	if (!ld || !READ_ONCE(ld->loaded) || !nkl_guests_running(ld) ||
	    ld->cfg.shared.size < NK_SVC_MIN_SHARED)
		return NOTIFY_DONE;
	kind = nkl_ras_fill(ld->shared_va + NK_SVC_STAGE_OFF, msg);
	pr_emerg("nkloader: the host is dead; the nanokernel keeps its record "
		 "and runs the guests alone\n");
	err = nkl_loader_call(ld, NK_CALL_HOST_DOWN, kind);
	pr_emerg("nkloader: the nanokernel did not take the host's death: %d\n", err);
	return NOTIFY_DONE;
}

/*
 * A reboot (not a poweroff or a halt) while a guest is live, with
 * [ras] on_reboot = restart: the host alone is booted again, through the
 * path of its death, its record saying so.  First on the chain, before
 * the devices are shut down and before idt.c gives Linux its IDT back.
 */
static int nkl_ras_reboot(struct notifier_block *nb, unsigned long event, void *cmd)
{
	struct nkl_loader *ld = READ_ONCE(nkl_ras_ld);
	char why[64];

	if (event != SYS_RESTART || !ld || !READ_ONCE(ld->loaded) ||
	    ld->cfg.ras_on_reboot != NK_REBOOT_RESTART || !nkl_guests_running(ld) ||
	    ld->cfg.shared.size < NK_SVC_MIN_SHARED)
		return NOTIFY_DONE;
	snprintf(why, sizeof(why), "reboot%s%s", cmd ? ": " : "", cmd ? (char *)cmd : "");
	pr_emerg("nkloader: the host reboots; [ras] on_reboot = restart: the "
		 "nanokernel boots it again and the guests stay\n");
	local_irq_disable();
	nkl_ras_fill(ld->shared_va + NK_SVC_STAGE_OFF, why);
	nkl_loader_call(ld, NK_CALL_HOST_DOWN, NK_RAS_REBOOT);
	local_irq_enable();
	pr_emerg("nkloader: the nanokernel did not take the host's reboot\n");
	return NOTIFY_DONE;
}

static struct notifier_block nkl_ras_reboot_nb = {
	.notifier_call = nkl_ras_reboot,
	.priority = INT_MAX,
};
static struct notifier_block nkl_ras_die_nb = { .notifier_call = nkl_ras_die };
/* Last on the chain: every other panic notifier has had its turn. */
static struct notifier_block nkl_ras_panic_nb = {
	.notifier_call = nkl_ras_panic,
	.priority = INT_MIN,
};

/*
 * The heartbeat ([ras] heartbeat_ms): a work item calls the nanokernel
 * every heartbeat_ms / 4.  It runs only while the host schedules, so a
 * host that spins with preemption off, or deadlocks, stops it, and the
 * nanokernel declares the host dead (nanokernel/ras.c).
 */
static void nkl_ras_beat(struct work_struct *w);
static DECLARE_DELAYED_WORK(nkl_ras_beat_work, nkl_ras_beat);

static void nkl_ras_beat(struct work_struct *w)
{
	struct nkl_loader *ld = READ_ONCE(nkl_ras_ld);
	u32 ms = ld ? ld->cfg.ras_heartbeat_ms : 0;

	if (!ms || !READ_ONCE(ld->loaded))
		return;
	nkl_loader_call(ld, NK_CALL_HEARTBEAT, 0);
	schedule_delayed_work(&nkl_ras_beat_work, msecs_to_jiffies(ms / 4) ?: 1);
}

/* Once loaded or attached; stopped (from process context) once loaded
 * is false, before the detach's or unload's calls. */
void nkl_ras_heartbeat_start(struct nkl_loader *ld)
{
	if (ld->cfg.ras_heartbeat_ms)
		nkl_ras_beat(NULL);
}

void nkl_ras_heartbeat_stop(void)
{
	cancel_delayed_work_sync(&nkl_ras_beat_work);
}

int nkl_ras_init(struct nkl_loader *ld)
{
	int err = register_die_notifier(&nkl_ras_die_nb);

	if (err)
		return err;
	nkl_ras_ld = ld;
	atomic_notifier_chain_register(&panic_notifier_list, &nkl_ras_panic_nb);
	register_reboot_notifier(&nkl_ras_reboot_nb);
	return 0;
}

void nkl_ras_exit(void)
{
	nkl_ras_heartbeat_stop();
	unregister_reboot_notifier(&nkl_ras_reboot_nb);
	atomic_notifier_chain_unregister(&panic_notifier_list, &nkl_ras_panic_nb);
	unregister_die_notifier(&nkl_ras_die_nb);
	WRITE_ONCE(nkl_ras_ld, NULL);
}

/* ---- arming the restart ------------------------------------------------ */

/* The fields of the zero page (struct boot_params) and of its setup
 * header that the 32-bit boot protocol has a loader fill in
 * (Documentation/x86/boot.rst, Documentation/x86/zero-page.rst). */
#define BP_EXT_RAMDISK_IMAGE	0x0c0
#define BP_EXT_RAMDISK_SIZE	0x0c4
#define BP_EXT_CMD_LINE_PTR	0x0c8
#define BP_SENTINEL		0x1ef
#define HDR_START		0x1f1
#define HDR_SETUP_SECTS		0x1f1
#define HDR_JUMP_END		0x201	/* the header ends at 0x202 + this byte */
#define HDR_MAGIC		0x202	/* "HdrS" */
#define HDR_VERSION		0x206
#define HDR_KERNEL_VERSION	0x20e
#define HDR_TYPE_OF_LOADER	0x210
#define HDR_LOADFLAGS		0x211
#define HDR_CODE32_START	0x214
#define HDR_RAMDISK_IMAGE	0x218
#define HDR_RAMDISK_SIZE	0x21c
#define HDR_CMD_LINE_PTR	0x228
#define HDR_CMDLINE_SIZE	0x238
#define HDR_HARDWARE_SUBARCH	0x23c
#define HDR_SETUP_DATA		0x250
#define HDR_INIT_SIZE		0x260
#define HDR_MAGIC_VALUE		0x53726448u
#define HDR_MIN_VERSION		0x020a	/* 2.10: init_size, a relocatable kernel */
#define NKL_LOADED_HIGH		0x01
#define NKL_KEEP_SEGMENTS	0x40
#define KERNEL_BASE_MIN		0x01000000	/* LOAD_PHYSICAL_ADDR: it
						 * decompresses from there */
#define NKL_SETUP_MAX		0x8000	/* the setup code's part of a bzImage */

static u32 nkl_get32(const u8 *p, u32 off)
{
	return p[off] | p[off + 1] << 8 | p[off + 2] << 16 | (u32)p[off + 3] << 24;
}

static void nkl_put32(u8 *p, u32 off, u32 v)
{
	p[off] = v;
	p[off + 1] = v >> 8;
	p[off + 2] = v >> 16;
	p[off + 3] = v >> 24;
}

/* The bzImage's setup part, checked: its size (where the protected-mode
 * code begins), or a refusal. */
static int nkl_ras_kernel_check(struct nkl_loader *ld, const u8 *setup,
				u32 kernel_size, u32 cmdline_size)
{
	u32 sects = setup[HDR_SETUP_SECTS] ? setup[HDR_SETUP_SECTS] : 4;
	u32 pm_off = (sects + 1) * 512;
	u16 version = setup[HDR_VERSION] | setup[HDR_VERSION + 1] << 8;

	if (kernel_size < 1024 || nkl_get32(setup, HDR_MAGIC) != HDR_MAGIC_VALUE)
		return nkl_refuse(ld, -EINVAL, "ras arm: the kernel is not a "
				  "bzImage (no \"HdrS\" at 0x202)");
	if (version < HDR_MIN_VERSION || !(setup[HDR_LOADFLAGS] & NKL_LOADED_HIGH))
		return nkl_refuse(ld, -EINVAL, "ras arm: the kernel's boot "
				  "protocol is %u.%02u and %sloaded high: 2.10 and "
				  "high are needed", version >> 8, version & 0xff,
				  setup[HDR_LOADFLAGS] & NKL_LOADED_HIGH ? "" : "not ");
	if (pm_off > NKL_SETUP_MAX || pm_off >= kernel_size ||
	    0x202 + setup[HDR_JUMP_END] > HDR_INIT_SIZE + 4 + 0x40)
		return nkl_refuse(ld, -EINVAL, "ras arm: the kernel's setup "
				  "header is malformed (%u setup sectors)", sects);
	if (cmdline_size > nkl_get32(setup, HDR_CMDLINE_SIZE) + 1)
		return nkl_refuse(ld, -EINVAL, "ras arm: the command line has %u "
				  "bytes, the kernel takes at most %u", cmdline_size - 1,
				  nkl_get32(setup, HDR_CMDLINE_SIZE));
	return (int)pm_off;
}

/* The zero page of the new boot: the one the host was booted with, the
 * new kernel's setup header, where the loader put things. */
static void nkl_ras_zero_page(u8 *bp, const u8 *setup, u32 initrd_dst,
			      u32 initrd_size)
{
	u32 end = 0x202 + setup[HDR_JUMP_END];

	memcpy(bp + HDR_START, setup + HDR_START, end - HDR_START);
	bp[BP_SENTINEL] = 0;
	bp[HDR_TYPE_OF_LOADER] = 0xff;
	bp[HDR_LOADFLAGS] = (bp[HDR_LOADFLAGS] | NKL_LOADED_HIGH) & ~NKL_KEEP_SEGMENTS;
	nkl_put32(bp, HDR_CODE32_START, NK_RAS_KERNEL);
	nkl_put32(bp, HDR_RAMDISK_IMAGE, initrd_size ? initrd_dst : 0);
	nkl_put32(bp, HDR_RAMDISK_SIZE, initrd_size);
	nkl_put32(bp, HDR_CMD_LINE_PTR, NK_RAS_CMDLINE);
	nkl_put32(bp, HDR_HARDWARE_SUBARCH, 0);
	nkl_put32(bp, HDR_SETUP_DATA, 0);
	nkl_put32(bp, HDR_SETUP_DATA + 4, 0);
	nkl_put32(bp, BP_EXT_RAMDISK_IMAGE, 0);
	nkl_put32(bp, BP_EXT_RAMDISK_SIZE, 0);
	nkl_put32(bp, BP_EXT_CMD_LINE_PTR, 0);
}

/* Where each blob goes in the region and in the host's RAM. */
struct nkl_ras_layout {
	struct nk_ras_blob blob[NK_RAS_BOOT_BLOBS];	/* kernel, initrd, zero page, cmdline */
	u32 end;	/* bytes of the region used */
};

static int nkl_ras_place(struct nkl_loader *ld, const struct nk_ras_arm_args *a,
			 u32 pm_off, u32 init_size, struct nkl_ras_layout *l)
{
	u32 klen = a->kernel_size - pm_off, host_ram = (u32)ld->cfg.host_ram;
	u32 off = NK_RAS_BOOT_HEAD;

	l->blob[0] = (struct nk_ras_blob){ off, NK_RAS_KERNEL, klen, 0 };
	off = ALIGN(off + klen, PAGE_SIZE);
	l->blob[1] = (struct nk_ras_blob){ off, (host_ram - a->initrd_size) & PAGE_MASK,
					   a->initrd_size, 0 };
	off = ALIGN(off + a->initrd_size, PAGE_SIZE);
	l->blob[2] = (struct nk_ras_blob){ off, NK_RAS_ZERO_PAGE, PAGE_SIZE, 0 };
	off += PAGE_SIZE;
	l->blob[3] = (struct nk_ras_blob){ off, NK_RAS_CMDLINE, a->cmdline_size, 0 };
	l->end = off + PAGE_SIZE;
	if (l->end > ld->cfg.ras.size)
		return nkl_refuse(ld, -ENOSPC, "[ras] size: the kernel (%u bytes) "
				  "and the initrd (%u bytes) need 0x%x bytes of the "
				  "RAS region, it has 0x%llx", a->kernel_size,
				  a->initrd_size, l->end, ld->cfg.ras.size);
	if (NK_RAS_KERNEL + klen > KERNEL_BASE_MIN ||
	    (a->initrd_size && (a->initrd_size > host_ram ||
	     l->blob[1].dst < KERNEL_BASE_MIN + init_size)))
		return nkl_refuse(ld, -ENOSPC, "ras arm: the kernel (%u bytes) or "
				  "the initrd (%u bytes) do not fit the host's RAM "
				  "beside the kernel's %u bytes from 16 MB",
				  a->kernel_size, a->initrd_size, init_size);
	return 0;
}

/* User bytes into the region; the arm's reserved and size rules first. */
static int nkl_ras_copy_in(void *dst, u64 uptr, u32 len)
{
	return len && copy_from_user(dst, u64_to_user_ptr(uptr), len) ? -EFAULT : 0;
}

static int nkl_ras_fill_region(u8 *reg, const struct nk_ras_arm_args *a,
			       const u8 *setup, u32 pm_off, struct nkl_ras_layout *l)
{
	struct nk_ras_boot *b = (struct nk_ras_boot *)reg;
	u32 vo = setup[HDR_KERNEL_VERSION] | setup[HDR_KERNEL_VERSION + 1] << 8;
	u32 k, arms = b->magic == NK_RAS_BOOT_MAGIC ? b->arms : 0;
	int err;

	WRITE_ONCE(b->magic, 0);	/* half written, it is never taken */
	err = nkl_ras_copy_in(reg + l->blob[0].off, a->kernel_ptr + pm_off,
			      l->blob[0].len);
	err = err ?: nkl_ras_copy_in(reg + l->blob[1].off, a->initrd_ptr,
				     a->initrd_size);
	err = err ?: nkl_ras_copy_in(reg + l->blob[2].off, a->boot_params_ptr,
				     PAGE_SIZE);
	err = err ?: nkl_ras_copy_in(reg + l->blob[3].off, a->cmdline_ptr,
				     a->cmdline_size);
	if (err)
		return err;
	reg[l->blob[3].off + a->cmdline_size - 1] = 0;
	nkl_ras_zero_page(reg + l->blob[2].off, setup, l->blob[1].dst, a->initrd_size);
	memset(b, 0, sizeof(*b));
	for (k = 0; k < NK_RAS_BOOT_BLOBS; k++) {
		b->blob[k] = l->blob[k];
		b->blob[k].crc = nk_crc32(0, reg + l->blob[k].off, l->blob[k].len);
	}
	if (vo && vo + 0x200 < NKL_SETUP_MAX)
		strscpy(b->version, setup + vo + 0x200, sizeof(b->version));
	b->revision = NK_RAS_REVISION;
	b->entry = NK_RAS_KERNEL;
	b->zero_page = NK_RAS_ZERO_PAGE;
	b->arms = arms + 1;
	b->crc = nk_ras_boot_crc(b);
	wmb();
	WRITE_ONCE(b->magic, NK_RAS_BOOT_MAGIC);
	return 0;
}

static int nkl_ras_arm(struct nkl_loader *ld, const struct nk_ras_arm_args *a)
{
	struct nkl_ras_layout l;
	u8 *setup, *reg;
	int pm_off, err;

	if (memchr_inv(a->reserved, 0, sizeof(a->reserved)) ||
	    a->boot_params_size != PAGE_SIZE || !a->cmdline_size ||
	    a->cmdline_size > PAGE_SIZE || (!a->initrd_size) != (!a->initrd_ptr))
		return -EINVAL;
	if (!ld->loaded)
		return -ENODEV;
	if (!ld->cfg.ras.size)
		return nkl_refuse(ld, -ENODEV, "[ras]: the configuration has no RAS "
				  "region to keep the host's kernel in");
	setup = kmalloc(NKL_SETUP_MAX, GFP_KERNEL);
	if (!setup)
		return -ENOMEM;
	err = nkl_ras_copy_in(setup, a->kernel_ptr, min_t(u32, a->kernel_size, NKL_SETUP_MAX));
	pm_off = err ?: nkl_ras_kernel_check(ld, setup, a->kernel_size, a->cmdline_size);
	err = pm_off < 0 ? pm_off : nkl_ras_place(ld, a, pm_off,
						  nkl_get32(setup, HDR_INIT_SIZE), &l);
	if (err)
		goto out;
	reg = memremap(ld->cfg.ras.base, l.end, MEMREMAP_WB);
	err = reg ? nkl_ras_fill_region(reg, a, setup, pm_off, &l) : -ENOMEM;
	if (reg)
		memunmap(reg);
	if (!err)
		pr_info("nkloader: the host's restart is armed: kernel %u bytes, "
			"initrd %u bytes, command line %u bytes\n", a->kernel_size,
			a->initrd_size, a->cmdline_size - 1);
out:
	kfree(setup);
	return err;
}

long nkl_ioctl_ras_arm(struct nkl_loader *ld, struct nk_ras_arm_args __user *uarg)
{
	struct nk_ras_arm_args a;
	int err;

	if (copy_from_user(&a, uarg, sizeof(a)))
		return -EFAULT;
	memset(a.error, 0, sizeof(a.error));
	ld->error = a.error;
	ld->error_len = sizeof(a.error);
	err = nkl_ras_arm(ld, &a);
	ld->error = NULL;	/* a.error lives on this stack */
	ld->error_len = 0;
	if (copy_to_user(uarg->error, a.error, sizeof(a.error)))
		return -EFAULT;
	return err;
}

/* ---- the records, for nkctl ras list/show/clear ------------------------ */

static long nkl_ras_read(struct nkl_loader *ld, struct nk_ras_read_args *a)
{
	const u8 *area = ld->shared_va + ld->cfg.shared.size - NK_SVC_KEPT;
	const struct nk_ras_head *h = (const void *)area;
	const struct nk_ras_record *r;
	u32 seq;

	if (memchr_inv(a->reserved, 0, sizeof(a->reserved)))
		return -EINVAL;
	if (!ld->loaded)
		return -ENODEV;
	if (ld->cfg.shared.size < NK_SVC_MIN_SHARED)
		return -EOPNOTSUPP;
	if (!nk_ras_head_ok(h))
		return -EBADMSG;
	a->newest = h->seq;
	a->cleared = h->cleared;
	seq = a->seq ? a->seq : h->seq;
	if (!seq || seq > h->seq || seq <= h->cleared ||
	    h->seq - seq >= NK_RAS_SLOTS)
		return -ENOENT;
	r = (const void *)(area + nk_ras_slot_off(seq));
	if (!nk_ras_record_ok(r, seq))
		return -EBADMSG;
	a->seq = seq;
	if (a->buf_ptr && copy_to_user(u64_to_user_ptr(a->buf_ptr), r,
				       min_t(u32, a->buf_size, sizeof(*r))))
		return -EFAULT;
	return 0;
}

long nkl_ioctl_ras_read(struct nkl_loader *ld, struct nk_ras_read_args __user *uarg)
{
	struct nk_ras_read_args a;
	long err;

	if (copy_from_user(&a, uarg, sizeof(a)))
		return -EFAULT;
	a.newest = a.cleared = 0;
	err = nkl_ras_read(ld, &a);
	if (copy_to_user(uarg, &a, sizeof(a)))
		return -EFAULT;
	return err;
}
