// SPDX-License-Identifier: GPL-2.0
/*
 * loader/main.c - nkloader.ko: /dev/nanokernel and its ioctls.
 *
 * Every ioctl copies its argument in, checks all of it (reserved fields,
 * sizes, the configuration with lib/config_check.c, the image with
 * lib/image_check.c), and only then acts; see Documentation/abi.md.
 */
#include <linux/module.h>
#include <linux/miscdevice.h>
#include <linux/fs.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <linux/irq.h>
#include <linux/irqnr.h>
#include <asm/hw_irq.h>
#include <asm/apic.h>
#include <asm/tsc.h>
#include <linux/math64.h>
#include <linux/suspend.h>
#include <nk/ioctl.h>
#include <nk/image_check.h>
#include <nk/layout.h>
#include "loader.h"

NK_STATIC_ASSERT(NK_ERRNO_IS_LINUX, "include/nk/errno.h has Linux's numbers");

bool nkl_test_hooks;
module_param_named(test_hooks, nkl_test_hooks, bool, 0444);
MODULE_PARM_DESC(test_hooks, "let the test hooks work (fault injection, spurious "
		 "vectors, IDT reload, timer delays, table scribbling): for the "
		 "test suite only (default off)");

static DEFINE_MUTEX(nkl_lock);
static struct nkl_loader nkl_ld;

static bool nkl_all_zero(const u32 *w, size_t n)
{
	while (n--)
		if (*w++)
			return false;
	return true;
}

static int nkl_check_config(struct nkl_loader *ld, const struct nk_config *cfg)
{
	struct nk_config_error e;
	char where[40];

	if (!nk_config_check(cfg, &e))
		return 0;
	if (e.section == NK_SEC_PARTITION && e.index >= 0 &&
	    e.index < NK_MAX_PARTITIONS)
		snprintf(where, sizeof(where), "[partition %.*s]", NK_NAME_LEN,
			 cfg->partitions[e.index].name);
	else if (e.section == NK_SEC_DEVICE && e.index >= 0 &&
		 e.index < NK_MAX_DEVICES)
		snprintf(where, sizeof(where), "[device %.*s]", NK_NAME_LEN,
			 cfg->devices[e.index].name);
	else
		snprintf(where, sizeof(where), "[%s]",
			 nk_config_section_name(e.section));
	return nkl_refuse(ld, -EINVAL, "%s %s: %s", where, e.field, e.reason);
}

/* Copy the configuration and the image in, check both, then load. */
static int nkl_do_load(struct nkl_loader *ld, struct nk_load_args *a)
{
	bool attached = false;
	struct nk_config *cfg;
	char reason[NK_ERROR_LEN];
	void *image;
	int err;

	if ((a->flags & ~(NK_LOAD_REPLACE | NK_LOAD_ATTACH)) ||
	    a->flags == (NK_LOAD_REPLACE | NK_LOAD_ATTACH) || a->attached ||
	    !nkl_all_zero(a->reserved, ARRAY_SIZE(a->reserved)))
		return nkl_refuse(ld, -EINVAL, "unknown flags, replace with attach, "
				  "or non-zero reserved fields");
	if (ld->loaded)
		return nkl_refuse(ld, -EBUSY, "a nanokernel is already loaded "
				  "(nkctl unload first)");
	if (a->config_size != sizeof(*cfg))
		return nkl_refuse(ld, -EINVAL, "configuration of %u bytes, this "
				  "loader expects %zu", a->config_size, sizeof(*cfg));
	if (a->image_size < sizeof(struct nk_image_header))
		return nkl_refuse(ld, -EINVAL, "image of %u bytes: too short for "
				  "its header", a->image_size);
	if (a->image_size > NK_OFF_BOOTINFO)
		return nkl_refuse(ld, -EFBIG, "image of %u bytes: the region "
				  "takes %u at most", a->image_size, NK_OFF_BOOTINFO);
	if (num_online_cpus() > 1)
		return nkl_refuse(ld, -EOPNOTSUPP, "the host has %u CPUs online: "
				  "the nanokernel runs on one CPU only (boot it "
				  "with nosmp or maxcpus=1)", num_online_cpus());

	cfg = kmalloc(sizeof(*cfg), GFP_KERNEL);
	if (!cfg)
		return -ENOMEM;
	err = -ENOMEM;
	image = vmalloc(a->image_size);
	if (!image)
		goto out_free_cfg;
	err = -EFAULT;
	if (copy_from_user(cfg, u64_to_user_ptr(a->config_ptr), sizeof(*cfg)) ||
	    copy_from_user(image, u64_to_user_ptr(a->image_ptr), a->image_size))
		goto out_free_image;
	err = nkl_check_config(ld, cfg);
	if (err)
		goto out_free_image;
	err = nk_image_check(image, a->image_size, NK_OFF_BOOTINFO, reason,
			     sizeof(reason));
	if (err) {
		nkl_refuse(ld, err, "image: %s", reason);
		goto out_free_image;
	}
	err = nkl_loader_load(ld, cfg, image, a->image_size, a->flags, &attached);
	a->attached = attached;
out_free_image:
	vfree(image);
out_free_cfg:
	kfree(cfg);
	return err;
}

