/* SPDX-License-Identifier: GPL-2.0 */
/*
 * loader/svc.h - what the loader's service files share: svc.c (the
 * doorbell, one call, waits, descriptors), svc_ioctl.c (the ioctls),
 * svc_map.c (mmap, poll).
 */
#ifndef LOADER_SVC_H
#define LOADER_SVC_H

#include <linux/mutex.h>
#include <linux/wait.h>
#include <nk/svc.h>

/* A descriptor's slots: each kind's handles by their index. */
#define NKL_MQ		0u
#define NKL_EV		(NKL_MQ + NK_MQ_MAX)
#define NKL_SHM		(NKL_EV + NK_EV_MAX)
#define NKL_PNVM	(NKL_SHM + NK_SHM_MAX)
#define NKL_SVC_SLOTS	(NKL_PNVM + NK_PNVM_MAX)
/* References one descriptor may hold to one segment or region. */
#define NKL_FILE_REFS_MAX	65535u

/* What one open descriptor holds, under its lock (never held across a
 * sleep or a copy to or from user memory... but for the copies of its
 * own arguments, which do not take nkl_svc_mutex). */
struct nkl_svc_file {
	struct mutex lock;
	u32 epoch;			/* the load its handles belong to */
	u32 handle[NKL_SVC_SLOTS];	/* the handle held, or 0 */
	u32 refs[NKL_SVC_SLOTS];	/* segments' and regions' opens */
	int watch;			/* the queue's slot poll() watches, or -1 */
};

/* What the leak check sees (nkctl svc list): live now. */
struct nkl_svc_counts {
	atomic_t files;		/* descriptors open */
	atomic_t allocs;	/* the loader's own allocations for them */
	atomic_t handles;	/* handles held by descriptors */
	atomic_t refs;		/* references held by descriptors */
	atomic_t maps;		/* mappings, each with a reference */
	atomic_t doorbells;	/* host doorbells taken, ever */
	atomic_t opening;	/* creates and opens between their call and
				 * the descriptor's hold (a detach waits) */
};

/* A call that may sleep: its object's wait queue and the time left. */
struct nkl_svc_wait {
	bool waits;
	long left;		/* jiffies, or MAX_SCHEDULE_TIMEOUT */
	wait_queue_head_t *wq;
	atomic_t *seq, *sleepers;
	bool from_user;		/* the data comes straight from the process, */
	const void __user *uin;	/* from here (which may be NULL, and fault) */
};

extern struct nkl_svc_counts nkl_svc_counts;
extern u32 nkl_svc_epoch;
extern struct nkl_loader *nkl_svc_ld;
extern wait_queue_head_t nkl_mq_wq[NK_MQ_MAX], nkl_ev_wq[NK_EV_MAX];
extern atomic_t nkl_mq_sleepers[NK_MQ_MAX], nkl_ev_sleepers[NK_EV_MAX];

/* svc.c */
int nkl_svc_call_locked(struct nk_svc_req *req, const void *in, u32 in_len,
			void *out, u32 out_len);
int nkl_svc_call(struct nk_svc_req *req, const void *in, u32 in_len,
		 void *out, u32 out_len);
int nkl_svc_simple(u32 op, u32 handle);
int nkl_svc_simple_arg(u32 op, u32 handle, u32 arg0);
int nkl_svc_wait_call(struct nk_svc_req *req, const void *in, u32 in_len,
		      void *out, u32 out_len, struct nkl_svc_wait *w);
void nkl_svc_wait_mq(struct nkl_svc_wait *w, int timeout_ms, u32 index);
void nkl_svc_wait_ev(struct nkl_svc_wait *w, int timeout_ms, u32 index);
void nkl_svc_file_current(struct nkl_svc_file *f);
unsigned int nkl_svc_slot(unsigned int kind, u32 h);
bool nkl_svc_holds(struct nkl_svc_file *f, unsigned int kind, u32 h);
int nkl_svc_hold(struct nkl_svc_file *f, unsigned int kind, u32 h, bool counted);
void nkl_svc_unhold(struct nkl_svc_file *f, unsigned int kind, u32 h, bool counted);
void *nkl_svc_buf(u32 len);
void nkl_svc_buf_free(void *b);
void nkl_svc_lock(void);
void nkl_svc_unlock(void);
bool nkl_svc_copy_begin(void);
void nkl_svc_copy_end(void);

#endif /* LOADER_SVC_H */
