// SPDX-License-Identifier: GPL-2.0
/*
 * nanokernel/main.c - the calls the host makes through the passage.
 *
 * The nanokernel keeps all of its state in its own region: the loader only
 * reads nk_status (its offset is in the image header), never writes it.
 */
#include "nk.h"
#include <nk/version.h>

struct nk_status nk_status = {
	.version = NK_VERSION(NK_VERSION_MAJ, NK_VERSION_MIN, NK_VERSION_PAT),
	.abi_revision = NK_ABI_REVISION,
};

/* Check what the loader left us before trusting any of it. */
static int nk_check_boot_info(const struct nk_boot_info *bi)
{
	unsigned int i;

	if (bi->magic != NK_BOOTINFO_MAGIC || bi->abi_revision != NK_ABI_REVISION)
		return -NK_EPROTO;
	if (bi->region_size < NK_REGION_MIN || bi->region_size > NK_REGION_MAX ||
	    bi->region_phys % NK_REGION_ALIGN)
		return -NK_EINVAL;
	if (bi->config.magic != NK_CONFIG_MAGIC ||
	    bi->config.npartitions > NK_MAX_PARTITIONS)
		return -NK_EINVAL;
	for (i = 0; i < sizeof(bi->reserved) / sizeof(bi->reserved[0]); i++)
		if (bi->reserved[i])
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
	nk_status.partitions = bi->config.npartitions;
	nk_svc_init();
	nk_status.init_tsc = nk_status.last_tsc;
	nk_status.boot_count++;
	nk_status.magic = NK_STATUS_MAGIC;
	nk_status.state = NK_STATE_READY;
	return 0;
}

int nk_call(uint32_t call, uint32_t arg)
{
	int err;

	nk_status.calls++;
	nk_status.last_tsc = rdtsc();

	if (call == NK_CALL_INIT)
		return nk_init();
	if (nk_status.state != NK_STATE_READY)
		return -NK_EINVAL;

	switch (call) {
	case NK_CALL_PING:
		return (int)((arg ^ 0x5a5a5a5au) & 0x7fffffffu);
	case NK_CALL_SHUTDOWN:
		nk_timer_detach();
		nk_host_detach();
		nk_status.state = NK_STATE_STOPPED;
		return 0;
	case NK_CALL_FAULT_TEST:
		return nk_fault_test(arg);
	case NK_CALL_HOST_ATTACH:
		return nk_host_attach();
	case NK_CALL_HOST_DETACH:
		return nk_host_detach();
	case NK_CALL_TIMER_ATTACH:
		return nk_timer_attach();
	case NK_CALL_TIMER_HOST:
		return nk_timer_host(arg);
	case NK_CALL_TIMER_DETACH:
		return nk_timer_detach();
	case NK_CALL_OS_START:
		return nk_os_start(arg);
	case NK_CALL_OS_RUN:
		return nk_os_run(arg);
	case NK_CALL_OS_STOP:
		return nk_os_stop(arg);
	case NK_CALL_SVC:
		err = nk_svc_host();
		nk_os_run_ready();	/* a guest it rang runs now */
		return err;
	default:
		return -NK_ENOSYS;
	}
}
