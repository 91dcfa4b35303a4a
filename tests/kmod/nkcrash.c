// SPDX-License-Identifier: GPL-2.0
/*
 * tests/kmod/nkcrash.c - a module that kills the host on purpose, for the
 * RAS tests (tests/integration/88-*.sh, Documentation/ras.md):
 *
 *   insmod nkcrash.ko kill=bug    BUG() in its init: an oops ("invalid
 *                                 opcode"), a panic with oops=panic
 *   insmod nkcrash.ko kill=null   a write through a NULL pointer: an oops
 *                                 ("BUG: kernel NULL pointer dereference")
 *   insmod nkcrash.ko kill=lockup spin for ever with preemption off and
 *                                 interrupts on: a soft lockup, a panic
 *                                 with kernel.softlockup_panic=1, or the
 *                                 loader's heartbeat stopping
 *
 * Anything else is refused with -EINVAL, and loads nothing.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/preempt.h>
#include <linux/string.h>

static char *kill = "";
module_param(kill, charp, 0444);
MODULE_PARM_DESC(kill, "how to kill the host: bug, null or lockup");

static int __init nkcrash_init(void)
{
	int *volatile nowhere = NULL;

	if (!strcmp(kill, "bug")) {
		pr_emerg("nkcrash: BUG() on purpose\n");
		BUG();
	}
	if (!strcmp(kill, "null")) {
		pr_emerg("nkcrash: a NULL dereference on purpose\n");
		*nowhere = 1;
		return 0;
	}
	if (!strcmp(kill, "lockup")) {
		pr_emerg("nkcrash: a soft lockup on purpose\n");
		preempt_disable();
		for (;;)
			cpu_relax();
	}
	pr_err("nkcrash: kill=%s: say bug, null or lockup\n", kill);
	return -EINVAL;
}

module_init(nkcrash_init);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("kills the host on purpose, for the nanokernel's RAS tests");