static long nkl_ioctl_load(struct nk_load_args __user *uarg)
{
	struct nk_load_args a;
	long err;

	if (copy_from_user(&a, uarg, sizeof(a)))
		return -EFAULT;
	memset(a.error, 0, sizeof(a.error));
	nkl_ld.error = a.error;
	nkl_ld.error_len = sizeof(a.error);
	err = nkl_do_load(&nkl_ld, &a);
	nkl_ld.error = NULL;	/* a.error lives on this stack */
	nkl_ld.error_len = 0;
	if (copy_to_user(&uarg->attached, &a.attached, sizeof(a.attached)) ||
	    copy_to_user(uarg->error, a.error, sizeof(a.error)))
		return -EFAULT;
	return err;
}

static long nkl_ioctl_status(struct nk_status_args __user *uarg)
{
	struct nk_status_args a = { 0 };
	struct nk_status st;

	if (nkl_ld.loaded) {
		nkl_loader_read_status(&nkl_ld, &st);
		a.loaded = 1;
		a.state = st.state;
		a.version = nkl_ld.hdr.version;
		a.abi_revision = nkl_ld.hdr.abi_revision;
		a.region_base = nkl_ld.cfg.nanokernel.base;
		a.region_size = nkl_ld.cfg.nanokernel.size;
		a.image_size = nkl_ld.hdr.file_size;
		a.mem_size = nkl_ld.hdr.mem_size;
		a.host_alias = (u32)(unsigned long)nkl_ld.va;
		a.boot_count = st.boot_count;
		a.calls = st.calls;
		a.fault_count = st.fault_count;
		a.init_tsc = st.init_tsc;
		a.fault_vector = st.fault_vector;
		a.fault_eip = st.fault_eip;
		a.tsc_khz = tsc_khz;
		a.attach_count = st.attach_count;
		a.detach_count = st.detach_count;
		a.host_boot = st.host_boot;
		a.host_downs = st.host_downs;
		if (st.attach_tsc > st.detach_tsc && st.detach_tsc && tsc_khz)
			a.detached_ms = (u32)div_u64(st.attach_tsc - st.detach_tsc,
						     tsc_khz);
	}
	a.detached = nkl_ld.detached;
	return copy_to_user(uarg, &a, sizeof(a)) ? -EFAULT : 0;
}

/* The Linux IRQ behind each vector, as far as exported symbols tell. */
static void nkl_vector_irqs(u16 *irqs)
{
	unsigned int irq;

	memset(irqs, 0xff, 256 * sizeof(*irqs));
	for (irq = 0; irq < nr_irqs; irq++) {
		struct irq_data *d = irq_get_irq_data(irq);
		struct irq_cfg *cfg = d ? irqd_cfg(d) : NULL;

		if (cfg && cfg->vector && cfg->vector < 256 &&
		    irqs[cfg->vector] == NK_NO_LINUX_IRQ)
			irqs[cfg->vector] = irq;
	}
}

