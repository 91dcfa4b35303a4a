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
 * registers are used by nothing.
 */
#include <linux/kernel.h>
#include <linux/kdebug.h>
#include <linux/kmsg_dump.h>
#include <linux/notifier.h>
#include <linux/panic_notifier.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>
#include <linux/utsname.h>
#include <asm/kexec.h>
#include <asm/special_insns.h>
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

static struct notifier_block nkl_ras_die_nb = { .notifier_call = nkl_ras_die };
/* Last on the chain: every other panic notifier has had its turn. */
static struct notifier_block nkl_ras_panic_nb = {
	.notifier_call = nkl_ras_panic,
	.priority = INT_MIN,
};

int nkl_ras_init(struct nkl_loader *ld)
{
	int err = register_die_notifier(&nkl_ras_die_nb);

	if (err)
		return err;
	nkl_ras_ld = ld;
	atomic_notifier_chain_register(&panic_notifier_list, &nkl_ras_panic_nb);
	return 0;
}

void nkl_ras_exit(void)
{
	atomic_notifier_chain_unregister(&panic_notifier_list, &nkl_ras_panic_nb);
	unregister_die_notifier(&nkl_ras_die_nb);
	WRITE_ONCE(nkl_ras_ld, NULL);
}
