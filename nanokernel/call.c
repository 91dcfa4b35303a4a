// SPDX-License-Identifier: GPL-2.0
/*
 * nanokernel/call.c - the host-call dispatcher: what the host asks through
 * the passage (NK_CALL_*, include/nk/image.h), and the init call that
 * checks the boot information before anything trusts it.
 *
 * The nanokernel keeps all of its state in its own region: the loader only
 * reads nk_status (its offset is in the image header), never writes it.
 */
#include "nk.h"
#include "entry.h"
#include "irq.h"
#include "timer.h"
#include "sched.h"
#include "os.h"
#include "trap.h"
#include "services.h"
#include <nk/version.h>

uint32_t nk_pgd_phys;

struct nk_status nk_status = {
	.version = NK_VERSION(NK_VERSION_MAJ, NK_VERSION_MIN, NK_VERSION_PAT),
	.abi_revision = NK_ABI_REVISION,
};

/* Check what the loader left us before trusting any of it. */
static int nk_check_boot_info(const struct nk_boot_info *bi)
{
	if (bi->magic != NK_BOOTINFO_MAGIC || bi->abi_revision != NK_ABI_REVISION)
		return -NK_EPROTO;
	if (bi->region_size < NK_REGION_MIN || bi->region_size > NK_REGION_MAX ||
	    bi->region_phys % NK_REGION_ALIGN)
		return -NK_EINVAL;
	if (bi->config.magic != NK_CONFIG_MAGIC ||
	    bi->config.npartitions > NK_MAX_PARTITIONS)
		return -NK_EINVAL;
	if ((bi->flags & ~NK_BOOT_TEST_HOOKS) || (bi->ioapic_phys &&
	    (bi->ioapic_phys ^ bi->lapic_phys) >> NK_PDE_SHIFT))
		return -NK_EINVAL;
	return 0;
}

static int nk_init(void)
{
	const struct nk_boot_info *bi = nk_boot_info();
	int err = nk_check_boot_info(bi);

	if (err) {
		nk_status.state = NK_STATE_FAILED;
		return err;
	}
	err = nk_map_init();
	if (err) {
		nk_status.state = NK_STATE_FAILED;
		return err;
	}
	nk_pgd_phys = bi->pgd_phys;
	nk_status.partitions = bi->config.npartitions;
	nk_svc_init();
	nk_ras_init();
	nk_status.host_boot = 1;
	nk_status.init_tsc = nk_status.last_tsc;
	nk_status.boot_count++;
	nk_status.magic = NK_STATUS_MAGIC;
	nk_status.state = NK_STATE_READY;
	return 0;
}

/* NK_CALL_HOLD: the guests held, or let go; how long they were held is
 * what they missed (nk_status.detach_tsc, attach_tsc). */
static int nk_call_hold(uint32_t hold)
{
	int err = nk_sched_hold(hold);

	if (!err && hold)
		nk_status.detach_tsc = nk_status.last_tsc;
	else if (!err)
		nk_status.attach_tsc = nk_status.last_tsc;
	return err;
}

/*
 * NK_CALL_DETACH: the loader has held the guests and given the IDT and
 * the timer back to Linux; the nanokernel and its guests stay as they are,
 * and nothing of it runs until a loader attaches (NK_CALL_ATTACH).  What
 * host processes held of segments and PNVM regions is given back: their
 * handles die with the loader's side (none is mapped: the loader made
 * sure).  Returns how many references that was.
 */
static int nk_call_detach(void)
{
	uint32_t refs;

	if (!nk_sched_held() || nk_status.host_idt)
		return -NK_EBUSY;
	nk_timer_watch(0);	/* a detached host sends no heartbeat */
	nk_timer_detach();
	refs = nk_svc_host_release();
	nk_status.detach_count++;
	nk_status.state = NK_STATE_DETACHED;
	return (int)refs;
}

/*
 * NK_CALL_ATTACH: a loader found us detached and wrote its boot info (its
 * mapping of us, its vectors, the same configuration).  Refused, we stay
 * detached.  The guests stay held until the loader has attached the IDT
 * and the timer and releases them (NK_CALL_HOLD 0).
 */