/*
 * NK_IOC_TEST_SPURIOUS: self-IPIs on MANAGED_IRQ_SHUTDOWN_VECTOR (0xef), a
 * system vector Linux points at its spurious-interrupt entry, which counts
 * it in /proc/interrupts' SPU line and acknowledges it.
 */
static long nkl_ioctl_test_spurious(struct nk_ping_args __user *uarg)
{
	struct nk_ping_args a;
	unsigned int i;

	if (copy_from_user(&a, uarg, sizeof(a)))
		return -EFAULT;
	if (!nkl_all_zero(a.reserved, ARRAY_SIZE(a.reserved)) ||
	    a.value < 1 || a.value > 1000)
		return -EINVAL;
	if (!nkl_ld.loaded)
		return -ENODEV;
	for (i = 0; i < a.value; i++)
		apic->send_IPI_self(MANAGED_IRQ_SHUTDOWN_VECTOR);
	a.result = MANAGED_IRQ_SHUTDOWN_VECTOR;
	return copy_to_user(uarg, &a, sizeof(a)) ? -EFAULT : 0;
}

static long nkl_ioctl_stats(struct nk_stats_args __user *uarg)
{
	static u16 irqs[256];
	struct nk_stats_args a;
	struct nk_status st;

	if (copy_from_user(&a, uarg, sizeof(a)))
		return -EFAULT;
	if (a.reserved || a.counts_size != sizeof(struct nk_irq_counts))
		return -EINVAL;
	if (!nkl_ld.loaded)
		return -ENODEV;
	nkl_loader_read_status(&nkl_ld, &st);
	a.host_idt = nkl_idt_in_use(&nkl_ld);
	a.host_vectors = st.host_vectors;
	a.idt_lost = nkl_ld.idt_lost;
	a.tick_vector = nkl_ld.timer_vector;
	a.nk_vector = nkl_ld.nk_vector;
	a.guest_late_callers[0] = st.guest_late_callers[0];
	a.guest_late_callers[1] = st.guest_late_callers[1];
	a.lapic_khz = st.lapic_khz;
	a.merge_calls = nkl_ld.merge_calls;
	a.guest_late_max = (u32)div_u64((u64)st.guest_late_max * 1000000, tsc_khz);
	a.guest_late_eip = st.guest_late_eip;
	a.merge_tsc = nkl_ld.merge_tsc;
	nkl_vector_irqs(irqs);
	if (copy_to_user(u64_to_user_ptr(a.counts_ptr),
			 nkl_ld.va + NK_OFF_IRQ_COUNTS, a.counts_size) ||
	    copy_to_user(u64_to_user_ptr(a.irqs_ptr), irqs, sizeof(irqs)))
		return -EFAULT;
	return copy_to_user(uarg, &a, sizeof(a)) ? -EFAULT : 0;
}

bool nkl_is_test_hook(unsigned int cmd)
{
	return cmd == NK_IOC_FAULT_TEST || cmd == NK_IOC_TEST_IDT_RELOAD ||
	       cmd == NK_IOC_TEST_SPURIOUS || cmd == NK_IOC_TEST_DELAY ||
	       cmd == NK_IOC_TEST_SVC_CORRUPT;
}

/* PING, FAULT_TEST and TEST_DELAY: one call into the nanokernel with one
 * value. */
static long nkl_ioctl_call(struct nk_ping_args __user *uarg, u32 call)
{
	struct nk_ping_args a;
	int ret;

	if (copy_from_user(&a, uarg, sizeof(a)))
		return -EFAULT;
	if (!nkl_all_zero(a.reserved, ARRAY_SIZE(a.reserved)))
		return -EINVAL;
	if (!nkl_ld.loaded)
		return -ENODEV;
	ret = nkl_loader_call(&nkl_ld, call, a.value);
	if (call == NK_CALL_PING && ret < 0)
		return -EIO;
	if (call == NK_CALL_TEST_DELAY && ret < 0)
		return -EINVAL;
	a.result = (u32)ret;
	return copy_to_user(uarg, &a, sizeof(a)) ? -EFAULT : 0;
}

