/* SPDX-License-Identifier: GPL-2.0 */
/* loader/loader.h - the loader module's private declarations. */
#ifndef LOADER_LOADER_H
#define LOADER_LOADER_H

#include <linux/types.h>
#include <linux/ioport.h>
#include <linux/interrupt.h>
#include <linux/timer.h>
#include <asm/desc_defs.h>
#include <nk/config.h>
#include <nk/image.h>

#define NKL_MAX_REGIONS	(3 + NK_MAX_PARTITIONS)	/* nanokernel, shared, partitions, [ras] */

/* One physical region of the configuration, as the loader claims it. */
struct nkl_claim {
	int section;		/* enum nk_config_section */
	int index;		/* partition index, or -1 */
	u64 base, size;
	char name[32];		/* shown in /proc/iomem */
	struct resource *res;
};

/* A device of a guest, as the loader holds it for the guest. */
struct nkl_guest_dev {
	char name[32];		/* shown in /proc/ioports, /proc/interrupts */
	u16 io_base, io_len;
	u32 irq;		/* 0: none (IRQ 0 is never given to a guest) */
	u32 vector;		/* the vector Linux gave the IRQ */
};

/* Everything the loader knows about the loaded nanokernel. */
struct nkl_loader {
	bool loaded;
	bool detached;		/* this loader detached and left it running */
	struct nk_config cfg;
	struct nk_image_header hdr;
	void *va;		/* host mapping of the nanokernel region */
	void *shared_va;	/* host mapping of the shared region */
	void *spacer_va;	/* the test_spacer hook's mapping, or NULL */
	u32 pgd_phys;
	int nclaims;
	struct nkl_claim claims[NKL_MAX_REGIONS];
	struct desc_ptr linux_idt;	/* Linux's IDTR, restored on detach */
	struct desc_ptr host_idt;	/* the nanokernel's IDT for the host */
	bool idt_attached;
	u32 idt_lost;		/* times the watch found another IDT */
	struct timer_list idt_timer;
	int ndevs;
	struct nkl_guest_dev devs[NK_MAX_DEVICES];
	u8 route[256];		/* vector -> owner, for the boot info */
	unsigned long guest_irq_leaks;	/* guest IRQs that reached Linux */
	u32 timer_irq;		/* the host's tick IRQ, 0 if not claimed */
	u32 timer_vector;
	u32 nk_vector;		/* the nanokernel's own (its timer) */
	u32 doorbell_irq;	/* the services' doorbell to the host, 0 if
				 * not claimed */
	u32 doorbell_vector;
	u64 lapic_phys;
	bool timer_attached;
	unsigned long host_ticks;	/* ticks delivered to the host */
	u64 merge_calls, merge_tsc;	/* host timer requests and their cost */
	char *error;		/* where refusals are explained */
	size_t error_len;
};

/* main.c: the test hooks answer only with test_hooks=1. */
extern bool nkl_test_hooks;
bool nkl_is_test_hook(unsigned int cmd);

/* boot.c */
/* flags: NK_LOAD_*; *attached: it attached to a detached nanokernel. */
int nkl_loader_load(struct nkl_loader *ld, const struct nk_config *cfg,
		    const void *image, size_t image_len, u32 flags, bool *attached);
void nkl_loader_unload(struct nkl_loader *ld);
void nkl_loader_detach(struct nkl_loader *ld);
int nkl_loader_call(struct nkl_loader *ld, u32 call, u32 arg);
void nkl_loader_read_status(struct nkl_loader *ld, struct nk_status *st);

/* attach.c */
int nkl_attach_check(struct nkl_loader *ld, const struct nk_image_header *hdr);
void nkl_attach_record_write(struct nkl_loader *ld);
void nkl_attach_record_clear(struct nkl_loader *ld);

/* devices.c */
/* An IRQ the loader requests so that Linux gives it a vector. */
struct nkl_irq {
	unsigned int irq;
	irq_handler_t handler;	/* its dev_id is the struct nkl_loader */
	unsigned long flags;	/* request_irq()'s */
	const char *name;	/* shown in /proc/interrupts */
	const char *where;	/* how a refusal begins, or NULL */
	const char *hint;	/* what to do when the host uses the IRQ */
	bool edge_only;		/* refuse a level-triggered IRQ, too */
};
int nkl_claim_irq(struct nkl_loader *ld, const struct nkl_irq *req, u32 *vector);
int nkl_claim_devices(struct nkl_loader *ld);
void nkl_release_devices(struct nkl_loader *ld);
u32 nkl_lapic_eoi_address(void);

/* timer.c */
int nkl_timer_claim(struct nkl_loader *ld);
void nkl_timer_unclaim(struct nkl_loader *ld);
int nkl_timer_attach(struct nkl_loader *ld);
void nkl_timer_detach(struct nkl_loader *ld);

/* os.c */
struct nk_os_start_args;
struct nk_os_args;
struct nk_os_list_args;
struct nk_console_args;
long nkl_ioctl_os_start(struct nkl_loader *ld, struct nk_os_start_args __user *uarg);
long nkl_ioctl_os_call(struct nkl_loader *ld, struct nk_os_args __user *uarg, u32 call);
long nkl_ioctl_os_list(struct nkl_loader *ld, struct nk_os_list_args __user *uarg);
long nkl_ioctl_console(struct nkl_loader *ld, struct nk_console_args __user *uarg);
bool nkl_guests_running(struct nkl_loader *ld);

/* svc.c: the cross-OS services for host processes */
struct file;
struct vm_area_struct;
struct poll_table_struct;
void nkl_svc_module_init(void);
int nkl_svc_claim(struct nkl_loader *ld);
void nkl_svc_unclaim(struct nkl_loader *ld);
int nkl_svc_lock_idle(void);
bool nkl_svc_host_opening(void);
void nkl_svc_lock(void);
void nkl_svc_unlock(void);
/* At unload, with loaded cleared: no receive is left copying out of the
 * shared region. */
void nkl_svc_copies_drain(void);
long nkl_svc_ioctl(struct file *file, unsigned int cmd, void __user *uarg);
int nkl_svc_open(struct file *file);
void nkl_svc_release(struct file *file);
__poll_t nkl_svc_poll(struct file *file, struct poll_table_struct *pt);
int nkl_svc_mmap(struct file *file, struct vm_area_struct *vma);

/* ras.c: the host's death (module lifetime notifiers); arming its
 * restart (NK_IOC_RAS_ARM) */
int nkl_ras_init(struct nkl_loader *ld);
void nkl_ras_exit(void);
void nkl_ras_heartbeat_start(struct nkl_loader *ld);
void nkl_ras_heartbeat_stop(void);
struct nk_ras_arm_args;
long nkl_ioctl_ras_arm(struct nkl_loader *ld, struct nk_ras_arm_args __user *uarg);
struct nk_ras_read_args;
long nkl_ioctl_ras_read(struct nkl_loader *ld, struct nk_ras_read_args __user *uarg);

/* idt.c */
int nkl_idt_attach(struct nkl_loader *ld);
void nkl_idt_detach(struct nkl_loader *ld);
void nkl_idt_release(struct nkl_loader *ld);
void nkl_idt_test_reload(struct nkl_loader *ld);
bool nkl_idt_in_use(struct nkl_loader *ld);

/* Explain a refusal to user space and the kernel log; returns err. */
__printf(3, 4)
int nkl_refuse(struct nkl_loader *ld, int err, const char *fmt, ...);

#endif /* LOADER_LOADER_H */