static int nk_call_attach(void)
{
	const struct nk_boot_info *bi = nk_boot_info();
	int err;

	if (nk_status.state != NK_STATE_DETACHED)
		return -NK_EINVAL;
	err = nk_check_boot_info(bi);
	if (!err)
		err = nk_map_init();
	if (err)
		return err;
	nk_pgd_phys = bi->pgd_phys;
	nk_status.attach_count++;
	nk_status.state = NK_STATE_READY;
	return 0;
}

static int nk_shutdown(void)
{
	nk_timer_detach();
	nk_host_detach();
	nk_status.state = NK_STATE_STOPPED;
	return 0;
}

/* A service call, then the guest it may have rung runs. */
static int nk_host_svc(void)
{
	int err = nk_svc_host();

	nk_schedule(0);
	return err;
}

static int nk_call_ping(uint32_t arg)
{
	return (int)((arg ^ 0x5a5a5a5au) & 0x7fffffffu);
}

/* Each call's handler: with the call's argument, or without; a test
 * hook answers only when the loader was asked for them (test_hooks=1). */
struct nk_call_handler {
	int (*with_arg)(uint32_t arg);
	int (*no_arg)(void);
	int test;
};

static const struct nk_call_handler nk_calls[] = {
	/* the nanokernel itself */
	[NK_CALL_PING]		= { .with_arg = nk_call_ping },
	[NK_CALL_SHUTDOWN]	= { .no_arg = nk_shutdown },
	[NK_CALL_FAULT_TEST]	= { .with_arg = nk_trap_test, .test = 1 },
	/* the host's IDT (host_idt.c) */
	[NK_CALL_HOST_ATTACH]	= { .no_arg = nk_host_attach },
	[NK_CALL_HOST_DETACH]	= { .no_arg = nk_host_detach },
	/* the timer (timer.c) */
	[NK_CALL_TIMER_ATTACH]	= { .no_arg = nk_timer_attach },
	[NK_CALL_TIMER_HOST]	= { .with_arg = nk_timer_host },
	[NK_CALL_TIMER_DETACH]	= { .no_arg = nk_timer_detach },
	[NK_CALL_TEST_DELAY]	= { .with_arg = nk_timer_test_delay, .test = 1 },
	/* guests (guest.c) */
	[NK_CALL_OS_START]	= { .with_arg = nk_guest_start },
	[NK_CALL_OS_RUN]	= { .with_arg = nk_guest_run },
	[NK_CALL_OS_STOP]	= { .with_arg = nk_guest_stop },
	/* the services (svc.c) */
	[NK_CALL_SVC]		= { .no_arg = nk_host_svc },
	/* detaching and attaching again */
	[NK_CALL_HOLD]		= { .with_arg = nk_call_hold },
	[NK_CALL_DETACH]	= { .no_arg = nk_call_detach },
	/* the host's death (ras.c) */
	[NK_CALL_HOST_DOWN]	= { .with_arg = nk_ras_host_down },
	[NK_CALL_RAS_CLEAR]	= { .no_arg = nk_ras_clear_records },
	[NK_CALL_HEARTBEAT]	= { .no_arg = nk_ras_heartbeat },
};

int nk_host_call(uint32_t call, uint32_t arg)
{
	const struct nk_call_handler *h;

	nk_status.calls++;
	nk_status.last_tsc = rdtsc();

	if (call == NK_CALL_INIT)
		return nk_init();
	if (call == NK_CALL_ATTACH)
		return nk_call_attach();
	if (nk_status.state != NK_STATE_READY)
		return -NK_EINVAL;
	if (call >= sizeof(nk_calls) / sizeof(nk_calls[0]))
		return -NK_ENOSYS;
	h = &nk_calls[call];
	if (h->test && !(nk_boot_info()->flags & NK_BOOT_TEST_HOOKS))
		return -NK_EPERM;
	if (h->with_arg)
		return h->with_arg(arg);
	if (h->no_arg)
		return h->no_arg();
	return -NK_ENOSYS;
}