/*
 * A running guest or a mapped segment is in use: stop or unmap it first
 * (nkctl detach leaves them running; rmmod, which cannot be refused,
 * detaches when a guest is live, and cannot
 * happen while a mapping holds the device open).
 */
static long nkl_ioctl_unload(void)
{
	if (!nkl_ld.loaded)
		return -ENODEV;
	if (nkl_guests_running(&nkl_ld))
		return -EBUSY;
	if (nkl_svc_lock_idle())
		return -EBUSY;		/* a segment or region is mapped */
	nkl_loader_unload(&nkl_ld);
	nkl_svc_unlock();
	return 0;
}

/* The services' host side goes: refused while a host process has a
 * segment or region mapped, or is taking a handle; the handles held die
 * (what a process holds belongs to one load or attach). */
static long nkl_ioctl_detach(void)
{
	if (!nkl_ld.loaded)
		return -ENODEV;
	if (nkl_svc_lock_idle())
		return -EBUSY;		/* a segment or region is mapped */
	if (nkl_svc_host_opening()) {
		nkl_svc_unlock();
		return -EBUSY;
	}
	nkl_loader_detach(&nkl_ld);
	nkl_svc_unlock();
	return 0;
}

/* The crash records cleared by the nanokernel, which owns them. */
static long nkl_ioctl_ras_clear(void)
{
	int n = nkl_loader_call(&nkl_ld, NK_CALL_RAS_CLEAR, 0);

	return n == -NK_EOPNOTSUPP ? -EOPNOTSUPP : n < 0 ? -EIO : n;
}

static long nkl_ioctl_get_config(struct nk_config __user *uarg)
{
	if (!nkl_ld.loaded)
		return -ENODEV;
	return copy_to_user(uarg, &nkl_ld.cfg, sizeof(nkl_ld.cfg)) ? -EFAULT : 0;
}

static long nkl_ioctl_test_idt_reload(void)
{
	if (!nkl_ld.loaded || !nkl_ld.idt_attached)
		return -ENODEV;
	nkl_idt_test_reload(&nkl_ld);
	return 0;
}

/* The loader's own ioctls, under nkl_lock. */
static long nkl_ioctl_locked(unsigned int cmd, void __user *uarg)
{
	if (nkl_is_test_hook(cmd) && !nkl_test_hooks)
		return -EPERM;
	switch (cmd) {
	case NK_IOC_LOAD:
		return nkl_ioctl_load(uarg);
	case NK_IOC_UNLOAD:
		return nkl_ioctl_unload();
	case NK_IOC_DETACH:
		return nkl_ioctl_detach();
	case NK_IOC_RAS_ARM:
		return nkl_ioctl_ras_arm(&nkl_ld, uarg);
	case NK_IOC_RAS_READ:
		return nkl_ioctl_ras_read(&nkl_ld, uarg);
	case NK_IOC_RAS_CLEAR:
		return nkl_ld.loaded ? nkl_ioctl_ras_clear() : -ENODEV;
	case NK_IOC_STATUS:
		return nkl_ioctl_status(uarg);
	case NK_IOC_GET_CONFIG:
		return nkl_ioctl_get_config(uarg);
	case NK_IOC_PING:
		return nkl_ioctl_call(uarg, NK_CALL_PING);
	case NK_IOC_FAULT_TEST:
		return nkl_ioctl_call(uarg, NK_CALL_FAULT_TEST);
	case NK_IOC_STATS:
		return nkl_ioctl_stats(uarg);
	case NK_IOC_OS_START:
		return nkl_ioctl_os_start(&nkl_ld, uarg);
	case NK_IOC_OS_RUN:
		return nkl_ioctl_os_call(&nkl_ld, uarg, NK_CALL_OS_RUN);
	case NK_IOC_OS_STOP:
		return nkl_ioctl_os_call(&nkl_ld, uarg, NK_CALL_OS_STOP);
	case NK_IOC_OS_LIST:
		return nkl_ioctl_os_list(&nkl_ld, uarg);
	case NK_IOC_CONSOLE:
		return nkl_ioctl_console(&nkl_ld, uarg);
	case NK_IOC_TEST_SPURIOUS:
		return nkl_ioctl_test_spurious(uarg);
	case NK_IOC_TEST_IDT_RELOAD:
		return nkl_ioctl_test_idt_reload();
	case NK_IOC_TEST_DELAY:
		return nkl_ioctl_call(uarg, NK_CALL_TEST_DELAY);
	default:
		return -ENOTTY;
	}
}

static long nkl_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	void __user *uarg = (void __user *)arg;
	long ret;

	/* The services may sleep: they take their own lock, never nkl_lock. */
	if (NK_IOC_IS_SVC(cmd))
		return nkl_svc_ioctl(file, cmd, uarg);
	mutex_lock(&nkl_lock);
	ret = nkl_ioctl_locked(cmd, uarg);
	mutex_unlock(&nkl_lock);
	return ret;
}

static int nkl_open(struct inode *inode, struct file *file)
{
	return nkl_svc_open(file);
}

static int nkl_release(struct inode *inode, struct file *file)
{
	nkl_svc_release(file);
	return 0;
}

static const struct file_operations nkl_fops = {
	.owner = THIS_MODULE,
	.open = nkl_open,
	.release = nkl_release,
	.unlocked_ioctl = nkl_ioctl,
	.poll = nkl_svc_poll,
	.mmap = nkl_svc_mmap,
	.llseek = noop_llseek,
};

static struct miscdevice nkl_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "nanokernel",
	.fops = &nkl_fops,
	.mode = 0600,
};

/*
 * While a nanokernel this loader detached waits (its IDT notifier is gone
 * with the IDT), suspend and hibernation are refused too: hibernation
 * would not save its memory, which is not the host's RAM, and neither is
 * tested with a nanokernel in it.
 */
static int nkl_pm_detached(struct notifier_block *nb, unsigned long event,
			   void *unused)
{
	if ((event != PM_SUSPEND_PREPARE && event != PM_HIBERNATION_PREPARE) ||
	    !READ_ONCE(nkl_ld.detached))
		return NOTIFY_DONE;
	pr_warn("nkloader: suspend and hibernation are refused while a "
		"nanokernel is detached (nkctl load attaches to it)\n");
	return notifier_from_errno(-EBUSY);
}

static struct notifier_block nkl_pm_detached_nb = {
	.notifier_call = nkl_pm_detached,
};

static int __init nkl_loader_init(void)
{
	int err;

	nkl_svc_module_init();
	err = register_pm_notifier(&nkl_pm_detached_nb);
	if (err)
		return err;
	err = nkl_ras_init(&nkl_ld);
	if (err) {
		unregister_pm_notifier(&nkl_pm_detached_nb);
		return err;
	}
	err = misc_register(&nkl_misc);
	if (err) {
		nkl_ras_exit();
		unregister_pm_notifier(&nkl_pm_detached_nb);
		return err;
	}
	pr_info("nkloader: /dev/nanokernel ready (ABI revision %u)\n",
		NK_ABI_REVISION);
	return 0;
}

static void __exit nkl_loader_exit(void)
{
	misc_deregister(&nkl_misc);
	nkl_ras_exit();
	unregister_pm_notifier(&nkl_pm_detached_nb);
	mutex_lock(&nkl_lock);
	nkl_svc_lock();
	/* No descriptor is open: no process holds a handle.  A live guest
	 * is left running, detached, for the next loader. */
	if (nkl_ld.loaded && nkl_guests_running(&nkl_ld))
		nkl_loader_detach(&nkl_ld);
	else if (nkl_ld.loaded)
		nkl_loader_unload(&nkl_ld);
	nkl_svc_unlock();
	mutex_unlock(&nkl_lock);
}

module_init(nkl_loader_init);
module_exit(nkl_loader_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("nanokernel loader: puts the nanokernel into reserved memory");
